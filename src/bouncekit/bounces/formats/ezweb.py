"""au EZweb (ezweb.ne.jp, au.com): "Mail System Error - Returned Mail" from Postmaster.

Follows Sisimai's ``Lhost::EZweb``. Recipients are "<address>" or "Recipient: <address>"
lines; the SMTP command is the ">>>" line; English sentences of the notice give the reason
from Sisimai's table. A rejection after RCPT is an unknown user, and X-SPASIGN: NG marks mail
stopped by the recipient's own filter.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_MARKERS = ("The user(s) ", "Your message ", "Each of the following", "<")
_ORIGINAL = re.compile(r"^(?:-{50}|Content-Type:[ ]*message/rfc822)", re.M | re.I)
_RECIPIENT = re.compile(r"^(?:<([^ ]+@[^ ]+)>:?(.*)|[ \t]+Recipient: <([^ ]+@[^ ]+)>.*)$")
_COMMAND = re.compile(r">>> ?([A-Z]{4})")
_FIELD = re.compile(r"^[A-Za-z-]+:")
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.MAILBOXFULL: ("The user(s) account is temporarily over quota",),
    Reason.SUSPEND: (
        "The user(s) account is disabled.",
        "The user(s) account is temporarily limited.",
    ),
    Reason.EXPIRED: ("Your message was not delivered within ",),
    Reason.ONHOLD: ("Each of the following recipients was rejected by a remote mail server",),
}
_ALL_MESSAGES = tuple(phrase for phrases in _MESSAGES.values() for phrase in phrases)


def matches(mail: Mail) -> bool:
    sender = mail.sender.lower()
    received = received_text(mail)
    signs = (
        "postmaster@ezweb.ne.jp" in sender,
        "postmaster@au.com" in sender,
        mail.subject == "Mail System Error - Returned Mail",
        "ezweb.ne.jp (EZweb Mail) with" in received,
        ".au.com (" in received,
        mail.headers.get("message-id", "").endswith((".ezweb.ne.jp>", ".au.com>")),
    )
    return sum(signs) >= 2


class _Recipient:
    __slots__ = ("address", "command", "known", "other", "status")

    def __init__(self, address: str) -> None:
        self.address = address
        self.command = ""
        self.known: list[str] = []  # lines that carry one of the notice's known sentences
        self.other: list[str] = []  # any other English line: the remote reply
        self.status = ""


def _reason(found: _Recipient, text: str, filtered: bool) -> Reason | None:
    if filtered:
        return Reason.FILTERED
    if found.command == "RCPT":
        return None  # an unknown user, which the reply itself says
    for reason, phrases in _MESSAGES.items():
        if any(phrase in text for phrase in phrases):
            # "onhold" is Sisimai's guess that the reply's own words override.
            return reason
    return None


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = _ORIGINAL.split(mail.body, maxsplit=1)[0]
    # Lines before the first address belong to it, as the notice's sentences come first.
    found: list[_Recipient] = [_Recipient("")]
    started = False
    for line in report.split("\n"):
        started = started or any(marker in line for marker in _MARKERS)
        if not started or not line.strip():
            continue
        recipient = _RECIPIENT.match(line)
        if recipient:
            address = recipient.group(1) or recipient.group(3)
            if found[-1].address:
                found.append(_Recipient(address))
            else:
                found[-1].address = address
            continue
        if not line.isascii():
            continue
        current = found[-1]
        if line.lower().startswith("status:"):
            current.status = line.split(":", 1)[1].strip()
        elif _FIELD.match(line):
            continue  # other delivery-status fields
        elif " >>> " in line or line.lstrip().startswith(">>>"):
            command = _COMMAND.search(line)
            current.command = command.group(1).upper() if command else ""
        elif any(phrase in line for phrase in _ALL_MESSAGES):
            current.known.append(line)
        else:
            current.other.append(line)
    filtered = mail.header("x-spasign") == "NG"
    records = []
    for item in found:
        if not item.address:
            continue
        # Sentences that only say "rejected" give way to the remote server's own reply.
        text = sweep(" ".join(item.known)) or sweep(" ".join(item.other))
        reason = _reason(item, text, filtered)
        status = item.status.split()[0] if item.status.strip() else None
        records.append(
            DecodedRecipient(
                recipient=item.address,
                diagnostic=text,
                command=item.command or None,
                status=status,
                reason=reason,
            )
        )
    return records or None


FORMAT = BounceFormat(name="EZweb", order=MTA_SPECIFIC, matches=matches, decode=decode)
