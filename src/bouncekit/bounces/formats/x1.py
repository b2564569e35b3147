"""Unknown MTA #1, a Japanese "Mail Deliver System" (Mail2000 relays), after Sisimai's X1.

Each failed recipient is one line with the error in square brackets::

    The original message was received at Thu, 29 Apr 2010 23:34:45 +0900 (JST)
    from shironeko@example.jp

    ---The following addresses had delivery errors---

    kijitora@example.co.jp [User unknown]
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import UNKNOWN_MTA, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, filtered_user_unknown, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_RECEIVED_AT = re.compile(r"^The original message was received at (.+?)\s*$")
_RECIPIENT = re.compile(r"^(\S+@\S+)[ \t]+\[(.+)\]\s*$")
# The returned original starts with its own Received line from an IP address.
_ORIGINAL = re.compile(r"^Received: from \d+\.\d+\.\d+\.\d", re.MULTILINE)


def matches(mail: Mail) -> bool:
    return mail.subject.startswith("Returned Mail: ") and mail.sender.startswith(
        '"Mail Deliver System" '
    )


def _record(address: str, error: str, date: str | None) -> DecodedRecipient:
    diagnosis = sweep(error)
    # No SMTP stage is given: Sisimai calls a bare "User unknown" a filter's refusal.
    filtered = filtered_user_unknown(None, None, diagnosis)
    return DecodedRecipient(
        recipient=address,
        diagnostic=diagnosis,
        date=date,
        reason=Reason.FILTERED if filtered else None,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    date: str | None = None
    found: list[tuple[str, str]] = []
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        if date is None:
            received = _RECEIVED_AT.match(line)
            if received:
                date = received.group(1)
            continue
        recipient = _RECIPIENT.match(line)
        if recipient:
            found.append((recipient.group(1), recipient.group(2)))
    return [_record(address, error, date) for address, error in found] or None


FORMAT = BounceFormat(name="X1", order=UNKNOWN_MTA, matches=matches, decode=decode)
