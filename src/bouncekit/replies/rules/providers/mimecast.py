"""Mimecast (secure email gateway, ``*.mimecast.com``).

Mimecast documents its replies at https://community.mimecast.com/s/article/Mimecast-SMTP-Error-
Codes-842605754; every reply names mimecast in a documentation link or a signature name.
Reasons follow Sisimai's ``Rhost/Mimecast`` table.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Retry, Rule

DOCS = "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754"

PROVIDER = Provider(
    key="mimecast",
    name="Mimecast",
    host_suffixes=(".mimecast.com", ".mimecast.co.za", ".mimecast-offshore.com"),
    markers=("mimecast", "mcspamsignature"),
    docs_url=DOCS,
)

_RECIPIENT_ADMIN = Action(
    "Ask the recipient's administrator to add a Mimecast Permitted Senders or Auto Allow "
    "policy for you, or report a wrong rejection with Mimecast's sender feedback form.",
    url="https://www.mimecast.com/senderfeedback/",
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="mimecast.host-network-not-allowed",
        reason=Reason.POLICYVIOLATION,
        phrases=("host network not allowed",),
        examples=(
            "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554 "
            "[z7qZw5BPd1zlDYHka4589ru.us222]",
        ),
        summary="The recipient's Mimecast geographic-restriction policy refuses mail from "
        "your network.",
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.security-policies",
        reason=Reason.VIRUSDETECTED,
        phrases=("email rejected due to security policies",),
        examples=(
            "554 email rejected due to security policies - MCSpamSignature.sa.2.2",
            "554 Email rejected due to security policies - "
            "https://community.mimecast.com/docs/DOC-1369#554 [aBcDeFgHiJ.uk123]",
        ),
        summary="Mimecast matched a virus or spam signature in the message.",
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.invalid-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=("invalid recipient - https://community.mimecast.com",),
        examples=(
            "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 "
            "[mH3HpD4vPvq0tTjvLqC8ZQ.uk149]",
        ),
        summary="The organisation behind Mimecast has no such recipient.",
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.greylisting",
        reason=Reason.BADREPUTATION,
        phrases=("internal resources are temporarily unavailable",),
        examples=(
            "451 Internal resources are temporarily unavailable - "
            "https://community.mimecast.com/docs/DOC-1369#451 [k4jHv0VCNn6n7Zl3RCqYjA.us242]",
        ),
        summary="Mimecast is greylisting your IP or doubts its reputation; a correct retry "
        "gets through.",
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.ip-reputation",
        reason=Reason.BADREPUTATION,
        phrases=("local ct ip reputation",),
        examples=(
            "550 Local CT IP Reputation - (reject) - "
            "https://community.mimecast.com/docs/DOC-1369#550 [Ab1Cd2Ef3Gh4.us510]",
        ),
        summary="Mimecast rejects your IP for its poor reputation.",
        actions=(
            Action(
                "Ask Mimecast to review your IP range with its online form.",
                url="https://www.mimecast.com/senderfeedback/",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.spf-dkim-dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "spf sender invalid - envelope rejected",
            "dkim sender invalid - envelope rejected",
            "dmarc sender invalid - envelope rejected",
        ),
        examples=(
            "550 SPF Sender Invalid - envelope rejected - "
            "https://community.mimecast.com/docs/DOC-1369#550 [xYz12AbCd.us123]",
            "550 DMARC Sender Invalid - envelope rejected - "
            "https://community.mimecast.com/docs/DOC-1369#550 [QwErTy12.uk45]",
        ),
        summary="Mimecast rejected the message because it failed SPF, DKIM or DMARC.",
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.anti-spoofing",
        reason=Reason.POLICYVIOLATION,
        phrases=(
            "anti-spoofing policy",
            "content examination policy",
        ),
        examples=(
            "550 Rejected by header based Anti-Spoofing policy: kijitora@example.com - "
            "https://community.mimecast.com/docs/DOC-1369#550 [AbCdEf.uk12]",
        ),
        summary="A Mimecast policy of the recipient's organisation (anti-spoofing or content "
        "examination) rejected the message.",
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.blocked-sender",
        reason=Reason.REJECTED,
        phrases=(
            "administrative prohibition - envelope blocked",
            "envelope blocked - user entry",
            "envelope blocked - user domain entry",
            "blocked senders - block policy",
        ),
        examples=(
            "550 Administrative prohibition - envelope blocked - "
            "https://community.mimecast.com/docs/DOC-1369#550 [Zx9Yw8.us23]",
        ),
        summary="The recipient's organisation (or the recipient) blocks your address or "
        "domain in Mimecast.",
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.size",
        reason=Reason.MESGTOOBIG,
        phrases=("maximum email size exceeded",),
        examples=(
            "554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554 "
            "[Lm3No4.uk77]",
        ),
        summary="The message exceeds the recipient's Mimecast size limit.",
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.tls-required",
        reason=Reason.SECURITYERROR,
        phrases=("this route requires encryption", "this route requires tls version"),
        examples=(
            "553 This route requires encryption (TLS) - "
            "https://community.mimecast.com/docs/DOC-1369#553 [Pq5Rs6.us88]",
        ),
        summary="The recipient's Mimecast policy requires TLS for your mail.",
        docs_url=DOCS,
    ),
)
