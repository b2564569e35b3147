"""Chinese wording: the reasons QQ Mail writes into its failure notices.

Sources: the table of keywords in QQ Mail's bounce notices at
https://qqmailbox.com/transceivers/169.html ("通过判读退信里关键字,您可以了解退信的主要原因"), and
PHPMailer-BMH's rule 0174, which matches a GB2312 notice's "帐号不存在" in quoted-printable
(=D5=CA=BA=C5=B2=BB=B4=E6=D4=DA; as kept in Clavel NotificationBroker's
BounceMailHandlerRules.php).
The replies of Chinese providers themselves (QQ, NetEase, Coremail, Sina) are written in English
and are read by the English rules and providers/qq.py.

A literal that starts with a letter counts only where a word starts, and Chinese characters are
letters to that test: each phrase begins where the reason does (after a space, a line break or
punctuation such as "："), never inside a run of Chinese text.
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="zh.user-not-exist",
        reason=Reason.USERUNKNOWN,
        phrases=("该用户不存在", "该用户未开通qq邮箱", "帐号不存在"),
        examples=(
            # qqmailbox.com/transceivers/169.html
            "该用户不存在",
            "该用户未开通QQ邮箱",
            # PHPMailer-BMH rule 0174, decoded from GB2312
            "帐号不存在",
        ),
        summary="The recipient's mailbox does not exist (for QQ Mail: no QQ mailbox opened).",
        priority=USER,
    ),
    Rule(
        id="zh.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=("收件人空间不足",),
        examples=(
            # qqmailbox.com/transceivers/169.html
            "收件人空间不足",
        ),
        summary="The recipient's mailbox has no space left.",
        priority=MAILBOX,
    ),
)
