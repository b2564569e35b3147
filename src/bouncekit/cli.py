"""The ``bouncekit`` command: parses arguments, calls the library, prints. No logic of its own.

Exit codes: 0 done; 1 some inputs of a batch failed (each named on stderr), or an internal
error (a bug: please report it); 2 the input could not be used (no SMTP reply in it, a bad
option value, a missing argument).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.exceptions
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from bouncekit import __version__, resolver
from bouncekit.bounces.batch import Failure, Result, Summary, input_size, parse_paths
from bouncekit.bounces.model import FIELDS, BounceRecord
from bouncekit.errors import BouncekitError
from bouncekit.explain import explain as explain_text
from bouncekit.replies.model import Diagnosis, Owner, Verdict
from bouncekit.sender.smtpcheck import (
    IMPLICIT_TLS_PORT,
    SUBMISSION_PORT,
    SmtpReport,
    TlsMode,
    check_smtp,
    parse_target,
)
from bouncekit.verify import csvio
from bouncekit.verify.checkpoint import Checkpoint, checkpoint_path, verify_resumable
from bouncekit.verify.model import VerifyOptions, VerifyResult

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


class CleanInclude(StrEnum):
    RISKY = "risky"
    UNKNOWN = "unknown"


_VERDICT_ORDER = (Verdict.DELIVERABLE, Verdict.RISKY, Verdict.INVALID, Verdict.UNKNOWN)
_VERDICT_STYLE = {
    Verdict.DELIVERABLE: "green",
    Verdict.RISKY: "yellow",
    Verdict.INVALID: "red",
    Verdict.UNKNOWN: "dim",
}
_BAD_ROWS_SHOWN = 20  # bad rows named on stderr; all of them are in the output anyway
_PROXY = re.compile(r"socks5h?://(\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]@]+):\d{1,5}/?")
_VERIFY_DEFAULTS = VerifyOptions()


@app.command("verify")
def verify_command(
    context: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE.csv | FILE.txt | -",
            help="A CSV file (any delimiter, header sniffed), a .txt file with one address a "
            "line, or - for standard input.",
            show_default=False,
        ),
    ],
    column: Annotated[
        str | None,
        typer.Option(
            "--column",
            help="The column of addresses, by header name or number (1 for the first). "
            "Default: the column named like 'email', else the first holding addresses.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Write a CSV: the input's columns and the result columns appended.",
            show_default=False,
        ),
    ] = None,
    clean: Annotated[
        Path | None,
        typer.Option(
            "--clean",
            help="Write the deliverable rows (input columns only, no duplicates) to this CSV.",
            show_default=False,
        ),
    ] = None,
    clean_include: Annotated[
        list[CleanInclude] | None,
        typer.Option(
            "--clean-include",
            help="Also put rows with this verdict into the --clean export (repeatable).",
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        bool,
        typer.Option("--offline", help="Syntax, duplicates, typos and lists only: no network."),
    ] = False,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, help="SMTP sessions open at once, in all.")
    ] = _VERIFY_DEFAULTS.concurrency,
    per_host: Annotated[
        int, typer.Option("--per-host", min=1, help="SMTP sessions open at once to one MX host.")
    ] = _VERIFY_DEFAULTS.per_host,
    helo: Annotated[
        str, typer.Option("--helo", help="The name to give in EHLO/HELO.")
    ] = _VERIFY_DEFAULTS.helo,
    mail_from: Annotated[
        str,
        typer.Option("--mail-from", help="The envelope sender of the probe; default: <>."),
    ] = _VERIFY_DEFAULTS.mail_from,
    smtp_port: Annotated[
        int,
        typer.Option("--smtp-port", min=1, max=65535, help="The MX hosts' SMTP port."),
    ] = _VERIFY_DEFAULTS.smtp_port,
    proxy: Annotated[
        str | None,
        typer.Option(
            "--proxy",
            help="Reach the MX hosts through a SOCKS5 proxy, socks5://HOST:PORT (port 25 is "
            "blocked on most clouds).",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Allow MX hosts on private, loopback and link-local addresses.",
        ),
    ] = False,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on from the checkpoint of an interrupted run (OUTPUT.checkpoint.sqlite) "
            "without asking again about the addresses it holds.",
        ),
    ] = False,
    transcript: Annotated[
        bool, typer.Option("--transcript", help="Keep and show each SMTP dialogue.")
    ] = False,
) -> None:
    """Verify addresses before sending: deliverable, risky, invalid or unknown, and why."""
    settings: Settings = context.obj
    if source == STDIN_PATH and sys.stdin.isatty():
        raise BouncekitError(
            "Nothing to read on standard input: pipe a list into 'bouncekit verify -', or give "
            "a .csv or .txt file."
        )
    if clean_include and clean is None:
        raise BouncekitError(
            "--clean-include chooses the rows of the clean export: give it with --clean clean.csv."
        )
    if proxy is not None and not _PROXY.fullmatch(proxy):
        raise BouncekitError(
            f"--proxy {proxy!r} is not a SOCKS5 proxy: give it as socks5://HOST:PORT."
        )
    _refuse_overwrite(source, output, clean)
    where = checkpoint_path(output) if output is not None else None
    if resume and where is None:
        if source == STDIN_PATH:
            raise BouncekitError(
                "--resume keeps its checkpoint beside the output: give -o results.csv when "
                "the list comes from standard input."
            )
        where = checkpoint_path(source)
    options = VerifyOptions(
        offline=offline,
        concurrency=concurrency,
        per_host=per_host,
        helo=helo,
        mail_from=mail_from,
        smtp_port=smtp_port,
        proxy=proxy,
        allow_private=allow_private,
        transcript=transcript,
    )
    table = csvio.read_path(source, column=column, stdin=sys.stdin.buffer)
    bad_rows = table.bad_rows
    for row in bad_rows[:_BAD_ROWS_SHOWN]:
        stderr.print(f"warning: {table.source} {row.detail}", markup=False, soft_wrap=True)
    if len(bad_rows) > _BAD_ROWS_SHOWN:
        stderr.print(
            f"warning: {len(bad_rows) - _BAD_ROWS_SHOWN} more bad rows; each is in the output "
            "with its reason.",
            markup=False,
            soft_wrap=True,
        )
    include = frozenset({Verdict.DELIVERABLE, *(Verdict(v.value) for v in clean_include or ())})
    exports = _Exports(table, output, clean, include, transcript=transcript)
    as_json = settings.json or not stdout.is_terminal
    shown: list[tuple[csvio.Row, VerifyResult]] = []
    counts: Counter[Verdict] = Counter()
    saved = Checkpoint.open(where, options, resume=resume) if where is not None else None
    try:
        addresses = [row.address for row in table.rows if row.problem is None]
        results = verify_resumable(
            addresses, options=options, resolver=resolver.get_resolver(), checkpoint=saved
        )
        with _VerifyProgress(len(table.rows)) as progress:
            for row in table.rows:
                result = csvio.unreadable_result(row) if row.problem else next(results)
                counts[result.verdict] += 1
                progress.advance(counts)
                exports.write(row, result)
                if output is not None:
                    continue
                if as_json:
                    sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                else:
                    shown.append((row, result))
        exports.commit()
    except KeyboardInterrupt:
        exports.discard()
        done = sum(counts.values())
        if saved is not None:
            saved.close()
            stderr.print(
                f"Interrupted after {done} of {len(table.rows)} rows; the results so far are "
                f"kept in {saved.path}. Run the same command with --resume to go on.",
                markup=False,
                soft_wrap=True,
            )
        else:
            stderr.print(f"Interrupted after {done} of {len(table.rows)} rows.", markup=False)
        raise typer.Exit(130) from None
    except BaseException:
        exports.discard()
        raise
    finally:
        if saved is not None:
            saved.close()
    sys.stdout.flush()
    if not as_json:
        if shown:
            stdout.print(_results_table(shown, settings.verbose))
            if transcript:
                _print_transcripts(shown)
        stdout.print(_counts_table(counts))
    stderr.print(
        _verify_sentence(counts, len(bad_rows), saved, output, exports),
        markup=False,
        soft_wrap=True,
    )
    if bad_rows:
        raise typer.Exit(EXIT_SOME_FAILED)


def _refuse_overwrite(source: str, output: Path | None, clean: Path | None) -> None:
    def same(first: str | Path, second: str | Path) -> bool:
        return os.path.abspath(first) == os.path.abspath(second)

    for option, path in (("-o", output), ("--clean", clean)):
        if path is not None and source != STDIN_PATH and same(source, path):
            raise BouncekitError(
                f"{option} {path} is the input file; give another name so the list is kept."
            )
    if output is not None and clean is not None and same(output, clean):
        raise BouncekitError(f"-o and --clean both name {output}; give two different files.")


class _Exports:
    """The CSV files a verify run writes, put in place only when the run completes."""

    def __init__(
        self,
        table: csvio.InputTable,
        output: Path | None,
        clean: Path | None,
        include: frozenset[Verdict],
        *,
        transcript: bool,
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
                    path, encoding=table.output_encoding(), delimiter=table.output_delimiter()
                )
            except OSError as error:
                self.discard()
                raise BouncekitError(
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


class _VerifyProgress:
    """A progress bar on stderr, with the time left and the counts per verdict so far."""

    def __init__(self, total: int) -> None:
        self.progress: Progress | None = None
        if stderr.is_terminal and total > 1:
            self.progress = Progress(
                TextColumn("verifying"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=stderr,
                transient=True,
            )
            self.task = self.progress.add_task("verifying", total=total, counts="")

    def __enter__(self) -> _VerifyProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *details: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def advance(self, counts: Counter[Verdict]) -> None:
        if self.progress is not None:
            text = " ".join(
                f"[{_VERDICT_STYLE[verdict]}]{verdict.value} {counts[verdict]}[/]"
                for verdict in _VERDICT_ORDER
                if counts[verdict]
            )
            self.progress.update(self.task, advance=1, counts=text)


def _results_table(shown: list[tuple[csvio.Row, VerifyResult]], verbose: bool) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("line", justify="right", style="dim")
    table.add_column("address", overflow="fold")
    table.add_column("verdict", no_wrap=True)
    table.add_column("reason", no_wrap=True)
    table.add_column("suggestion", overflow="fold")
    if verbose:
        table.add_column("mx", overflow="fold")
        table.add_column("smtp reply", overflow="fold")
    table.add_column("detail", overflow="fold")
    for row, result in shown:
        cells: list[str | Text] = [
            str(row.line),
            result.input or row.address,
            Text(result.verdict.value, style=_VERDICT_STYLE[result.verdict]),
            result.reason.value,
            result.suggestion or "",
        ]
        if verbose:
            cells += [" ".join(result.mx), result.smtp_reply or ""]
        table.add_row(*cells, result.detail)
    return table


def _print_transcripts(shown: list[tuple[csvio.Row, VerifyResult]]) -> None:
    for _, result in shown:
        if result.transcript:
            stdout.print(Text(f"\n{result.input}", style="bold"))
            stdout.print(Text("\n".join(result.transcript), style="dim"))


def _counts_table(counts: Counter[Verdict]) -> Table:
    total = sum(counts.values()) or 1
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("verdict")
    table.add_column("rows", justify="right")
    table.add_column("share", justify="right")
    for verdict in _VERDICT_ORDER:
        table.add_row(
            Text(verdict.value, style=_VERDICT_STYLE[verdict]),
            str(counts[verdict]),
            f"{100 * counts[verdict] / total:.1f}%",
        )
    return table


def _verify_sentence(
    counts: Counter[Verdict],
    bad_rows: int,
    saved: Checkpoint | None,
    output: Path | None,
    exports: _Exports,
) -> str:
    verdicts = ", ".join(f"{counts[verdict]} {verdict.value}" for verdict in _VERDICT_ORDER)
    parts = [f"{_count(sum(counts.values()), 'row')} verified: {verdicts}"]
    if bad_rows:
        parts.append(f"{_count(bad_rows, 'bad row')} (in the output with their reason)")
    if saved is not None and saved.reused:
        parts.append(f"{saved.reused} from the checkpoint {saved.path}")
    sentence = "; ".join(parts) + "."
    if output is not None:
        sentence += f" Results in {output}."
    if exports.clean is not None:
        sentence += f" {_count(exports.clean.rows, 'row')} in {exports.clean.path}."
    return sentence


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


# -- check-sender ---------------------------------------------------------------------------
# The sender's own house (issue 5): MX, SPF, DKIM, DMARC, reverse DNS, blocklists, TLS and the
# bulk-sender requirements; the report grouped by area. Owned by the check-sender work.

_FINDING_STYLE = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "unknown": "dim",
    "needs-input": "cyan",
}
_AREA_TITLES = {
    "mx": "MX records",
    "spf": "SPF",
    "dkim": "DKIM",
    "dmarc": "DMARC",
    "ptr": "Reverse DNS",
    "blocklist": "Blocklists",
    "tls": "TLS (MTA-STS, TLS-RPT, STARTTLS)",
    "requirements": "Bulk-sender requirements (Gmail, Yahoo, Microsoft)",
}


@app.command("check-sender")
def check_sender_command(
    context: typer.Context,
    domain: Annotated[
        str, typer.Argument(metavar="DOMAIN", help="The domain you send from.", show_default=False)
    ],
    ips: Annotated[
        list[str] | None,
        typer.Option(
            "--ip", help="A sending server's IP address (repeatable).", show_default=False
        ),
    ] = None,
    selectors: Annotated[
        list[str] | None,
        typer.Option(
            "--selector",
            help="A DKIM selector (repeatable); default: try the common ones.",
            show_default=False,
        ),
    ] = None,
    helo: Annotated[
        str | None,
        typer.Option("--helo", help="The name your server gives in HELO/EHLO.", show_default=False),
    ] = None,
    active: Annotated[
        bool,
        typer.Option(
            "--active",
            help="Also fetch the MTA-STS policy over HTTPS and connect to each MX host for "
            "STARTTLS.",
        ),
    ] = False,
    dqs_key: Annotated[
        str | None,
        typer.Option(
            "--dqs-key", help="A Spamhaus DQS key for the Spamhaus lists.", show_default=False
        ),
    ] = None,
    smtp_port: Annotated[
        int,
        typer.Option(
            "--smtp-port",
            min=1,
            max=65535,
            help="The MX hosts' SMTP port for --active.",
            hidden=True,
        ),
    ] = 25,
) -> None:
    """Check your sending domain: MX, SPF, DKIM, DMARC, reverse DNS, blocklists, TLS, and the
    Gmail / Yahoo / Microsoft bulk-sender requirements, each with its fix."""
    from bouncekit.sender.check import AREAS, check_sender

    settings: Settings = context.obj
    report = check_sender(
        domain,
        ips=ips or (),
        selectors=selectors or (),
        helo=helo,
        resolver=resolver.get_resolver(),
        active=active,
        dqs_key=dqs_key,
        smtp_port=smtp_port,
        # A port other than 25 only makes sense for a test server on this machine.
        allow_private=smtp_port != 25,
    )
    if settings.json:
        _print_json(report.to_dict())
        return
    grouped = report.by_area()
    for area in [*AREAS, *(a for a in grouped if a not in AREAS)]:
        if area in grouped:
            stdout.print(_area_panel(area, grouped[area], settings.verbose))
    stdout.print(
        Text.assemble(
            (f"{report.domain}: ", "bold"),
            *(
                (f"{count} {status}  ", _FINDING_STYLE.get(status, ""))
                for status, count in report.counts.items()
                if count
            ),
        )
    )


def _area_panel(area: str, findings: list[Any], verbose: bool) -> Panel:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("status", no_wrap=True, width=11)
    table.add_column("finding", ratio=1, overflow="fold")
    for finding in findings:
        status = finding.status.value
        body = Text(finding.summary)
        if verbose:
            body.append(f"  [{finding.check}]", style="dim")
        if status != "pass":
            if finding.why:
                body.append("\nwhy: ", style="bold")
                body.append(finding.why, style="dim")
            if finding.fix:
                body.append("\nfix: ", style="bold")
                body.append(finding.fix, style="cyan")
        table.add_row(Text(status, style=_FINDING_STYLE.get(status, "")), body)
    failing = sum(1 for f in findings if f.status.value == "fail")
    title = Text.assemble(
        (f" {_AREA_TITLES.get(area, area)} ", "bold"),
        (f" {failing} fail " if failing else "", _FINDING_STYLE["fail"]),
    )
    return Panel(table, title=title, title_align="left", border_style=_panel_border(findings))


def _panel_border(findings: list[Any]) -> str:
    statuses = {f.status.value for f in findings}
    for status, style in (("fail", "red"), ("warn", "yellow")):
        if status in statuses:
            return style
    return "green" if statuses <= {"pass"} else "white"


# -- end of check-sender ---------------------------------------------------------------------


# -- check-message and warmup-plan -----------------------------------------------------------
# A test message's headers, authentication and content (issue 5), and a warm-up schedule for a
# new IP or domain. Kept apart from the other sections on purpose.

_MESSAGE_AREAS = {
    "headers": "Headers",
    "dkim": "DKIM signatures",
    "spf": "SPF",
    "dmarc": "DMARC alignment",
    "unsubscribe": "Unsubscribe (RFC 8058)",
    "size": "Size",
    "content": "Content",
    "links": "Links",
    "attachments": "Attachments",
    "spamassassin": "SpamAssassin",
}
_MESSAGE_STATUS_STYLE = {"pass": "green", "warn": "yellow", "fail": "bold red", "unknown": "dim"}


def _json_wanted(context: typer.Context, local: bool) -> bool:
    settings: Settings = context.obj
    return local or settings.json


@app.command("check-message")
def check_message_command(
    context: typer.Context,
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.eml",
            help="The message as received or sent, headers and body (- for stdin).",
            show_default=False,
        ),
    ],
    ip: Annotated[
        str | None,
        typer.Option("--ip", help="The sending server's IP address, for SPF.", show_default=False),
    ] = None,
    spamd: Annotated[
        str | None,
        typer.Option("--spamd", help="Ask SpamAssassin's spamd at HOST:PORT.", show_default=False),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Check a test message: headers, DKIM, SPF, DMARC alignment, unsubscribe, size, content,
    links and attachments, each with its fix."""
    from bouncekit.sender.message import check_message

    settings: Settings = context.obj
    if str(path) == "-":
        data = sys.stdin.buffer.read()
    elif path.is_file():
        data = path.read_bytes()
    else:
        raise BouncekitError(f"{path} is not a file; give the path of a saved message (.eml).")
    report = check_message(
        data, ip=ip, resolver=resolver.get_resolver(), spamd=spamd, timeout=settings.timeout * 6
    )
    if _json_wanted(context, json_output):
        _print_json(report.to_dict())
        return
    grouped = report.by_area()
    for area in [*_MESSAGE_AREAS, *(a for a in grouped if a not in _MESSAGE_AREAS)]:
        if area in grouped:
            stdout.print(_message_panel(_MESSAGE_AREAS.get(area, area), grouped[area]))
    counts = Counter(f.status.value for f in report.findings)
    stdout.print(
        Text.assemble(
            (f"{path.name}: ", "bold"),
            *(
                (f"{counts[status]} {status}  ", style)
                for status, style in _MESSAGE_STATUS_STYLE.items()
                if counts[status]
            ),
        )
    )


