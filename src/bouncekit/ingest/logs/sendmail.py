"""Sendmail's log (``/var/log/maillog``): the ``stat=`` of each delivery attempt, judged, and
the deliveries, joined by queue id to the ``from=`` line's sender and ``msgid=``.

Pure: lines in, records out. The shapes (sendmail's "Log entry format" in its Installation
and Operation Guide; Costales, *sendmail*, 14.5 "stat="): one line per message received, one
per delivery attempt, whose ``to=`` lists the recipients of that attempt::

    Feb  6 12:14:43 mx sendmail[65623]: g16HEgs9065623: from=<a@example.com>, size=5,
        class=0, nrcpts=1, msgid=<id@example.com>, proto=ESMTP, daemon=MTA, relay=...
    Feb  6 12:14:46 mx sendmail[65625]: g16HEgs9065623: to=<b@example.net>, ctladdr=...,
        delay=00:00:03, xdelay=00:00:03, mailer=esmtp, pri=120377,
        relay=mx.example.net. [192.0.2.1], dsn=2.0.0, stat=Sent (g16HNwC8 Message accepted)
    Jul 15 17:53:51 mx sendmail[22495]: e6FFrpW22493: to=<c@example.net>, ..., dsn=5.1.2,
        stat=Host unknown (Name server: example.net.: host not found)

``stat=Sent`` is a delivery, ``stat=Deferred...`` a deferral, ``stat=queued`` nothing yet, and
any other ``stat=`` a failure, its text judged with the ``dsn=``. A ``Sent`` to the MTA on the
same host (``relay=localhost [127.0.0.1]``, the submission queue handing over) is a hop, not a
send. A queue id's state is dropped when all its ``nrcpts`` have a final status.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
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
from bouncekit.store import SentMessage

__all__ = ["FORMAT", "MAX_OPEN_MESSAGES", "SendmailLog", "looks_like_sendmail"]

MAX_OPEN_MESSAGES = 100_000
_LINE = re.compile(
    r"(?P<head>.*?) (?P<program>sendmail|sm-mta|sm-msp-queue)\[\d+\]: "
    r"(?P<id>[0-9A-Za-z]{8,20}): (?P<body>.*)\Z"
)
_LOCAL_RELAYS = ("localhost", "[127.0.0.1]", "[IPv6:::1]")


@dataclass(slots=True)
class _Received:
    sender: str | None
    message_id: str | None
    pending: int  # recipients without a final status yet


class SendmailLog:
    """Sendmail's log read one line at a time (see the module's text)."""

    name = "sendmail"

    def __init__(
        self, path: str, *, year: int | None = None, zone: datetime.tzinfo | None = None
    ) -> None:
        self.path = path
        self.clock = SyslogClock(
            year if year is not None else datetime.datetime.now(datetime.UTC).year,
            zone if zone is not None else datetime.UTC,
        )
        self._queue: dict[str, _Received] = {}

    def snapshot(self) -> dict[str, Any]:
        return {
            "year": self.clock.year,
            "month": self.clock.month,
            "queue": {
                queue_id: [r.sender, r.message_id, r.pending] for queue_id, r in newest(self._queue)
            },
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.clock.year = int(state.get("year", self.clock.year))
        self.clock.month = int(state.get("month", 0))
        self._queue = {
            queue_id: _Received(sender, message_id, int(pending))
            for queue_id, (sender, message_id, pending) in state.get("queue", {}).items()
        }

    @property
    def open_messages(self) -> int:
        return len(self._queue)

    def feed(self, line: str, number: int) -> Sequence[LogRecord]:
        # The pre-filter: only "from=" and "stat=" lines of sendmail's programs are split.
        if "stat=" not in line and "from=" not in line:
            return NOTHING
        found = _LINE.match(line)
        if found is None:
            return NOTHING
        queue_id, body = found["id"], found["body"]
        fields = _fields(body)
        if "stat" not in fields:
            if "from" in fields:
                self._received(queue_id, fields)
            return NOTHING
        try:
            when = self.clock.read(found["head"])
        except ValueError:
            return (LogProblem(number, f"{self.path}:{number}: the time stamp cannot be read; "
                                       "the line is left out."),)  # fmt: skip
        recipients = [a.strip().strip("<>") for a in fields.get("to", "").split(",") if a.strip()]
        if not recipients:
            return (LogProblem(number, f"{self.path}:{number}: a stat= line names no "
                                       "recipient (to=); it is left out."),)  # fmt: skip
        stat = fields["stat"]
        word = stat.split(" ", 1)[0].rstrip(":").lower()
        received = self._queue.get(queue_id)
        if word == "queued":
            return NOTHING
        if word == "sent":
            relay = fields.get("relay", "")
            if any(local in relay for local in _LOCAL_RELAYS):
                return NOTHING  # handed to the MTA on this host, which logs the delivery
            self._settle(queue_id, received, len(recipients))
            return [
                LogDelivery(
                    number,
                    SentMessage(
                        queue_id,
                        received.message_id if received else None,
                        received.sender if received else None,
                        recipient,
                        when,
                    ),
                    send_count(when, recipient, delivered=True),
                )
                for recipient in recipients
            ]
        deferred = word == "deferred"
        text = stat.partition(":")[2].strip() if deferred else stat
        if "reply" in fields:  # sendmail 8.15 logs the server's own reply beside stat=
            text = f"{fields['reply']} ({text})" if text else fields["reply"]
        original: dict[str, str] = {}
        if received is not None and received.message_id:
            original["message-id"] = received.message_id
        if received is not None and received.sender:
            original["from"] = received.sender
        context = MessageContext(
            decoded_by="sendmail log",
            source=EventSource(SourceKind.LOG, f"{self.path}:{number}"),
            original=original,
        )
        remote = fields.get("relay", "").split(" ", 1)[0].rstrip(".") or None
        records: list[LogRecord] = []
        for index, recipient in enumerate(recipients, 1):
            decoded = DecodedRecipient(
                recipient,
                text,
                action="delayed" if deferred else "failed",
                status=fields.get("dsn"),
                remote_mta=remote if remote and not remote.startswith("[") else None,
                date=when.isoformat(),
            )
            attempt = None if deferred else send_count(when, recipient, delivered=False)
            event = judge_recipient(index, decoded, context)
            records.append(LogEvent(number, line, event, attempt))
        if not deferred:
            self._settle(queue_id, received, len(recipients))
        return records

    def _received(self, queue_id: str, fields: dict[str, str]) -> None:
        if len(self._queue) >= MAX_OPEN_MESSAGES and queue_id not in self._queue:
            del self._queue[next(iter(self._queue))]
        sender = fields["from"].strip().strip("<>") or None
        try:
            pending = int(fields.get("nrcpts", "0"))
        except ValueError:
            pending = 0
        self._queue[queue_id] = _Received(sender, fields.get("msgid"), pending)

    def _settle(self, queue_id: str, received: _Received | None, done: int) -> None:
        if received is None:
            return
        received.pending -= done
        if received.pending <= 0:
            del self._queue[queue_id]


def _fields(body: str) -> dict[str, str]:
    """``key=value, key=value``; ``stat=`` is last and its text may hold ", ", so it takes the
    rest of the line (but a ``reply=`` after it)."""
    head, found, stat = body.partition("stat=")
    fields = {}
    for pair in head.split(", "):
        key, equals, value = pair.partition("=")
        if equals:
            fields[key.strip()] = value.strip().rstrip(",")
    if found:
        stat, _, reply = stat.partition(", reply=")
        fields["stat"] = stat.strip()
        if reply:
            fields["reply"] = reply.strip()
    return fields


def looks_like_sendmail(line: str) -> bool:
    """Whether a line is one of sendmail's with a queue id."""
    found = _LINE.match(line)
    return found is not None and (found["head"][:1].isdigit() or found["head"][:3] in MONTHS)


def _parser(path: str, year: int, zone: datetime.tzinfo) -> SendmailLog:
    return SendmailLog(path, year=year, zone=zone)


FORMAT = LogFormat("sendmail", looks_like_sendmail, _parser)
