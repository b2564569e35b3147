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
# "final-recipient:" in any ASCII case, as ``in body.lower()`` finds it, twice as fast: the
# literal "-" first lets the engine skip to each hyphen.
_FINAL_RECIPIENT = re.compile("-(?<=[Ff][Ii][Nn][Aa][Ll]-)[Rr][Ee][Cc][Ii][Pp][Ii][Ee][Nn][Tt]:")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_COMMANDS = {"rcpt to": "RCPT", "mail from": "MAIL", "end of data": "DATA", "data": "DATA",
             "helo": "HELO", "ehlo": "EHLO"}  # fmt: skip


def matches(mail: Mail) -> bool:
    for kind, _ in mail.sections:
        if kind in _STATUS_TYPES:
            return True
    return bool(_FINAL_RECIPIENT.search(mail.body))


def paragraph_about(text: str, address: str) -> str:
    """The paragraph of a human-readable report that names this recipient, or ""."""
    lowered = address.lower()
    lowered_text = text.lower()
    found = lowered_text.find(lowered)
    if found == -1:
        return ""
    if len(lowered_text) != len(text) or any(char.isspace() for char in lowered):
        # Lowercasing changed the length ("İ"), or the address could span a paragraph break:
        # offsets into the lowered text do not hold, so read paragraph by paragraph.
        for paragraph in _PARAGRAPH_BREAK.split(text):
            if lowered in paragraph.lower():
                return paragraph.strip()
        return ""
    # The paragraph around the first mention, with the breaks re.split would find.
    start = 0
    for paragraph_break in _PARAGRAPH_BREAK.finditer(text):
        if paragraph_break.start() >= found:
            return text[start : paragraph_break.start()].strip()
        start = paragraph_break.end()
    return text[start:].strip()


def _stage(paragraph: str) -> str | None:
    """The SMTP command that a paragraph's "in reply to ..." names.

    A case-insensitive regex reads a long paragraph (a whole HTML page) slowly, so the regex is
    tried only where the lowercased text has "reply": its letters have no other case forms
    than their ASCII ones, and where lowercasing kept the length, offsets agree.
    """
    lowered = paragraph.lower()
    if len(lowered) != len(paragraph):
        stage = _IN_REPLY_TO.search(paragraph)
    else:
        stage = None
        index = lowered.find("reply", 3)  # after "in "
        while stage is None and index != -1:
            stage = _IN_REPLY_TO.match(paragraph, index - 3)
            index = lowered.find("reply", index + 1)
    return _COMMANDS[stage.group(1).lower()] if stage else None


def with_human_text(records: list[DecodedRecipient], human: str) -> list[DecodedRecipient]:
    """Fill a missing diagnostic and SMTP stage from the paragraph about each recipient."""
    enriched = []
    for record in records:
        paragraph = paragraph_about(human, record.recipient) if human else ""
        if paragraph:
            record = dataclasses.replace(
                record,
                command=record.command or _stage(paragraph),
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
