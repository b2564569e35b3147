"""Exim's main log (``mainlog``): failures (``**``) and deferrals (``==``), judged, and the
deliveries (``=>``, ``->``, ``>>``), joined by Exim's message id to the sender and Message-ID
of the arrival (``<=``).

Pure: lines in, records out. The shapes (Exim's specification, "Log files" and "Log line
flags"; research/ingest.md 2.2)::

    2016-06-03 17:07:57 [28168] 1b8rdd-0007KK-8q <= a@example.com H=... P=esmtp S=99310
        id=fd14e1@example.com T="Subject" from <a@example.com> for b@example.net
    2015-10-30 19:24:16 1ZsFHb-0004dK-SM => b@example.net R=dnslookup T=remote_smtp
        H=mx.example.net [192.0.2.1] C="250 ok"
    2016-06-03 11:03:18 1b8lwj-0003bo-6W == b@example.net R=dnslookup T=remote_smtp defer
        (-44): SMTP error from remote mail server after RCPT TO:<b@example.net>: host
        mx.example.net [192.0.2.1]: 451 Internal resource temporarily unavailable
    2002-07-11 07:14:17 17SXDU-000189-00 ** c@example.net R=dnslookup T=remote_smtp: SMTP
        error from remote mailer after RCPT TO:<c@example.net>: host ...: 553 5.3.0 ...
    2016-06-03 11:03:19 1b8lwj-0003bo-6W Completed

Message ids are the old 16 characters (``1b8lwj-0003bo-6W``) or the 23 of Exim 4.97 and later
(``16VDhn-000000001bo-D342``). Time stamps are local time unless ``log_timezone`` adds the
offset; ``[pid]`` is there when ``log_selector`` asks for it. ``defer (-53): retry time not
reached`` repeats an earlier deferral without a new attempt and gives nothing, nor does ``*>``
(a delivery suppressed by ``-N``).
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
    NOTHING,
    LogDelivery,
    LogEvent,
    LogFormat,
    LogProblem,
    LogRecord,
    newest,
    send_count,
)
from bouncekit.store import SentMessage

__all__ = ["FORMAT", "MAX_OPEN_MESSAGES", "EximLog", "looks_like_exim"]

MAX_OPEN_MESSAGES = 100_000

_LINE = re.compile(
    r"(?P<date>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.\d+)?(?: (?P<zone>[+-]\d{4}))?"
    r"(?: \[\d+(?::\d+)?\])? (?P<id>[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})"
    r" (?P<flag><=|\(=|=>|->|>>|\*>|\*\*|==|Completed)(?: (?P<rest>.*))?\Z",
    re.ASCII,
)
_FLAGS = (" <= ", " => ", " -> ", " >> ", " ** ", " == ", " Completed")
_DELIVERED = frozenset({"=>", "->", ">>"})
_REMOTE_HOST = re.compile(r"\bhost ([\w.-]+) \[[0-9a-fA-F:.]+\]")
_H_FIELD = re.compile(r"(?:^| )H=([\w.-]+)")
_MESSAGE_ID = re.compile(r"(?:^| )id=(\S+)")


@dataclass(slots=True)
class _Arrived:
    sender: str | None = None
    message_id: str | None = None


class EximLog:
    """Exim's main log read one line at a time (see the module's text)."""

    name = "exim"

    def __init__(self, path: str, *, zone: datetime.tzinfo | None = None) -> None:
        self.path = path
        self.zone = zone if zone is not None else datetime.UTC
        self._messages: dict[str, _Arrived] = {}

    def snapshot(self) -> dict[str, Any]:
        return {
            "messages": {
                exim_id: [arrived.sender, arrived.message_id]
                for exim_id, arrived in newest(self._messages)
            }
        }

    def restore(self, state: dict[str, Any]) -> None:
        self._messages = {
            exim_id: _Arrived(sender, message_id)
            for exim_id, (sender, message_id) in state.get("messages", {}).items()
        }

    @property
    def open_messages(self) -> int:
        return len(self._messages)

    def feed(self, line: str, number: int) -> Sequence[LogRecord]:
        # The pre-filter: only lines with a flag Exim writes after a message id are matched.
        if not any(flag in line for flag in _FLAGS):
            return NOTHING
        found = _LINE.match(line)
        if found is None:
            return NOTHING
        exim_id, flag, rest = found["id"], found["flag"], found["rest"] or ""
        if flag == "Completed":
            self._messages.pop(exim_id, None)
            return NOTHING
        if flag == "<=":
            self._arrival(exim_id, rest)
            return NOTHING
        if flag not in _DELIVERED and flag not in ("**", "=="):
            return NOTHING  # (= fakereject, *> suppressed by -N: nothing was sent
        try:
            when = datetime.datetime.fromisoformat(found["date"]).replace(
                tzinfo=_zone(found["zone"]) if found["zone"] else self.zone
            )
        except ValueError:
            return (LogProblem(number, f"{self.path}:{number}: the time stamp cannot be read; "
                                       "the line is left out."),)  # fmt: skip
        recipient, original, fields, text = _delivery(rest)
        if not recipient:
            return (LogProblem(number, f"{self.path}:{number}: a {flag} line names no "
                                       "recipient; it is left out."),)  # fmt: skip
        arrived = self._messages.get(exim_id)
        if flag in _DELIVERED:
            message = SentMessage(
                exim_id,
                arrived.message_id if arrived else None,
                arrived.sender if arrived else None,
                recipient,
                when,
            )
            return (LogDelivery(number, message, send_count(when, recipient, delivered=True)),)
        if flag == "==":
            if "retry time not reached" in text:
                return NOTHING  # no attempt was made: an earlier deferral, repeated
            action, attempt = "delayed", None
        else:
            action, attempt = "failed", send_count(when, recipient, delivered=False)
        host = _REMOTE_HOST.search(text) or _H_FIELD.search(fields)
        decoded = DecodedRecipient(
            recipient,
            text,
            original_recipient=original,
            action=action,
            remote_mta=host.group(1) if host else None,
            date=when.isoformat(),
        )
        original_message = {}
        if arrived is not None and arrived.message_id:
            original_message["message-id"] = arrived.message_id
        if arrived is not None and arrived.sender:
            original_message["from"] = arrived.sender
        context = MessageContext(
            decoded_by="exim log",
            source=EventSource(SourceKind.LOG, f"{self.path}:{number}"),
            original=original_message,
        )
        event = judge_recipient(1, decoded, context)
        return (LogEvent(number, line, event, attempt),)

    def _arrival(self, exim_id: str, rest: str) -> None:
        sender = rest.split(" ", 1)[0]
        if sender == "<>":
            sender = ""
        found = _MESSAGE_ID.search(rest)
        if len(self._messages) >= MAX_OPEN_MESSAGES and exim_id not in self._messages:
            del self._messages[next(iter(self._messages))]
        message_id = f"<{found.group(1)}>" if found else None
        self._messages[exim_id] = _Arrived(sender or None, message_id)


def _delivery(rest: str) -> tuple[str, str | None, str, str]:
    """``address [<original>] fields[: text]``: the recipient, the original recipient, the
    fields (``R=... T=... H=...``) and the error text (after ``defer (N):`` or the first
    ``: ``)."""
    address, _, after = rest.partition(" ")
    if address.endswith(":"):  # "** c@example.net: Unrouteable address"
        address, after = address[:-1], ": " + after
    original = None
    if after.startswith("<"):
        end = after.find(">")
        if end > 0:
            original, after = after[1:end], after[end + 1 :].lstrip()
    defer = after.find("defer (")
    if defer >= 0:
        fields = after[:defer]
        colon = after.find("): ", defer)
        text = after[colon + 3 :] if colon >= 0 else after[defer:]
    else:
        fields, _, text = after.partition(": ")
    address = address.strip("<>")
    return address, original, fields, text.strip()


def _zone(text: str) -> datetime.tzinfo:
    offset = datetime.timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))
    return datetime.timezone(-offset if text[0] == "-" else offset)


def looks_like_exim(line: str) -> bool:
    """Whether a line is one of Exim's main log with a message id and a flag."""
    return _LINE.match(line) is not None


def _parser(path: str, year: int, zone: datetime.tzinfo) -> EximLog:
    return EximLog(path, zone=zone)


FORMAT = LogFormat("exim", looks_like_exim, _parser)
