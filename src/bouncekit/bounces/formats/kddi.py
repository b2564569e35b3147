"""KDDI's au one net (dion.ne.jp, auone-net.jp): "Your mail sent on: ... Could not be
delivered to: <address>".

Follows Sisimai's ``Lhost::KDDI``. The indented lines after the date are the error; Sisimai maps
its three sentences to reasons, and X-SPASIGN: NG marks mail stopped by the recipient's filter.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, sweep
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_ORIGINAL = re.compile(r"^Content-Type: message/rfc822", re.M | re.I)
_START = re.compile(r"^Your mail (?:sent on:? [A-Z][a-z]{2},|attempted to be delivered on:? )")
_RECIPIENT = re.compile(r"^\s+Could not be delivered to: <([^<>]+@[^<> ]+)>")
_DATE = re.compile(r"Your mail sent on: (.+)$")
_FROM = re.compile(r"no-reply@.+\.dion\.ne\.jp", re.I)
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.MAILBOXFULL: ("as their mailbox is full",),
    Reason.NORELAYING: ("due to the following smtp relay error",),
    Reason.HOSTUNKNOWN: ("as the remote domain doesnt exist",),
}


def matches(mail: Mail) -> bool:
    received = received_text(mail)
    return (
        bool(_FROM.search(mail.sender))
        or mail.headers.get("reply-to") == "no-reply@app.auone-net.jp"
        or "ezweb.ne.jp (" in received
        or ".au.com (" in received
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[tuple[str, list[str]]] = []
    date = None
    started = False
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        started = started or bool(_START.match(line))
        if not started or not line.strip():
            continue
        recipient = _RECIPIENT.match(line)
        sent = _DATE.search(line)
        if recipient:
            found.append((recipient.group(1), []))
        elif sent:
            date = sent.group(1).strip()
        elif found and line[:1] in (" ", "\t"):
            found[-1][1].append(line)
    filtered = mail.header("x-spasign") == "NG"
    records = []
    for address, lines in found:
        text = sweep(" ".join(lines))
        reason = Reason.FILTERED if filtered else reason_from_table(text, _MESSAGES)
        records.append(
            DecodedRecipient(recipient=address, diagnostic=text, date=date, reason=reason)
        )
    return records or None


# After EZweb: au's mail carries the ezweb.ne.jp Received line KDDI's test also reads.
FORMAT = BounceFormat(name="KDDI", order=MTA_SPECIFIC + 10, matches=matches, decode=decode)
