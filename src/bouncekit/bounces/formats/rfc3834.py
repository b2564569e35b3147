"""Automatic replies (RFC 3834): vacation and out-of-office messages.

The message was delivered; the record names the person who is away (the From of the
auto-reply) with the reason ``vacation``.
"""

from __future__ import annotations

import re

from bouncekit.bounces import address
from bouncekit.bounces.formats import STANDARD_DSN, BounceFormat, notice
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_AUTO_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-response-suppress", "x-mail-autoreply")
_SUBJECT = re.compile(
    r"^(?:auto(?:matic)?[ -]?(?:reply|response)|auto:|out of (?:the )?office|away\b|"
    r"vacation|abwesenheit|absence|r[ée]ponse automatique|自動応答|自動返信)",
    re.IGNORECASE,
)
# A failure report is never a vacation message, whatever its headers say.
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery status|failure|returned mail|failed|bounce|reject", re.IGNORECASE
)


def matches(mail: Mail) -> bool:
    if _BOUNCE_SUBJECT.search(mail.subject):
        return False
    if notice.notice_subject(mail.subject) or notice.from_mail_system(mail):
        return False  # a notice in any language, or from a mail system: notice.py's
    headers = mail.headers
    return (
        headers.get("auto-submitted", "").lower().startswith("auto-replied")
        or any(headers.get(name) for name in _AUTO_HEADERS)
        or headers.get("precedence", "").lower() == "auto_reply"
        or bool(_SUBJECT.search(mail.subject))
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    sender = address.first(mail.header("from") or mail.header("reply-to"))
    if sender is None:
        return None
    return [
        DecodedRecipient(
            recipient=sender,
            diagnostic=" ".join(mail.human.split())[:300],
            reason=Reason.VACATION,
        )
    ]


# After the RFC 3464 reader: a delivery report may carry the auto-reply marks too.
FORMAT = BounceFormat(name="RFC3834", order=STANDARD_DSN + 100, matches=matches, decode=decode)
