"""Which reader takes a source, and the options every reader shares.

Each module of this package that reads a kind of source defines ``READER``, a
:class:`SourceReader`: ``claims`` says from the source's text alone (a path, an ``imap://``
URL) whether it is its kind, and ``ingest`` reads it into the store. They are found by walking
the package, as the bounce formats are, and asked in ``order``; the bounce-file reader
(``files.py``) comes last and takes any path. Adding a kind of source is adding its module.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bouncekit.errors import InputError

if TYPE_CHECKING:
    from bouncekit.ingest.files import IngestSummary
    from bouncekit.store import Store

__all__ = ["IngestOptions", "SourceReader", "ingest_sources", "readers"]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """What ``bouncekit ingest`` may be told; each reader reads the options of its kind."""

    follow: bool = False  # logs: keep reading a growing log, across rotations
    log_format: str | None = None  # logs: postfix, exim, sendmail, exchange; None: recognise
    password_env: str | None = None  # mailboxes: the environment variable with the password
    move_to: str | None = None  # mailboxes: move each processed message to this folder
    delete: bool = False  # mailboxes: delete processed messages (only when asked)
    batch_size: int = 500  # messages or lines per transaction


@dataclass(frozen=True, slots=True)
class SourceReader:
    """One kind of source."""

    name: str  # "bounce files", "postfix log", "imap"
    order: int  # lower is asked first; the bounce-file reader, which takes any path, is last
    claims: Callable[[str], bool]
    ingest: Callable[[Store, str, IngestOptions, Callable[[int], None] | None], IngestSummary]


@functools.cache
def readers() -> tuple[SourceReader, ...]:
    """Every reader of the package, in the order they are asked."""
    import bouncekit.ingest as package

    found = []
    for info in pkgutil.walk_packages(package.__path__, prefix="bouncekit.ingest."):
        module = importlib.import_module(info.name)
        reader = getattr(module, "READER", None)
        if isinstance(reader, SourceReader):
            found.append(reader)
    return tuple(sorted(found, key=lambda reader: (reader.order, reader.name)))


def reader_for(source: str) -> SourceReader:
    for reader in readers():
        if reader.claims(source):
            return reader
    raise InputError(
        f"{source}: no reader takes it; give bounce files or folders, an MTA log, or a "
        "mailbox (imap://USER@HOST/FOLDER, pop3://USER@HOST)."
    )


def ingest_sources(
    store: Store,
    sources: Sequence[str],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Read every source into the store with the reader that takes it; one summary."""
    from bouncekit.ingest.files import IngestSummary

    total = IngestSummary()
    for source in sources:
        summary = reader_for(source).ingest(store, source, options, progress)
        total.messages += summary.messages
        total.bounces += summary.bounces
        total.new_events += summary.new_events
        total.seen_events += summary.seen_events
        total.suppressed.extend(summary.suppressed)
        total.errors.extend(summary.errors)
    return total
