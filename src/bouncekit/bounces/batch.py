"""Many messages at once: files, directory trees, mbox files, Maildir folders and stdin.

``read_inputs`` turns paths into messages, ``parse_messages`` parses them (in this process,
helped by worker processes when ``jobs`` is above 1; results always in input order) and
``parse_paths`` does both. Nothing here raises on bad input: a path that cannot be read and a
message whose parsing fails (a bug) each come back as a :class:`Failure` naming the input,
and the batch goes on.

    from bouncekit.bounces.batch import Summary, parse_paths

    summary = Summary()
    for result in parse_paths(["bounces/", "mail.mbox"], jobs=2):
        summary.add(result)
        if isinstance(result, Parsed):
            for record in result.report.records:
                print(record.file, record.recipient, record.reason)
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import multiprocessing
import os
import pickle
import queue
import re
import signal
import stat
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import BinaryIO

from bouncekit.bounces.model import BounceKind, BounceReport
from bouncekit.bounces.parse import parse_bounce
from bouncekit.replies.classify import Judgement

__all__ = [
    "Failure",
    "Message",
    "Parsed",
    "Result",
    "Summary",
    "input_size",
    "parse_message",
    "parse_messages",
    "parse_paths",
    "read_inputs",
]

STDIN = "-"
# The postmark line that starts each message of an mbox: "From sender date", the date with a
# time and a year (the same test as mutt's is_from()), so a body line that merely starts with
# "From " does not split a message (RFC 4155 section 2).
_POSTMARK = re.compile(rb"^From \S+.*\b\d{1,2}:\d{2}\b.*\b\d{4}\b")
_ESCAPED_FROM = re.compile(rb"^>+From ")  # mboxrd quoting: one ">" is removed on reading
_CHUNK_MESSAGES = 32  # messages parsed as one piece of work, here or by a worker
_CHUNK_BYTES = 4 * 1024 * 1024  # ... or fewer when they are large
# Chunks in flight per worker: one parsed, two waiting. Sending happens in a thread that waits
# for this one (busy parsing) to let it run; the queue covers that wait.
_READ_AHEAD = 3


@dataclass(frozen=True, slots=True)
class Message:
    """One message read from an input, not parsed yet."""

    source: str  # the path; "path#N" for the Nth message of an mbox; "-" for stdin
    data: bytes

    def __reduce__(self) -> tuple[type[Message], tuple[str, bytes]]:
        # Constructor arguments pickle several times faster than a slots dataclass's state.
        return (Message, (self.source, self.data))


@dataclass(frozen=True, slots=True)
class Parsed:
    """A message parsed; its records carry ``file=source``."""

    source: str
    report: BounceReport
    size: int

    def __reduce__(self) -> tuple[type[Parsed], tuple[str, BounceReport, int]]:
        # As BounceRecord's: the parent of worker processes loads one per message.
        return (Parsed, (self.source, self.report, self.size))


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, or a message whose parsing raised."""

    source: str
    error: str  # a sentence naming the input, what went wrong and what to do
    size: int = 0
    read: bool = False  # True when the message was read and parsing it failed

    def __reduce__(self) -> tuple[type[Failure], tuple[str, str, int, bool]]:
        return (Failure, (self.source, self.error, self.size, self.read))


Result = Parsed | Failure


@dataclass(frozen=True, slots=True)
class _Unread:
    """A file named but not read yet: with worker processes, the worker that parses it reads
    it, so the parent neither reads nor ships its bytes."""

    path: str
    single: bool = False  # a Maildir file: one message even after a "From " line

    def __reduce__(self) -> tuple[type[_Unread], tuple[str, bool]]:
        return (_Unread, (self.path, self.single))


_Item = Message | Failure | _Unread


