"""The ``bouncekit`` command: parses arguments, calls the library, prints. No logic of its own.

Exit codes: 0 done; 1 some inputs of a batch failed (each named on stderr), or an internal
error (a bug: please report it); 2 the input could not be used (no SMTP reply in it, a bad
option value, a missing argument).
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.exceptions
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from bouncekit import __version__, resolver
from bouncekit.bounces.batch import Failure, Result, Summary, input_size, parse_paths
from bouncekit.bounces.model import FIELDS, BounceRecord
from bouncekit.errors import BouncekitError
from bouncekit.explain import explain as explain_text
from bouncekit.replies.model import Diagnosis, Owner

EXIT_INTERNAL = 1
EXIT_SOME_FAILED = 1
EXIT_INPUT = 2

app = typer.Typer(
    name="bouncekit",
    help="Explain SMTP rejections and read bounces: what they mean, whose problem they are, "
    "how to fix them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass(frozen=True, slots=True)
class Settings:
    json: bool
    verbose: bool
    timeout: float


stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        stdout.print(f"bouncekit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    context: typer.Context,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print JSON for machines instead of panels.")
    ] = False,
    nameserver: Annotated[
        str | None,
        typer.Option(
            "--nameserver",
            envvar=resolver.ENVIRONMENT_VARIABLE,
            help="DNS server for every lookup, as HOST[:PORT].",
            show_envvar=True,
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for each network answer.")
    ] = resolver.DEFAULT_TIMEOUT,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Show evidence and internal details.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Explain SMTP rejections: what they mean, whose problem they are, how to fix them."""
    resolver.configure(nameserver, timeout=timeout)
    context.obj = Settings(json=json_output, verbose=verbose, timeout=timeout)


_OWNER_STYLE = {
    Owner.RECIPIENT: "bold yellow",
    Owner.SENDER: "bold red",
    Owner.MESSAGE: "bold magenta",
    Owner.RECEIVER: "bold blue",
    Owner.UNKNOWN: "bold white",
}


def _panel(diagnosis: Diagnosis, verbose: bool) -> Panel:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column()
    verdict = diagnosis.verdict.value if diagnosis.verdict else "none (says nothing about it)"
    rows: list[tuple[str, str | None]] = [
        ("owner", diagnosis.owner.value),
        ("reason", diagnosis.reason.value),
        ("hard bounce", "yes" if diagnosis.hard else "no"),
        ("retry", diagnosis.retry.value),
        ("address", verdict),
        ("recipient", diagnosis.recipient),
        ("reply", diagnosis.replycode),
        ("status", diagnosis.status_meaning or diagnosis.status),
        ("stage", diagnosis.command.value if diagnosis.command else None),
        ("provider", diagnosis.provider.name if diagnosis.provider else None),
        ("remote host", _host(diagnosis)),
        ("IP in reply", diagnosis.sender_ip),
        ("blocklists", ", ".join(b.name for b in diagnosis.blocklists) or None),
    ]
    if verbose:
        rows.append(("evidence", diagnosis.evidence.detail))
    for name, value in rows:
        if value:
            fields.add_row(name, value)
    actions = Table.grid(padding=(0, 1))
    actions.add_column(justify="right", style="bold")
    actions.add_column()
    for number, action in enumerate(diagnosis.actions, 1):
        line = Text(action.text)
        if action.command:
            line.append("\n  $ " + action.command, style="cyan")
        if action.url:
            line.append("\n  " + action.url, style="underline blue")
        actions.add_row(f"{number}.", line)
    body = Group(
        Text(diagnosis.headline, style="bold"),
        Text(diagnosis.summary),
        Text(""),
        fields,
        Text(""),
        Text("What to do", style="bold underline"),
        actions,
    )
    title = Text.assemble(
        (f" {diagnosis.owner.value} ", _OWNER_STYLE[diagnosis.owner]),
        (f" {diagnosis.reason.value} ", "bold"),
    )
    return Panel(body, title=title, title_align="left", subtitle=_excerpt(diagnosis.text))


def _host(diagnosis: Diagnosis) -> str | None:
    if diagnosis.remote_host and diagnosis.remote_ip:
        return f"{diagnosis.remote_host} [{diagnosis.remote_ip}]"
    return diagnosis.remote_host or diagnosis.remote_ip


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _read_input(source: str | None) -> str:
    if source is None or source == "-":
        if sys.stdin.isatty():
            raise BouncekitError(
                "Nothing to explain: give the reply text as an argument, a file name, or pipe "
                "it in (bouncekit explain -)."
            )
        return sys.stdin.read()
    path = Path(source)
    if "\n" not in source and len(source) < 4096 and path.is_file():
        return path.read_bytes().decode("utf-8", errors="replace")
    return source


