"""MTA logs into the store: Postfix (``postfix.py``), Exim's main log (``exim.py``), sendmail
(``sendmail.py``) and Exchange's message tracking CSV (``exchange.py``). Each format is one
pure module that defines ``FORMAT``, found by walking this package; this module is their I/O.

A source is a log path. Given ``mail.log``, its rotated series is read with it, oldest first
(``mail.log.2.gz mail.log.1 mail.log``, and logrotate's ``mail.log-20260301[.gz]``); given a
rotated file itself (``mail.log.1``, ``x.gz``), that file alone. Plain and gzip files alike.

The cursor (one per source, moved in the transaction of the lines it covers) records each file
of the series by its identity (device and inode, size, and a hash of its first line) with the
offset read so far, and the parser's join state. So a run reads only what is new, a file
renamed or compressed by a rotation is known again by its first line, and a file put in the
place of a rotated one starts from its beginning. ``--follow`` is the same read done again
every second, so a rotation between two polls loses nothing: the old file is finished under
its new name, the new one read from its start. Only whole lines are read: a line still being
written is left for the next read.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import importlib
import io
import os
import pkgutil
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bouncekit.errors import InputError
from bouncekit.events.model import BounceEvent, SourceKind
from bouncekit.events.version import classifier_version
from bouncekit.ingest.files import IngestSummary
from bouncekit.ingest.logs.model import (
    MONTHS,
    LogDelivery,
    LogEvent,
    LogFormat,
    LogParser,
    LogProblem,
)
from bouncekit.ingest.sources import IngestOptions, SourceReader
from bouncekit.store import IngestBatch, SendCount, SentMessage, Store

__all__ = [
    "FORMATS",
    "READER",
    "LogFormat",
    "detect_format",
    "ingest_log",
    "series",
    "whole_lines",
]

SNIFF_LINES = 20  # lines read from the top of a file to recognise its format
READ_BLOCK = 1 << 20
POLL_SECONDS = 1.0


def _formats() -> dict[str, LogFormat]:
    found = {}
    for info in pkgutil.iter_modules(__path__, prefix=f"{__name__}."):
        module = importlib.import_module(info.name)
        log_format = getattr(module, "FORMAT", None)
        if isinstance(log_format, LogFormat):
            found[log_format.name] = log_format
    return found


FORMATS: dict[str, LogFormat] = _formats()


def _open(path: str) -> io.BufferedIOBase:
    if path.endswith(".gz"):
        return gzip.GzipFile(path, "rb")
    return open(path, "rb")


def _first_lines(path: str, count: int = SNIFF_LINES) -> list[bytes]:
    lines = []
    try:
        with _open(path) as stream:
            for line in stream:
                lines.append(line)
                if len(lines) >= count:
                    break
    except (OSError, EOFError, gzip.BadGzipFile):
        return []
    return lines


def detect_format(path: str) -> LogFormat | None:
    """The format whose lines the top of ``path`` holds; ``None`` when none does.

    A log's first line starts with its time stamp (or a ``#`` header): a message file, whose
    first line is a header field, is not taken for a log because it quotes one further down.
    """
    lines = [line.decode("utf-8", "replace").strip("\ufeff\r\n") for line in _first_lines(path)]
    # journalctl's own "-- Logs begin at ..." / "-- No entries --" lines are not the log's.
    lines = [line for line in lines if line and not line.startswith("-- ")]
    if not lines or not _LOG_START.match(lines[0]):
        return None
    for log_format in FORMATS.values():
        if any(log_format.recognises(line) for line in lines if line):
            return log_format
    return None


# A time stamp (RFC 3339 or ISO date, or a classic syslog "Mar  2") or a "#" header.
_LOG_START = re.compile(r"\d{4}-\d\d-\d\d|[A-Z][a-z]{2} [ \d]\d |#")
_ROTATED = re.compile(r"\.(\d+)(\.gz)?\Z|-(\d{8,10})(\.gz)?\Z")


def series(path: str) -> list[str]:
    """``path`` and its rotated files, oldest first; ``path`` alone when it is a rotated file."""
    name = os.path.basename(path)
    if _ROTATED.search(name) or name.endswith(".gz"):
        return [path]
    folder = os.path.dirname(path) or "."
    rotated: list[tuple[int, str]] = []
    try:
        siblings = os.listdir(folder)
    except OSError:
        siblings = []
    for sibling in siblings:
        if not sibling.startswith(name) or sibling == name:
            continue
        found = _ROTATED.fullmatch(sibling[len(name) :])
        if found is None:
            continue
        if found.group(1) is not None:  # mail.log.3: higher numbers are older
            rotated.append((-int(found.group(1)), sibling))
        else:  # mail.log-20260301: a date, older first
            rotated.append((int(found.group(3)) - 10**10, sibling))
    rotated.sort()
    files = [os.path.join(folder, sibling) for _, sibling in rotated]
    return [*files, path] if os.path.exists(path) or not files else files


def _first_line_hash(path: str) -> str | None:
    """What tells a file from another: a hash of its first whole line, and of the header lines
    before it where the log has them (every Exchange log starts "#Software: Microsoft
    Exchange"; its "#Date:" tells one from another). ``None`` while there is no whole line."""
    digest = hashlib.sha256()
    whole = 0
    try:
        with _open(path) as stream:
            for _ in range(SNIFF_LINES):
                line = stream.readline(1 << 16)
                if not line.endswith(b"\n"):
                    break
                digest.update(line)
                whole += 1
                if not line.lstrip(b"\xef\xbb\xbf").startswith(b"#"):
                    break
    except (OSError, EOFError, gzip.BadGzipFile):
        return None
    return digest.hexdigest()[:16] if whole else None


@dataclass(slots=True)
class _Known:
    """A file of the series as the cursor records it."""

    first: str
    offset: int  # bytes of whole lines read (of the decompressed text, for gzip)
    lines: int
    device: int
    inode: int
    size: int

    def to_json(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "offset": self.offset,
            "lines": self.lines,
            "device": self.device,
            "inode": self.inode,
            "size": self.size,
        }


@dataclass(slots=True)
class _Reading:
    """One source being read: its parser, what is known of its files, the batch being built."""

    store: Store
    reference: str
    parser: LogParser
    batch_size: int
    summary: IngestSummary
    progress: Callable[[int], None] | None
    known: list[_Known] = field(default_factory=list)
    version: str = field(default_factory=classifier_version)
    events: list[tuple[BounceEvent, bytes | None]] = field(default_factory=list)
    messages: list[SentMessage] = field(default_factory=list)
    sends: dict[tuple[datetime.date, str], list[int]] = field(default_factory=dict)
    lines: int = 0
    size: int = 0
    errors: int = 0
    last_error: str | None = None
    last_event_line: int = 0

    def cursor(self) -> dict[str, Any]:
        return {
            "format": self.parser.name,
            "files": [known.to_json() for known in self.known],
            "state": self.parser.snapshot(),
        }

    def flush(self) -> None:
        if not (self.lines or self.errors):
            return
        sends = [
            SendCount(day, domain, attempted, delivered)
            for (day, domain), (attempted, delivered) in self.sends.items()
        ]
        result = self.store.write_batch(
            IngestBatch(
                SourceKind.LOG,
                self.reference,
                self.events,
                cursor=self.cursor(),
                errors=self.errors,
                last_error=self.last_error,
                messages=self.messages,
                sends=sends,
            ),
            self.version,
        )
        self.summary.new_events += result.new_events
        self.summary.seen_events += result.seen_events
        self.summary.suppressed.extend(result.suppressed)
        if self.progress is not None:
            self.progress(self.size)
        self.events, self.messages, self.sends = [], [], {}
        self.lines = self.size = self.errors = 0
        self.last_error = None

    def problem(self, why: str) -> None:
        self.errors += 1
        self.last_error = why
        self.summary.errors.append(why)

    def read_file(self, path: str) -> None:
        """Read what is new in one file of the series, batch by batch."""
        try:
            status = os.stat(path)
        except OSError as error:
            self.problem(f"{path}: cannot be read ({error.strerror}); it is left out.")
            return
        first = _first_line_hash(path)
        if first is None:
            return  # empty, or its first line is still being written
        known = self._find(first, status)
        if known is None:
            known = _Known(first, 0, 0, status.st_dev, status.st_ino, status.st_size)
            self.known.append(known)
        elif (known.device, known.inode, known.size) == (
            status.st_dev,
            status.st_ino,
            status.st_size,
        ) and (path.endswith(".gz") or known.offset >= status.st_size):
            return  # nothing new since the last read
        known.device, known.inode, known.size = status.st_dev, status.st_ino, status.st_size
        self.parser.path = path
        self._read_lines(path, known)

    def _find(self, first: str, status: os.stat_result) -> _Known | None:
        same = [known for known in self.known if known.first == first]
        for known in same:
            if (known.device, known.inode) == (status.st_dev, status.st_ino):
                if not path_shrank(known, status):
                    return known
                self.known.remove(known)  # truncated and written again (copytruncate)
                return None
        return same[0] if same else None

    def _read_lines(self, path: str, known: _Known) -> None:
        try:
            stream = _open(path)
        except OSError as error:
            self.problem(f"{path}: cannot be read ({error.strerror}); it is left out.")
            return
        with stream:
            try:
                _skip(stream, known.offset)
                for raws, texts in whole_lines(stream):
                    self._read_block(raws, texts, known)
            except (OSError, EOFError, gzip.BadGzipFile) as error:
                self.problem(
                    f"{path}:{known.lines + 1}: cannot be read further ({error}); the lines "
                    "before it are kept."
                )
        self.flush()

    def _read_block(self, raws: list[bytes], texts: list[str], known: _Known) -> None:
        """Feed a block's lines, writing a batch each ``batch_size`` lines (the hot loop: the
        counts are kept in locals and settled at each batch)."""
        feed = self.parser.feed
        take = self._take
        number = known.lines
        settled = 0  # lines of this block already counted into the cursor
        room = self.batch_size - self.lines
        for index, line in enumerate(texts):
            number += 1
            records = feed(line, number)
            if records:
                for record in records:
                    take(record, raws[index])
            room -= 1
            if not room:
                self._settle(raws, settled, index + 1, known)
                settled = index + 1
                self.flush()
                room = self.batch_size
        self._settle(raws, settled, len(texts), known)

    def _settle(self, raws: list[bytes], start: int, stop: int, known: _Known) -> None:
        size = sum(map(len, raws[start:stop])) + stop - start
        known.offset += size
        known.lines += stop - start
        self.lines += stop - start
        self.size += size
        self.summary.messages += stop - start

    def _take(self, record: LogEvent | LogDelivery | LogProblem, raw: bytes) -> None:
        if isinstance(record, LogEvent):
            self.events.append((record.event, raw))
            if record.number != self.last_event_line:
                self.summary.bounces += 1
                self.last_event_line = record.number
            if record.attempt is not None:
                self._count(record.attempt)
        elif isinstance(record, LogDelivery):
            self.messages.append(record.message)
            self._count(record.attempt)
        else:
            self.problem(record.why)

    def _count(self, attempt: SendCount) -> None:
        total = self.sends.get((attempt.day, attempt.recipient_domain))
        if total is None:
            self.sends[(attempt.day, attempt.recipient_domain)] = [
                attempt.attempted,
                attempt.delivered,
            ]
        else:
            total[0] += attempt.attempted
            total[1] += attempt.delivered


def path_shrank(known: _Known, status: os.stat_result) -> bool:
    """A plain file smaller than what was read of it was truncated and written again."""
    return status.st_size < known.offset and known.size == known.offset


def whole_lines(stream: io.BufferedIOBase) -> Iterator[tuple[list[bytes], list[str]]]:
    """The whole lines of a stream, a block at a time: their bytes (the events' payloads and
    the cursor's offsets) and their text. A last line without its line end is left unread: it
    is still being written. Decoded a block at a time, which costs less than a line at a time;
    a byte that is not UTF-8 becomes U+FFFD and never a line end, so both lists match."""
    rest = b""
    while block := stream.read(READ_BLOCK):
        block = rest + block if rest else block
        end = block.rfind(b"\n")
        if end < 0:
            rest = block
            continue
        rest = block[end + 1 :]
        whole = block[:end]
        text = whole.decode("utf-8", "replace")
        texts = text.split("\n")
        if "\r" in text:
            texts = [line.rstrip("\r") for line in texts]
        yield whole.split(b"\n"), texts


def _skip(stream: io.BufferedIOBase, offset: int) -> None:
    if not offset:
        return
    if isinstance(stream, gzip.GzipFile):
        while offset:  # a gzip stream seeks by reading
            offset -= len(stream.read(min(offset, READ_BLOCK)) or b"\0" * offset)
    else:
        stream.seek(offset)


def _guess_year(path: str, zone: datetime.tzinfo) -> int:
    """The year of a classic syslog time stamp at the top of ``path``: the year the file was
    last written, or the one before when its first month comes after that (a log of last
    December, rotated in January)."""
    try:
        written = datetime.datetime.fromtimestamp(os.stat(path).st_mtime, zone)
    except OSError:
        return datetime.datetime.now(zone).year
    lines = _first_lines(path, 1)
    month = MONTHS.get(lines[0][:3].decode("ascii", "replace"), 0) if lines else 0
    return written.year - 1 if month > written.month else written.year


def ingest_log(
    store: Store,
    path: str,
    options: IngestOptions | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    stop: threading.Event | None = None,
    poll_seconds: float = POLL_SECONDS,
    zone: datetime.tzinfo | None = None,
) -> IngestSummary:
    """Read a log (and its rotated series) into the store from its cursor on; with
    ``options.follow``, keep reading as it grows until ``stop`` is set (or Ctrl-C)."""
    options = options or IngestOptions()
    reference = os.path.abspath(path)
    files = series(reference)
    if not any(os.path.exists(name) for name in files):
        raise InputError(f"{path}: no such log file.")
    zone = zone or datetime.datetime.now().astimezone().tzinfo or datetime.UTC
    cursor = store.cursor(SourceKind.LOG, reference) or {}
    log_format = _format_of(path, files, options, cursor)
    parser = log_format.parser(reference, _guess_year(files[0], zone), zone)
    if cursor.get("format") == log_format.name and "state" in cursor:
        parser.restore(cursor["state"])
    reading = _Reading(
        store, reference, parser, max(1, options.batch_size), IngestSummary(), progress
    )
    reading.known = [_Known(**known) for known in cursor.get("files", [])]
    try:
        while True:
            present = series(reference)
            for name in present:
                reading.read_file(name)
            _forget_missing(reading, present)
            if not options.follow or (stop is not None and stop.is_set()):
                break
            if stop is not None:
                stop.wait(poll_seconds)
            else:
                time.sleep(poll_seconds)
    except KeyboardInterrupt:
        reading.flush()  # what was read is kept; the next run starts there
    return reading.summary


def _forget_missing(reading: _Reading, present: list[str]) -> None:
    """Drop the files that left the series (rotated away), so the cursor stays small."""
    alive = set()
    for name in present:
        try:
            status = os.stat(name)
        except OSError:
            continue
        alive.add((status.st_dev, status.st_ino))
    kept = [known for known in reading.known if (known.device, known.inode) in alive]
    if len(kept) != len(reading.known):
        reading.known = kept


def _format_of(
    path: str, files: list[str], options: IngestOptions, cursor: dict[str, Any]
) -> LogFormat:
    if options.log_format:
        log_format = FORMATS.get(options.log_format.lower())
        if log_format is None:
            raise InputError(
                f"--log-format {options.log_format}: not a log format bouncekit reads; give "
                f"one of {', '.join(sorted(FORMATS))}."
            )
        return log_format
    if cursor.get("format") in FORMATS:
        return FORMATS[cursor["format"]]
    for name in reversed(files):
        found = detect_format(name)
        if found is not None:
            return found
    raise InputError(
        f"{path}: not a log bouncekit recognises ({', '.join(sorted(FORMATS))}); name its "
        "format with --log-format."
    )


def _claims(source: str) -> bool:
    """A path whose first lines are an MTA log's (its newest file, or the oldest rotated),
    or whose name is a log's (``*.log``, ``maillog``, ``mainlog``): such a file in a format
    not recognised gets a sentence asking for ``--log-format`` instead of being read as
    bounce messages. (The reader seam gives ``claims`` the source alone, not the options.)"""
    if "://" in source:
        return False
    name = _ROTATED.sub("", os.path.basename(source)).lower()
    if os.path.isfile(source) and (name.endswith(".log") or name in _LOG_NAMES):
        return True
    for name in reversed(series(os.path.abspath(source))):
        if os.path.isfile(name):
            return detect_format(name) is not None
    return False


_LOG_NAMES = frozenset({"maillog", "mail.log", "mainlog", "mail.err", "mail.warn", "syslog"})


def _ingest(
    store: Store, source: str, options: IngestOptions, progress: Callable[[int], None] | None
) -> IngestSummary:
    return ingest_log(store, source, options, progress)


# Before the bounce files (1000), which take any path.
READER = SourceReader("mta log", 100, _claims, _ingest)
