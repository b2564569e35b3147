"""Postfix's log (``/var/log/mail.log``): the delivery agents' ``status=`` lines, judged, and
the deliveries, joined by queue id to the ``message-id=`` of cleanup and the ``from=`` of qmgr.

Pure: lines in, records out. The line shapes (Postfix's ``smtp(8)``, ``qmgr(8)`` and
``postconf(5)``, and research/ingest.md 2.1)::

    Sep  7 13:35:40 mail postfix/cleanup[26537]: 81EE0980F16: message-id=<id@example.com>
    Sep  7 13:35:40 mail postfix/qmgr[119]: 81EE0980F16: from=<user@example.com>, size=615, ...
    Sep  7 13:35:41 mail postfix/smtp[26538]: 81EE0980F16: to=<a@example.net>, relay=...,
        delay=0.72, delays=..., dsn=5.1.1, status=bounced (host ... said: 550 5.1.1 ...)
    Sep  7 13:35:42 mail postfix/qmgr[119]: 81EE0980F16: removed

- ``status=sent`` is a delivery: a :class:`~bouncekit.store.SentMessage` and a send (not
  when the relay is on loopback: a content filter, such as amavis on 127.0.0.1:10024, that
  hands the message back to Postfix under a new queue id, whose delivery is the one counted);
- ``bounced`` is a failure, ``deferred`` and ``SOFTBOUNCE`` (``soft_bounce = yes``: a 5xx
  reply kept in the queue with a 4.x.x dsn) are deferrals (action ``delayed``), and qmgr's
  ``status=expired, returned to sender`` fails every recipient still deferred, with the text
  of its last deferral and the reason ``expired``;
- ``deliverable``/``undeliverable`` (address verification probes, ``sendmail -bv``) send
  nothing and are left alone, as are lines of other programs.

Time stamps are classic syslog (``Sep  7 13:35:40``: no year nor zone, so the parser is given
them) or RFC 3339 (``2026-09-07T13:35:40.588448+02:00``). Queue ids are short (hex) or long
(``enable_long_queue_ids``). Short ids are reused, so a queue id's state is dropped at
``removed``: memory follows the messages in the queue, not the length of the log, and is capped
at :data:`MAX_OPEN_MESSAGES` besides (a log whose ``removed`` lines are missing).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.events.judge import MessageContext, judge_recipient
from bouncekit.events.model import EventSource, SourceKind
from bouncekit.ingest.logs.model import (
    MONTHS,
    NOTHING,
    LogDelivery,
    LogEvent,
    LogFormat,
    LogProblem,
    LogRecord,
    SyslogClock,
    newest,
    send_count,
)
from bouncekit.replies.model import Reason
from bouncekit.store import SentMessage

__all__ = ["FORMAT", "MAX_OPEN_MESSAGES", "PostfixLog", "looks_like_postfix"]

MAX_OPEN_MESSAGES = 100_000  # queue ids kept open at once; the oldest goes first beyond it

# Short ids are upper-case hex; long ids (enable_long_queue_ids) are base 52 with a "z" between
# the time and the inode part. Either is one run of letters and digits.
_QUEUE_ID = re.compile(r"[0-9A-Za-z]{5,24}\Z")
_SYSLOG_LEVELS = frozenset({"EMERG", "ALERT", "CRIT", "ERR", "ERROR", "WARNING", "WARN", "NOTICE",
                            "INFO", "DEBUG"})  # fmt: skip
_DEFERRED = frozenset({"deferred", "SOFTBOUNCE"})
_PROBES = frozenset({"deliverable", "undeliverable"})  # address verification: no mail sent


@dataclass(slots=True)
class _Deferral:
    """A recipient's last deferral: what an ``expired`` line fails it with."""

    recipient: str
    original_recipient: str | None
    status: str | None
    relay: str | None
    text: str


@dataclass(slots=True)
class _Queued:
    """What the log has told about one queue id so far."""

    message_id: str | None = None
    sender: str | None = None
    deferred: dict[str, _Deferral] = field(default_factory=dict)


