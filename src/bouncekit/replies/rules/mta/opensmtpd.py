"""OpenSMTPD's own wording (usr.sbin/smtpd/mta.c, queue.c, smtp_session.c), as collected in
Sisimai's OpenSMTPD decoder (lhost/via-opensmtpd.go in sisimai/go-sisimai) and its sample
bounces.

https://man.openbsd.org/smtpd.conf.5
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

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
    Rule(
        id="opensmtpd.host-not-found",
        reason=Reason.HOSTUNKNOWN,
        # mta.c: the relay's failure string when the destination host has no address.
        phrases=("host not found",),
        examples=("user@example.org: Host not found",),
        summary="The recipient's mail host does not exist in DNS.",
        priority=3,
    ),
    Rule(
        id="opensmtpd.auth-first",
        reason=Reason.SECURITYERROR,
        phrases=("must issue an auth command first",),
        examples=("530 5.5.1 Invalid command: Must issue an AUTH command first",),
        summary="This OpenSMTPD listener accepts mail only after SMTP authentication.",
        priority=12,
    ),
    Rule(
        id="opensmtpd.certificate-check",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("ssl certificate check failed",),
        examples=("SSL certificate check failed",),
        owner=Owner.RECEIVER,
        summary="The recipient server's TLS certificate did not verify.",
        priority=18,
    ),
    Rule(
        id="opensmtpd.connection-timeout",
        reason=Reason.NETWORKERROR,
        phrases=("connection timeout", "connection closed unexpectedly"),
        examples=("Connection timeout", "Connection closed unexpectedly"),
        summary="The session with the recipient's server timed out or was cut.",
        priority=2,
    ),
)
