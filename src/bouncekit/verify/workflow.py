"""A verify run over a list, as the command and the web jobs need it: the list's rows in, one
result per row out, in order; the CSV exports put in place only when the run completes; and the
checkpoint to resume from, in the user's state directory, removed when the run completes.

    refuse_overwrite(source, output, clean)
    table = csvio.read_path(source)
    exports = Exports(table, output, clean, include=frozenset({Verdict.DELIVERABLE}))
    try:
        for row, result in verify_rows(table, options=options, checkpoint=saved):
            exports.write(row, result)
        exports.commit()
    except BaseException:
        exports.discard()
        raise
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from bouncekit.errors import InputError
from bouncekit.replies.model import Verdict
from bouncekit.resolver import Resolver
from bouncekit.verify import csvio
from bouncekit.verify.checkpoint import Checkpoint, checkpoint_path, verify_resumable
from bouncekit.verify.model import (
    KnownSuppression,
    VerifyOptions,
    VerifyReason,
    VerifyResult,
)

if TYPE_CHECKING:
    from bouncekit.verify.run import RunObserver

__all__ = [
    "Exports",
    "checkpoint_location",
    "refuse_overwrite",
    "suppressed_result",
    "verify_rows",
]


def refuse_overwrite(source: str, output: Path | None, clean: Path | None) -> None:
    """Refuse exports that would write over the input list or over each other."""

    def same(first: str | Path, second: str | Path) -> bool:
        return os.path.abspath(first) == os.path.abspath(second)

    for option, path in (("-o", output), ("--clean", clean)):
        if path is not None and source != csvio.STDIN and same(source, path):
            raise InputError(
                f"{option} {path} is the input file; give another name so the list is kept."
            )
    if output is not None and clean is not None and same(output, clean):
        raise InputError(f"-o and --clean both name {output}; give two different files.")


def checkpoint_location(
    source: str, output: Path | None, *, resume: bool, offline: bool = False
) -> Path | None:
    """Where a run keeps its checkpoint: in the user's state directory, keyed by the input
    and output paths (never beside the output, which may be /dev/null or a pipe); ``None``
    for an offline run, which asks no server and is cheap to do again, and for a list from
    standard input written to standard output, which nothing identifies."""
    if offline:
        return None
    if source == csvio.STDIN and output is None:
        if resume:
            raise InputError(
                "--resume finds its checkpoint by the input and output files: give "
                "-o results.csv when the list comes from standard input."
            )
        return None
    return checkpoint_path(source, output)


def verify_rows(
    table: csvio.InputTable,
    *,
    options: VerifyOptions,
    resolver: Resolver | None = None,
    checkpoint: Checkpoint | None = None,
    observer: RunObserver | None = None,
    suppressed: Callable[[Iterable[str]], Mapping[str, KnownSuppression]] | None = None,
) -> Iterator[tuple[csvio.Row, VerifyResult]]:
    """Each row of ``table`` with its result, in order; an unreadable row gets its reason
    without being verified. ``observer`` hears of each result as it finishes, in any order.

    With ``suppressed`` (the store's lookup: the entries of the addresses it is given that are
    on its suppression list), a listed address is reported as such, with its reason and the
    event that caused it, and not checked again: no server is asked about it."""
    readable = [row.address for row in table.rows if row.problem is None]
    listed = suppressed(readable) if suppressed is not None else {}
    addresses = [address for address in readable if address not in listed]
    results = verify_resumable(
        addresses, options=options, resolver=resolver, checkpoint=checkpoint, observer=observer
    )
    for row in table.rows:
        if row.problem:
            yield row, csvio.unreadable_result(row)
        elif row.address in listed:
            yield row, suppressed_result(row.address, listed[row.address])
        else:
            yield row, next(results)


def suppressed_result(address: str, entry: KnownSuppression) -> VerifyResult:
    """An address on the suppression list: invalid when the list says it is gone, else risky
    (a complaint or a repeated failure: it may work, but must not be mailed)."""
    cause = f", event {entry.event_id}" if entry.event_id else ""
    return VerifyResult(
        input=address,
        address=address,
        verdict=Verdict.INVALID if entry.gone else Verdict.RISKY,
        reason=VerifyReason.SUPPRESSED,
        detail=f"On the suppression list since {entry.since} ({entry.reason}{cause}): not "
        "checked again.",
    )


class Exports:
    """The CSV files a verify run writes, put in place only when the run completes: the results
    (the input's columns and the result columns; formula cells neutralised unless
    ``formula_guard`` is off) and the clean list (input columns only, the rows with a verdict
    in ``include``, no duplicates; data for the next send, written exactly as read)."""

    def __init__(
        self,
        table: csvio.InputTable,
        output: Path | None,
        clean: Path | None,
        include: frozenset[Verdict],
        *,
        transcript: bool,
        formula_guard: bool = True,
    ) -> None:
        self.table = table
        self.include = include
        self.transcript = transcript
        self.results: csvio.CsvOutput | None = None
        self.clean: csvio.CsvOutput | None = None
        header = table.output_header()
        for path in (output, clean):
            if path is None:
                continue
            try:
                written = csvio.CsvOutput(
                    path,
                    encoding=table.output_encoding(),
                    delimiter=table.output_delimiter(),
                    formula_guard=formula_guard and path is output,
                )
            except OSError as error:
                self.discard()
                raise InputError(
                    f"{path}: cannot be written ({error.strerror}). Check that its directory "
                    "exists and is writable."
                ) from None
            if path is output:
                self.results = written
                written.header((*header, *csvio.result_header(header, transcript=transcript)))
            else:
                self.clean = written
                if table.header is not None:  # the clean list looks like the input
                    written.header(table.header)

    def write(self, row: csvio.Row, result: VerifyResult) -> None:
        cells = csvio.fit(row.cells, self.table.width, self.table.delimiter)
        if self.results is not None:
            self.results.write((*cells, *csvio.result_cells(result, transcript=self.transcript)))
        if (
            self.clean is not None
            and row.problem is None
            and result.duplicate_of is None
            and result.verdict in self.include
        ):
            self.clean.write(cells)

    def commit(self) -> None:
        for written in (self.results, self.clean):
            if written is not None:
                written.commit()

    def discard(self) -> None:
        for written in (self.results, self.clean):
            if written is not None:
                written.discard()