@dataclass(slots=True)
class Summary:
    """Counts over a batch, for the closing line."""

    messages: int = 0  # messages read from the inputs, parsed or not
    bounces: int = 0  # messages with at least one record
    records: int = 0
    not_bounces: int = 0
    # failure notices that name no recipient address (a display name only): bounces all the
    # same, counted apart since they give no record
    unaddressed: int = 0
    errors: int = 0  # unreadable inputs and messages whose parsing failed

    def add(self, result: Result) -> None:
        if isinstance(result, Parsed):
            self.messages += 1
            report = result.report
            if report.kind is BounceKind.FAILURE and not report.records:
                self.unaddressed += 1
            elif report.kind is BounceKind.NOT_BOUNCE or not report.records:
                self.not_bounces += 1
            else:
                self.bounces += 1
                self.records += len(report.records)
            return
        self.errors += 1
        self.messages += result.read

    def sentence(self) -> str:
        unaddressed = (
            f"{_plural(self.unaddressed, 'failure notice')} naming no recipient address, "
            if self.unaddressed
            else ""
        )
        return (
            f"{_plural(self.messages, 'message')} read: {_plural(self.bounces, 'bounce')} "
            f"({_plural(self.records, 'record')}), {unaddressed}{self.not_bounces} not bounces, "
            f"{_plural(self.errors, 'error')}."
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# --- reading -------------------------------------------------------------------------------


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], *, stdin: BinaryIO | None = None
) -> Iterator[Message | Failure]:
    """Every message of every input, in order; a :class:`Failure` for each unreadable input.

    A path is a message file (``.eml``, or any file not starting with a "From " line), an mbox
    file (its first line is a "From " postmark), a Maildir folder (``cur/`` and ``new/``, one
    message per file) or any directory (walked recursively in name order, a directory's
    files before its subdirectories, hidden files skipped). ``-`` reads ``stdin`` (a message
    or an mbox).
    """
    for item in _walk(paths, stdin):
        if isinstance(item, _Unread):
            yield from _read_file(item.path, single=item.single)
        else:
            yield item


def _walk(
    paths: Iterable[str | os.PathLike[str]], stdin: BinaryIO | None
) -> Iterator[Message | Failure | _Unread]:
    """``read_inputs`` without opening files: each file it finds is named, not read."""
    for path in paths:
        name = os.fspath(path)
        if name == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = stream.read()
            except OSError as error:
                yield Failure(STDIN, f"-: standard input cannot be read ({error.strerror}).")
                continue
            yield from _split(STDIN, data.splitlines(keepends=True))
            continue
        if "\0" in name:
            yield Failure(name, f"{name!r}: not a valid path: it holds a NUL byte.")
            continue
        is_directory = os.path.isdir(name)
        exists = is_directory or os.path.lexists(name)
        if not exists:
            yield Failure(
                name,
                f"{name}: no such file or directory. Check the path; give message files, "
                "mbox files, Maildir folders or directories of them.",
            )
        elif is_directory:
            yield from _read_directory(name)
        else:
            yield _Unread(name)


def _read_directory(top: str) -> Iterator[Failure | _Unread]:
    failures: list[OSError] = []  # os.walk reports directories it cannot list here
    for directory, subdirectories, files in os.walk(top, onerror=failures.append):
        yield from _drain(failures, top)
        subdirectories.sort()
        if "cur" in subdirectories and "new" in subdirectories:
            # A Maildir: messages live in cur/ and new/; tmp/ holds deliveries in progress.
            # Its other subdirectories are Maildir++ folders, walked like any directory.
            for folder in ("cur", "new"):
                inner = os.path.join(directory, folder)
                try:
                    names = sorted(os.listdir(inner))
                except OSError as error:
                    yield _unreadable(inner, error)
                    continue
                for name in names:
                    if not name.startswith("."):
                        yield _Unread(os.path.join(inner, name), single=True)
            subdirectories[:] = [d for d in subdirectories if d not in ("cur", "new", "tmp")]
            continue
        prefix = os.path.join(directory, "")  # joined once: a directory may hold thousands
        for name in sorted(files):
            if not name.startswith("."):
                yield _Unread(prefix + name)
    yield from _drain(failures, top)


