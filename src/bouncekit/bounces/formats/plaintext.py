"""Plain-text failure notices without delivery status fields, the fallback before RFC 3464.

Some MTAs send a few sentences from MAILER-DAEMON or postmaster and no ``message/delivery-
status`` part at all::

    User's mailbox is full: <kijitora@example.jp>
    Unable to deliver mail.

Sisimai's RFC3464 reader falls back to scanning such a body for addresses
(``BODY_PARSER_FOR_FALLBACK``). This module does the same conservatively: the message must come
from a mail system with a failure subject, and an address counts only after a phrase that says
the delivery to it failed, never just because it appears in the text.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import BounceFormat
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_SENDER = re.compile(r"\b(?:mailer-daemon|postmaster)(?:@|\b)", re.IGNORECASE)
_SUBJECT = re.compile(
    r"delivery (?:failed|failure|report)|failure notice|mail (?:delivery|error)|non-delivery"
    r"|returned mail|undeliverable|undelivered mail",
    re.IGNORECASE,
)
# Phrases that name a recipient whose delivery failed (from Sisimai's fallback list, without
# its bare "an address at the start of a line", which also finds quoted headers).
_FAILED_ADDRESS = re.compile(
    r"(?:mailbox is full|did not reach the following recipient|could not be delivered to"
    r"|delivery failed|failed recipient|failed to deliver to|unknown user|undeliverable to"
    r"|undeliverable address|intended recipient)"
    r":?[ \t]+['\"]?<?([^\s@=<>'\"]+@[-.0-9A-Za-z]+\.[0-9A-Za-z]+)>?",
    re.IGNORECASE,
)
# Where the report ends and a quoted or attached copy of the message begins.
_STOP = (
    "content-type: message/delivery-status",
    "here is a copy of the first part of the message",
    "the non-delivered message is attached to this message",
    "a copy of the original message below this line:",
    "attachment is a copy of the message",
    "below is a copy of the original message:",
    "below this line is a copy of the message",
    "message text follows:",
    "original message follows",
    "the attachment contains the original mail headers",
    "unsent message below",
    "your message reads (in part):",
    "\nreceived: ",
    "\nreturn-path: ",
)
_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")


def matches(mail: Mail) -> bool:
    for kind, _ in mail.sections:
        if kind in _STATUS_TYPES:
            return False  # a DSN: the RFC 3464 reader's
    return bool(_SENDER.search(mail.sender)) and bool(_SUBJECT.search(mail.subject))


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = before_original(mail.human, _STOP)
    if "final-recipient:" in report.lower():
        return None  # delivery status fields in the text: the RFC 3464 reader's
    found: dict[str, DecodedRecipient] = {}  # by lowercased address, first mention wins
    # The paragraph that says the delivery failed is the diagnostic, not one that quotes the
    # address in a header ("To: <kijitora@example.net>").
    for paragraph in re.split(r"\n[ \t]*\n", report):
        for match in _FAILED_ADDRESS.finditer(paragraph):
            address = match.group(1).strip(".")
            record = DecodedRecipient(recipient=address, diagnostic=paragraph.strip())
            found.setdefault(address.lower(), record)
    return list(found.values()) or None


# Before the generic RFC 3464 reader (900), after every MTA's own format.
FORMAT = BounceFormat(name="RFC3464", order=880, matches=matches, decode=decode)
