"""Amazon SES receiving: a DSN for mail that SES accepted for a verified domain and could not
deliver ("This message could not be delivered.").

Follows Sisimai's ``Lhost::ReceivingSES``. The message carries ``X-SES-Outgoing`` like a
sending bounce (:mod:`.amazonses`); the opening sentence tells them apart. SES's own
diagnostic texts name the reason, and otherwise the status does, by Sisimai's status table.
"""

from __future__ import annotations

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import PROVIDER, BounceFormat
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_START = "This message could not be delivered."
# SES's own diagnostic texts (Sisimai's table): a mailbox SES does not know is "filtered".
_MESSAGES: tuple[tuple[str, Reason], ...] = (
    ("Mailbox does not exist", Reason.FILTERED),
    ("Message too large", Reason.MESGTOOBIG),
    ("Mailbox full", Reason.MAILBOXFULL),
    ("Message content rejected", Reason.CONTENTERROR),
)


def matches(mail: Mail) -> bool:
    return bool(mail.headers.get("x-ses-outgoing", ""))


def _judged(record: DecodedRecipient) -> DecodedRecipient:
    reason = next((r for text, r in _MESSAGES if text in record.diagnostic), None)
    if reason is None and record.status:
        reason = codes.status_reason(record.status)
    return revised(record, reason=reason)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    if _START not in mail.body:
        return None
    status_text = "\n\n".join(mail.texts(*_STATUS_TYPES)) or before_original(mail.body)
    return [_judged(record) for record in dsn.recipients(status_text)] or None


# Before AmazonSES, which matches the same header.
FORMAT = BounceFormat(name="ReceivingSES", order=PROVIDER + 40, matches=matches, decode=decode)