def _drain(failures: list[OSError], top: str) -> Iterator[Failure]:
    while failures:
        error = failures.pop(0)
        yield _unreadable(os.fsdecode(error.filename) if error.filename else top, error)


def _read_file(path: str, *, single: bool = False) -> Iterator[Message | Failure]:
    """The messages of one file. A Maildir file or an .eml file is always one message, even
    when a "From " line starts it (some tools save one); other files are split as mbox."""
    try:
        whole = _one_message(path, single)
        data = _read_small(path, limit=None if whole else _CHUNK_BYTES)
        if data is None:  # a large mbox: read line by line, so that any size fits
            with open(path, "rb") as stream:
                yield from _split(path, stream)
        elif whole or not data.startswith(b"From "):
            if data:  # an empty file holds no message
                yield Message(path, data)
        else:
            yield from _split(path, data.splitlines(keepends=True))
    except _NotRegularFile:
        yield Failure(
            path,
            f"{path}: not a regular file (a FIFO, socket or device). Give messages as files, "
            "mbox files or directories of them.",
        )
    except OSError as error:
        yield _unreadable(path, error)


def _one_message(path: str, single: bool) -> bool:
    return single or path.lower().endswith(".eml")


class _NotRegularFile(Exception):
    """A FIFO, socket or device where a message file was expected."""


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def _read_small(path: str, *, limit: int | None) -> bytes | None:
    """A regular file's bytes, or None when it is larger than ``limit``.

    os.open and os.read rather than open(): half the cost per file, which counts in a
    directory of thousands of small messages. O_NONBLOCK, because opening a FIFO to read
    would otherwise wait for a writer.
    """
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise _NotRegularFile(path)
        if limit is not None and info.st_size > limit:
            return None
        data = os.read(descriptor, info.st_size + 1)
        if len(data) != info.st_size:  # it changed while being read: read to its end
            pieces = [data]
            while piece := os.read(descriptor, 1 << 20):
                pieces.append(piece)
            data = b"".join(pieces)
        return data
    finally:
        os.close(descriptor)


def input_size(paths: Iterable[str | os.PathLike[str]]) -> int:
    """The bytes the paths hold (stdin not counted), for a progress bar; never raises."""
    total = 0
    for path in paths:
        name = os.fspath(path)
        try:
            if os.path.isdir(name):
                for directory, _, files in os.walk(name):
                    total += sum(_size(os.path.join(directory, f)) for f in files)
            elif name != STDIN:
                total += _size(name)
        except ValueError:
            continue
    return total


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _unreadable(path: str, error: OSError | None) -> Failure:
    if isinstance(error, PermissionError):
        advice = "permission denied. Make it readable (chmod +r) or run as a user who can read it."
    elif isinstance(error, FileNotFoundError):
        advice = "it vanished or is a broken symbolic link. Check the path or the link's target."
    elif isinstance(error, IsADirectoryError):
        advice = "a directory where a file was expected. Give the directory itself instead."
    else:
        reason = error.strerror if error is not None and error.strerror else "unknown error"
        advice = f"cannot be read ({reason}). Check that it is a file or directory you can read."
    return Failure(path, f"{path}: {advice}")


def _split(source: str, lines: Iterable[bytes]) -> Iterator[Message | Failure]:
    """One message, or each message of an mbox; read line by line so an mbox of any size fits.

    A file whose first line is a "From " postmark is an mbox. Its messages are named
    "source#N" when it holds more than one; a single message keeps the plain name.
    """
    iterator = iter(lines)
    first = next(iterator, b"")
    if not first.startswith(b"From "):
        data = first + b"".join(iterator)
        if data:  # an empty file holds no message
            yield Message(source, data)
        return
    number = 0
    current: list[bytes] = [first]
    for line in iterator:
        if line.startswith(b"From ") and _POSTMARK.match(line):
            number += 1
            yield Message(f"{source}#{number}", _unescape(current))
            current = [line]
        else:
            current.append(line)
    yield Message(f"{source}#{number + 1}" if number else source, _unescape(current))


