"""Tencent QQ Mail and Exmail (``mx*.qq.com``).

QQ Mail explains each of its refusals on its own help page, https://service.mail.qq.com/detail/122
(one page per reply, ``detail/122/<n>``; older replies link to
``service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=<n>``). Those pages are not stored
where we can read them; the replies and their pages are listed in Sisimai's ``Rhost/Tencent``
table, and QQ Mail's bounce help table ("通过判读退信里关键字...") is quoted at
https://qqmailbox.com/transceivers/169.html (secondary sources). The Chinese texts are QQ Mail's
own bounce notices and stay as published.

Reasons follow Sisimai, except that "Mail is rejected by recipients" is the recipient's own
filter (Sisimai: rejected, which would blame the envelope sender).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://service.mail.qq.com/detail/122"


def _page(number: int) -> str:
    return f"https://service.mail.qq.com/detail/122/{number}"


PROVIDER = Provider(
    key="qq",
    name="Tencent QQ Mail",
    host_suffixes=(".qq.com",),
    markers=(
        "service.mail.qq.com",
        "mail.qq.com",
        "exmail.qq.com",
        # Wording only QQ Mail's servers use (Sisimai's Rhost/Tencent table).
        "suspected bounce attacks",
        "suspected spam ip",
        "spam is embedded in the email",
        "mail is rejected by recipients",
        "mailbox unavailable or access denined",
        "ip frequency limited",
        "domain frequency limited",
        "sender frequency limited",
        "connection frequency limited",
        # CJK has no word boundaries for the index to use, so the whole notice.
        "该用户未开通qq邮箱",
    ),
    docs_url=DOCS,
)

_SLOW_DOWN = Action(
    "QQ Mail limits how often one IP, domain or sender may connect and send, and keeps the "
    "limits secret: pause sending to QQ, then resume at a lower rate."
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="qq.frequency-limited",
        reason=Reason.TOOMANYCONN,
        phrases=(
            "ip frequency limited",
            "connection frequency limited",
            "domain frequency limited",
            "sender frequency limited",
        ),
        examples=(
            "550 Ip frequency limited [V2VkIEFwciAgMyAxNjozNjo1OSBKU1QgMjAxOQo=/RkNGMjlFQTVEQ0E "
            "Blocked IP 192.0.2.22]. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725",
            "550 Connection frequency limited [Q1YzZ3kxdnRYYnpkbVZ0MAo+QTMzMTMzRjUxNzQ4Cg/"
            "MTI3MTY2MDge= Blocked IP 192.0.2.22]. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000722",
            "Domain frequency limited",
            "Sender frequency limited",
        ),
        summary="QQ Mail limits how often your IP, domain or sender may connect and send.",
        actions=(_SLOW_DOWN,),
        docs_url=_page(172),
    ),
    Rule(
        id="qq.mailbox-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("mailbox not found", "该用户未开通qq邮箱"),
        examples=(
            "550 Mailbox not found. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728",
            # "This user has not opened a QQ mailbox": the QQ number exists, its mailbox not.
            "该用户未开通QQ邮箱",
        ),
        summary="QQ Mail has no mailbox at this address.",
        docs_url=_page(169),
    ),
    Rule(
        id="qq.content-denied",
        reason=Reason.SPAMDETECTED,
        phrases=("mail content denied", "spam is embedded in the email"),
        examples=(
            "550 Mail content denied. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726",
            "Spam is embedded in the email",
        ),
        summary="QQ Mail judged the content to be spam.",
        docs_url=_page(171),
    ),
    Rule(
        id="qq.suspected-spam-source",
        reason=Reason.BLOCKED,
        phrases=("suspected bounce attacks", "suspected spam ip"),
        examples=("Suspected bounce attacks", "Suspected spam ip"),
        summary="QQ Mail refuses your IP as a likely source of spam or of a bounce flood.",
        docs_url=_page(66),
    ),
    Rule(
        id="qq.rejected-by-recipients",
        # Sisimai: rejected. The recipients' own settings refuse the mail, not the sender's
        # envelope address: the recipient's filter, and the mailbox may exist.
        reason=Reason.FILTERED,
        phrases=("mail is rejected by recipients",),
        examples=("Mail is rejected by recipients",),
        summary="The QQ recipient's settings refuse mail from you.",
        docs_url=_page(92),
    ),
    Rule(
        id="qq.mailbox-access-limited",
        # Sisimai reads QQ's page for this reply as a rate limit on the recipient's mailbox.
        reason=Reason.SPEEDING,
        phrases=("mailbox unavailable or access denined",),
        examples=("Mailbox unavailable or access denined",),
        summary="QQ Mail is not letting more mail into this mailbox for now.",
        docs_url=_page(166),
    ),
)
