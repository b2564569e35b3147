"""Bounce messages from files into the store: .eml files, mbox files, Maildir folders and
directories, read as ``bouncekit parse`` reads them.

Each argument is a source of its own (its cursor says how many messages the last run read).
Messages are written in batches, each in one transaction with its events' payloads and the
suppressions they cause; an event already stored is skipped, so reading a file again, or
again after a crash, stores nothing twice. A message that cannot be read or parsed is counted
against its source with the reason, and the rest goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bouncekit.bounces.batch import Failure, Message, parse_message, read_inputs
from bouncekit.events.model import BounceEvent, SourceKind
from bouncekit.events.version import classifier_version
from bouncekit.ingest.sources import IngestOptions, SourceReader
from bouncekit.store import IngestBatch, Store

__all__ = ["READER", "IngestSummary", "ingest_paths"]

BATCH_MESSAGES = 500  # messages per transaction: a crash redoes at most this many


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did, over all its sources."""

    messages: int = 0
    bounces: int = 0  # messages with at least one event
    new_events: int = 0
    seen_events: int = 0  # stored already by an earlier run
    suppressed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one sentence per input that failed


@dataclass(slots=True)
class _SourceWriter:
    """One source's events, written a batch at a time."""

    store: Store
    reference: str
    version: str
    summary: IngestSummary
    messages: int = 0
    pending: list[tuple[BounceEvent, bytes | None]] = field(default_factory=list)
    batched: int = 0
    errors: int = 0
    last_error: str | None = None

    def failed(self, failure: Failure) -> None:
        self.errors += 1
        self.last_error = failure.error
        self.summary.errors.append(failure.error)
        if failure.read:  # a message that was read and could not be parsed
            self.messages += 1
            self.summary.messages += 1

    def parsed(self, message: Message, events: tuple[BounceEvent, ...]) -> None:
        self.messages += 1
        self.summary.messages += 1
        if events:
            self.summary.bounces += 1
            self.pending.extend((event, message.data) for event in events)
        self.batched += 1

    def flush(self) -> None:
        result = self.store.write_batch(
            IngestBatch(
                SourceKind.FILE,
                self.reference,
                self.pending,
                cursor={"messages": self.messages},
                errors=self.errors,
                last_error=self.last_error,
            ),
            self.version,
        )
        self.summary.new_events += result.new_events
        self.summary.seen_events += result.seen_events
        self.summary.suppressed.extend(result.suppressed)
        self.pending = []
        self.batched = self.errors = 0
        self.last_error = None


def ingest_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    batch_messages: int = BATCH_MESSAGES,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read every message of every path into the store; ``progress`` is told the size in
    bytes of each message as it is done."""
    summary = IngestSummary()
    version = classifier_version()
    for path in paths:
        writer = _SourceWriter(store, os.path.abspath(os.fspath(path)), version, summary)
        for item in read_inputs([path]):
            result = item if isinstance(item, Failure) else parse_message(item)
            if progress is not None:
                progress(result.size)
            if isinstance(result, Failure):
                writer.failed(result)
            elif isinstance(item, Message):
                writer.parsed(item, result.report.records)
            if writer.batched >= batch_messages:
                writer.flush()
        writer.flush()
    return summary


def _ingest_one(
    store: Store,
    source: str,
    options: IngestOptions,
    progress: Callable[[int], None] | None,
) -> IngestSummary:
    return ingest_paths(store, [source], batch_messages=options.batch_size, progress=progress)


# Last: any path that no other reader claims is read as bounce messages.
READER = SourceReader("bounce files", 1000, lambda source: "://" not in source, _ingest_one)
