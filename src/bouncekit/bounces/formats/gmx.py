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
from bouncekit.replies.model import Reason

_START = "This message was created automatically by mail delivery software"
_ORIGINAL = "--- The header of the original message is following. ---"
_RECIPIENT = re.compile(r'^(?:"([^ ]+@[^ ]+)":|<([^ ]+@[^ ]+)>)$')
_STAGE = re.compile(r"^SMTP error .+ ([A-Z]{4}) command:$")
_HOST = re.compile(r"^host:[ \t]*(.+)$")
# A line that is the remote reply: it has a status, a reply code or an address in brackets.
_REPLY = re.compile(r"\b[45]\.\d\.\d\b|<[^ ]+@[^ ]+>|\b[45]\d\d\b")


def matches(mail: Mail) -> bool:
    return "x-gmx-antispam" in mail.headers


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
        elif _REPLY.search(line):
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
