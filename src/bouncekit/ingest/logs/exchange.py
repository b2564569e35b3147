"""Microsoft Exchange's message tracking log (``MSGTRK*.LOG``, CSV): ``FAIL`` rows judged as
failures and ``DEFER`` rows as deferrals, one event per recipient; ``SEND`` and ``DELIVER``
rows as deliveries.

Pure: lines in, records out. The shape (Microsoft's "Message tracking" page of the Exchange
Server documentation, research/ingest.md 2.3): a header of ``#`` lines whose ``#Fields:``
names the columns (never assumed: Exchange 2010 writes 26, 2013 and later more), then one CSV
row per event. Files are UTF-8 with a byte order mark. ``recipient-address`` and
``recipient-status`` are parallel ``;``-separated lists, and a status may itself hold a ``;``
(``550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found``), so the statuses are split only
before a reply code. Every row carries the ``message-id`` and ``sender-address``: no join is
needed. ``SEND`` (to another server) and ``DELIVER`` (to a mailbox) both count as deliveries:
a message that crosses two servers of one organisation's log is counted at each.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Sequence
from typing import Any

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.events.judge import MessageContext, judge_recipient
from bouncekit.events.model import EventSource, SourceKind
from bouncekit.ingest.logs.model import (
    NOTHING,
    LogDelivery,
    LogEvent,
    LogFormat,
    LogProblem,
    LogRecord,
    send_count,
)
from bouncekit.store import SentMessage

__all__ = ["FORMAT", "ExchangeLog", "looks_like_exchange"]

_STATUS_SPLIT = re.compile(r";(?=\s*[245]\d\d[ -])")
_EVENTS = frozenset({"FAIL", "DEFER", "SEND", "DELIVER"})
_REQUIRED = ("date-time", "event-id", "recipient-address")
_HEADERS = (
    "#Software: Microsoft Exchange",
    "#Log-type: Message Tracking Log",
    "#Fields: date-time,",
)


class ExchangeLog:
    """Exchange's message tracking log read one line at a time (see the module's text)."""

    name = "exchange"

    def __init__(self, path: str) -> None:
        self.path = path
        self._fields: list[str] = []

    def snapshot(self) -> dict[str, Any]:
        return {"fields": self._fields}

    def restore(self, state: dict[str, Any]) -> None:
        self._fields = list(state.get("fields", []))

    def feed(self, line: str, number: int) -> Sequence[LogRecord]:
        if line.startswith("\ufeff"):
            line = line[1:]
        if line.startswith("#"):
            if line.startswith("#Fields:"):
                self._fields = [name.strip() for name in line[8:].split(",")]
            return NOTHING
        if not line.strip():
            return NOTHING
        # The pre-filter: a row of another event (RECEIVE, RESOLVE, ...) is not split.
        if not any(f",{event}," in line for event in _EVENTS):
            return NOTHING
        if not all(name in self._fields for name in _REQUIRED):
            return (LogProblem(number, f"{self.path}:{number}: a row before any #Fields: "
                                       "header naming date-time, event-id and "
                                       "recipient-address; it is left out."),)  # fmt: skip
        values = next(csv.reader([line]))
        if len(values) != len(self._fields):
            return (LogProblem(number, f"{self.path}:{number}: {len(values)} columns where "
                                       f"#Fields: names {len(self._fields)}; the row is left "
                                       "out."),)  # fmt: skip
        row = dict(zip(self._fields, values, strict=True))
        event_id = row["event-id"].upper()
        if event_id not in _EVENTS:
            return NOTHING
        try:
            when = datetime.datetime.fromisoformat(row["date-time"])
        except ValueError:
            return (LogProblem(number, f"{self.path}:{number}: the date-time cannot be read; "
                                       "the row is left out."),)  # fmt: skip
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)  # Exchange writes UTC
        recipients = [a.strip() for a in row["recipient-address"].split(";") if a.strip()]
        if not recipients:
            return (LogProblem(number, f"{self.path}:{number}: a {event_id} row names no "
                                       "recipient; it is left out."),)  # fmt: skip
        transport_id = row.get("internal-message-id") or None
        message_id = row.get("message-id") or None
        sender = row.get("sender-address") or None
        if event_id in ("SEND", "DELIVER"):
            return [
                LogDelivery(
                    number,
                    SentMessage(transport_id, message_id, sender, recipient, when),
                    send_count(when, recipient, delivered=True),
                )
                for recipient in recipients
            ]
        statuses = _statuses(row.get("recipient-status", ""), len(recipients))
        failed = event_id == "FAIL"
        original = {}
        if message_id:
            original["message-id"] = message_id
        if sender:
            original["from"] = sender
        if row.get("message-subject"):
            original["subject"] = row["message-subject"]
        context = MessageContext(
            decoded_by="exchange message tracking",
            source=EventSource(SourceKind.LOG, f"{self.path}:{number}"),
            original=original,
        )
        records: list[LogRecord] = []
        for index, (recipient, status) in enumerate(zip(recipients, statuses, strict=True), 1):
            decoded = DecodedRecipient(
                recipient,
                status,
                action="failed" if failed else "delayed",
                remote_mta=row.get("server-hostname") or None,
                reporting_mta=row.get("client-hostname") or None,
                date=when.isoformat(),
            )
            attempt = send_count(when, recipient, delivered=False) if failed else None
            records.append(
                LogEvent(number, line, judge_recipient(index, decoded, context), attempt)
            )
        return records


def _statuses(text: str, count: int) -> list[str]:
    """One status per recipient: split before each reply code; the whole text for each when
    the count does not match (a status list Exchange did not write in parallel)."""
    if count == 1:
        return [text.strip()]
    parts = [part.strip() for part in _STATUS_SPLIT.split(text)]
    return parts if len(parts) == count else [text.strip()] * count


def looks_like_exchange(line: str) -> bool:
    """Whether a line is a message tracking log's header."""
    line = line.lstrip("\ufeff")
    return line.startswith(_HEADERS)


def _parser(path: str, year: int, zone: datetime.tzinfo) -> ExchangeLog:
    return ExchangeLog(path)


FORMAT = LogFormat("exchange", looks_like_exchange, _parser)
