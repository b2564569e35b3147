"""Amazon WorkMail DSNs (MAILER-DAEMON@*.amazonses.com with ``X-Mailer: Amazon WorkMail``).

Follows Sisimai's ``Lhost::AmazonWorkMail``. The DSN is sent through SES. The status of a
recipient gives the reason where Sisimai's status table names one ("550 5.2.1 ... User
Unknown" is a mailbox that refuses mail, ``filtered``); the reply nested at the end of an
expiry notice gives the reply code.
"""

from __future__ import annotations

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._amazon import VAGUE_STATUSES, with_nested_reply
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")


def matches(mail: Mail) -> bool:
    return "Amazon WorkMail" in mail.headers.get(
        "x-mailer", ""
    ) or "Amazon WorkMail" in mail.headers.get("x-original-mailer", "")


def _judged(record: DecodedRecipient) -> DecodedRecipient:
    status = record.status
    if status in VAGUE_STATUSES:
        status = codes.find_status(record.diagnostic) or status
    reason = codes.status_reason(status) if status and status[0] == "5" else None
    record = revised(record, status=status, reason=reason)
    return with_nested_reply(record)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    # Some DSNs write the delivery-status fields into the text part.
    status_text = "\n\n".join(mail.texts(*_STATUS_TYPES)) or before_original(mail.body)
    records = dsn.recipients(status_text)
    return [_judged(record) for record in records] or None


FORMAT = BounceFormat(name="AmazonWorkMail", order=MTA_SPECIFIC, matches=matches, decode=decode)
