"""The commands of the bounce store: ``ingest``, ``rejudge`` and ``suppressions``.

Each opens the store named by the global ``--db`` (or ``BOUNCEKIT_DB``; a SQLite file in the
user's data directory by default), creating or migrating it first.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn

from bouncekit import fileio
from bouncekit.cli import _render
from bouncekit.errors import ConfigurationError, InputError

if TYPE_CHECKING:
    from bouncekit.cli import Settings
    from bouncekit.store import Store, Suppression


def _open(context: typer.Context) -> Store:
    settings: Settings = context.obj
    return open_configured(settings.db)


def open_configured(url: str | None) -> Store:
    """The store at ``url`` (the default file when None), or a sentence naming the extra it
    needs when SQLAlchemy is not installed."""
    try:
        from bouncekit.store import open_store
    except ModuleNotFoundError as missing:
        raise ConfigurationError(
            f"The store needs its [store] extra ({missing.name} is not installed): "
            "pip install 'bouncekit[store]'."
        ) from None
    return open_store(url)


@contextmanager
def _progress(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; the callback takes units done."""
    if not _render.stderr.is_terminal:
        yield lambda _: None
        return
    columns = [TextColumn(label), BarColumn()]
    if total is not None:
        columns.append(DownloadColumn())
    columns.append(TimeElapsedColumn())
    with Progress(*columns, console=_render.stderr, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda done: progress.advance(task, done)


def ingest_command(
    context: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE...",
            help="Bounce messages: .eml files, mbox files, Maildir folders, directories.",
            show_default=False,
        ),
    ],
    follow: Annotated[
        bool,
        typer.Option("--follow", help="Logs: keep reading as the log grows, across rotations."),
    ] = False,
    log_format: Annotated[
        str | None,
        typer.Option(
            "--log-format", help="Logs: postfix, exim, sendmail or exchange (default: recognised)."
        ),
    ] = None,
    password_env: Annotated[
        str | None,
        typer.Option(
            "--password-env",
            help="Mailboxes: the environment variable that holds the password.",
        ),
    ] = None,
    move_to: Annotated[
        str | None,
        typer.Option("--move-to", help="Mailboxes: move each processed message to this folder."),
    ] = None,
    delete: Annotated[
        bool,
        typer.Option("--delete", help="Mailboxes: delete processed messages (never by default)."),
    ] = False,
    json_output: _render.JsonOption = False,
) -> None:
    """Read bounces into the store: each failure judged and kept once, the suppression list
    updated, sender-side blocks never suppressing the recipient.

    A SOURCE is a bounce file, an mbox, a Maildir or a directory, an MTA log (Postfix, Exim,
    Sendmail, Exchange message tracking), or a mailbox: imap(s)://USER@HOST[:PORT]/FOLDER or
    pop3(s)://USER@HOST[:PORT]."""
    from bouncekit.bounces.batch import input_size
    from bouncekit.ingest.sources import IngestOptions, ingest_sources

    as_json = _render.json_wanted(context, json_output)
    for source in sources:
        if "://" not in source and not Path(source).exists():
            raise InputError(f"{source}: no such file or directory; give bounce files or folders.")
    files = [source for source in sources if "://" not in source]
    with _open(context) as store, _progress("ingesting", input_size(files) or None) as tick:
        options = IngestOptions(
            follow=follow,
            log_format=log_format,
            password_env=password_env,
            move_to=move_to,
            delete=delete,
        )
        summary = ingest_sources(store, sources, options, progress=tick)
    for problem in summary.errors:
        _render.error(problem)
    if as_json:
        _render.print_json(
            {
                "store": store.url,
                "messages": summary.messages,
                "bounces": summary.bounces,
                "new_events": summary.new_events,
                "seen_events": summary.seen_events,
                "suppressed": summary.suppressed,
                "errors": summary.errors,
            }
        )
    else:
        _render.stdout.print(
            f"{summary.messages} messages read, {summary.bounces} with failures: "
            f"{summary.new_events} new events, {summary.seen_events} already stored; "
            f"{len(summary.suppressed)} addresses suppressed. Store: {_render.safe(store.url)}"
        )
    if summary.errors:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


