"""Cox Communications (``*.cox.net``).

Cox explains each ``AUP#`` code at
https://www.cox.com/residential/support/email-error-codes.html; its postmaster site's table,
https://postmaster.cox.net/confluence/display/postmaster/Error+Codes, is the copy stored here,
up to ``IPBL1000``; the other codes and their meanings come from Sisimai's ``Rhost/Cox`` table,
which quotes Cox's page (secondary source). The ``IPBL`` and ``URLBL`` digits are bit flags: one
per list that names the IP (Spamhaus ZEN, Return Path, Invaluement ivmSIP, Cloudmark CSI) or the
link's domain (SURBL, Spamhaus DBL, ivmURI).

Reasons follow Sisimai, except ``CXMXRT`` (too many recipients, over the number of messages
allowed), which is a volume limit (Sisimai: toomanyconn). The AUP code decides over the words
around it ("sender rejected" is the generic lead-in of many AUP codes), hence the higher
priority of the code rules.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://www.cox.com/residential/support/email-error-codes.html"

PROVIDER = Provider(
    key="cox",
    name="Cox",
    host_suffixes=(".cox.net",),
    markers=(
        "cox.com/residential/support/email-error-codes",
        "aup#cx",
        "aup#cdrbl",
        "aup#ipbl",
        "aup#urlbl",
    ),
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
            "AUP#CXBL",
            "AUP#CDRBL",
            "AUP#IPBL0001",
            "AUP#IPBL1000",
            "AUP#IPBL00001",
        ),
        summary="Cox blocks your sending IP for spam-like behaviour (CXBL; CDRBL for up to 24 "
        "hours) or because DNS blocklists name it (IPBL: Spamhaus ZEN, Return Path, "
        "Invaluement ivmSIP, Cloudmark CSI).",
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
            "AUP#CXDNS",
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
            "AUP#CXSNDR",
        ),
        summary="The message failed SPF, DKIM or DMARC checks of your sending domain at Cox.",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-connections",
        reason=Reason.TOOMANYCONN,
        phrases=("aup#cxcnct", "too many sessions from"),
        priority=5,
        examples=(
            "421 192.0.2.25 too many sessions from 192.0.2.25. Refer to Error Codes section "
            "at https://www.cox.com/residential/support/email-error-codes.html for more "
            "information. AUP#CXCNCT",
            "AUP#CXCNCT",
        ),
        summary="Cox limits concurrent connections per IP (no more than 10).",
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
            "AUP#URLBL1001",
        ),
        summary="A link in the message is on a domain blocklist (SURBL, Spamhaus DBL, ivmURI).",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-volume",
        # Sisimai: toomanyconn. Cox: the sender sent to too many recipients, over the number of
        # messages allowed, and must wait: a volume limit.
        reason=Reason.SPEEDING,
        phrases=("aup#cxmxrt",),
        priority=5,
        examples=("AUP#CXMXRT",),
        summary="You sent to too many recipients at Cox and must wait before sending more.",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-smtp-violation",
        reason=Reason.REJECTED,
        phrases=("aup#cxsmtp",),
        priority=5,
        examples=("AUP#CXSMTP",),
        summary="Cox saw a violation of the SMTP protocol and could not verify that the mail "
        "came from a legitimate sender.",
        docs_url=DOCS,
    ),
    Rule(
        id="cox.aup-account-activity",
        # The sending Cox account itself, blocked for suspicious activity (a stolen password).
        reason=Reason.SECURITYERROR,
        phrases=("aup#cxthrt", "aup#cxmj"),
        priority=5,
        examples=("AUP#CXTHRT", "AUP#CXMJ"),
        summary="Cox limits or blocks sending from this Cox account after suspicious activity "
        "on it.",
        actions=(
            Action(
                "Reset all passwords of the Cox account, then contact Cox with the AUP code to "
                "have the block removed.",
                url=DOCS,
            ),
        ),
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
