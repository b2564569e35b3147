"""Trend Micro InterScan Messaging Security Suite: notices from "InterScan MSS".

Follows Sisimai's ``Lhost::InterScanMSS``. The transcript gives the recipient and command on a
"Sent <<< RCPT TO:<...>" line and the reply on "Received >>> ..."; the short notice "Unable to
deliver message to <...>" carries no reply and means the address was refused.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_ORIGINAL = re.compile(r"^Content-type: message/rfc822", re.M | re.I)
_SUBJECTS = (
    "Mail could not be delivered",
    "メッセージを配信できません。",
    "メール配信に失敗しました",
)
_RECIPIENT = re.compile(
    r"^.+[<>]{3}[ \t]+.+<([^ ]+@[^ ]+)>|^(?:Reason:[ ]+)?Unable to deliver message to <(.+?)>"
)
_SENT = re.compile(r"^Sent[ \t]+<<<[ \t]+([A-Z]{4})[ \t]")
_RECEIVED = re.compile(r"^Received[ \t]+>>>[ \t]+(" + codes.REPLYCODE_PATTERN + r"[ \t]+.+)$")


def matches(mail: Mail) -> bool:
    sender = mail.sender.lower()
    return (
        '"interscan mss"' in sender
        or '"interscan notification"' in sender
        or "(interscan notification)" in sender
        or mail.subject in _SUBJECTS
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[list[str]] = []  # [address, command, diagnostic]
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        if not line.strip():
            continue
        recipient = _RECIPIENT.match(line)
        if recipient:
            address = recipient.group(1) or recipient.group(2)
            if not found or found[-1][0] != address:
                found.append([address, "", ""])
            if "Unable to deliver " in line:
                found[-1][2] = line
        if not found:
            continue
        sent, received = _SENT.match(line), _RECEIVED.match(line)
        if sent:
            found[-1][1] = sent.group(1)
        elif received:
            found[-1][2] = received.group(1)
    return [
        DecodedRecipient(
            recipient=address,
            diagnostic=sweep(text),
            command=command or None,
            # The notice names no reply: InterScan refused the address itself.
            reason=Reason.USERUNKNOWN if "Unable to deliver" in text else None,
        )
        for address, command, text in found
    ] or None


FORMAT = BounceFormat(name="InterScanMSS", order=MTA_SPECIFIC, matches=matches, decode=decode)