class PostfixLog:
    """Postfix's log read one line at a time (see the module's text).

    ``year`` and ``zone`` complete classic syslog time stamps (the year goes up by one when the
    month goes from December to January); RFC 3339 stamps carry both.
    """

    name = "postfix"

    def __init__(
        self,
        path: str,
        *,
        year: int | None = None,
        zone: datetime.tzinfo | None = None,
    ) -> None:
        self.path = path
        self.clock = SyslogClock(
            year if year is not None else datetime.datetime.now(datetime.UTC).year,
            zone if zone is not None else datetime.UTC,
        )
        self._queue: dict[str, _Queued] = {}

    # --- the join state ------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        return {
            "year": self.clock.year,
            "month": self.clock.month,
            "queue": {
                queue_id: [
                    queued.message_id,
                    queued.sender,
                    [
                        [d.recipient, d.original_recipient, d.status, d.relay, d.text]
                        for d in queued.deferred.values()
                    ],
                ]
                for queue_id, queued in newest(self._queue)
            },
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.clock.year = int(state.get("year", self.clock.year))
        self.clock.month = int(state.get("month", 0))
        self._queue = {}
        for queue_id, (message_id, sender, deferred) in state.get("queue", {}).items():
            queued = self._queued(queue_id)
            queued.message_id, queued.sender = message_id, sender
            for values in deferred:
                queued.deferred[values[0]] = _Deferral(*values)

    @property
    def open_messages(self) -> int:
        """Queue ids whose ``removed`` line has not come yet."""
        return len(self._queue)

    def _queued(self, queue_id: str) -> _Queued:
        queued = self._queue.get(queue_id)
        if queued is None:
            if len(self._queue) >= MAX_OPEN_MESSAGES:
                del self._queue[next(iter(self._queue))]
            queued = self._queue[queue_id] = _Queued()
        return queued

    # --- lines ---------------------------------------------------------------------------

    def feed(self, line: str, number: int) -> Sequence[LogRecord]:
        # The pre-filter: a few substring searches, done in C, settle most lines, and the
        # join lines (cleanup's message-id, qmgr's from and removed) take their queue id,
        # the word before the key, without splitting the line. Only status lines are split.
        if "status=" in line:
            # Deliveries, the most common status, are read without splitting the line.
            index = line.find(": to=<")
            if index > 0 and ", status=sent " in line:
                marker = line.find("]: ")
                if 0 < marker < index and line.find("postfix", 0, marker) >= 0:
                    queue_id = line[marker + 3 : index]
                    recipient = line[index + 6 : line.find(">", index + 6)]
                    if recipient and _QUEUE_ID.match(queue_id):
                        return self._sent(number, line, queue_id, recipient)
            return self._status(line, number)
        index = line.find(": message-id=")
        if index > 0:
            if "postfix" in line:
                queue_id = line[line.rfind(" ", 0, index) + 1 : index]
                value = line[index + 13 :].split(",", 1)[0].strip()
                self._queued(queue_id).message_id = value or None
            return NOTHING
        index = line.find(": from=<")
        if index > 0:
            if "postfix" in line:
                queue_id = line[line.rfind(" ", 0, index) + 1 : index]
                sender = line[index + 8 : line.find(">", index + 8)]
                self._queued(queue_id).sender = sender or None  # "<>": a bounce
            return NOTHING
        if line.endswith(": removed"):
            self._queue.pop(line[line.rfind(" ", 0, -9) + 1 : -9], None)
        return NOTHING

    def _status(self, line: str, number: int) -> Sequence[LogRecord]:
        found = _split(line)
        if found is None:
            return NOTHING  # not a Postfix program's line
        head, program, queue_id, body = found
        if queue_id is None:
            return (LogProblem(number, f"{self.path}:{number}: a status line without a queue "
                                       "id; it is left out."),)  # fmt: skip
        fields, status, text = _fields(body)
        if status in _PROBES:
            return NOTHING
        try:
            when = self._time(head)
        except ValueError:
            return (LogProblem(number, f"{self.path}:{number}: the time stamp cannot be read; "
                                       "the line is left out."),)  # fmt: skip
        queued = self._queued(queue_id)
        if status == "expired":
            return self._expired(line, number, when, head, queue_id, queued)
        recipient = _address(fields.get("to"))
        if recipient is None:
            return (LogProblem(number, f"{self.path}:{number}: a status={status} line names no "
                                       "recipient (to=<...>); it is left out."),)  # fmt: skip
        if status == "sent":
            return self._sent(number, head, queue_id, recipient)
        if status == "bounced":
            action, attempt = "failed", send_count(when, recipient, delivered=False)
            queued.deferred.pop(recipient, None)
        elif status in _DEFERRED:
            action, attempt = "delayed", None
        else:
            return (LogProblem(number, f"{self.path}:{number}: status={status} is not a status "
                                       "Postfix writes; the line is left out."),)  # fmt: skip
        original = _address(fields.get("orig_to"))
        relay = _relay(fields.get("relay"))
        if action == "delayed":
            queued.deferred[recipient] = _Deferral(
                recipient, original, fields.get("dsn"), relay, text
            )
        decoded = DecodedRecipient(
            recipient,
            text,
            original_recipient=original,
            action=action,
            status=fields.get("dsn"),
            remote_mta=relay,
            reporting_mta=_host(head),
            date=when.isoformat(),
        )
        event = judge_recipient(1, decoded, self._context(number, queued, program))
        return (LogEvent(number, line, event, attempt),)

    def _sent(self, number: int, line: str, queue_id: str, recipient: str) -> Sequence[LogRecord]:
        if "[127.0.0.1]:" in line or "[::1]:" in line:
            return NOTHING  # handed to a content filter here, which sends it on as a new message
        try:
            when = self._time(line)
        except ValueError:
            return (LogProblem(number, f"{self.path}:{number}: the time stamp cannot be read; "
                                       "the line is left out."),)  # fmt: skip
        queued = self._queue.get(queue_id)
        if queued is None:  # its cleanup and qmgr lines are in an earlier log
            message = SentMessage(queue_id, None, None, recipient, when)
        else:
            message = SentMessage(queue_id, queued.message_id, queued.sender, recipient, when)
            if queued.deferred:
                queued.deferred.pop(recipient, None)
        return (LogDelivery(number, message, send_count(when, recipient, delivered=True)),)

    def _expired(
        self,
        line: str,
        number: int,
        when: datetime.datetime,
        head: str,
        queue_id: str,
        queued: _Queued,
    ) -> Sequence[LogRecord]:
        if not queued.deferred:
            return (
                LogProblem(
                    number,
                    f"{self.path}:{number}: message {queue_id} expired, but no deferral of its "
                    "recipients was read (they are in an earlier log); no event is made.",
                ),
            )
        context = self._context(number, queued, "qmgr")
        records: list[LogRecord] = []
        for index, deferral in enumerate(queued.deferred.values(), 1):
            decoded = DecodedRecipient(
                deferral.recipient,
                deferral.text,
                original_recipient=deferral.original_recipient,
                action="failed",
                status=deferral.status,
                remote_mta=deferral.relay,
                reporting_mta=_host(head),
                date=when.isoformat(),
                reason=Reason.EXPIRED,
            )
            event = judge_recipient(index, decoded, context)
            attempt = send_count(when, deferral.recipient, delivered=False)
            records.append(LogEvent(number, line, event, attempt))
        queued.deferred.clear()
        return records

    def _context(self, number: int, queued: _Queued, program: str) -> MessageContext:
        original = {}
        if queued.message_id:
            original["message-id"] = queued.message_id
        if queued.sender:
            original["from"] = queued.sender
        return MessageContext(
            decoded_by=f"postfix log ({program})",
            source=EventSource(SourceKind.LOG, f"{self.path}:{number}"),
            original=original,
        )

    def _time(self, head: str) -> datetime.datetime:
        return self.clock.read(head)


