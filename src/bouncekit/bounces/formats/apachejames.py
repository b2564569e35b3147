"""Apache James: "Error message below:" and the message details with "RCPT TO:".

Follows Sisimai's ``Lhost::ApacheJames``. The error text runs from "Error message below:" to
"Message details:", and the recipient is the "RCPT TO:" line of the details.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.formats._text import before_original, between, received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_RECIPIENT = re.compile(r"^  RCPT TO: (\S+@\S+)$", re.M)
_DATE = re.compile(r"^  Sent date: (.+)$", re.M)


def matches(mail: Mail) -> bool:
    return (
        mail.subject == "[BOUNCE]"
        or ".JavaMail." in mail.headers.get("message-id", "")
        or "JAMES SMTP Server" in received_text(mail)
    )


def _raw_text(mail: Mail) -> str:
    """Every text part: James folds a part's boundary parameter onto a line of its own, and
    the report may sit in a part that is not the first.
    """
    return "\n".join(text for _, text in mail.sections)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = before_original(mail.body)
    if "RCPT TO:" not in report:
        report = before_original(_raw_text(mail))
    addresses = _RECIPIENT.findall(report)
    if not addresses:
        return None
    error = between(report, "Error message below:", "Message details:")
    date = _DATE.search(report)
    return [
        DecodedRecipient(
            recipient=address.strip("<>"),
            diagnostic=sweep(error),
            date=date.group(1).strip() if date else None,
        )
        for address in addresses
    ]


FORMAT = BounceFormat(name="ApacheJames", order=MTA_SPECIFIC, matches=matches, decode=decode)
