"""Ipswitch IMail Server: "Undeliverable Mail" from an "<SMTP32 v...>" X-Mailer.

Follows Sisimai's ``Lhost::IMailServer``. Each failure is a line "<error>: <address>" or
"undeliverable to <address>"; the remote reply follows "Body of message generated response:".
IMail's own first words give the SMTP stage and, from Sisimai's table, the reason.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_SUBJECT = re.compile(r"Undeliverable Mail\s*$")
_ORIGINAL = re.compile(r"^Original message follows\.", re.M)
_ERROR_LINE = re.compile(r"^(\S+) (.+):[ \t]*(\S+@\S+)")
_UNDELIVERABLE = re.compile(r"^undeliverable[ ]+to[ ]+(.+)$")
_RESPONSE = "Body of message generated response:"
_COMMANDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CONN", re.compile(r"SMTP connection failed,|Unexpected connection response from server:")),
    ("EHLO", re.compile(r"Unexpected response to EHLO/HELO:")),
    ("MAIL", re.compile(r"Server response to MAIL FROM:")),
    ("RCPT", re.compile(r"Additional RCPT TO generated following response:")),
    ("DATA", re.compile(r"DATA command generated response:")),
)
_FAILURES: tuple[tuple[Reason, re.Pattern[str]], ...] = (
    (Reason.HOSTUNKNOWN, re.compile(r"Unknown host")),
    (Reason.USERUNKNOWN, re.compile(r"^(?:Unknown user|Invalid final delivery userid)")),
    (Reason.MAILBOXFULL, re.compile(r"^User mailbox exceeds allowed size")),
    (Reason.VIRUSDETECTED, re.compile(r"^Requested action not taken: virus detected")),
    (Reason.EXPIRED, re.compile(r"^Delivery failed \d+ attempts")),
)


def matches(mail: Mail) -> bool:
    return bool(_SUBJECT.match(mail.subject)) or mail.headers.get("x-mailer", "").startswith(
        "<SMTP32 v"
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[list[str]] = []  # [address, IMail's words, the remote response]
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        line = line.rstrip()
        error = _ERROR_LINE.match(line)
        undeliverable = _UNDELIVERABLE.match(line)
        if error:
            found.append([error.group(3).strip("<>"), f"{error.group(1)} {error.group(2)}", ""])
        elif undeliverable:
            found.append([undeliverable.group(1).strip().strip("<>"), "", ""])
        elif found and _RESPONSE in line:
            found[-1][2] = line
        elif found and found[-1][2]:
            found[-1][2] += " " + line
    records = []
    for address, words, response in found:
        text = sweep(f"{response} {words}")
        command = next((name for name, pattern in _COMMANDS if pattern.search(text)), None)
        reason = next((reason for reason, pattern in _FAILURES if pattern.search(text)), None)
        records.append(
            DecodedRecipient(recipient=address, diagnostic=text, command=command, reason=reason)
        )
    return records or None


FORMAT = BounceFormat(name="IMailServer", order=MTA_SPECIFIC, matches=matches, decode=decode)
