"""Resumable verification: every result kept in a local SQLite file as soon as it is known,
so that a run that was interrupted (Ctrl-C, a lost connection, a kill, a reboot) goes on where
it stopped without asking any SMTP server again about the addresses it already has.

Results are keyed by the normalised address (``VerifyResult.address``) and each is committed
the moment it is known, in whatever order they finish (a greylisted domain does not hold back
the others), before the probe asks its next question: a process killed at any point has kept
every answer it received but the one it was waiting for, and never damages the file. In
SQLite's write-ahead log a commit is one append (about 40 microseconds), nothing beside an
SMTP round trip, so no result is ever left waiting for a batch or a timer. A checkpoint
remembers the options that change results (the SMTP port, the HELO name ...) and refuses to
resume under other ones.

The file lives in the user's state directory (``$XDG_STATE_HOME/bouncekit/checkpoints``, by
default ``~/.local/state/...``), named after the list and a digest of the input and output
paths, never beside the output (which may be a device such as /dev/null); the command removes
it when a run completes. Offline runs keep none: they ask no server and are cheap to redo.

    where = checkpoint_path("list.csv", Path("out.csv"))
    with Checkpoint.open(where, options, resume=True) as saved:
        for result in verify_resumable(addresses, options=options, checkpoint=saved):
            ...
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from bouncekit.errors import InputError
from bouncekit.replies.model import Verdict
from bouncekit.resolver import Resolver
from bouncekit.status import Status
from bouncekit.verify.model import Check, VerifyOptions, VerifyReason, VerifyResult

if TYPE_CHECKING:
    from bouncekit.verify.run import RunObserver

__all__ = [
    "SUFFIX",
    "Checkpoint",
    "checkpoint_path",
    "result_from_dict",
    "state_directory",
    "verify_resumable",
]

SUFFIX = ".checkpoint.sqlite"
_SCHEMA = 1
# The options whose change changes results; the others (concurrency, timeouts) only pace.
_RESULT_OPTIONS = (
    "offline",
    "helo",
    "mail_from",
    "smtp_port",
    "proxy",
    "allow_private",
    "catch_all_probe",
    "transcript",
)


def state_directory() -> Path:
    """Where bouncekit keeps its checkpoints: ``$XDG_STATE_HOME/bouncekit/checkpoints``."""
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "bouncekit" / "checkpoints"


def checkpoint_path(source: str, output: os.PathLike[str] | str | None) -> Path:
    """The checkpoint of verifying ``source`` (a path, or ``-`` for standard input) into
    ``output``: in the state directory, named after the list, with a digest of both paths so
    that the same command finds it again and another list or output never does."""
    where = [source if source == "-" else os.path.abspath(source)]
    where.append(os.path.abspath(output) if output is not None else "")
    digest = hashlib.sha256(json.dumps(where).encode("utf-8", "surrogateescape")).hexdigest()
    name = "stdin" if source == "-" else os.path.basename(source)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:60] or "list"
    return state_directory() / f"{name}-{digest[:16]}{SUFFIX}"


def _fingerprint(options: VerifyOptions) -> str:
    return json.dumps(
        {"schema": _SCHEMA, **{name: getattr(options, name) for name in _RESULT_OPTIONS}},
        sort_keys=True,
    )


def result_from_dict(data: dict[str, Any]) -> VerifyResult:
    """The inverse of :meth:`VerifyResult.to_dict`."""
    return VerifyResult(
        input=data["input"],
        address=data["address"],
        verdict=Verdict(data["verdict"]),
        reason=VerifyReason(data["reason"]),
        detail=data["detail"],
        suggestion=data["suggestion"],
        duplicate_of=data["duplicate_of"],
        disposable=data["disposable"],
        role=data["role"],
        free=data["free"],
        mx=tuple(data["mx"]),
        smtp_reply=data["smtp_reply"],
        checks=tuple(
            Check(check["name"], Status(check["status"]), check["detail"])
            for check in data["checks"]
        ),
        seconds=data["seconds"],
        transcript=tuple(data["transcript"]),
    )


class Checkpoint:
    """The results of one list so far, in a SQLite file."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self.saved = 0  # results written in this run
        self.reused = 0  # results taken from the file instead of verified again

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], options: VerifyOptions, *, resume: bool
    ) -> Checkpoint:
        """Open (``resume``) or start afresh the checkpoint at ``path``.

        Raises :class:`InputError` when the file is not a checkpoint, or when resuming one
        written with options that give other results.
        """
        location = Path(path)
        fingerprint = _fingerprint(options)
        try:
            location.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise InputError(
                f"{location.parent}: the checkpoint directory cannot be made ({error.strerror}). "
                "Set XDG_STATE_HOME to a writable directory."
            ) from None
        try:
            connection = sqlite3.connect(location, isolation_level=None)
            # The write-ahead log: a commit is one append, cheap enough to make for every few
            # results, and a killed process leaves every committed result readable.
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
                )
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS results (address TEXT PRIMARY KEY, "
                    "result TEXT NOT NULL, saved REAL NOT NULL)"
                )
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS catch_all (domain TEXT PRIMARY KEY, "
                    "address TEXT NOT NULL)"
                )
                stored = connection.execute(
                    "SELECT value FROM meta WHERE name = 'options'"
                ).fetchone()
                has_results = connection.execute("SELECT 1 FROM results LIMIT 1").fetchone()
                if resume and stored and has_results and stored[0] != fingerprint:
                    raise InputError(
                        f"{location}: this checkpoint holds results of a run with other options "
                        f"({_difference(stored[0], fingerprint)}). Resume with the same options, "
                        "or run without --resume to start over."
                    )
                if not resume:
                    connection.execute("DELETE FROM results")
                    connection.execute("DELETE FROM catch_all")
                connection.execute(
                    "INSERT OR REPLACE INTO meta (name, value) VALUES ('options', ?)",
                    (fingerprint,),
                )
        except sqlite3.DatabaseError as error:
            raise InputError(
                f"{location}: not a usable checkpoint ({error}). Delete it, or give another "
                "output file, and run again."
            ) from None
        return cls(location, connection)

    def __enter__(self) -> Checkpoint:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        row = self._connection.execute("SELECT count(*) FROM results").fetchone()
        return int(row[0])

    def get(self, address: str) -> VerifyResult | None:
        row = self._connection.execute(
            "SELECT result FROM results WHERE address = ?", (address,)
        ).fetchone()
        if row is None:
            return None
        try:
            return result_from_dict(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):  # a row of another version: verify it again
            return None

    def put(self, result: VerifyResult) -> None:
        """Keep a result, committed at once; the first one of an address stays. Unusable
        addresses are not kept: they are decided again offline at no cost."""
        if not result.address:
            return
        try:
            self._connection.execute(  # no transaction open: this statement commits itself
                "INSERT OR IGNORE INTO results (address, result, saved) VALUES (?, ?, ?)",
                (result.address, json.dumps(result.to_dict(), ensure_ascii=False), time.time()),
            )
        except sqlite3.Error as error:
            raise InputError(
                f"{self.path}: the checkpoint cannot be written ({error}). Free some space, or "
                "set XDG_STATE_HOME to a writable directory, and run again with --resume."
            ) from None
        self.saved += 1

    def catch_all_address(self, domain: str, fresh: str) -> str:
        """The random address of ``domain``'s catch-all probe: ``fresh`` the first time, the
        same one after a resume. A greylisting server lets an address through on its second
        try; a new random address each run would be greylisted again, and the accepted
        addresses of the domain, waiting for its answer, would be lost to a second kill."""
        self._connection.execute(
            "INSERT OR IGNORE INTO catch_all (domain, address) VALUES (?, ?)", (domain, fresh)
        )
        row = self._connection.execute(
            "SELECT address FROM catch_all WHERE domain = ?", (domain,)
        ).fetchone()
        return str(row[0])

    def close(self) -> None:
        self._connection.close()

    def remove(self) -> None:
        """Close and delete the file (with its write-ahead log): the run it served is done."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{self.path}{suffix}")


def _difference(stored: str, wanted: str) -> str:
    before, now = json.loads(stored), json.loads(wanted)
    changed = [f"{name} was {before.get(name)!r}" for name in now if before.get(name) != now[name]]
    return ", ".join(changed) or "another version"


def verify_resumable(
    addresses: Sequence[str],
    *,
    options: VerifyOptions,
    resolver: Resolver | None = None,
    checkpoint: Checkpoint | None = None,
    observer: RunObserver | None = None,
) -> Iterator[VerifyResult]:
    """One result per address, in order, as ``verify_addresses()`` gives them; every result is
    kept in ``checkpoint`` as soon as it is known, and those it already holds are taken from it
    instead of verified again. ``observer`` hears of each result as it finishes (those from
    the checkpoint at once) and of each pause for greylisting.

    When resuming, a quick offline pass over the whole list finds each address's normalised
    form (the checkpoint's key) and its duplicates across the part done and the part to do:
    a duplicate takes its first's result, from the checkpoint or fresh, and is never asked.
    """
    from bouncekit.verify import run  # imported late: the CLI loads without the probe's parts

    if checkpoint is None or len(checkpoint) == 0 or options.offline:
        yield from run.verify_sync(
            addresses, options=options, resolver=resolver, sink=checkpoint, observer=observer
        )
        return
    quick = dataclasses.replace(options, offline=True, transcript=False)
    offline = list(run.verify_sync(addresses, options=quick, resolver=resolver))
    saved = [
        checkpoint.get(found.address) if found.address and found.duplicate_of is None else None
        for found in offline
    ]
    if observer is not None:
        for known in saved:
            if known is not None:
                observer.finished(known)
    # Unusable addresses are decided by the offline pass, duplicates by their first.
    to_do = [
        address
        for address, found, known in zip(addresses, offline, saved, strict=True)
        if known is None and found.duplicate_of is None and found.address
    ]
    fresh = run.verify_sync(
        to_do, options=options, resolver=resolver, sink=checkpoint, observer=observer
    )
    first_results: dict[str, VerifyResult] = {}  # by input, for the duplicates that follow
    reused_inputs: set[str] = set()
    for address, found, known in zip(addresses, offline, saved, strict=True):
        if not found.address:
            result = found
        elif found.duplicate_of is not None and found.duplicate_of in first_results:
            result = run.duplicate_result(found, first_results[found.duplicate_of])
            if found.duplicate_of in reused_inputs:
                checkpoint.reused += 1
        elif known is not None:
            checkpoint.reused += 1
            reused_inputs.add(address)
            result = dataclasses.replace(known, input=address, duplicate_of=None)
            first_results.setdefault(address, result)
            yield result
            continue
        else:
            result = next(fresh)
            first_results.setdefault(address, result)
            yield result
            continue
        if observer is not None:
            observer.finished(result)
        first_results.setdefault(address, result)
        yield result
