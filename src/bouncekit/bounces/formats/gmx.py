"""GMX (and mail.com) bounces: an Exim-like text from MAILER-DAEMON@mail.gmx.com.

Follows Sisimai's ``Lhost::GMX``: GMX's bounces carry an ``X-GMX-Antispam`` header. Each
recipient is a ``"address":`` or ``<address>`` line, followed by the SMTP stage ("SMTP error
from remote server after RCPT command:"), the remote host ("host: mx.example.jp") and the
reply, or by "Reason:" and GMX's own words.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_START = "This message was created automatically by mail delivery software"
_ORIGINAL = "--- The header of the original message is following. ---"
_RECIPIENT = re.compile(r'^(?:"([^ ]+@[^ ]+)":|<([^ ]+@[^ ]+)>)$')
_STAGE = re.compile(r"^SMTP error .+ ([A-Z]{4}) command:$")
_HOST = re.compile(r"^host:[ \t]*(.+)$")
# A line that is the remote reply: it has a status, a reply code or an address in brackets.
_ANGLED_ADDRESS = re.compile(r"<[^ ]+@[^ ]+>")


def matches(mail: Mail) -> bool:
    return "x-gmx-antispam" in mail.headers


def _is_reply(line: str) -> bool:
    """Whether a line is the remote server's reply: it holds a status, an address in angle
    brackets or a reply code."""
    return bool(
        codes.find_status(line) or _ANGLED_ADDRESS.search(line) or codes.find_replycode(line)
    )


class _Recipient:
    """What the lines after one recipient say, gathered while reading."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.command: str | None = None
        self.host: str | None = None
        self.diagnostic = ""

    def read(self, line: str) -> None:
        if stage := _STAGE.match(line):
            self.command = stage.group(1)
        elif host := _HOST.match(line):
            self.host = host.group(1).strip()
        elif _is_reply(line):
            self.diagnostic = self.diagnostic or line
        elif line == "Reason:" or self.diagnostic == "Reason:":
            self.diagnostic = line

    def decoded(self) -> DecodedRecipient:
        # GMX's own words for a message it gave up retrying (Sisimai's table).
        expired = "delivery retry timeout exceeded" in self.diagnostic
        return DecodedRecipient(
            recipient=self.address,
            diagnostic=self.diagnostic,
            command=self.command,
            remote_mta=self.host,
            reason=Reason.EXPIRED if expired else None,
        )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    start = mail.body.find(_START)
    if start == -1:
        return None
    report = mail.body[start:].split(_ORIGINAL, 1)[0]
    found: list[_Recipient] = []
    for line in report.split("\n")[1:]:
        line = line.strip()
        if not line:
            continue
        if recipient := _RECIPIENT.match(line):
            found.append(_Recipient(recipient.group(1) or recipient.group(2)))
        elif found:
            found[-1].read(line)
    return [recipient.decoded() for recipient in found] or None


FORMAT = BounceFormat(name="GMX", order=MTA_SPECIFIC, matches=matches, decode=decode)
