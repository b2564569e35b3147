"""Resumable verification: every result kept in a local SQLite file as it arrives, so that a
run that was interrupted (Ctrl-C, a lost connection, a reboot) goes on where it stopped
without asking any SMTP server again about the addresses it already has.

Results are keyed by the normalised address (``VerifyResult.address``). Writes are
transactional and committed in small batches, so a killed process loses at most the last
second of results, never the file. A checkpoint remembers the options that change results
(offline or not, the SMTP port, the HELO name ...) and refuses to resume under other ones.

    with Checkpoint.open("results.csv.checkpoint.sqlite", options, resume=True) as saved:
        for result in verify_resumable(addresses, options=options, checkpoint=saved):
            ...
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from bouncekit.errors import InputError
from bouncekit.replies.model import Verdict
from bouncekit.resolver import Resolver
from bouncekit.verify.model import Check, CheckStatus, VerifyOptions, VerifyReason, VerifyResult

__all__ = ["SUFFIX", "Checkpoint", "checkpoint_path", "result_from_dict", "verify_resumable"]

SUFFIX = ".checkpoint.sqlite"
_SCHEMA = 1
_COMMIT_EVERY = 200  # results, or
_COMMIT_SECONDS = 1.0  # seconds, whichever comes first
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


def checkpoint_path(output: str | os.PathLike[str]) -> Path:
    """Where the checkpoint of an output lives: beside it, ``results.csv.checkpoint.sqlite``."""
    return Path(os.fspath(output) + SUFFIX)


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
            Check(check["name"], CheckStatus(check["status"]), check["detail"])
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
        self._pending = 0
        self._last_commit = time.monotonic()
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
            connection = sqlite3.connect(location, isolation_level=None)
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
        return None if row is None else result_from_dict(json.loads(row[0]))

    def put(self, result: VerifyResult) -> None:
        """Keep a result; the first one of an address stays. Unusable addresses are not kept:
        they are decided again offline at no cost."""
        if not result.address:
            return
        if self._pending == 0:
            self._connection.execute("BEGIN")
        self._connection.execute(
            "INSERT OR IGNORE INTO results (address, result, saved) VALUES (?, ?, ?)",
            (result.address, json.dumps(result.to_dict(), ensure_ascii=False), time.time()),
        )
        self._pending += 1
        self.saved += 1
        now = time.monotonic()
        if self._pending >= _COMMIT_EVERY or now - self._last_commit >= _COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self._pending:
            self._connection.execute("COMMIT")
            self._pending = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.commit()
        self._connection.close()


def _difference(stored: str, wanted: str) -> str:
    before, now = json.loads(stored), json.loads(wanted)
    changed = [f"{name} was {before.get(name)!r}" for name in now if before.get(name) != now[name]]
    return ", ".join(changed) or "another version"


def stream(
    addresses: Sequence[str], *, options: VerifyOptions, resolver: Resolver | None = None
) -> Iterator[VerifyResult]:
    """``verify()`` driven from synchronous code, each result handed over as soon as known."""
    from bouncekit.verify import run  # imported late: the CLI loads without the probe's parts

    return run.verify_sync(addresses, options=options, resolver=resolver)


def verify_resumable(
    addresses: Sequence[str],
    *,
    options: VerifyOptions,
    resolver: Resolver | None = None,
    checkpoint: Checkpoint | None = None,
) -> Iterator[VerifyResult]:
    """One result per address, in order, as ``verify()`` gives them; every result is kept in
    ``checkpoint``, and those it already holds are taken from it instead of verified again.

    When resuming, a quick offline pass over the whole list finds each address's normalised
    form (the checkpoint's key) and its duplicates across the part done and the part to do.
    """
    if checkpoint is None or len(checkpoint) == 0:
        for result in stream(addresses, options=options, resolver=resolver):
            if checkpoint is not None:
                checkpoint.put(result)
            yield result
        return
    quick = dataclasses.replace(options, offline=True, transcript=False)
    offline = list(stream(addresses, options=quick, resolver=resolver))
    saved = [checkpoint.get(found.address) if found.address else None for found in offline]
    to_do = [address for address, known in zip(addresses, saved, strict=True) if known is None]
    fresh = stream(to_do, options=options, resolver=resolver)
    for address, found, known in zip(addresses, offline, saved, strict=True):
        if known is not None:
            checkpoint.reused += 1
            yield dataclasses.replace(known, input=address, duplicate_of=found.duplicate_of)
            continue
        result = dataclasses.replace(next(fresh), duplicate_of=found.duplicate_of)
        checkpoint.put(result)
        yield result
