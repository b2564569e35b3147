"""Cox Communications (``*.cox.net``).

Cox explains each ``AUP#`` code at
https://www.cox.com/residential/support/email-error-codes.html. Reasons follow Sisimai's
``Rhost/Cox`` table; the AUP code decides over the words around it ("sender rejected" is the
generic lead-in of many AUP codes), hence the higher priority of the code rules.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://www.cox.com/residential/support/email-error-codes.html"

PROVIDER = Provider(
    key="cox",
    name="Cox",
    host_suffixes=(".cox.net",),
    markers=("cox.com/residential/support/email-error-codes", "aup#cx", "aup#cdrbl", "aup#ipbl"),
    docs_url=DOCS,
)

_UNBLOCK = Action(
    "Use Cox's unblock request (email error codes page) once the cause is fixed; Cox decides "
    "at its own discretion.",
    url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="cox.aup-blocked",
        reason=Reason.BLOCKED,
        phrases=("aup#cxbl", "aup#cdrbl", "aup#ipbl"),
        priority=5,
        examples=(
            "550 5.1.0 <bounce@mailer.cnt1.example.com> sender rejected. Refer to Error Codes "
            "section at https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#CDRBL",
            "554 192.0.2.25 rejected. Refer to Error Codes section at "
            "https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#CXBL",
        ),
        summary="Cox blocks your sending IP for spam-like behaviour (CDRBL: for up to 24 "
        "hours) or because a DNS blocklist names it (IPBL).",
        actions=(_UNBLOCK,),
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-dns",
        reason=Reason.REQUIREPTR,
        phrases=("aup#cxdns", "rejected - no rdns", "dns check failure - try again later"),
        priority=5,
        examples=(
            "554 192.0.2.25 rejected - no rDNS. Refer to Error Codes section at "
            "https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#CXDNS",
        ),
        summary="Cox requires a valid PTR record for the sending IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-sender-auth",
        reason=Reason.AUTHFAILURE,
        phrases=("aup#cxsndr",),
        priority=5,
        examples=(
            "550 5.1.0 <bounce@example.com> sender rejected. Refer to Error Codes section at "
            "https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#CXSNDR",
        ),
        summary="The message failed SPF, DKIM or DMARC checks of your sending domain at Cox.",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-connections",
        reason=Reason.TOOMANYCONN,
        phrases=("aup#cxcnct", "aup#cxmxrt", "too many sessions from"),
        priority=5,
        examples=(
            "421 192.0.2.25 too many sessions from 192.0.2.25. Refer to Error Codes section "
            "at https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#CXCNCT",
        ),
        summary="Cox limits concurrent connections (about 10) and recipients per IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-url-blocklist",
        reason=Reason.SPAMDETECTED,
        phrases=("aup#urlbl",),
        priority=5,
        examples=(
            "554 Message rejected. Refer to Error Codes section at "
            "https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#URLBL011",
        ),
        summary="A link in the message is on a domain blocklist (SURBL, Spamhaus DBL, ivmURI).",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.recipient-rejected",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient rejected",),
        examples=(
            "550 5.1.1 <kijitora@cox.net> recipient rejected. Refer to Error Codes section at "
            "https://www.cox.com/residential/support/email-error-codes.html for more "
            "information.",
        ),
        summary="The address is not a valid Cox account.",
        docs_url=DOCS,
    ),
)
