"""Digital Arts m-FILTER: "failure notice" with "-------server message" and "-------SMTP command".

Follows Sisimai's ``Lhost::mFILTER``. The recipient is a bare address line, the reply the first
line under "-------server message", the SMTP stage the line under "-------SMTP command".
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_ORIGINAL = re.compile(r"^-------original (?:message|mail info)", re.M)
_ADDRESS = re.compile(r"^([^ ]+@[^ ]+\.[a-zA-Z]+)$")
_COMMAND = re.compile(r"^[A-Z]{4}")


def matches(mail: Mail) -> bool:
    return mail.headers.get("x-mailer", "") == "m-FILTER" and mail.subject == "failure notice"


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[list[str]] = []  # [address, reply, command]
    section = ""
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        line = line.strip()
        if not line:
            continue
        if _ADDRESS.match(line):
            found.append([line, "", ""])
        elif line == "-------server message":
            section = "reply"
        elif line == "-------SMTP command":
            section = "command"
        elif not found or line.startswith("-"):
            continue
        elif section == "command" and _COMMAND.match(line) and not found[-1][2]:
            found[-1][2] = line[:4]
        elif section == "reply" and not found[-1][1]:
            found[-1][1] = line
    return [
        DecodedRecipient(recipient=address, diagnostic=sweep(reply), command=command or None)
        for address, reply, command in found
    ] or None


FORMAT = BounceFormat(name="mFILTER", order=MTA_SPECIFIC, matches=matches, decode=decode)
