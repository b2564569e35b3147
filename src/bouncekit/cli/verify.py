"""``bouncekit verify``: a list of addresses in, a verdict per row out, with CSV exports."""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from bouncekit.cli import _render
from bouncekit.errors import BouncekitError
from bouncekit.replies.model import Verdict
from bouncekit.verify import csvio
from bouncekit.verify.checkpoint import Checkpoint
from bouncekit.verify.model import KnownSuppression, VerifyOptions, VerifyReason, VerifyResult
from bouncekit.verify.workflow import (
    Exports,
    checkpoint_location,
    refuse_overwrite,
    verify_rows,
)

if TYPE_CHECKING:
    from bouncekit.cli import Settings
    from bouncekit.store import Store
    from bouncekit.verify.smtp.driver import Waiting


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
    greylist_retry_after: Annotated[
        float,
        typer.Option(
            "--greylist-retry-after",
            min=0,
            metavar="SECONDS",
            help="Wait this long before asking a greylisted address again (longer if the "
            "server names a longer delay).",
        ),
    ] = _VERIFY_DEFAULTS.greylist_retry_after,
    greylist_max_wait: Annotated[
        float,
        typer.Option(
            "--greylist-max-wait",
            min=0,
            metavar="SECONDS",
            help="Wait at most this long in all for a greylisting server; an address still "
            "greylisted then is unknown (greylisted). 0: do not wait.",
        ),
    ] = _VERIFY_DEFAULTS.greylist_max_wait,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on from the checkpoint of an interrupted run of the same command (kept "
            "in $XDG_STATE_HOME/bouncekit/checkpoints until a run completes) without asking "
            "again about the addresses it holds.",
        ),
    ] = False,
    transcript: Annotated[
        bool, typer.Option("--transcript", help="Keep and show each SMTP dialogue.")
    ] = False,
    formula_guard: Annotated[
        bool,
        typer.Option(
            "--formula-guard/--no-formula-guard",
            help="In the -o results, put a ' before cells a spreadsheet would run as formulas "
            "(=, +, -, @). The --clean export is data and is always written as read.",
        ),
    ] = True,
    max_input: Annotated[int, _render.max_input_option(csvio.MAX_INPUT_TEXT)] = csvio.MAX_INPUT,
    json_output: _render.JsonOption = False,
    verbose: _render.VerboseOption = False,
) -> None:
    """Verify addresses before sending: deliverable, risky, invalid or unknown, and why."""
    settings: Settings = context.obj
    verbose = _render.verbose_wanted(context, verbose)
    if source == _render.STDIN_PATH and sys.stdin.isatty():
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
    refuse_overwrite(source, output, clean)
    # Results on standard output (-o -) have no file to keep a checkpoint beside.
    to_stdout = output is not None and str(output) == _render.STDIN_PATH
    where = checkpoint_location(
        source, None if to_stdout else output, resume=resume, offline=offline
    )
    options = VerifyOptions(
        offline=offline,
        concurrency=concurrency,
        per_host=per_host,
        helo=helo,
        mail_from=mail_from,
        smtp_port=smtp_port,
        proxy=proxy,
        allow_private=allow_private,
        greylist_retry_after=greylist_retry_after,
        greylist_max_wait=greylist_max_wait,
        transcript=transcript,
    )
    table = csvio.read_path(source, column=column, stdin=sys.stdin.buffer, limit=max_input)
    bad_rows = table.bad_rows
    for row in bad_rows[:_BAD_ROWS_SHOWN]:
        _render.note(f"warning: {table.source} {row.detail}")
    if len(bad_rows) > _BAD_ROWS_SHOWN:
        _render.note(
            f"warning: {len(bad_rows) - _BAD_ROWS_SHOWN} more bad rows; each is in the output "
            "with its reason."
        )
    include = frozenset({Verdict.DELIVERABLE, *(Verdict(v.value) for v in clean_include or ())})
    exports = Exports(
        table, output, clean, include, transcript=transcript, formula_guard=formula_guard
    )
    as_json = _render.json_wanted(context, json_output) or not _render.stdout.is_terminal
    shown: list[tuple[csvio.Row, VerifyResult]] = []
    counts: Counter[Verdict] = Counter()
    saved = Checkpoint.open(where, options, resume=resume) if where is not None else None
    progress = _VerifyProgress(len(table.rows))
    store = _configured_store(settings)
    verified: list[tuple[str, str, str, str]] = []  # kept in the store when the run completes
    try:
        with progress:
            rows = verify_rows(
                table,
                options=options,
                resolver=settings.resolver,
                checkpoint=saved,
                observer=progress,
                suppressed=_suppression_lookup(store) if store is not None else None,
            )
            for row, result in rows:
                counts[result.verdict] += 1
                if store is not None and result.reason is not VerifyReason.SUPPRESSED:
                    verified.append(
                        (result.address or result.input, result.verdict.value,
                         result.reason.value, result.detail)
                    )  # fmt: skip
                if row.problem is not None:  # not verified: the observer never hears of it
                    progress.finished(result)
                exports.write(row, result)
                if output is not None:
                    continue
                if as_json:
                    _render.print_json_line(result.to_dict())
                else:
                    shown.append((row, result))
        exports.commit()
        if store is not None:
            store.record_verifications(verified)
        if saved is not None:
            saved.remove()  # the run is complete: nothing is left to resume
    except KeyboardInterrupt:
        exports.discard()
        done = sum(counts.values())
        if saved is not None:
            saved.close()
            _render.note(
                f"Interrupted after {progress.done} of {len(table.rows)} rows were verified "
                f"({done} in input order); every finished result is kept in {saved.path}. "
                "Run the same command with --resume to go on."
            )
        else:
            _render.note(f"Interrupted after {done} of {len(table.rows)} rows.")
        raise typer.Exit(130) from None
    except BaseException:
        exports.discard()
        raise
    finally:
        if saved is not None:
            saved.close()
        if store is not None:
            store.close()
    sys.stdout.flush()
    if not as_json:
        if shown:
            _print_results(shown, verbose)
            if transcript:
                _print_transcripts(shown)
        _render.stdout.print(_counts_table(counts))
    _render.note(_verify_sentence(counts, len(bad_rows), saved, output, exports))
    if bad_rows:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