def _unescape(lines: list[bytes]) -> bytes:
    # The postmark stays: read_mail() drops a leading "From " line itself.
    return b"".join(
        line[1:] if line.startswith(b">") and _ESCAPED_FROM.match(line) else line for line in lines
    )


# --- parsing -------------------------------------------------------------------------------


def parse_message(message: Message) -> Result:
    """Parse one message; an exception (a bug in a format) becomes a :class:`Failure`."""
    try:
        report = parse_bounce(message.data, source=message.source)
    except Exception as error:  # any bug in any format must not stop the batch
        return Failure(
            message.source,
            f"{message.source}: parsing failed with {type(error).__name__}: {error}. This is a "
            "bug in bouncekit; please report it with the message attached. The batch went on.",
            size=len(message.data),
            read=True,
        )
    return Parsed(message.source, report, len(message.data))


_Judgements = list[Judgement | None] | None  # a chunk's, record by record, when asked for


def _parse_chunk(chunk: list[_Item], with_diagnosis: bool) -> tuple[list[Result], _Judgements]:
    """A chunk parsed by the process given it, which reads its files itself.

    A worker's records are pickled with every field of the event (provider, rule id, retry,
    verdict: BounceEvent.__reduce__, the codec's flat tuple) but without the engine's
    judgement, which keeps results small; when the diagnoses are wanted, the judgements travel
    beside.
    """
    results: list[Result] = []
    for item in chunk:
        messages = (
            _read_file(item.path, single=item.single) if isinstance(item, _Unread) else [item]
        )
        for message in messages:
            results.append(message if isinstance(message, Failure) else parse_message(message))
    if not with_diagnosis:
        return results, None
    judgements = [
        record.judgement
        for result in results
        if isinstance(result, Parsed)
        for record in result.report.records
    ]
    return results, judgements


def _with_judgements(results: list[Result], judgements: _Judgements) -> list[Result]:
    """The records as the worker had them: their judgements put back."""
    if not judgements:
        return results
    remaining = iter(judgements)
    restored: list[Result] = []
    for result in results:
        if isinstance(result, Parsed) and result.report.records:
            records = tuple(
                dataclasses.replace(record, judgement=next(remaining))
                for record in result.report.records
            )
            report = dataclasses.replace(result.report, records=records)
            result = dataclasses.replace(result, report=report)
        restored.append(result)
    return restored


def _sized(items: Iterable[_Item]) -> Iterator[tuple[_Item, int]]:
    """Each item with the bytes it brings to a chunk. A file too large for one chunk (a big
    mbox) is read and split here, so that its messages are shared among the workers."""
    for item in items:
        if isinstance(item, Message):
            yield item, len(item.data)
        elif isinstance(item, Failure):
            yield item, 0
        elif _one_message(item.path, item.single):
            # Whatever its size, its worker reads it: the parent has nothing to share out.
            yield item, 0
        elif (size := _size(item.path)) < _CHUNK_BYTES:
            yield item, size
        else:
            for message in _read_file(item.path, single=item.single):
                yield message, len(message.data) if isinstance(message, Message) else 0


def _chunks(items: Iterable[_Item]) -> Iterator[list[_Item]]:
    chunk: list[_Item] = []
    size = 0
    for item, item_size in _sized(items):
        chunk.append(item)
        size += item_size
        if len(chunk) >= _CHUNK_MESSAGES or size >= _CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    # fork: workers inherit the compiled formats and rules instead of importing them again.
    # The workers are started before any thread (a progress bar) exists in this process.
    if sys.platform == "linux":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


