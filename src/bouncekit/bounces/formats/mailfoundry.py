"""MailFoundry: "Message delivery has failed" relayed through a "(MAILFOUNDRY)" host.

Follows Sisimai's ``Lhost::MailFoundry``. "Unable to deliver message to: <address>" names the
recipient; the reply follows "Delivery failed for the following reason:".
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_ORIGINAL = re.compile(r"^Content-Type: message/rfc822", re.M | re.I)
_RECIPIENT = re.compile(r"^Unable to deliver message to: <([^ ]+@[^ ]+)>$")
_ERROR = "Delivery failed for the following reason:"


def matches(mail: Mail) -> bool:
    return mail.subject == "Message delivery has failed" and any(
        "(MAILFOUNDRY) id" in received for received in mail.received
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[tuple[str, list[str]]] = []
    in_error = False
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        recipient = _RECIPIENT.match(line.strip())
        if recipient:
            found.append((recipient.group(1), []))
            in_error = False
        elif found and line.strip() == _ERROR:
            in_error = True
        elif found and in_error and line.strip() and not line.startswith("-"):
            found[-1][1].append(line)
    return [
        DecodedRecipient(recipient=address, diagnostic=sweep(" ".join(lines)))
        for address, lines in found
    ] or None


FORMAT = BounceFormat(name="MailFoundry", order=MTA_SPECIFIC, matches=matches, decode=decode)
