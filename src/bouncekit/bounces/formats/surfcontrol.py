"""SurfControl E-mail Filter (later Websense): "Your message could not be sent."

Follows Sisimai's ``Lhost::SurfControl``. "Addressed To:" names the recipient, and the line
"<address>: [IP], <reply>" gives the remote host and its reply; the delivery-status part adds
the status.
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_RECIPIENT = re.compile(r"^Addressed To:[ \t]*(\S+@\S+)$")
_REPLY = re.compile(r"^\S+@\S+:[ \t]*\[(\d+\.\d+\.\d+\.\d+)\],[ \t]*(.+)$")


def matches(mail: Mail) -> bool:
    return mail.headers.get("x-mailer", "") == "SurfControl E-mail Filter"


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[list[str]] = []  # [address, remote host, reply]
    for line in mail.human.split("\n"):
        line = line.strip()
        recipient, reply = _RECIPIENT.match(line), _REPLY.match(line)
        if recipient:
            found.append([recipient.group(1), "", ""])
        elif reply and found:
            found[-1][1:] = [reply.group(1), reply.group(2)]
    if not found:
        return None
    fields = dsn.recipients("\n\n".join(mail.texts("message/delivery-status")))
    status = fields[0].status if len(fields) == 1 else None
    return [
        DecodedRecipient(
            recipient=address,
            diagnostic=sweep(reply) or (fields[0].diagnostic if len(fields) == 1 else ""),
            remote_mta=remote or None,
            status=status,
        )
        for address, remote, reply in found
    ]


FORMAT = BounceFormat(name="SurfControl", order=MTA_SPECIFIC, matches=matches, decode=decode)
