"""Unknown MTA #3, "Delivery status notification" from a "Mail Delivery System", after X3.

Follows Sisimai's ``Lhost::X3``. Recipients are bulleted with "*"; the technical details give
the error on a line of its own::

       * kijitora@example.com
    ...
    SMTP:RCPT host 192.0.2.8: 553 5.3.0 <kijitora@example.com>... No such user here

"Routing:" and a ``Diagnostic-Code`` field (in a delivery-status part) say the same for
failures that never reached a remote host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bouncekit.bounces.formats import UNKNOWN_MTA, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, status_in_text, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_START = "      This is an automatically generated Delivery Status Notification."
_RECIPIENT = re.compile(r"^[ \t]+\*[ \t](\S+@\S+)\s*$")
_SMTP = re.compile(r"^SMTP:(\S+)[ \t](.+)$")
_ERRORS = (re.compile(r"^Routing: (.+)"), re.compile(r"^Diagnostic-Code: smtp; (.+)"))
_ORIGINAL = re.compile(r"^Content-Type: (?:message/rfc822|text/rfc822-headers)", re.M | re.I)


@dataclass(slots=True)
class _Draft:
    recipient: str
    diagnosis: str = ""
    command: str | None = None


def matches(mail: Mail) -> bool:
    return mail.sender.startswith("Mail Delivery System") and mail.subject.startswith(
        "Delivery status notification"
    )


def _read(lines: list[str]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for line in lines:
        recipient = _RECIPIENT.match(line)
        if recipient:
            drafts.append(_Draft(recipient.group(1)))
            continue
        if not drafts:
            continue
        smtp = _SMTP.match(line)
        if smtp:
            drafts[-1].command, drafts[-1].diagnosis = smtp.group(1).upper(), smtp.group(2)
            continue
        for pattern in _ERRORS:
            error = pattern.match(line)
            if error:
                drafts[-1].diagnosis = error.group(1)
    return drafts


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    lines = cut_at(mail.body, _ORIGINAL).split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith(_START)), None)
    if start is None:
        return None
    records = []
    for draft in _read(lines[start + 1 :]):
        diagnosis = sweep(draft.diagnosis)
        records.append(
            DecodedRecipient(
                recipient=draft.recipient,
                diagnostic=diagnosis,
                status=status_in_text(diagnosis),
                command=draft.command,
            )
        )
    return records or None


FORMAT = BounceFormat(name="X3", order=UNKNOWN_MTA, matches=matches, decode=decode)
