"""1&1 (IONOS) bounces: "Mail delivery failed" from "Mail Delivery System" at kundenserver.de.

Follows Sisimai's ``Lhost::EinsUndEins``. Exim's words, but 1&1 writes the recipient alone on
a line, the error after "For the following reason:" (or as "SMTP error from remote server for
TEXT command, host: ... reason: 550 ..."), and the original's headers after "--- The header of
the original message is following. ---", which tells it apart from a plain Exim bounce.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import PROVIDER, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_START = "This message was created automatically by mail delivery software"
_ORIGINAL = "--- The header of the original message is following. ---"
_ERROR = "For the following reason:"
_RECIPIENT = re.compile(r"^([^ ]+@[^ ]+?):?$")
_REMOTE = re.compile(r"host:[ ]+(.+?)[ ]+.+[ ]+reason:.+")


def matches(mail: Mail) -> bool:
    return (
        mail.sender.startswith('"Mail Delivery System"')
        and mail.subject == "Mail delivery failed: returning message to sender"
    )


def _record(recipient: str, lines: list[str]) -> DecodedRecipient:
    # Lines before "For the following reason:" stand in when that heading is missing.
    heading = next((i for i, line in enumerate(lines) if line.startswith(_ERROR)), None)
    chosen = lines[heading:] if heading is not None else lines
    diagnostic = " ".join(" ".join(chosen).split())
    remote = _REMOTE.search(diagnostic)
    if remote is None:
        diagnostic = diagnostic.removeprefix(_ERROR).strip()
    return DecodedRecipient(
        recipient=recipient,
        diagnostic=diagnostic,
        remote_mta=remote.group(1) if remote else None,
        command="DATA" if remote and "for TEXT command" in diagnostic else None,
        # 1&1's own words for an oversized message (Sisimai's table).
        reason=Reason.MESGTOOBIG if "Mail size limit exceeded" in diagnostic else None,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    start = mail.body.find(_START)
    if start == -1 or _ORIGINAL not in mail.body:
        return None
    report = mail.body[start:].split(_ORIGINAL, 1)[0]
    found: list[tuple[str, list[str]]] = []
    for line in report.split("\n")[1:]:
        line = line.strip()
        if not line:
            continue
        if recipient := _RECIPIENT.match(line):
            found.append((recipient.group(1).strip("<>"), []))
        elif found:
            found[-1][1].append(line)
    return [_record(recipient, lines) for recipient, lines in found] or None


# Before the generic Exim reader: the From and Subject are Exim's own.
FORMAT = BounceFormat(name="EinsUndEins", order=PROVIDER, matches=matches, decode=decode)
