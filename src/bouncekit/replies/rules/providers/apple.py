"""Apple iCloud Mail (icloud.com, me.com, mac.com).

Apple's postmaster page is https://support.apple.com/en-us/102322 (formerly HT204137), and
iCloud's replies link to it; its replies carry bracketed codes such as ``[CS01]``, ``[HM08]``
or ``[HME1]``. The page (as published on 2025-02-25) gives the bulk-sender requirements but no
table of error codes, so the replies judged in
``tests/replies/data/provider_tables/apple.jsonl`` come from Sisimai's ``Rhost/Apple`` (live
replies it quotes), https://smtp.codes/icloud and a news report of the [HM08] reply. Reasons
follow Sisimai's ``Rhost/Apple`` table.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://support.apple.com/en-us/102322"

PROVIDER = Provider(
    key="apple",
    name="Apple iCloud Mail",
    host_suffixes=(".icloud.com", ".me.com", ".mac.com", ".apple.com"),
    markers=(
        "support.apple.com/en-us/ht204137",
        "support.apple.com/en-us/102322",
        "support.apple.com/kb/ht204137",
        "[cs01]",
        "[cs02]",
        "[hm08]",
        "[hme1]",
        "me.com esmtp",
        "@icloud.com>: inactive email address",
        "@icloud.com>: user is over quota",
        "recipient no longer on server",
    ),
    docs_url=DOCS,
)

_POSTMASTER = Action(
    "Read Apple's postmaster guidance and use its form to report a wrongly blocked sender.",
    url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="apple.cs01-local-policy",
        reason=Reason.POLICYVIOLATION,
        phrases=("due to local policy", "[cs01]", "[hm08]"),
        examples=(
            "550 5.7.1 [CS01] Message rejected due to local policy. Please visit "
            "https://support.apple.com/en-us/HT204137",
            "554 5.7.1 [HM08] Message rejected due to local policy. Please visit "
            "https://support.apple.com/en-us/HT204137",
        ),
        summary="iCloud's filters refused the message (content, reputation or volume "
        "patterns); Apple does not say which.",
        actions=(_POSTMASTER,),
        docs_url=DOCS,
    ),
    Rule(
        id="apple.hme1-dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "'s dmarc policy",
            "failing both spf and dkim",
            "[hme1]",
        ),
        examples=(
            "554 5.7.1 Your message was rejected due to libsisimai.org's DMARC policy. See "
            "https://support.apple.com/en-us/HT204137 for info",
            "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM "
            "authentication checks. See https://support.apple.com/en-us/HT204137 for mailing "
            "best practices",
        ),
        summary="The message failed DMARC (or both SPF and DKIM) at iCloud.",
        docs_url=DOCS,
    ),
    Rule(
        id="apple.excessive-volume",
        reason=Reason.SPEEDING,
        phrases=("deferred due to excessive volume",),
        examples=(
            "421 4.7.1 Messages to kijitora@icloud.com deferred due to excessive volume. Try "
            "again later - https://support.apple.com/en-us/HT204137",
        ),
        summary="iCloud is deferring mail because you send it too fast.",
        docs_url=DOCS,
    ),
    Rule(
        id="apple.no-longer-on-server",
        reason=Reason.HASMOVED,
        phrases=("recipient no longer on server",),
        examples=("550 5.1.6 recipient no longer on server: kijitora@example.jp",),
        summary="The iCloud address was closed.",
        docs_url=DOCS,
    ),
    Rule(
        id="apple.inactive-address",
        reason=Reason.USERUNKNOWN,
        phrases=("inactive email address", "unknown or illegal alias", "user does not exist"),
        examples=("550 5.1.1 <pseudo-local-part-of-icloud@icloud.com>: inactive email address",),
        summary="iCloud has no active account at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="apple.over-quota",
        reason=Reason.MAILBOXFULL,
        phrases=("user is over quota",),
        examples=("552 5.2.2 <kijitora@icloud.com>: user is over quota",),
        summary="The recipient's iCloud storage is full.",
        docs_url=DOCS,
    ),
    Rule(
        id="apple.not-accepting-connections",
        reason=Reason.BLOCKED,
        phrases=("esmtp not accepting connections",),
        examples=("554 st11p00im-smtpin013.me.com ESMTP not accepting connections",),
        summary="iCloud refused the connection from your IP.",
        actions=(_POSTMASTER,),
        docs_url=DOCS,
    ),
)