def _split(line: str) -> tuple[str, str, str | None, str] | None:
    """The head (time stamp and host), the Postfix program ("smtp", "qmgr"), the queue id
    (``None`` for NOQUEUE and such) and the message; ``None`` for another program's line."""
    marker = line.find("]: ")
    if marker < 0:
        return None
    bracket = line.rfind("[", 0, marker)
    start = line.rfind(" ", 0, bracket) + 1
    program = line[start:bracket]
    if not program.startswith("postfix"):  # "postfix/smtp", "postfix-out/smtp"
        return None
    rest = line[marker + 3 :]
    queue_id, separator, body = rest.partition(": ")
    if not separator or _QUEUE_ID.match(queue_id) is None or queue_id == "NOQUEUE":
        return line[:start], program.rpartition("/")[2], None, rest
    return line[:start], program.rpartition("/")[2], queue_id, body


def _fields(body: str) -> tuple[dict[str, str], str, str]:
    """``to=<a>, relay=x, dsn=5.1.1, status=bounced (text)``: the fields before ``status=``,
    the status word and the text in the parentheses after it."""
    before, _, after = body.partition("status=")
    fields = {}
    for pair in before.split(", "):
        key, equals, value = pair.partition("=")
        if equals:
            fields[key.strip()] = value.rstrip(", ")
    status, _, text = after.partition(" ")
    status = status.rstrip(",")
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return fields, status, text


def _address(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    return value or None


def _relay(value: str | None) -> str | None:
    """``mx.example.net[192.0.2.1]:25`` → ``mx.example.net``; ``none`` and ``local`` → None."""
    if value is None or value in ("none", "local", "virtual"):
        return None
    return value.split("[", 1)[0] or None


def _host(head: str) -> str | None:
    """The host that wrote the line: the word after the time stamp (not a syslog level)."""
    words = head.split()
    words = words[1:] if head[:1].isdigit() else words[3:]
    words = [word for word in words if word not in _SYSLOG_LEVELS]
    return words[-1] if words else None


def looks_like_postfix(line: str) -> bool:
    """Whether a line is one of Postfix's (for recognising a log by its first lines)."""
    found = _split(line)
    if found is None:
        return False
    head = found[0]
    return head[:1].isdigit() or head[:3] in MONTHS


def _parser(path: str, year: int, zone: datetime.tzinfo) -> PostfixLog:
    return PostfixLog(path, year=year, zone=zone)


FORMAT = LogFormat("postfix", looks_like_postfix, _parser)
