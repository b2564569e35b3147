"""Sendmail's (V8) bounce messages (savemail.c), after Sisimai::Lhost::Sendmail.

A Sendmail DSN carries the RFC 3464 fields and, before them, a transcript of the SMTP
session, which often says more than the ``Diagnostic-Code``::

       ----- Transcript of session follows -----
    ... while talking to mx.example.org.:
    >>> DATA
    <<< 550 5.1.1 <kijitora@example.org>... User Unknown
    554 5.0.0 Service unavailable

The command after ``>>>`` is the SMTP stage; the remote replies after ``<<<`` replace a
shorter diagnostic; Sendmail's own error lines stand in for a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_GENERIC, BounceFormat
from bouncekit.bounces.formats._lhost import (
    TextCodes,
    cut_at,
    filtered_user_unknown,
    sweep,
)
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_SUBJECT = re.compile(r"see transcript for details$|^Warning: ")
_FORWARDED = re.compile(r"^\s*fwd?:", re.IGNORECASE)
_ORIGINAL = re.compile(r"^Content-Type:\s*(?:message|text)/rfc822(?:-headers)?", re.M | re.I)
_TRANSCRIPT = "   ----- Transcript of session follows -----"
_SENT = re.compile(r"^>>> +([A-Z]{4})")
_RECEIVED = re.compile(r"^<<< +(.+)$")
_DEFERRED = re.compile(r"^<(.+)>\.+ (.+)$")  # <kijitora@example.jp>... Deferred: ...
# 550 5.1.2 <a@b>... Host unknown
_OWN_ERROR = re.compile(
    r"^" + codes.REPLYCODE_PATTERN + r"[ \t](" + codes.STATUS_PATTERN + r")[ \t].+"
)
_ENCLOSED_ADDRESS = re.compile(r"<([^ ]+@[^ ]+)>")
# The first characters of the lines _read_transcript reads: ">>> ", "<<< ", "<a@b>... ",
# "... while talking to", "550 5.1.1 ...", "Message: " and "Warning: ".
_TRANSCRIPT_FIRST = frozenset("><.45MW")


@dataclass(slots=True)
class _Transcript:
    command: str | None = None  # the last command sent (">>> DATA")
    replies: list[str] = field(default_factory=list)  # remote replies ("<<< 550 ..."), unique
    diagnosis: str = ""  # Sendmail's own error lines
    status: str | None = None
    recipient: str | None = None


def matches(mail: Mail) -> bool:
    if not _SUBJECT.search(mail.subject):
        return False
    return bool(_FORWARDED.match(mail.subject)) or "Mail Delivery Subsystem" in mail.sender


def _unquote(text: str) -> str:
    """A forwarded bounce's lines without the "> " quoting."""
    return re.sub(r"^> ?", "", text, flags=re.MULTILINE)


def _read_transcript(text: str) -> _Transcript:
    transcript = _Transcript()
    talking = False  # after "... while talking to", Sendmail's own lines repeat the replies
    for line in text.split("\n"):
        if line[:1] not in _TRANSCRIPT_FIRST:  # most lines: one set lookup, not eight tests
            continue
        # Each pattern needs its first characters: test them before the regex.
        sent = _SENT.match(line) if line.startswith(">>> ") else None
        received = _RECEIVED.match(line) if line.startswith("<<< ") else None
        if sent:
            transcript.command = sent.group(1)
        elif received:
            if received.group(1) not in transcript.replies:
                transcript.replies.append(received.group(1))
        elif talking:
            continue
        elif line.startswith("... while talking to "):
            talking = True
        elif line[0] == "<" and (deferred := _DEFERRED.match(line)):
            transcript.recipient, transcript.diagnosis = deferred.groups()
        elif line[0] in "45" and (own := _OWN_ERROR.match(line)):
            transcript.status = own.group(1)
            transcript.diagnosis += " " + line
        elif line.startswith(("Message: ", "Warning: ")):
            transcript.diagnosis += " " + line
    return transcript


def _complete(record: DecodedRecipient, transcript: _Transcript) -> DecodedRecipient:
    diagnosis = record.diagnostic.strip()
    if transcript.diagnosis and (not diagnosis or diagnosis.isdigit()):
        diagnosis = transcript.diagnosis
    # The replies that name this recipient, or all of them for a session-wide refusal.
    own = [
        reply for reply in transcript.replies if f"<{record.recipient.lower()}>" in reply.lower()
    ]
    replies = " ".join(own or transcript.replies)
    if len(replies) > len(diagnosis):
        diagnosis = replies
    diagnosis = sweep(diagnosis)
    status = record.status
    # The DSN's status stands when it is a failure's of one digit each ("5.1.1"), as Sisimai
    # reads it; the transcript's otherwise.
    if transcript.status and not (
        status and codes.is_status(status) and status[0] != "2" and len(status) == 5
    ):
        status = transcript.status
    text_codes = TextCodes(diagnosis)
    status = text_codes.preferred_status(status)
    command = record.command or transcript.command or ("EHLO" if transcript.replies else None)
    recipient = record.recipient
    if "@" not in recipient:
        enclosed = _ENCLOSED_ADDRESS.search(diagnosis)
        recipient = enclosed.group(1) if enclosed else recipient
    return DecodedRecipient(  # built whole: dataclasses.replace costs twice as much
        recipient=recipient,
        diagnostic=diagnosis,
        original_recipient=record.original_recipient,
        action=record.action,
        status=status,
        replycode=text_codes.reply_code(status),
        command=command,
        remote_mta=record.remote_mta,
        reporting_mta=record.reporting_mta,
        date=record.date,
        reason=Reason.FILTERED if filtered_user_unknown(command, status, diagnosis) else None,
        feedback_type=record.feedback_type,
        diagnostic_type=record.diagnostic_type,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    body = cut_at(mail.body, _ORIGINAL)
    if _FORWARDED.match(mail.subject):
        body = _unquote(body)
    start = body.find(_TRANSCRIPT)
    report = body[start + len(_TRANSCRIPT) :] if start >= 0 else body
    status_text = "\n\n".join(mail.texts("message/delivery-status")) or report
    records = dsn.recipients(status_text)
    if not records:
        return None
    transcript = _read_transcript(report)
    return [_complete(record, transcript) for record in records]


FORMAT = BounceFormat(name="Sendmail", order=MTA_GENERIC, matches=matches, decode=decode)
