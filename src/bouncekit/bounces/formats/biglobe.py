"""BIGLOBE (biglobe.ne.jp and its partner ISPs): "Returned mail:" from postmaster.

Follows Sisimai's ``Lhost::Biglobe``. Recipients are bare address lines after "The following
addresses had delivery problems", and the reason is in the "Non-delivered information" text,
whose two known sentences Sisimai maps to reasons.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import reason_from_table, sweep
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_FROM = re.compile(r"postmaster@(?:biglobe|inacatv|tmtv|ttv)\.ne\.jp", re.I)
_START = "----- The following addresses had delivery problems -----"
_ADDRESS = re.compile(r"^([^ @]+@[^ @]+\.[^ @]+)$")
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.FILTERED: ("mail delivery failed... user unknown",),
    Reason.MAILBOXFULL: ("the number of messages in recipient's mailbox exceeded the local limit",),
}


def matches(mail: Mail) -> bool:
    return bool(_FROM.search(mail.sender)) and mail.subject.startswith("Returned mail:")


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = before_original(mail.body)
    start = report.find(_START)
    if start == -1:
        return None
    found: list[tuple[str, list[str]]] = []
    for line in report[start + len(_START) :].split("\n"):
        line = line.strip()
        recipient = _ADDRESS.match(line)
        if recipient:
            found.append((recipient.group(1).strip("<>"), []))
        elif found and line and (line[0].isalnum() or line[0] == "_"):
            found[-1][1].append(line)
    records = []
    for address, lines in found:
        text = sweep(" ".join(lines))
        records.append(
            DecodedRecipient(
                recipient=address, diagnostic=text, reason=reason_from_table(text, _MESSAGES)
            )
        )
    return records or None


FORMAT = BounceFormat(name="Biglobe", order=MTA_SPECIFIC, matches=matches, decode=decode)
