"""Unknown MTA #5: a gateway that wraps a Sendmail DSN in a message of its own, after X5.

Follows Sisimai's ``Lhost::X5``. The outer message (From "Mail Delivery Subsystem", To
"NotificationRecipients") only says that there were errors; the delivery status fields are in
the DSN attached as ``message/rfc822``.
"""

from __future__ import annotations

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import UNKNOWN_MTA, BounceFormat
from bouncekit.bounces.mail import ATTACHED_STATUS, Mail
from bouncekit.bounces.model import DecodedRecipient

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")


def matches(mail: Mail) -> bool:
    # Two of the three marks, as Sisimai asks: one alone is an ordinary Sendmail report.
    marks = (
        "NotificationRecipients" in mail.headers.get("to", ""),
        "Mail Delivery Subsystem" in mail.sender,
        "Mail Delivery Subsystem" in mail.subject,
    )
    return sum(marks) >= 2


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    # The DSN comes attached as a whole message: its own delivery-status part holds the fields.
    records = dsn.recipients("\n\n".join(mail.texts(*_STATUS_TYPES, ATTACHED_STATUS)))
    return records or None


FORMAT = BounceFormat(name="X5", order=UNKNOWN_MTA, matches=matches, decode=decode)
