"""``bouncekit explain``: one rejection, its reason, its owner and the fix, as a panel."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bouncekit.cli import _render
from bouncekit.errors import BouncekitError
from bouncekit.explain import explain as explain_text
from bouncekit.replies.model import Diagnosis

if TYPE_CHECKING:
    from bouncekit.cli import Settings


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
            _render.print_json({"diagnoses": [], "error": "no_reply_found", "message": message})
        else:
            _render.stderr.print(message)
        raise typer.Exit(_render.EXIT_INPUT)
    if settings.json:
        _render.print_json({"diagnoses": [diagnosis.to_dict() for diagnosis in diagnoses]})
        return
    for diagnosis in diagnoses:
        _render.stdout.print(_panel(diagnosis, settings.verbose))


def _read_input(source: str | None) -> str:
    if source is None or source == _render.STDIN_PATH:
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
        (f" {diagnosis.owner.value} ", _render.OWNER_STYLE[diagnosis.owner]),
        (f" {diagnosis.reason.value} ", "bold"),
    )
    return Panel(body, title=title, title_align="left", subtitle=_excerpt(diagnosis.text))


def _host(diagnosis: Diagnosis) -> str | None:
    if diagnosis.remote_host and diagnosis.remote_ip:
        return f"{diagnosis.remote_host} [{diagnosis.remote_ip}]"
    return diagnosis.remote_host or diagnosis.remote_ip


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