def _message_panel(title: str, findings: list[Any]) -> Panel:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("status", no_wrap=True, width=8)
    table.add_column("finding", ratio=1, overflow="fold")
    for finding in findings:
        status = finding.status.value
        body = Text(finding.summary)
        if status != "pass":
            for label, text, style in (("why", finding.why, "dim"), ("fix", finding.fix, "cyan")):
                if text:
                    body.append(f"\n{label}: ", style="bold")
                    body.append(text, style=style)
        table.add_row(Text(status, style=_MESSAGE_STATUS_STYLE.get(status, "")), body)
    statuses = {f.status.value for f in findings}
    border = "red" if "fail" in statuses else "yellow" if "warn" in statuses else "green"
    return Panel(table, title=f" {title} ", title_align="left", border_style=border)


@app.command("warmup-plan")
def warmup_plan_command(
    context: typer.Context,
    daily_target: Annotated[
        int,
        typer.Option("--daily-target", min=1, help="Messages a day to reach.", show_default=False),
    ],
    start: Annotated[int, typer.Option("--start", min=1, help="Messages on day 1.")] = 50,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """A day-by-day warm-up schedule for a new IP or domain, per provider, with the signals
    that must hold a step."""
    from bouncekit.sender.warmup import warmup_plan

    plan = warmup_plan(daily_target, start=start)
    if _json_wanted(context, json_output):
        _print_json(plan.to_dict())
        return
    providers = list(plan.days[0].volumes)
    table = Table(title=f"Warm-up to {daily_target:,} messages a day", title_justify="left")
    table.add_column("day", justify="right")
    for provider in providers:
        table.add_column(provider, justify="right")
    table.add_column("total", justify="right", style="bold")
    table.add_column("step")
    for day in plan.days:
        table.add_row(
            str(day.day),
            *(f"{day.volumes[p]:,}" for p in providers),
            f"{day.total:,}",
            day.step.value + (f" ({day.note})" if day.note else ""),
        )
    stdout.print(table)
    signals = Table(title="Hold the next step when", title_justify="left", show_lines=False)
    signals.add_column("provider")
    signals.add_column("signal")
    signals.add_column("then", overflow="fold")
    for signal in plan.hold_signals:
        signals.add_row(signal.provider, signal.threshold, signal.action)
    stdout.print(signals)
    stdout.print(
        "A held day repeats its volume; a signal at twice its limit halves it. Grow again only "
        "after a clean day."
    )


# -- end of check-message and warmup-plan -----------------------------------------------------


# -- check-smtp ----------------------------------------------------------------------------------
# The sender's own submission or relay server (issue 5): connect, greeting, EHLO, TLS and the
# certificate, AUTH, MAIL FROM / RCPT TO without DATA. The logic is bouncekit.sender.smtpcheck;
# this section parses the options and renders the report. Owned by the check-smtp work.

_SMTP_STATUS_STYLE = {
    "pass": "green",
    "warn": "yellow",
    "fail": "bold red",
    "unknown": "dim",
}


@app.command("check-smtp")
def check_smtp_command(
    context: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="HOST[:PORT]",
            help="Your submission or relay server; the port defaults to 587 (465 with --tls).",
            show_default=False,
        ),
    ],
    implicit_tls: Annotated[
        bool, typer.Option("--tls", help="Implicit TLS from the first byte (port 465).")
    ] = False,
    starttls: Annotated[
        bool,
        typer.Option("--starttls", help="Ask for STARTTLS even when the server does not offer it."),
    ] = False,
    user: Annotated[
        str | None,
        typer.Option(
            "--user", help="Log in as this user (with --password-env).", show_default=False
        ),
    ] = None,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            metavar="VAR",
            help="The environment variable holding the password (never the password itself).",
            show_default=False,
        ),
    ] = None,
    mail_from: Annotated[
        str | None,
        typer.Option("--mail-from", help="Send MAIL FROM with this address.", show_default=False),
    ] = None,
    rcpt: Annotated[
        str | None,
        typer.Option(
            "--rcpt", help="Send RCPT TO with this address (never DATA).", show_default=False
        ),
    ] = None,
    helo: Annotated[
        str | None,
        typer.Option(
            "--helo",
            help="The name to give in EHLO; default: this machine's address as [a.b.c.d].",
            show_default=False,
        ),
    ] = None,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Allow a server on a private, loopback or link-local address."
        ),
    ] = False,
    show_transcript: Annotated[
        bool, typer.Option("--transcript", help="Show the SMTP dialogue (passwords hidden).")
    ] = False,
) -> None:
    """Check your own SMTP server step by step: connect, TLS, certificate, AUTH, relaying."""
    settings: Settings = context.obj
    if implicit_tls and starttls:
        raise BouncekitError(
            "--tls and --starttls exclude each other: --tls for implicit TLS (port 465), "
            "--starttls for STARTTLS (port 587)."
        )
    mode = TlsMode.TLS if implicit_tls else TlsMode.STARTTLS if starttls else TlsMode.AUTO
    host, port = parse_target(
        target, default_port=IMPLICIT_TLS_PORT if implicit_tls else SUBMISSION_PORT
    )
    password = None
    if (user is None) != (password_env is None):
        raise BouncekitError(
            "Logging in needs --user and --password-env together, e.g. "
            "SMTP_PASSWORD=... bouncekit check-smtp HOST --user you@example.com "
            "--password-env SMTP_PASSWORD."
        )
    if password_env is not None:
        password = os.environ.get(password_env)
        if password is None:
            raise BouncekitError(
                f"The environment variable {password_env} is not set: export it with the "
                "password (the password is never taken from the command line, where other "
                "users and the shell history see it)."
            )
    report = check_smtp(
        host,
        port,
        mode=mode,
        user=user,
        password=password,
        mail_from=mail_from,
        rcpt=rcpt,
        timeout=settings.timeout,
        allow_private=allow_private,
        helo=helo,
    )
    if settings.json:
        _print_json(report.to_dict())
        return
    stdout.print(_smtp_findings_table(report, settings.verbose))
    if show_transcript or settings.verbose:
        stdout.print(Text("\nTranscript", style="bold underline"))
        stdout.print(Text("\n".join(report.transcript), style="dim"))


def _smtp_findings_table(report: SmtpReport, verbose: bool) -> Table:
    table = Table(
        title=f"SMTP server {report.host}:{report.port}",
        title_justify="left",
        box=None,
        header_style="bold",
        pad_edge=False,
        show_lines=True,
    )
    table.add_column("status", no_wrap=True)
    table.add_column("check", no_wrap=True)
    table.add_column("finding", overflow="fold")
    for finding in report.findings:
        cell = Text(finding.summary)
        if finding.why and (verbose or finding.status.value != "pass"):
            cell.append("\n" + finding.why, style="dim")
        if finding.fix:
            cell.append("\nfix: " + finding.fix, style="cyan")
        table.add_row(
            Text(finding.status.value, style=_SMTP_STATUS_STYLE.get(finding.status.value, "")),
            finding.check.removeprefix("smtp."),
            cell,
        )
    return table


# -- end of check-smtp ---------------------------------------------------------------------------


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
