"""McAfee MXLogic (an Exim-based filtering service): X-MX-Bounce / X-MXL-NoteHash reports.

Follows Sisimai's ``Lhost::MXLogic``, which reads Exim's wording: "<address>: reply" lines
after "This message was created automatically by mail delivery software.", the SMTP stage from
"SMTP error from remote mail server after ...", and Exim's own sentences mapped to reasons.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import PROVIDER, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, sweep
from bouncekit.bounces.formats.exim import DELAYED, MESSAGES
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_ORIGINAL = re.compile(r"^Included is a copy of the message header:", re.M)
_START = "This message was created automatically by mail delivery software."
_RECIPIENT = re.compile(r"^[ \t]*<([^ ]+@[^ ]+)>:(.+)$")
_COMMAND = re.compile(
    r"SMTP error from remote (?:mail server|mailer) after (?:end of )?([A-Za-z]{4})"
)
_REMOTE = re.compile(r"host[ \t]+([^ \t]+)[ \t]\[.+\]:[ \t]")
# MXLogic is Exim underneath: Exim's own texts, and its delay texts mean expired.
_MESSAGES: dict[Reason, tuple[str, ...]] = {**MESSAGES, Reason.EXPIRED: DELAYED}


def matches(mail: Mail) -> bool:
    headers = mail.headers
    return bool(
        headers.get("x-mx-bounce") or headers.get("x-mxl-hash") or headers.get("x-mxl-notehash")
    )


def _reason(text: str, command: str | None) -> Reason | None:
    if command == "MAIL":
        return Reason.REJECTED
    if command in ("HELO", "EHLO"):
        return Reason.BLOCKED
    return reason_from_table(text, _MESSAGES)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = cut_at(mail.body, _ORIGINAL)
    start = report.find(_START)
    if start == -1:
        return None
    found: list[list[str]] = []
    for line in report[start + len(_START) :].split("\n"):
        recipient = _RECIPIENT.match(line)
        if recipient:
            found.append([recipient.group(1), recipient.group(2)])
        elif found and line.strip():
            found[-1][1] += " " + line
    records = []
    for address, raw in found:
        text = sweep(raw.split("--", 1)[0])  # Exim's "-- " starts the quoted headers
        stage = _COMMAND.search(text)
        command = stage.group(1).upper() if stage else None
        remote = _REMOTE.search(text)
        records.append(
            DecodedRecipient(
                recipient=address,
                diagnostic=text,
                command=command,
                remote_mta=remote.group(1) if remote else None,
                reason=_reason(text, command),
            )
        )
    return records or None


# Before Exim: MXLogic's reports are Exim's text under MXLogic's own headers.
FORMAT = BounceFormat(name="MXLogic", order=PROVIDER, matches=matches, decode=decode)
