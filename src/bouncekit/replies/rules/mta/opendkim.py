"""OpenDKIM, the DKIM signing and verifying milter: the reply texts of ``dkimf_libstatus`` (one
per DKIM library status, sent as 550 5.7.0 when the On-* setting rejects, 451 4.7.0 or 4.7.5
when it defers) and of the RequiredHeaders check in ``mlfi_eom``.

"bad", "no" and "syntax error" signatures and a key that cannot be retrieved are the sending
domain's DKIM setup; "internal DKIM error", "resource unavailable" and a signing error are the
filtering server's own trouble.

http://www.opendkim.org/opendkim.conf.5.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import CAUSE, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        id="opendkim.signature",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "bad dkim signature data",
            "no dkim signature data",
            "dkim signature processing failed",
            "dkim key retrieval failed",
            "dkim signature syntax error",
        ),
        examples=(
            "550 5.7.0 bad DKIM signature data",
            "550 5.7.0 no DKIM signature data",
            "451 4.7.5 DKIM key retrieval failed",
            "550 5.7.0 DKIM signature syntax error",
        ),
        summary="The receiver's OpenDKIM refused the message: its DKIM signature is missing, "
        "does not verify, or its key could not be found in the signing domain's DNS.",
        priority=CAUSE,
    ),
    Rule(
        id="opendkim.internal",
        reason=Reason.SYSTEMERROR,
        phrases=("internal dkim error", "dkim signing error"),
        examples=("451 4.7.0 internal DKIM error", "451 4.7.0 DKIM signing error"),
        owner=Owner.RECEIVER,
        summary="OpenDKIM failed inside the filtering server (an internal error, or signing "
        "failed on the submission server).",
        priority=CAUSE,
    ),
    Rule(
        # DKIM_STAT_NORESOURCE: the bare text, with OpenDKIM's 4.7.0.
        id="opendkim.resource",
        reason=Reason.SYSTEMERROR,
        phrases=("resource unavailable",),
        statuses=("4.7.0", "5.7.0"),
        examples=("451 4.7.0 resource unavailable",),
        owner=Owner.RECEIVER,
        summary="OpenDKIM ran out of a resource (memory, a DNS resolver) on the filtering server.",
        priority=STRONG,
    ),
    Rule(
        id="opendkim.required-headers",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=(
            "message does not have exactly one from field",
            "message does not have exactly one date field",
            "message has multiple * fields",
        ),
        examples=(
            "550 5.0.0 message does not have exactly one From field",
            "550 5.0.0 message has multiple Subject fields",
        ),
        summary="The message breaks RFC 5322's header counts (one From, one Date, at most one "
        "Subject, To, Cc, Message-Id...), which the receiver's OpenDKIM enforces.",
        priority=STRONG,
    ),
)
