"""Lotus Notes' SMTP MTA: "Undeliverable message" with "------- Failure Reasons --------".

Follows Sisimai's ``Lhost::Notes``. Each recipient is an address line in the failure reasons
part; the lines before it are its error text. Sisimai maps two Notes sentences to reasons.
"""

from __future__ import annotations

import re

from bouncekit.bounces.address import ADDRESS
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import reason_from_table, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_START = "------- Failure Reasons "
_END = "------- Returned Message --------"
_TO = re.compile(r"^To:[ \t]*(.+)$", re.M | re.I)
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.USERUNKNOWN: (
        "user not listed in public name & address book",
        "ディレクトリのリストにありません",
    ),
    Reason.NETWORKERROR: ("message has exceeded maximum hop count",),
}


def matches(mail: Mail) -> bool:
    return mail.subject.startswith("Undeliverable message")


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    start = mail.body.find(_START)
    if start == -1:
        return None
    report, _, returned = mail.body[start + len(_START) :].partition(_END)
    found: list[tuple[str, list[str]]] = []
    leading: list[str] = []  # error lines before the first address belong to it
    for line in report.split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith("-"):
            continue
        if (named := ADDRESS.match(line.lstrip("<"))) is not None:
            found.append((named.group(0), [] if found else leading))
        else:
            (found[-1][1] if found else leading).append(line)
    if not found:
        # No address in the reasons: the returned message's To: is the recipient.
        to = _TO.search(returned)
        address = to.group(1).strip().strip("<>") if to else ""
        if "@" not in address:
            return None
        found.append((address, leading))
    records = []
    for address, lines in found:
        text = sweep(" ".join(lines))
        records.append(
            DecodedRecipient(
                recipient=address,
                diagnostic=text,
                reason=reason_from_table(text, _MESSAGES),
            )
        )
    return records


FORMAT = BounceFormat(name="Notes", order=MTA_SPECIFIC, matches=matches, decode=decode)
