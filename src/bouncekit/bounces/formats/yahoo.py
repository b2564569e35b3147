"""Yahoo! Mail's "Failure Notice" (a qmail-style text from MAILER-DAEMON@yahoo.com).

Follows Sisimai's ``Lhost::Yahoo``: Yahoo's bounces carry an ``X-YMailISG`` header. Each
recipient is a ``<address>:`` line; the remote reply follows "Remote host said:", and a
trailing ``[RCPT_TO]`` names the SMTP stage.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes

_START = "Sorry, we were unable to deliver your message"
_ORIGINAL = "--- Below this line is a copy of the message."
_RECIPIENT = re.compile(r"^<([^<>\s]+@[^<>\s]+)>:\s*$")
_STAGE = re.compile(r"\[([A-Z]{4})[A-Z_]*\]\s*$")
_ANGLED_ADDRESS = re.compile(r"<[^<>\s]+@[^<>\s]+>")
# "550: 5.2.2 <...>... Mailbox Full": a reply code followed by a colon.
_LEADING_CODE = re.compile(r"^(" + codes.REPLYCODE_PATTERN + r")[:\s]")  # "554:" too


def matches(mail: Mail) -> bool:
    return bool(mail.headers.get("x-ymailisg", ""))


def _record(recipient: str, lines: list[str]) -> DecodedRecipient:
    command = None
    text = []
    for line in lines:
        stage = _STAGE.search(line)
        if stage:
            command = stage.group(1)
            line = line[: stage.start()]
        if line.strip() and line.strip() != "Remote host said:":
            text.append(line.strip().removeprefix("Remote host said:").strip())
    diagnostic = " ".join(text)
    # A reply that names an address was given to RCPT TO (Sisimai's rule).
    if command is None and _ANGLED_ADDRESS.search(diagnostic):
        command = "RCPT"
    code = _LEADING_CODE.match(diagnostic)
    return DecodedRecipient(
        recipient=recipient,
        diagnostic=diagnostic,
        command=command,
        replycode=code.group(1) if code else None,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    start = mail.body.find(_START)
    if start == -1:
        return None
    report = mail.body[start:].split(_ORIGINAL, 1)[0]
    found: list[tuple[str, list[str]]] = []
    for line in report.split("\n")[1:]:
        recipient = _RECIPIENT.match(line.strip())
        if recipient:
            found.append((recipient.group(1), []))
        elif found:
            found[-1][1].append(line)
    return [_record(recipient, lines) for recipient, lines in found] or None


FORMAT = BounceFormat(name="Yahoo", order=MTA_SPECIFIC, matches=matches, decode=decode)
