"""OpenSMTPD's own wording (usr.sbin/smtpd/mta.c, queue.c, smtp_session.c), as collected in
Sisimai's OpenSMTPD decoder (lhost/via-opensmtpd.go in sisimai/go-sisimai) and its sample
bounces.

https://man.openbsd.org/smtpd.conf.5
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="opensmtpd.envelope-expired",
        reason=Reason.EXPIRED,
        phrases=("envelope expired",),
        examples=("550 Envelope expired",),
        summary="OpenSMTPD kept the message until its queue lifetime ran out.",
        priority=6,
    ),
    Rule(
        id="opensmtpd.credentials",
        reason=Reason.SECURITYERROR,
        phrases=("could not retrieve credentials",),
        examples=("530 Could not retrieve credentials",),
        summary="OpenSMTPD could not authenticate to the relay it was told to use.",
        priority=9,
    ),
    Rule(
        id="opensmtpd.no-domain",
        reason=Reason.HOSTUNKNOWN,
        phrases=("invalid domain name", "domain does not exist"),
        examples=("550 Domain does not exist", "550 Invalid domain name"),
        summary="The recipient's domain does not exist.",
        priority=6,
    ),
    Rule(
        id="opensmtpd.network",
        reason=Reason.NETWORKERROR,
        phrases=(
            "address family mismatch on destination mxs",
            "all routes to destination blocked",
            "bad dns lookup error code",
            "could not retrieve source address",
            "network error on destination mxs",
            "no valid route to remote mx",
            "no valid route to destination",
            "temporary failure in mx lookup",
        ),
        examples=("421 Network error on destination MXs",),
        summary="OpenSMTPD could not reach any server of the recipient's domain.",
        priority=7,
    ),
    Rule(
        id="opensmtpd.not-accept",
        reason=Reason.NOTACCEPT,
        phrases=(
            "destination seem to reject all mails",
            "no mx found for domain",
            "no mx found for destination",
        ),
        examples=("550 Destination seem to reject all mails",),
        summary="The recipient's domain refuses all mail or has no MX.",
        priority=8,
    ),
)