def rejudge_command(
    context: typer.Context,
    everything: Annotated[
        bool, typer.Option("--all", help="Judge every event again, not only the stale ones.")
    ] = False,
    json_output: _render.JsonOption = False,
) -> None:
    """Judge stored events again with this version's engine, and update the suppressions that
    follow; prints what changed."""
    from bouncekit.store.rejudge import rejudge

    as_json = _render.json_wanted(context, json_output)
    with _open(context) as store, _progress("re-judging", None) as tick:
        summary = rejudge(store, everything=everything, progress=tick)
    if as_json:
        _render.print_json(
            {
                "version": summary.version,
                "examined": summary.examined,
                "changed": [change.to_dict() for change in summary.changes],
                "suppressed": summary.suppressed,
                "unsuppressed": summary.unsuppressed,
            }
        )
        return
    _render.stdout.print(
        f"{summary.examined} events judged again by {summary.version}: "
        f"{len(summary.changes)} changed; {len(summary.suppressed)} addresses suppressed, "
        f"{len(summary.unsuppressed)} taken off the list."
    )
    rows = [
        [
            _render.text(change.recipient),
            _render.text(name),
            _render.text(_shown(old)),
            _render.text(_shown(new)),
        ]
        for change in summary.changes
        for name, (old, new) in change.fields.items()
    ]
    if rows:
        columns = [_render.Column("recipient"), _render.Column("field")]
        columns += [_render.Column("was", wrap=True), _render.Column("now", wrap=True)]
        _render.print_rows(_render.stdout, columns, rows)


def _shown(value: object) -> str:
    return str(getattr(value, "value", value))


# --- suppressions ------------------------------------------------------------------------

suppressions_app = typer.Typer(
    help="The suppression list: addresses not to send to, each with its reason and evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_COLUMNS = (
    _render.Column("address"),
    _render.Column("reason"),
    _render.Column("since"),
    _render.Column("expires"),
    _render.Column("event"),
    _render.Column("note", wrap=True),
)


