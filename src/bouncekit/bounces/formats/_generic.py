"""Formats that are RFC 3464 reports with one thing of their own: a reason table.

McAfee, Outlook.com (Hotmail) and PowerMTA write standard delivery-status fields; what Sisimai
adds for them is the reason their own wording or bounce category states, which the generic
reader cannot know. Each of these formats reads the fields with the generic reader, then
names the reason from its table.
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import rfc3464
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason


def with_reasons(
    mail: Mail, table: tuple[tuple[Reason, re.Pattern[str]], ...]
) -> list[DecodedRecipient] | None:
    """The generic records, each with the first reason of ``table`` its diagnostic matches."""
    records = rfc3464.decode(mail)
    if not records:
        return None
    return [
        revised(
            record,
            reason=next((r for r, pattern in table if pattern.search(record.diagnostic)), None),
        )
        for record in records
    ]


def recipient_fields(mail: Mail, name: str) -> list[str]:
    """The value of one per-recipient field, recipient by recipient ("" where absent)."""
    text = "\n\n".join(mail.texts("message/delivery-status")) or mail.body
    return [
        group.get(name, "")
        for group in dsn.field_groups(text)
        if "final-recipient" in group or "original-recipient" in group
    ]
