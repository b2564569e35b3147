"""Unknown MTA #6: "There was an error sending your mail", after Sisimai's ``Lhost::X6``.

One line per failed recipient, after "N error(s):", which quotes the remote server's reply::

    1 error(s):

    SMTP Server <smtpd.example.org> rejected recipient <kijitora@example.org> (Error following
    RCPT command). It responded as follows: [550 5.1.1 User unknown]

    The following recipients returned permanent errors: kijitora@example.org. Reason: ...
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import UNKNOWN_MTA, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_START = re.compile(r"^\d+ *error\(s\):")
_ORIGINAL = re.compile(r"^The attachment contains the original mail headers", re.MULTILINE)
_RECIPIENT = (
    re.compile(r"<([^ @<>]+@[^ @<>]+)>"),
    re.compile(r"errors: *([^ ]+@[^ ]+?)\.?(?: |$)"),
)
_COMMAND = re.compile(r"\b(HELO|EHLO|MAIL|RCPT|DATA)\b")


def matches(mail: Mail) -> bool:
    return mail.subject.startswith("There was an error sending your mail")


def _address(line: str) -> str | None:
    for pattern in _RECIPIENT:
        found = pattern.search(line)
        if found:
            return found.group(1)
    return None


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    reading = False
    records = []
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        if not reading:
            reading = bool(_START.match(line))
            continue
        address = _address(line)
        if address is None:
            continue
        command = _COMMAND.search(line)
        records.append(
            DecodedRecipient(
                recipient=address,
                diagnostic=sweep(line),
                command=command.group(1) if command else None,
            )
        )
    return records or None


FORMAT = BounceFormat(name="X6", order=UNKNOWN_MTA, matches=matches, decode=decode)