# Small DSNs and a small plain-text notice parsed once before workers start: they load every
# format, build the rule book and compile the wording the generic readers use, which forked
# workers then inherit instead of each building their own.
_WARM_UP = (
    b"From: MAILER-DAEMON@example.org\nSubject: Undelivered Mail Returned to Sender\n"
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n"
    b"Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
    b"Final-Recipient: rfc822; user@example.net\nAction: failed\nStatus: 5.1.1\n"
    b"Diagnostic-Code: smtp; 550 5.1.1 <user@example.net>: User unknown\n--b--\n",
    b"From: MAILER-DAEMON@example.org\nSubject: Delivery Status Notification\n"
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n"
    b"Content-Type: text/plain\n\nThe server will retry.\n--b\n"
    b"Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
    b"Final-Recipient: rfc822; user@example.net\nAction: failed\nStatus: 4.4.1\n--b--\n",
    b"From: postmaster@example.org\nSubject: Delivery failure\n\n"
    b"Your message could not be delivered to the following recipient:\n\n"
    b"  user@example.net\n  Mailbox full\n",
)


def _warm() -> None:
    for message in _WARM_UP:
        parse_bounce(message)


def parse_messages(
    items: Iterable[Message | Failure], *, jobs: int = 1, with_diagnosis: bool = False
) -> Iterator[Result]:
    """Parse every message in ``jobs`` processes (this one and ``jobs - 1`` workers), in order.

    Failures from reading pass through in place. A worker that dies (killed, out of memory)
    turns the messages it held into failures, and a new worker takes over the rest. Records
    parsed by a worker come without their diagnosis unless ``with_diagnosis`` (it would
    triple what they send back).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be 1 or more, not {jobs}.")
    if jobs == 1:
        for item in items:
            yield (item if isinstance(item, Failure) else parse_message(item))
        return
    yield from _parse_in_workers(items, jobs, with_diagnosis)


def _serve(connection: Connection, with_diagnosis: bool) -> None:
    """A worker: parse each chunk that arrives and send its results back, until an empty
    message says the batch is over."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while payload := connection.recv_bytes():
        chunk: list[_Item] = pickle.loads(payload)
        answer = _parse_chunk(chunk, with_diagnosis)
        connection.send_bytes(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


class _Worker:
    """One worker process and the chunks sent to it, oldest first."""

    def __init__(self, context: multiprocessing.context.BaseContext, with_diagnosis: bool) -> None:
        self.connection, theirs = context.Pipe()
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_serve, args=(theirs, with_diagnosis), daemon=True
        )
        self.process.start()
        theirs.close()  # held by the worker alone: its death is then an end of file here
        self.in_flight: deque[tuple[int, list[_Item]]] = deque()  # (number, chunk), oldest first

    def stop(self, *, wait: bool) -> None:
        """Wait for the worker to end (it has been told to), or end it now."""
        if wait:
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        self.connection.close()


class _Pool:
    """Worker processes fed through pipes, leaner than ProcessPoolExecutor.

    This thread reads and unpickles each chunk's results itself, where the executor hands
    every result from a manager thread to this one, which costs this process (competing for
    the same cores as the workers) several times more. Only sending runs in a thread: a
    large chunk may fill a pipe while its worker is still sending the results of the one
    before, and this thread must then be free to read them.
    """

    def __init__(self, workers: int, with_diagnosis: bool) -> None:
        self._context = _context()
        self._with_diagnosis = with_diagnosis
        self.workers = [_Worker(self._context, with_diagnosis) for _ in range(workers)]
        self._outbox: queue.SimpleQueue[tuple[Connection, bytes] | None] = queue.SimpleQueue()
        self._sender = threading.Thread(target=self._send_all, name="bouncekit-send", daemon=True)
        self._sender.start()

    def _send_all(self) -> None:
        while (letter := self._outbox.get()) is not None:
            connection, payload = letter
            with contextlib.suppress(OSError):  # a worker that died is noticed when read
                connection.send_bytes(payload)

    def least_busy(self) -> _Worker:
        return min(self.workers, key=lambda worker: len(worker.in_flight))

    def send(self, worker: _Worker, number: int, chunk: list[_Item]) -> None:
        worker.in_flight.append((number, chunk))
        payload = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        self._outbox.put((worker.connection, payload))

    def receive(self, *, block: bool = True) -> list[tuple[int, list[Result]]]:
        """The results of every worker that has some ready, each with the number of its
        chunk; with ``block``, waiting for one at least while any chunk is in flight."""
        busy = {worker.connection: worker for worker in self.workers if worker.in_flight}
        if not busy:
            return []
        ready = wait(list(busy), timeout=None if block else 0)
        return [self._receive(busy[connection]) for connection in ready]  # type: ignore[index]

    def _receive(self, worker: _Worker) -> tuple[int, list[Result]]:
        number, chunk = worker.in_flight.popleft()
        try:
            answer: tuple[list[Result], _Judgements] = pickle.loads(worker.connection.recv_bytes())
        except (EOFError, OSError):
            # The worker died: the chunk it was parsing is reported as failures (the
            # likeliest culprit), and a new worker in its place takes over the others it held.
            worker.stop(wait=False)
            replacement = _Worker(self._context, self._with_diagnosis)
            self.workers[self.workers.index(worker)] = replacement
            for waiting in worker.in_flight:
                self.send(replacement, *waiting)
            return number, [_lost(item) for item in chunk]
        return number, _with_judgements(*answer)

    def close(self, *, wait: bool) -> None:
        self._outbox.put(None)
        self._sender.join()
        if wait:  # every worker told first, so that they stop together
            for worker in self.workers:
                with contextlib.suppress(OSError):
                    worker.connection.send_bytes(b"")
        for worker in self.workers:
            worker.stop(wait=wait)