def _configured_store(settings: Settings) -> Store | None:
    """The store, when one is configured (--db or BOUNCEKIT_DB): verify consults its
    suppression list. None otherwise: verifying needs no store."""
    if settings.db is None:
        return None
    from bouncekit.cli.store import open_configured

    return open_configured(settings.db)


def _suppression_lookup(
    store: Store,
) -> Callable[[Iterable[str]], Mapping[str, KnownSuppression]]:
    def lookup(addresses: Iterable[str]) -> Mapping[str, KnownSuppression]:
        return {
            address: KnownSuppression(
                entry.reason.value, entry.first_at.isoformat(), entry.event_id
            )
            for address, entry in store.suppressed_among(addresses).items()
        }

    return lookup


_REDRAW = 0.1  # seconds between two moves of the progress bar, at least


class _VerifyProgress:
    """A progress bar on stderr that counts results as they finish, whatever their order,
    with the counts per verdict, the time left, and the domains waiting on greylisting.

    It is the run's observer (:class:`bouncekit.verify.run.RunObserver`): the run tells it of
    each finished result and of each pause. Without a terminal a pause is one line on stderr.
    """

    def __init__(self, total: int) -> None:
        self.progress: Progress | None = None
        self.done = 0
        self.counts: Counter[Verdict] = Counter()
        self.pauses: dict[str, str] = {}  # domain -> what it waits for
        self.unshown = 0  # results finished since the bar last moved
        self.shown_at = 0.0  # time.monotonic() when it last moved
        if _render.stderr.is_terminal and total > 1:
            self.progress = Progress(
                TextColumn("verifying"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[counts]}"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[pauses]}", markup=False),
                console=_render.stderr,
                transient=True,
            )
            self.task = self.progress.add_task("verifying", total=total, counts="", pauses="")

    def __enter__(self) -> _VerifyProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *details: object) -> None:
        if self.progress is not None:
            self._show()
            self.progress.stop()

    def finished(self, result: VerifyResult) -> None:
        self.done += 1
        if self.progress is None:  # nothing to show: the count alone is kept
            return
        self.counts[result.verdict] += 1
        # A domain's results after its pause come from asking again: the pause is over.
        if self.pauses:
            self.pauses.pop(result.address.rpartition("@")[2], None)
        # The bar moves at most every _REDRAW seconds: an offline run finishes tens of
        # thousands of rows a second, and redrawing for each would cost more than the checks.
        self.unshown += 1
        if time.monotonic() - self.shown_at >= _REDRAW:
            self._show()

    def waiting(self, pause: Waiting) -> None:
        why = "greylisted" if pause.greylisted else "busy"
        again = time.strftime("%H:%M:%S", time.localtime(time.time() + pause.seconds))
        some = f"{pause.addresses} address{'' if pause.addresses == 1 else 'es'}"
        self.pauses[pause.domain] = f"{pause.domain} {why}: {some} asked again at {again}"
        if self.progress is None:
            _render.note(
                f"note: {pause.domain} answered {why}; {some} will be asked again in "
                f"{pause.seconds:g} s."
            )
        # A pause is shown at once: the bar may not move again for minutes.
        self._show(refresh=True)

    def _show(self, *, refresh: bool = False) -> None:
        """Move the bar by the results not shown yet, with the counts and the pauses."""
        if self.progress is None:
            return
        advance, self.unshown = self.unshown, 0
        self.shown_at = time.monotonic()
        text = " ".join(
            f"[{_VERDICT_STYLE[verdict]}]{verdict.value} {self.counts[verdict]}[/]"
            for verdict in _VERDICT_ORDER
            if self.counts[verdict]
        )
        pauses = "; ".join(self.pauses.values())
        self.progress.update(
            self.task, advance=advance, counts=text, pauses=pauses, refresh=refresh
        )


def _print_results(shown: list[tuple[csvio.Row, VerifyResult]], verbose: bool) -> None:
    """A table on a wide terminal; records, one field a line, where a table would cut."""
    columns = [
        _render.Column("line", justify="right"),
        _render.Column("address"),
        _render.Column("verdict"),
        _render.Column("reason"),
        _render.Column("suggestion"),
    ]
    if verbose:
        columns += [_render.Column("mx", wrap=True), _render.Column("smtp reply", wrap=True)]
    columns.append(_render.Column("detail", wrap=True))
    rows: list[list[Text]] = []
    for row, result in shown:
        cells = [
            Text(str(row.line), style="dim"),
            _render.text(result.input or row.address),
            Text(result.verdict.value, style=_VERDICT_STYLE[result.verdict]),
            Text(result.reason.value),
            _render.text(result.suggestion or ""),
        ]
        if verbose:
            cells += [_render.text(" ".join(result.mx)), _render.text(result.smtp_reply or "")]
        cells.append(_render.text(result.detail))
        rows.append(cells)
    _render.print_rows(_render.stdout, columns, rows)


def _print_transcripts(shown: list[tuple[csvio.Row, VerifyResult]]) -> None:
    for _, result in shown:
        if result.transcript:
            _render.stdout.print(_render.text(f"\n{result.input}", style="bold"))
            _render.stdout.print(_render.text("\n".join(result.transcript), style="dim"))


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
    exports: Exports,
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
