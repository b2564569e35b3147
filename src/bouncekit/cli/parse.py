"""``bouncekit parse``: bounce messages in, one row per bounced recipient out."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from bouncekit.bounces.batch import Failure, Result, Summary, input_size, parse_paths
from bouncekit.bounces.model import FIELDS, BounceRecord
from bouncekit.cli import _render
from bouncekit.errors import BouncekitError

if TYPE_CHECKING:
    from bouncekit.cli import Settings


class OutputFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"
    CSV = "csv"


_TABLE_COLUMNS = ("file", "recipient", "reason", "owner", "status", "replycode", "hard")
_PROGRESS_AFTER = 50  # messages: a shorter run ends before a bar would help


def parse(
    context: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Message files, directories (recursive), mbox files, Maildir folders; - for "
            "stdin.",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "-f",
            "--format",
            help="table, jsonl or csv. Default: table on a terminal, jsonl when piped (or --json).",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("-j", "--jobs", min=1, help="Processes that parse: this one and N-1 workers."),
    ] = 1,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Say why each message is not a bounce.")
    ] = False,
) -> None:
    """Parse bounce messages: one row per bounced recipient, with reason, owner and status."""
    settings: Settings = context.obj
    verbose = verbose or settings.verbose
    if _render.STDIN_PATH in paths and sys.stdin.isatty():
        raise BouncekitError(
            "Nothing to read on standard input: pipe a message or an mbox into "
            "'bouncekit parse -', or give file and directory names."
        )
    chosen = output_format or (
        OutputFormat.JSONL
        if settings.json or not _render.stdout.is_terminal
        else OutputFormat.TABLE
    )
    summary = Summary()
    rows: list[BounceRecord] = []
    writer = _Writer(chosen)
    try:
        for result in _with_progress(parse_paths(paths, jobs=jobs), paths):
            summary.add(result)
            if isinstance(result, Failure):
                _render.stderr.print(
                    f"[red]error:[/red] {result.error}", markup=True, soft_wrap=True
                )
                continue
            if not result.report.records and verbose:
                _render.stderr.print(
                    f"{result.source}: {result.report.note}", markup=False, soft_wrap=True
                )
            if chosen is OutputFormat.TABLE:
                rows.extend(result.report.records)
            else:
                writer.write(result.report.records)
        if chosen is OutputFormat.TABLE and rows:
            _render.stdout.print(_records_table(rows))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(_render.EXIT_SOME_FAILED if summary.errors else 0) from None
    _render.stderr.print(summary.sentence(), markup=False, soft_wrap=True)
    if summary.errors:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


class _Writer:
    """jsonl or csv rows on stdout, written as each message is parsed."""

    def __init__(self, output_format: OutputFormat) -> None:
        self.format = output_format
        self.csv = csv.writer(sys.stdout) if output_format is OutputFormat.CSV else None
        if self.csv is not None:
            self.csv.writerow(FIELDS)

    def write(self, records: tuple[BounceRecord, ...]) -> None:
        for record in records:
            row = record.to_dict()
            if self.csv is not None:
                self.csv.writerow(_csv_cell(row[name]) for name in FIELDS)
            else:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _records_table(records: list[BounceRecord]) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in _TABLE_COLUMNS:  # the file name folds; the short columns stay whole
        table.add_column(name, overflow="fold", no_wrap=name != "file")
    table.add_column("decoded_by")
    for record in records:
        row = record.to_dict()
        table.add_row(
            *(
                ("yes" if row[name] else "no") if name == "hard" else str(row[name] or "")
                for name in _TABLE_COLUMNS
            ),
            record.decoded_by,
            style=_render.OWNER_STYLE[record.owner].replace("bold ", ""),
        )
    return table


def _with_progress(results: Iterator[Result], paths: list[str]) -> Iterator[Result]:
    """A progress bar on stderr once a run on a terminal passes a few dozen messages."""
    if not _render.stderr.is_terminal:
        yield from results
        return
    size = 0
    progress: Progress | None = None
    task = None
    try:
        for count, result in enumerate(results, 1):
            size += result.size
            if progress is None and count > _PROGRESS_AFTER:
                # Started only now: the worker processes already exist, so no thread is forked.
                progress = Progress(
                    TextColumn("parsing"),
                    BarColumn(),
                    DownloadColumn(),
                    TextColumn("{task.fields[messages]} messages"),
                    TimeElapsedColumn(),
                    console=_render.stderr,
                    transient=True,
                )
                total = input_size([path for path in paths if path != _render.STDIN_PATH]) or None
                task = progress.add_task("parsing", total=total, messages=0)
                progress.start()
            if progress is not None and task is not None:
                progress.update(task, completed=size, messages=count)
            yield result
    finally:
        if progress is not None:
            progress.stop()
