"""Symantec (Broadcom) Email Security.cloud, formerly MessageLabs: "Mail Delivery Failure".

Follows Sisimai's ``Lhost::MessageLabs``. Recipients and the status come from the
delivery-status part; the reply is the "Reason:" paragraph of the readable text, where the
multi-line "550-" reply is whole (in the delivery-status part its lines are not folded and do
not survive as one field). Sisimai maps two texts to reasons.
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.formats._text import between
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_FAILURES: tuple[tuple[Reason, re.Pattern[str]], ...] = (
    (Reason.USERUNKNOWN, re.compile(r"542 .+ Rejected|No such user")),
    (Reason.SECURITYERROR, re.compile(r"Please turn on SMTP Authentication in your mail client")),
)


def matches(mail: Mail) -> bool:
    return (
        bool(mail.headers.get("x-msg-ref", ""))
        and "mailer-daemon@messagelabs.com" in mail.sender.lower()
        and mail.subject.startswith("Mail Delivery Failure")
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    records = dsn.recipients("\n\n".join(mail.texts("message/delivery-status")))
    if not records:
        return None
    reply = sweep(between(mail.human, "\nReason:", "\n\n"))
    decoded = []
    for record in records:
        text = reply if len(records) == 1 and reply else record.diagnostic
        reason = next((reason for reason, pattern in _FAILURES if pattern.search(text)), None)
        decoded.append(revised(record, diagnostic=text, reason=reason))
    return decoded


FORMAT = BounceFormat(name="MessageLabs", order=MTA_SPECIFIC, matches=matches, decode=decode)
