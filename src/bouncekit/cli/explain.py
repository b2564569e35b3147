"""``bouncekit explain``: one rejection, its reason, its owner and the fix, as a panel."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bouncekit import fileio
from bouncekit.cli import _render
from bouncekit.errors import BouncekitError
from bouncekit.explain import explain as explain_text
from bouncekit.replies.model import Diagnosis

# What explain reads from standard input or a file: a whole bounce with its attachments fits;
# a mailbox does not belong here (bouncekit parse reads those).
_MAX_INPUT_TEXT = "16M"
_MAX_INPUT = _render.parse_size(_MAX_INPUT_TEXT)
_PANEL_FRAME = 4  # a panel's two borders and its padding of one column on each side


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
    json_output: _render.JsonOption = False,
    verbose: _render.VerboseOption = False,
    max_input: Annotated[int, _render.max_input_option(_MAX_INPUT_TEXT)] = _MAX_INPUT,
) -> None:
    """Explain a rejection: reason, whose problem it is, whether to retry, and the fix."""
    as_json = _render.json_wanted(context, json_output)
    verbose = _render.verbose_wanted(context, verbose)
    text = _read_input(source, max_input)
    diagnoses = explain_text(text)
    if not diagnoses:
        message = (
            "No SMTP reply found in the input. Paste the server's reply with its code, such as "
            "'550 5.1.1 <a@example.com>: Recipient address rejected: User unknown', a log line "
            "with 'said: 550 ...', or the whole bounce message."
        )
        if as_json:
            _render.print_json({"diagnoses": [], "error": "no_reply_found", "message": message})
        else:
            _render.note(message)
        raise typer.Exit(_render.EXIT_INPUT)
    if as_json:
        _render.print_json({"diagnoses": [diagnosis.to_dict() for diagnosis in diagnoses]})
        return
    for diagnosis in diagnoses:
        _print_diagnosis(diagnosis, verbose)


def _read_input(source: str | None, limit: int) -> str:
    if source is None or source == _render.STDIN_PATH:
        if sys.stdin.isatty():
            raise BouncekitError(
                "Nothing to explain: give the reply text as an argument, a file name, or pipe "
                "it in (bouncekit explain -)."
            )
        data = fileio.read_limited(sys.stdin.buffer, limit, _render.STDIN_PATH)
        return data.decode("utf-8", errors="replace")
    # A reply pasted as the argument is not a path, and may not even be a valid one (too long
    # for the file system, a NUL byte): only an existing file is read as one.
    if _render.is_file(source):
        return fileio.read_file_limited(source, limit).decode("utf-8", errors="replace")
    return source


def _fields(diagnosis: Diagnosis, verbose: bool) -> list[tuple[str, str]]:
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
        ("reply text", diagnosis.text),
    ]
    if verbose:
        rows.append(("evidence", diagnosis.evidence.detail))
    return [(name, value) for name, value in rows if value]


def _action_parts(diagnosis: Diagnosis) -> list[tuple[Text, list[Text]]]:
    """Each action's sentence, and its command and URL lines (never wrapped inside)."""
    parts: list[tuple[Text, list[Text]]] = []
    for action in diagnosis.actions:
        extra: list[Text] = []
        if action.command:
            extra.append(Text("$ " + _render.safe(action.command), style="cyan"))
        if action.url:
            extra.append(Text(_render.safe(action.url), style="underline blue"))
        parts.append((_render.text(action.text), extra))
    return parts


def _title(diagnosis: Diagnosis) -> Text:
    return Text.assemble(
        (f" {diagnosis.owner.value} ", _render.OWNER_STYLE[diagnosis.owner]),
        (f" {diagnosis.reason.value} ", "bold"),
    )


def _print_diagnosis(diagnosis: Diagnosis, verbose: bool) -> None:
    """A panel when every word, URL and command fits the terminal's width; otherwise the same
    as plain lines that the terminal wraps, so that nothing is cut or broken with an ellipsis."""
    console = _render.stdout
    body = _body(diagnosis, verbose)
    if _render.fits(body, console, frame=_PANEL_FRAME):
        console.print(Panel(body, title=_title(diagnosis), title_align="left"))
        return
    fields = _fields(diagnosis, verbose)
    width = max(len(name) for name, _ in fields)
    lines = [
        _title(diagnosis),
        Text(_render.safe(diagnosis.headline), style="bold"),
        _render.text(diagnosis.summary),
        Text(""),
        *(
            Text.assemble((f"{name:<{width}}  ", "dim"), _render.safe(value))
            for name, value in fields
        ),
        Text(""),
        Text("What to do", style="bold underline"),
        *(
            Text.assemble((f"{number}. ", "bold"), sentence, *(Text("\n   ") + t for t in extra))
            for number, (sentence, extra) in enumerate(_action_parts(diagnosis), 1)
        ),
        Text(""),
    ]
    for line in lines:
        console.print(line, soft_wrap=True, crop=False)


def _body(diagnosis: Diagnosis, verbose: bool) -> Group:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column(overflow="fold")
    for name, value in _fields(diagnosis, verbose):
        fields.add_row(name, _render.text(value))
    actions = Table.grid(padding=(0, 1))
    actions.add_column(justify="right", style="bold")
    actions.add_column(overflow="fold")
    for number, (sentence, extra) in enumerate(_action_parts(diagnosis), 1):
        # Padding, not spaces, indents the command and the URL, so that measuring the panel
        # counts the indent (a URL that only fits without it would be folded).
        actions.add_row(
            f"{number}.", Group(sentence, *(Padding(line, (0, 0, 0, 2)) for line in extra))
        )
    return Group(
        Text(_render.safe(diagnosis.headline), style="bold"),
        _render.text(diagnosis.summary),
        Text(""),
        fields,
        Text(""),
        Text("What to do", style="bold underline"),
        actions,
    )


def _host(diagnosis: Diagnosis) -> str | None:
    if diagnosis.remote_host and diagnosis.remote_ip:
        return f"{diagnosis.remote_host} [{diagnosis.remote_ip}]"
    return diagnosis.remote_host or diagnosis.remote_ip
