"""``bouncekit parse``: bounce messages in, one row per bounced recipient out."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, BinaryIO

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from bouncekit import fileio
from bouncekit.bounces.batch import Failure, Result, Summary, input_size, parse_paths
from bouncekit.bounces.model import BounceRecord
from bouncekit.cli import _render
from bouncekit.errors import BouncekitError
from bouncekit.events import codec


class OutputFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"
    CSV = "csv"


_TABLE_COLUMNS = ("file", "recipient", "reason", "owner", "status", "replycode", "hard")
_PROGRESS_AFTER = 50  # messages: a shorter run ends before a bar would help
# Standard input is read whole before parsing; files and folders are read message by message.
_MAX_STDIN_TEXT = "256M"
_MAX_STDIN = _render.parse_size(_MAX_STDIN_TEXT)


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
    verbose: _render.VerboseOption = False,
    json_output: Annotated[
        bool, typer.Option("--json", help="JSON lines, as -f jsonl (also before the command).")
    ] = False,
    formula_guard: Annotated[
        bool,
        typer.Option(
            "--formula-guard/--no-formula-guard",
            help="In -f csv, put a ' before cells a spreadsheet would run as formulas (=, +, "
            "-, @). Turn off only to feed the CSV to a program, not a spreadsheet.",
        ),
    ] = True,
    max_input: Annotated[int, _render.max_input_option(_MAX_STDIN_TEXT)] = _MAX_STDIN,
) -> None:
    """Parse bounce messages: one row per bounced recipient, with reason, owner and status."""
    verbose = _render.verbose_wanted(context, verbose)
    stdin: BinaryIO | None = None
    if _render.STDIN_PATH in paths:
        if sys.stdin.isatty():
            raise BouncekitError(
                "Nothing to read on standard input: pipe a message or an mbox into "
                "'bouncekit parse -', or give file and directory names."
            )
        # Read here, with a limit: the parser takes standard input whole.
        stdin = io.BytesIO(fileio.read_limited(sys.stdin.buffer, max_input, _render.STDIN_PATH))
    chosen = output_format or (
        OutputFormat.JSONL
        if _render.json_wanted(context, json_output) or not _render.stdout.is_terminal
        else OutputFormat.TABLE
    )
    summary = Summary()
    rows: list[BounceRecord] = []
    writer = _Writer(chosen, formula_guard=formula_guard)
    try:
        for result in _with_progress(parse_paths(paths, jobs=jobs, stdin=stdin), paths):
            summary.add(result)
            if isinstance(result, Failure):
                _render.error(result.error)
                continue
            if not result.report.records and verbose:
                _render.note(f"{result.source}: {result.report.note}")
            if chosen is OutputFormat.TABLE:
                rows.extend(result.report.records)
            else:
                writer.write(result.report.records)
        if chosen is OutputFormat.TABLE and rows:
            _print_records(rows)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(_render.EXIT_SOME_FAILED if summary.errors else 0) from None
    _render.note(summary.sentence())
    if summary.errors:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


class _Writer:
    """jsonl or csv rows on stdout, written as each message is parsed."""

    def __init__(self, output_format: OutputFormat, *, formula_guard: bool) -> None:
        self.csv: fileio.CsvWriter | None = None
        if output_format is OutputFormat.CSV:
            self.csv = fileio.CsvWriter(sys.stdout, formula_guard=formula_guard)
            self.csv.header(codec.FIELDS)

    def write(self, records: tuple[BounceRecord, ...]) -> None:
        for record in records:
            if self.csv is not None:
                self.csv.write(codec.to_row(record))
            else:
                _render.print_json_line(codec.to_json(record))


_COLUMNS = (
    *(_render.Column(name) for name in _TABLE_COLUMNS),
    _render.Column("decoded_by"),
)


def _print_records(records: list[BounceRecord]) -> None:
    """A table on a wide terminal; records, one field a line, where a table would cut."""
    cells: list[list[Text]] = []
    for record in records:
        row = record.to_dict()
        cells.append(
            [
                *(
                    Text("yes" if row[name] else "no")
                    if name == "hard"
                    else _render.text(row[name] or "")
                    for name in _TABLE_COLUMNS
                ),
                _render.text(record.decoded_by),
            ]
        )
    styles = [_render.OWNER_STYLE[record.owner].replace("bold ", "") for record in records]
    _render.print_rows(_render.stdout, _COLUMNS, cells, row_styles=styles)


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
