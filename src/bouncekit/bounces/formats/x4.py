"""Unknown MTA #4: qmail clones whose reports do not start "Hi. This is the qmail-send program".

Follows Sisimai's ``Lhost::X4``. The layout is qmail's (an address in angle brackets, then the
account of the failure), after one of several opening sentences::

    Unable to deliver message to the following address(es).

    <kijitora-nyaan@neko.example.com>:
    Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)
    I'm not going to try again; this message has been in the queue too long.

Many of the messages are qmail's own and carry no reply code, so their reasons come from the
table below (qmail-remote.c, qmail-local.c, error_str.c and the qmail-ldap patch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bouncekit.bounces.formats import BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, status_in_text, sweep
from bouncekit.bounces.formats.qmail import LDAP_MESSAGES, MESSAGES  # the same tables
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_RECEIVED = re.compile(r"\(qmail \d+ invoked (?:for bounce|from network)\)")
_SUBJECTS = ("failure notice", "Permanent Delivery Failure")
_ORIGINAL = re.compile(
    r"^---? ?(?:Below this line is a copy of the message|Original message follows)\.", re.M
)
_STARTS = (
    "He/Her is not ",
    "unable to deliver your message to the following addresses",
    "Su mensaje no pudo ser entregado",
    "This is the machine generated message from mail service",
    "This is the mail delivery agent at",
    "Unable to deliver message to the following address",
    "Unfortunately, your mail was not delivered to the following address:",
    "Your mail message to the following address",
    "Your message to the following addresses",
    "We're sorry.",
)
_RECIPIENT = re.compile(r"^(?:To *:)?<([^<>]+@[^<>]+)>:\s*$")
_REMOTE_HOST = re.compile(r"(?:Giving up on |Connected to |remote host )([^ ]+?)\.?(?: |$)")
# qmail-remote.c: where in the SMTP session the remote host refused.
_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CONN", (" but greeting failed.",)),
    ("EHLO", (" but my name was rejected.",)),
    ("MAIL", (" but sender was rejected.",)),
    ("RCPT", (" does not like recipient.",)),
    ("DATA", (" failed on DATA command", " failed after I sent the message")),
)
_MOST_PROGRESS = re.compile(
    r"no SMTP connection got far enough; most progress was (RCPT|MAIL|DATA|EHLO|HELO)"
)
_EXPIRED = "this message has been in the queue too long."


@dataclass(slots=True)
class _Draft:
    recipient: str
    lines: list[str] = field(default_factory=list)
    remote_said: str = ""  # the "Remote host said:" line, which the tables read first
    remote_host: str | None = None


def matches(mail: Mail) -> bool:
    return mail.subject.startswith(_SUBJECTS) or any(_RECEIVED.search(r) for r in mail.received)


def _read(report: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    reading = False
    for line in report.split("\n"):
        if not reading:
            reading = any(start in line for start in _STARTS)
            continue
        if not line:
            continue
        recipient = _RECIPIENT.match(line)
        if recipient:
            drafts.append(_Draft(recipient.group(1).strip()))
            continue
        if not drafts:
            continue
        draft = drafts[-1]
        draft.lines.append(line)
        if line.startswith("Remote host said:"):
            draft.remote_said = line
        host = _REMOTE_HOST.search(line)
        if draft.remote_host is None and host:
            draft.remote_host = host.group(1)
    return drafts


def _command(diagnosis: str) -> str | None:
    for command, phrases in _COMMANDS:
        if any(diagnosis.find(phrase) > 0 for phrase in phrases):
            return command
    progress = _MOST_PROGRESS.search(diagnosis)
    return progress.group(1) if progress else None


def _reason(draft: _Draft, diagnosis: str, command: str | None) -> Reason | None:
    if command == "MAIL":
        return Reason.REJECTED
    if command in ("HELO", "EHLO"):
        return Reason.BLOCKED
    lowered = diagnosis.lower()
    if "does not like recipient." in lowered and _EXPIRED in lowered:
        return Reason.ONHOLD  # the fallback patch's retries: the text decides
    return (
        (reason_from_table(draft.remote_said, MESSAGES) if draft.remote_said else None)
        or reason_from_table(diagnosis, MESSAGES)
        or reason_from_table(diagnosis, LDAP_MESSAGES)
        or (Reason.EXPIRED if _EXPIRED in lowered else None)
    )


def _record(draft: _Draft) -> DecodedRecipient:
    diagnosis = sweep(" ".join(draft.lines))
    command = _command(diagnosis)
    return DecodedRecipient(
        recipient=draft.recipient,
        diagnostic=diagnosis,
        status=status_in_text(diagnosis),
        command=command,
        remote_mta=draft.remote_host,
        reason=_reason(draft, diagnosis, command),
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    drafts = _read(cut_at(mail.body, _ORIGINAL))
    return [_record(draft) for draft in drafts] or None


# After qmail (320), which reads the reports that open with qmail-send's own greeting.
FORMAT = BounceFormat(name="X4", order=325, matches=matches, decode=decode)
