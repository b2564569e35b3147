"""What an MTA log's parser gives its reader: judged events, deliveries and the lines it could
not read, each with the line number it came from.

A parser is pure and fed one line at a time (:class:`LogParser`): the state that joins the
lines of one message (its queue id's ``message-id`` and sender) lives in the parser, is
dropped when the MTA says the message is gone, and can be saved with the source's cursor
(:meth:`LogParser.snapshot`) so that a later run resumes the join where the last one stopped.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from bouncekit.events.model import BounceEvent
from bouncekit.store import SendCount, SentMessage

__all__ = [
    "NOTHING",
    "SNAPSHOT_MESSAGES",
    "LogDelivery",
    "LogEvent",
    "LogFormat",
    "LogParser",
    "LogProblem",
    "LogRecord",
    "SyslogClock",
    "newest",
    "send_count",
]


@dataclass(frozen=True, slots=True)
class LogEvent:
    """A failure or a deferral of one recipient, judged; ``attempt`` counts it as a send
    (a final outcome: bounced, expired) or is ``None`` (a deferral: the message is retried)."""

    number: int
    line: str
    event: BounceEvent
    attempt: SendCount | None


@dataclass(frozen=True, slots=True)
class LogDelivery:
    """A message delivered to one recipient: a send, and what later complaints join to."""

    number: int
    message: SentMessage
    attempt: SendCount


@dataclass(frozen=True, slots=True)
class LogProblem:
    """A line of the log's format that could not be read, or that leaves a result unknown."""

    number: int
    why: str


LogRecord = LogEvent | LogDelivery | LogProblem
V = TypeVar("V")
# Open messages saved with each batch's cursor, the newest first: what a later run needs to
# join lines it has not read yet. An MTA's queue rarely holds more; a message older than these
# loses its Message-ID and sender in the next run, not its events.
SNAPSHOT_MESSAGES = 5_000
NOTHING: tuple[LogRecord, ...] = ()  # what most lines give: shared, so it costs nothing


class LogParser(Protocol):
    """One MTA's log, read line by line. ``path`` names the file being read (the events'
    references are ``path:line``); the reader sets it as it moves through a rotated series."""

    name: str
    path: str

    def feed(self, line: str, number: int) -> Sequence[LogRecord]:
        """The records of one line (without its line end); most lines give none."""
        ...

    def snapshot(self) -> dict[str, Any]:
        """The join state, as JSON, to be saved with the cursor."""
        ...

    def restore(self, state: dict[str, Any]) -> None:
        """Take back a state :meth:`snapshot` gave."""
        ...


def newest(state: dict[str, V], count: int = SNAPSHOT_MESSAGES) -> list[tuple[str, V]]:
    """The ``count`` entries last added to ``state``, oldest first."""
    if len(state) <= count:
        return list(state.items())
    return list(itertools.islice(reversed(state.items()), count))[::-1]


def send_count(when: datetime.datetime, recipient: str, *, delivered: bool) -> SendCount:
    """One attempt to ``recipient``'s domain on the UTC day of ``when``."""
    domain = recipient.rpartition("@")[2].strip().lower() or "(none)"
    day = (when if when.tzinfo is datetime.UTC else when.astimezone(datetime.UTC)).date()
    return SendCount(day, domain, 1, 1 if delivered else 0)


@dataclass(frozen=True, slots=True)
class LogFormat:
    """One MTA's log: how to recognise its lines, and its parser. A format module defines
    ``FORMAT``; the reader finds it by walking the package."""

    name: str  # the --log-format word: postfix, exim, sendmail, exchange
    recognises: Callable[[str], bool]  # whether a line is one of this log's
    parser: Callable[[str, int, datetime.tzinfo], LogParser]  # (path, year, zone)


MONTHS = {
    name: number
    for number, name in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}


class SyslogClock:
    """Reads the time stamps syslog puts before a line: classic ``Sep  7 13:35:40`` (no year
    nor zone: ``year`` and ``zone`` complete it, and the year goes up by one when the months
    go from December to January) or RFC 3339 ``2026-09-07T13:35:40.588448+02:00``."""

    def __init__(self, year: int, zone: datetime.tzinfo) -> None:
        self.year = year
        self.zone = zone
        self.month = 0
        # Lines come many to a second: the last stamp read is kept.
        self._last_stamp = ""
        self._last_time = datetime.datetime(year, 1, 1, tzinfo=zone)

    def read(self, head: str) -> datetime.datetime:
        """The time at the start of ``head``; ValueError when there is none."""
        rfc3339 = head[:1].isdigit()
        stamp = head[: head.find(" ")] if rfc3339 else head[:15]
        if stamp == self._last_stamp:
            return self._last_time
        when = self._read(stamp, rfc3339)
        self._last_stamp, self._last_time = stamp, when
        return when

    def _read(self, stamp: str, rfc3339: bool) -> datetime.datetime:
        if rfc3339:
            when = datetime.datetime.fromisoformat(stamp)
            return when if when.tzinfo is not None else when.replace(tzinfo=self.zone)
        month = MONTHS.get(stamp[:3], 0)
        if not month:
            raise ValueError(stamp)
        if month == 1 and self.month == 12:
            self.year += 1  # the log went on past New Year
        self.month = month
        hour, minute, second = stamp[7:15].split(":")
        return datetime.datetime(
            self.year, month, int(stamp[4:6]), int(hour), int(minute), int(second),
            tzinfo=self.zone,
        )  # fmt: skip
