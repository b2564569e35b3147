"""Alibaba Mail (阿里邮箱, Alibaba Cloud's enterprise mail; MX ``mxw.mxhichina.com``).

Alibaba Cloud's help article on Alibaba Mail's common bounce messages,
https://help.aliyun.com/document_detail/36612.html, is not stored; its table ("阿里邮箱报错信息":
message, cause, fix) is read from a copy of the article at
http://bestwisewords.com/document_detail/36612.html (in traditional characters), whose stored
part shows the first rows; the ``source`` of each line names Alibaba's page. One row of it, the behavioural anti-spam stage, prints no reply text
and is left out; the row on the number of attachments is cut off before its cause and is left
out too. The rest are in ``tests/replies/data/provider_tables/alimail.jsonl``. Alibaba's
wording ("is achieved the maximum threshold", "isn't a local account") is its own, and serves
as its marker.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule, Verdict

DOCS = "https://help.aliyun.com/document_detail/36612.html"

PROVIDER = Provider(
    key="alimail",
    name="Alibaba Mail (Aliyun)",
    host_suffixes=(".mxhichina.com",),
    markers=(
        "spamed by local spam engine",
        "mailfrom account is a local account",
        "rcptto account isn't a local account",
        "is achieved the maximum threshold",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="alimail.local-spam-engine",
        reason=Reason.SPAMDETECTED,
        phrases=("spamed by local spam engine",),
        examples=("spamed by local spam engine",),
        summary="Alibaba Mail's anti-spam system judged the message to have the features of "
        "spam and refused it.",
        docs_url=DOCS,
    ),
    Rule(
        id="alimail.mailfrom-is-local-account",
        reason=Reason.REJECTED,
        phrases=("mailfrom account is a local account",),
        examples=("502 Mailfrom account is a local account",),
        # The envelope sender is an Alibaba Mail account, but the message did not come through
        # Alibaba Mail's own outgoing server.
        summary="The sender address is an Alibaba Mail account, so Alibaba Mail accepts it "
        "only through its own outgoing server.",
        actions=(
            Action(
                "Send through Alibaba Mail's outgoing (SMTP) server as set out in its client "
                "settings.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="alimail.rcptto-not-local-account",
        reason=Reason.USERUNKNOWN,
        phrases=("rcptto account isn't a local account",),
        examples=("503 Rcptto account isn't a local account",),
        # Alibaba gives two causes: a misspelt account, or a recipient who has left Alibaba
        # Mail while Alibaba still holds the domain; in the second the address works
        # elsewhere, so the reply does not prove it gone.
        verdict=Verdict.UNKNOWN,
        summary="Alibaba Mail has no such account: the address is misspelt, or the recipient's "
        "domain has left Alibaba Mail while Alibaba still holds a record of it.",
        docs_url=DOCS,
    ),
    Rule(
        id="alimail.rcpt-threshold",
        reason=Reason.SPEEDING,
        phrases=(
            "the number of rcpt attempts is achieved the maximum threshold",
            "the total of rcpts is achieved the maximum threshold",
        ),
        examples=(
            "504 the number of RCPT attempts is achieved the maximum threshold",
            "505 the total of RCPTs is achieved the maximum threshold",
        ),
        summary="The Alibaba Mail account has sent more than its limit: too many recipients "
        "in a day, or too fast.",
        actions=(
            Action(
                "Lower the sending rate; after a daily limit, send again the next day.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="alimail.content-too-large",
        reason=Reason.MESGTOOBIG,
        phrases=(
            "the length of data content is achieved the maximum threshold",
            "the length of attach is achieved the maximum threshold",
        ),
        examples=(
            "510 The length of DATA content is achieved the maximum threshold",
            "510 The length of Attach is achieved the maximum threshold",
        ),
        summary="The message body or its attachments exceed Alibaba Mail's size limits.",
        docs_url=DOCS,
    ),
)
