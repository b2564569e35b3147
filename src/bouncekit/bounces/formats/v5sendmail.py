"""Sendmail version 5's bounce messages, after Sisimai::Lhost::V5sendmail.

Before DSNs, Sendmail returned only a transcript, the recipient in each error line::

       ----- Transcript of session follows -----
    While talking to mail.example.co.jp:
    >>> RCPT To:<mikeneko@example.co.jp>
    <<< 550 Requested User Mailbox not found. No such user here.
    550 <mikeneko@example.co.jp>... User unknown

       ----- Unsent message follows -----

The ``>>>`` command and ``<<<`` reply read before a recipient's error line belong to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bouncekit.bounces import address
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes

_SUBJECT = re.compile(r"^Returned mail: [A-Z]")
_ORIGINAL = re.compile(
    r"^[ ]+-----[ ](?:Unsent message follows|No message was collected)[ ]-----", re.MULTILINE
)
_TRANSCRIPT = "----- Transcript of session follows -----"
# 550 <a@b>... User unknown
_ERROR = re.compile(r"^" + codes.REPLYCODE_PATTERN + r"[ \t]+<([^ ]+@[^ ]+)>\.{3}[ \t]*(.+)$")
# 421 host (smtp)... Deferred: ...
_OTHER_ERROR = re.compile(r"^(" + codes.REPLYCODE_PATTERN + r")[ \t]+.+\.{3}[ \t]*(.+)$")
_SENT = re.compile(r"^>>>[ \t]*([A-Z]{4})")
_RECEIVED = re.compile(r"^<<<[ ]+(.+)$")
_TO = re.compile(r"^To:[ ]*(.+)$", re.MULTILINE | re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Failure:
    recipient: str
    diagnosis: str
    command: str | None
    replycode: str | None = None  # the code of Sendmail's own line, when the text has none


def matches(mail: Mail) -> bool:
    return bool(_SUBJECT.match(mail.subject))


def _read(report: str) -> tuple[list[_Failure], _Failure]:
    """Each recipient's error with the exchange before it, and the last other error line."""
    failures: list[_Failure] = []
    command: str | None = None
    reply = ""
    other = _Failure("", "", None)
    for line in report.split("\n"):
        if error := _ERROR.match(line):
            diagnosis = error.group(2) + (f": {reply}" if reply else "")
            failures.append(_Failure(error.group(1), diagnosis, command))
            command, reply = None, ""
        elif sent := _SENT.match(line):
            command = sent.group(1)
        elif received := _RECEIVED.match(line):
            reply = received.group(1)
        elif other_error := _OTHER_ERROR.match(line):
            other = _Failure("", other_error.group(2), None, other_error.group(1))
    return failures, other if other.diagnosis else _Failure("", reply, None)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    split = _ORIGINAL.search(mail.body)
    start = mail.body.find(_TRANSCRIPT)
    if split is None or start == -1 or start > split.start():
        return None
    failures, other = _read(mail.body[start + len(_TRANSCRIPT) : split.start()])
    if not failures:
        to = _TO.search(mail.body[split.end() :])
        named = address.first(to.group(1)) if to else None
        if named is None:
            return None
        failures = [replace(other, recipient=named)]
    return [
        DecodedRecipient(
            recipient=failure.recipient,
            diagnostic=sweep(failure.diagnosis or other.diagnosis),
            command=failure.command,
            replycode=failure.replycode,
        )
        for failure in failures
    ]


# Last of its band, before Sendmail (MTA_GENERIC): both use "Returned mail:" subjects.
FORMAT = BounceFormat(name="V5sendmail", order=MTA_SPECIFIC + 90, matches=matches, decode=decode)