def _parse_in_workers(items: Iterable[_Item], jobs: int, with_diagnosis: bool) -> Iterator[Result]:
    """Parse in this process and ``jobs - 1`` workers; results in input order.

    A chunk goes to a worker while one has room, and is parsed here otherwise: this process
    then works instead of waiting, and the results it parses need no pickling. In the last few
    chunks a worker is given one at a time, so that it does not finish long after this one.
    """
    _warm()
    pool = _Pool(jobs - 1, with_diagnosis)
    done: dict[int, list[Result]] = {}  # results ready before their turn, by chunk number
    turn = 0  # the number of the next chunk to give out

    def in_turn() -> Iterator[Result]:
        nonlocal turn
        while turn in done:
            yield from done.pop(turn)
            turn += 1

    finished = False
    try:
        chunks = enumerate(_chunks(items))
        upcoming = deque(itertools.islice(chunks, _READ_AHEAD))  # to see the end coming
        while upcoming:
            number, chunk = upcoming.popleft()
            upcoming.extend(itertools.islice(chunks, 1))
            worker = pool.least_busy()
            ending = len(upcoming) < _READ_AHEAD - 1
            if len(worker.in_flight) < (1 if ending else _READ_AHEAD):
                pool.send(worker, number, chunk)
            else:
                # Parsed here, the records keep their judgements: nothing to send back.
                done[number] = _parse_chunk(chunk, with_diagnosis=False)[0]
            done.update(pool.receive(block=False))
            yield from in_turn()
        while any(worker.in_flight for worker in pool.workers):
            done.update(pool.receive())
            yield from in_turn()
        finished = True
    finally:
        pool.close(wait=finished)


def _lost(item: _Item) -> Result:
    if isinstance(item, Failure):
        return item
    source = item.path if isinstance(item, _Unread) else item.source
    return Failure(
        source,
        f"{source}: the worker process parsing it stopped (killed or out of memory). Run "
        "again with -j 1 on this input to see whether the message itself is the cause.",
        size=len(item.data) if isinstance(item, Message) else 0,
        read=True,
    )


def parse_paths(
    paths: Sequence[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    stdin: BinaryIO | None = None,
    with_diagnosis: bool = False,
) -> Iterator[Result]:
    """``read_inputs`` then ``parse_messages``: every message of every path, in order."""
    if jobs <= 1:
        return parse_messages(read_inputs(paths, stdin=stdin), jobs=jobs)
    # Files are read by the process that parses them: reading every message here and shipping
    # its bytes through a pipe would cost this process nearly as much as parsing it.
    return _parse_in_workers(_walk(paths, stdin), jobs, with_diagnosis)
