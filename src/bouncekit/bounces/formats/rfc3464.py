"""Generic delivery status notifications (RFC 3464), the last resort for failure reports.

Reads the ``message/delivery-status`` part, or delivery-status fields written into the text.
Where a recipient's ``Diagnostic-Code`` is missing, the paragraph of the human-readable text
that names the recipient stands in for it, and gives the SMTP stage when it says which.
"""

from __future__ import annotations

import dataclasses
import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import GENERIC_ORDER, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.mda import agent_error
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_IN_REPLY_TO = re.compile(r"in reply to (rcpt to|mail from|end of data|data|helo|ehlo)", re.I)
_COMMANDS = {"rcpt to": "RCPT", "mail from": "MAIL", "end of data": "DATA", "data": "DATA",
             "helo": "HELO", "ehlo": "EHLO"}  # fmt: skip


def matches(mail: Mail) -> bool:
    return bool(mail.texts(*_STATUS_TYPES)) or "final-recipient:" in mail.body.lower()


def paragraph_about(text: str, address: str) -> str:
    """The paragraph of a human-readable report that names this recipient, or ""."""
    lowered = address.lower()
    for paragraph in re.split(r"\n[ \t]*\n", text):
        if lowered in paragraph.lower():
            return paragraph.strip()
    return ""


def with_human_text(records: list[DecodedRecipient], human: str) -> list[DecodedRecipient]:
    """Fill a missing diagnostic and SMTP stage from the paragraph about each recipient."""
    enriched = []
    for record in records:
        paragraph = paragraph_about(human, record.recipient) if human else ""
        if paragraph:
            stage = _IN_REPLY_TO.search(paragraph)
            record = dataclasses.replace(
                record,
                command=record.command or (_COMMANDS[stage.group(1).lower()] if stage else None),
                diagnostic=record.diagnostic or paragraph,
            )
        enriched.append(record)
    return enriched


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    status_text = "\n\n".join(mail.texts(*_STATUS_TYPES)) or mail.body
    records = dsn.recipients(status_text)
    if not records:
        return None
    records = [
        dataclasses.replace(record, reason=Reason.DELIVERED)
        if record.action in ("delivered", "relayed", "expanded")
        else record
        for record in records
    ]
    records = with_human_text(records, mail.human)
    agent = agent_error(mail)
    if agent is None:
        return records
    # A local delivery agent failed: its line is the diagnostic, not an SMTP reply (no stage).
    return [
        dataclasses.replace(record, diagnostic=agent.message, command=None, replycode=None)
        for record in records
    ]


FORMAT = BounceFormat(name="RFC3464", order=GENERIC_ORDER, matches=matches, decode=decode)
