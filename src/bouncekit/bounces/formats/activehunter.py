"""TransWARE Active!hunter, a Japanese mail filter: sendmail-like reports with X-AHMAILID.

Follows Sisimai's ``Lhost::Activehunter``. The recipient follows ">>>" after "The following
addresses had permanent fatal errors", and the first line of the transcript is the reply.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_START = "----- The following addresses had permanent fatal errors -----"
_RECIPIENT = re.compile(r"^>{3}[ \t]+.*<([^ <>]+@[^ <>]+)>\s*$")
_REPLY = re.compile(r"^[0-9A-Za-z]")
_ORIGINAL = re.compile(r"^Content-Type: message/rfc822", re.M | re.I)


def matches(mail: Mail) -> bool:
    return bool(mail.headers.get("x-ahmailid", ""))


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = cut_at(mail.body, _ORIGINAL)
    start = report.find(_START)
    if start == -1:
        return None
    recipients: list[tuple[str, str]] = []  # (address, first reply line)
    for line in report[start + len(_START) :].split("\n"):
        found = _RECIPIENT.match(line.strip())
        if found:
            recipients.append((found.group(1), ""))
        elif recipients and not recipients[-1][1] and _REPLY.match(line):
            recipients[-1] = (recipients[-1][0], sweep(line))
    return [DecodedRecipient(recipient=address, diagnostic=text) for address, text in recipients]


FORMAT = BounceFormat(name="Activehunter", order=MTA_SPECIFIC, matches=matches, decode=decode)
