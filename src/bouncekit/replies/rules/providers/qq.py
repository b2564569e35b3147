"""Tencent QQ Mail and Exmail (``*.qq.com``).

QQ Mail's replies link to its help pages at http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022
with a ``no=`` number per reason. Reasons follow Sisimai's ``Rhost/Tencent`` table.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://service.mail.qq.com/detail/0/310"

PROVIDER = Provider(
    key="qq",
    name="Tencent QQ Mail",
    host_suffixes=(".qq.com",),
    markers=("service.mail.qq.com", "mail.qq.com", "exmail.qq.com"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="qq.frequency-limited",
        reason=Reason.TOOMANYCONN,
        phrases=(
            "ip frequency limited",
            "connection frequency limited",
            "domain frequency limited",
        ),
        examples=(
            "550 Ip frequency limited [V2VkIEFwciAgMyAxNjozNjo1OSBKU1QgMjAxOQo=/RkNGMjlFQTVEQ0E "
            "Blocked IP 192.0.2.22]. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725",
            "550 Connection frequency limited [Q1YzZ3kxdnRYYnpkbVZ0MAo+QTMzMTMzRjUxNzQ4Cg/"
            "MTI3MTY2MDge= Blocked IP 192.0.2.22]. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722",
        ),
        summary="QQ Mail limits how often your IP or domain may connect and send.",
        docs_url=DOCS,
    ),
    Rule(
        id="qq.mailbox-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("mailbox not found",),
        examples=(
            "550 Mailbox not found. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
        ),
        summary="QQ Mail has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="qq.content-denied",
        reason=Reason.SPAMDETECTED,
        phrases=("mail content denied",),
        examples=(
            "550 Mail content denied. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726",
        ),
        summary="QQ Mail judged the content to be spam.",
        docs_url=DOCS,
    ),
)