def _when(value: datetime.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "never"


def _row(entry: Suppression) -> list[str]:
    return [
        entry.address,
        entry.reason.value,
        entry.first_at.isoformat(),
        entry.expires_at.isoformat() if entry.expires_at else "",
        entry.event_id or "",
        entry.note or "",
    ]


@suppressions_app.command("list")
def list_command(
    context: typer.Context,
    expired: Annotated[bool, typer.Option("--expired", help="Include expired entries.")] = False,
    json_output: _render.JsonOption = False,
) -> None:
    """Every address on the list, with its reason."""
    with _open(context) as store:
        entries = store.suppressions(include_expired=expired)
    if _render.json_wanted(context, json_output):
        _render.print_json({"suppressions": [entry.to_dict() for entry in entries]})
        return
    rows = [
        [
            _render.text(entry.address),
            _render.text(entry.reason.value),
            _render.text(_when(entry.first_at)),
            _render.text(_when(entry.expires_at)),
            _render.text(entry.event_id or ""),
            _render.text(entry.note or ""),
        ]
        for entry in entries
    ]
    _render.print_rows(_render.stdout, _COLUMNS, rows)
    _render.note(f"{len(entries)} addresses on the suppression list.")


@suppressions_app.command("check")
def check_command(
    context: typer.Context,
    address: Annotated[str, typer.Argument(help="The address to look up.")],
    json_output: _render.JsonOption = False,
) -> None:
    """Whether an address is suppressed, why and until when. Exits 1 when it is."""
    with _open(context) as store:
        entry = store.suppression(address)
    now = datetime.datetime.now(datetime.UTC)
    active = entry is not None and entry.active(now)
    if _render.json_wanted(context, json_output):
        data: dict[str, object] = {"address": address, "suppressed": active}
        if entry is not None:
            data.update(
                reason=entry.reason.value,
                since=entry.first_at.isoformat(),
                expires=entry.expires_at.isoformat() if entry.expires_at else None,
                event_id=entry.event_id,
                note=entry.note,
            )
        _render.print_json(data)
    elif entry is None:
        _render.stdout.print(f"{_render.safe(address)} is not suppressed.")
    else:
        state = "suppressed" if active else "no longer suppressed (expired)"
        _render.stdout.print(
            f"{_render.safe(entry.address)} is {state}: {entry.reason.value} since "
            f"{_when(entry.first_at)}, expires {_when(entry.expires_at)}"
            + (f"; event {entry.event_id}" if entry.event_id else "")
            + (f". {_render.safe(entry.note)}" if entry.note else ".")
        )
    if active:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


@suppressions_app.command("add")
def add_command(
    context: typer.Context,
    address: Annotated[str, typer.Argument(help="The address to suppress.")],
    note: Annotated[str | None, typer.Option("--note", help="Why, in your words.")] = None,
    json_output: _render.JsonOption = False,
) -> None:
    """Suppress an address by hand."""
    with _open(context) as store:
        entry = store.add_suppression(address, note=note)
    if _render.json_wanted(context, json_output):
        _render.print_json(entry.to_dict())
    else:
        _render.stdout.print(f"{_render.safe(entry.address)} is suppressed (manual).")


@suppressions_app.command("remove")
def remove_command(
    context: typer.Context,
    address: Annotated[str, typer.Argument(help="The address to take off the list.")],
    json_output: _render.JsonOption = False,
) -> None:
    """Take an address off the list. Exits 1 when it was not on it."""
    with _open(context) as store:
        removed = store.remove_suppression(address)
    if _render.json_wanted(context, json_output):
        _render.print_json({"address": address, "removed": removed})
    elif removed:
        _render.stdout.print(f"{_render.safe(address)} is no longer suppressed.")
    else:
        _render.stdout.print(f"{_render.safe(address)} was not on the list.")
    if not removed:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


@suppressions_app.command("import")
def import_command(
    context: typer.Context,
    path: Annotated[Path, typer.Argument(help="A file of addresses: one a line, or a CSV.")],
    note: Annotated[str | None, typer.Option("--note", help="Kept with every entry.")] = None,
    json_output: _render.JsonOption = False,
) -> None:
    """Suppress every address of a file (a plain list, or a CSV whose first column, or
    column named email/address, holds them). Lines without an address are named and skipped."""
    from bouncekit.suppressions.policy import SuppressionReason

    added, problems = 0, []
    with _open(context) as store:
        for number, address in _addresses(path):
            try:
                store.add_suppression(
                    address, SuppressionReason.MANUAL, note=note, source=f"import {path.name}"
                )
            except InputError as error:
                problems.append(f"{path}:{number}: {error}")
            else:
                added += 1
    for problem in problems:
        _render.error(problem)
    if _render.json_wanted(context, json_output):
        _render.print_json({"imported": added, "problems": problems})
    else:
        _render.stdout.print(f"{added} addresses suppressed from {_render.safe(path)}.")
    if problems:
        raise typer.Exit(_render.EXIT_SOME_FAILED)


def _addresses(path: Path) -> Iterator[tuple[int, str]]:
    import csv

    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot be read as UTF-8 text ({error}).") from error
    rows = list(csv.reader(lines))
    column = 0
    if rows and any("@" not in cell for cell in rows[0][:1]):
        header = [cell.strip().lower() for cell in rows[0]]
        for name in ("email", "address", "email_address", "e-mail"):
            if name in header:
                column = header.index(name)
                break
        rows[0] = []  # the header
    for number, row in enumerate(rows, 1):
        if len(row) > column and row[column].strip():
            yield number, row[column].strip()


@suppressions_app.command("export")
def export_command(
    context: typer.Context,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="csv (address, reason, since, expires, event, note), json, plain (one "
            "address a line) or ses (Amazon SES suppression-list CSV: address,reason).",
        ),
    ] = "csv",
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """The list in the shapes senders import."""
    from bouncekit.suppressions.policy import SuppressionReason

    if output_format not in ("csv", "json", "plain", "ses"):
        raise InputError(f"--format {output_format!r}: choose csv, json, plain or ses.")
    with _open(context) as store:
        entries = store.suppressions()
    with fileio.OutputFile(output or fileio.STDOUT) as stream:
        if output_format == "json":
            data = {"suppressions": [entry.to_dict() for entry in entries]}
            stream.write(_render.json_text(data) + "\n")
        elif output_format == "plain":
            stream.write("".join(f"{entry.address}\n" for entry in entries))
        elif output_format == "ses":
            writer = fileio.CsvWriter(stream)
            writer.header(["EMAIL_ADDRESS", "REASON"])  # SES knows BOUNCE and COMPLAINT
            for entry in entries:
                complaint = entry.reason is SuppressionReason.COMPLAINT
                writer.write([entry.address, "COMPLAINT" if complaint else "BOUNCE"])
        else:
            writer = fileio.CsvWriter(stream)
            writer.header(["address", "reason", "since", "expires", "event_id", "note"])
            for entry in entries:
                writer.write(_row(entry))
    if output:
        _render.note(f"{len(entries)} addresses written to {_render.safe(output)}.")