@app.command()
def explain(
    context: typer.Context,
    source: Annotated[
        str | None,
        typer.Argument(
            metavar="[TEXT | FILE | -]",
            help="A reply line, a log fragment or a bounce message; a file; - for stdin.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Explain a rejection: reason, whose problem it is, whether to retry, and the fix."""
    settings: Settings = context.obj
    text = _read_input(source)
    diagnoses = explain_text(text)
    if not diagnoses:
        message = (
            "No SMTP reply found in the input. Paste the server's reply with its code, such as "
            "'550 5.1.1 <a@example.com>: Recipient address rejected: User unknown', a log line "
            "with 'said: 550 ...', or the whole bounce message."
        )
        if settings.json:
            _print_json({"diagnoses": [], "error": "no_reply_found", "message": message})
        else:
            stderr.print(message)
        raise typer.Exit(EXIT_INPUT)
    if settings.json:
        _print_json({"diagnoses": [diagnosis.to_dict() for diagnosis in diagnoses]})
        return
    for diagnosis in diagnoses:
        stdout.print(_panel(diagnosis, settings.verbose))


class OutputFormat(StrEnum):
    TABLE = "table"
    JSONL = "jsonl"
    CSV = "csv"


_TABLE_COLUMNS = ("file", "recipient", "reason", "owner", "status", "replycode", "hard")
_PROGRESS_AFTER = 50  # messages: a shorter run ends before a bar would help
STDIN_PATH = "-"


@app.command()
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
        int, typer.Option("-j", "--jobs", min=1, help="Worker processes; 1 parses in-process.")
    ] = 1,
    verbose: Annotated[
        bool, typer.Option("-v", "--verbose", help="Say why each message is not a bounce.")
    ] = False,
) -> None:
    """Parse bounce messages: one row per bounced recipient, with reason, owner and status."""
    settings: Settings = context.obj
    verbose = verbose or settings.verbose
    if STDIN_PATH in paths and sys.stdin.isatty():
        raise BouncekitError(
            "Nothing to read on standard input: pipe a message or an mbox into "
            "'bouncekit parse -', or give file and directory names."
        )
    chosen = output_format or (
        OutputFormat.JSONL if settings.json or not stdout.is_terminal else OutputFormat.TABLE
    )
    summary = Summary()
    rows: list[BounceRecord] = []
    writer = _Writer(chosen)
    try:
        for result in _with_progress(parse_paths(paths, jobs=jobs), paths):
            summary.add(result)
            if isinstance(result, Failure):
                stderr.print(f"[red]error:[/red] {result.error}", markup=True, soft_wrap=True)
                continue
            if not result.report.records and verbose:
                stderr.print(f"{result.source}: {result.report.note}", markup=False, soft_wrap=True)
            if chosen is OutputFormat.TABLE:
                rows.extend(result.report.records)
            else:
                writer.write(result.report.records)
        if chosen is OutputFormat.TABLE and rows:
            stdout.print(_records_table(rows))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_SOME_FAILED if summary.errors else 0) from None
    stderr.print(summary.sentence(), markup=False, soft_wrap=True)
    if summary.errors:
        raise typer.Exit(EXIT_SOME_FAILED)


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
            style=_OWNER_STYLE[record.owner].replace("bold ", ""),
        )
    return table


def _with_progress(results: Iterator[Result], paths: list[str]) -> Iterator[Result]:
    """A progress bar on stderr once a run on a terminal passes a few dozen messages."""
    if not stderr.is_terminal:
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
                    console=stderr,
                    transient=True,
                )
                total = input_size([path for path in paths if path != STDIN_PATH]) or None
                task = progress.add_task("parsing", total=total, messages=0)
                progress.start()
            if progress is not None and task is not None:
                progress.update(task, completed=size, messages=count)
            yield result
    finally:
        if progress is not None:
            progress.stop()


def main() -> None:
    """Entry point: turns every error into a sentence and an exit code, never a traceback."""
    verbose = "-v" in sys.argv or "--verbose" in sys.argv
    try:
        # Outside standalone mode Click returns the code of a typer.Exit instead of exiting.
        code = app(standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        stderr.print("Aborted.")
        sys.exit(130)
    except BouncekitError as error:
        stderr.print(f"[red]error:[/red] {error}")
        sys.exit(EXIT_INPUT)
    except typer.exceptions.TyperException as error:  # usage: unknown option, bad value
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            stderr.print(f"[red]error:[/red] {error}")
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last line of defence: no traceback at the user
        if verbose:
            stderr.print_exception()
        stderr.print(
            f"[red]internal error:[/red] {type(error).__name__}: {error}. This is a bug in "
            "bouncekit; run again with -v and report the output."
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
