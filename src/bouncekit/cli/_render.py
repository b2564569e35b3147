"""What every command shares on the way in and out: the consoles, safe text, JSON, tables that
fold into records, bounded reads of inputs, the per-command ``--json`` and ``-v``, exit codes.

Commands read the consoles as ``_render.stdout`` and ``_render.stderr`` when they run, never
``from _render import stdout``, so a test that replaces a console here replaces it everywhere.

Text that comes from outside (a pasted reply, a file name, a header, an SMTP reply) is never
markup: the consoles have markup and emoji codes off, every styled piece is a
:class:`rich.text.Text`, and :func:`safe` takes the terminal's control characters out of it
(an ESC sequence in a pasted bounce must not recolour, retitle or clear the user's terminal).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console, JustifyMethod
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from bouncekit.replies.model import Owner

if TYPE_CHECKING:
    from bouncekit.cli import Settings

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_SOME_FAILED = 1
EXIT_CHECK_FAILED = 1
EXIT_INPUT = 2

STDIN_PATH = "-"

# markup=False: a str printed or put in a table cell is shown as it is ("[example.com]" stays);
# emoji=False: ":x:" stays ":x:". Styled output is built from Text, which has neither.
stdout = Console(highlight=False, markup=False, emoji=False)
stderr = Console(stderr=True, highlight=False, markup=False, emoji=False)

OWNER_STYLE = {
    Owner.RECIPIENT: "bold yellow",
    Owner.SENDER: "bold red",
    Owner.MESSAGE: "bold magenta",
    Owner.RECEIVER: "bold blue",
    Owner.UNKNOWN: "bold white",
}

# --- safe text -----------------------------------------------------------------------------

# ECMA-48: CSI (ESC [ or the 8-bit 0x9B) with its parameters; an OSC, DCS, SOS, PM or APC
# string with its terminator (BEL or ST); any other two-character ESC sequence. An unterminated
# string loses only its introducer: the text after it is shown, not swallowed.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]?"
)
# C0 but tab and newline, DEL, C1: what is left once the sequences are gone.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In JSON: C0 is always escaped by json.dumps, DEL and C1 are not (they are legal in JSON text).
_JSON_CONTROL = re.compile(r"[\x7f-\x9f]")


def safe(text: object) -> str:
    """``text`` as a string a terminal shows and does not obey: ESC sequences and control
    characters (C0 but tab and newline, DEL, C1) are taken out; a carriage return too, so a
    line cannot overwrite what was printed before it."""
    value = "" if text is None else str(text)
    if value.isprintable():  # the common case: nothing to take out
        return value
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", value.replace("\r\n", "\n")))


def text(value: object, style: str = "") -> Text:
    """Outside text as a :class:`Text` (never markup), control characters taken out."""
    return Text(safe(value), style=style)


def error(message: object, *, label: str = "error") -> None:
    """``error: MESSAGE`` on stderr, the label in red, the message shown as it is."""
    stderr.print(
        Text.assemble((f"{label}:", "red"), " ", safe(message)), soft_wrap=True, crop=False
    )


def note(message: object) -> None:
    """A sentence on stderr (a summary, a warning), shown as it is and never cut."""
    stderr.print(text(message), soft_wrap=True, crop=False)


def json_text(data: Any, *, indent: int | None = None) -> str:
    """JSON that a terminal cannot be steered by: json.dumps escapes C0, this escapes DEL and
    C1 as well (``\\u009b`` is the same string to a JSON reader)."""
    dumped = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data, indent=2) + "\n")


def print_json_line(data: Any) -> None:
    """One JSON document on one line (JSON Lines), for results streamed as they come."""
    sys.stdout.write(json_text(data) + "\n")


# --- tables that never cut -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    """A column of :func:`print_rows`: its name, and whether it may wrap between words."""

    name: str
    wrap: bool = False
    justify: JustifyMethod = "left"


def fits(renderable: Any, console: Console, *, frame: int = 0) -> bool:
    """Whether ``renderable`` can be drawn at the console's width, less ``frame`` columns (a
    panel's border and padding), without cutting or folding a word."""
    # Measured as if the terminal were unbounded: rich clamps a measurement to the width
    # it is given, which would make everything seem to fit.
    unbounded = console.options.update_width(1 << 20)
    return Measurement.get(console, unbounded, renderable).minimum + frame <= console.width


def print_rows(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Text]],
    *,
    row_styles: Sequence[str] | None = None,
) -> None:
    """Rows as a table when the terminal is wide enough to show every cell whole; otherwise
    folded into records, one ``name: value`` line each, which the terminal wraps: a value is
    never cut, shortened or dropped to make a table fit."""
    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in columns:
        table.add_column(
            column.name,
            no_wrap=not column.wrap,
            overflow="fold",
            justify=column.justify,
        )
    for index, row in enumerate(rows):
        table.add_row(*row, style=row_styles[index] if row_styles else None)
    if fits(table, console):
        console.print(table)
        return
    label_width = max(len(column.name) for column in columns)
    for index, row in enumerate(rows):
        record = Text(style=row_styles[index] if row_styles else "")
        for column, cell in zip(columns, row, strict=True):
            if not cell.plain:
                continue
            record.append(f"{column.name:<{label_width}}  ", style="dim")
            record.append_text(cell)
            record.append("\n")
        console.print(record, soft_wrap=True, crop=False)


# --- options every command takes, after its name as well as before -------------------------

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for machines (also before the command).")
]
VerboseOption = Annotated[
    bool,
    typer.Option("-v", "--verbose", help="Show evidence and details (also before the command)."),
]


def json_wanted(context: typer.Context, local: bool) -> bool:
    """A command's own ``--json`` or the global one."""
    settings: Settings = context.obj
    return local or settings.json


def verbose_wanted(context: typer.Context, local: bool) -> bool:
    """A command's own ``-v`` or the global one."""
    settings: Settings = context.obj
    return local or settings.verbose


# --- bounded reads -------------------------------------------------------------------------

_SIZE = re.compile(r"(\d+)\s*([kmg]?)i?b?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


def parse_size(value: str | int) -> int:
    """A size as people write it: ``65536``, ``64K``, ``16M``, ``1G`` (KiB, MiB, GiB)."""
    if isinstance(value, int):  # a default, already converted
        return value
    match = _SIZE.fullmatch(value.strip())
    if match is None or int(match.group(1)) == 0:
        raise typer.BadParameter(
            f"{value!r} is not a size: give a number of bytes, or one with K, M or G (16M)."
        )
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def max_input_option(default: str) -> Any:
    return typer.Option(
        "--max-input",
        metavar="SIZE",
        parser=parse_size,
        help=f"Refuse an input larger than this (bytes, or with K, M, G). Default: {default}.",
        show_default=False,
    )


def is_file(name: str) -> bool:
    """Whether ``name`` names a readable file. A name that cannot be a path at all (too long,
    a NUL byte, an unreadable directory on the way) is simply not one."""
    if not name or "\0" in name or "\n" in name:
        return False
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False
