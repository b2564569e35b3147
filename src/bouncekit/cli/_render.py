"""What every command shares on the way out: the consoles, JSON, the owner colours, exit codes.

Commands read the consoles as ``_render.stdout`` and ``_render.stderr`` when they run, never
``from _render import stdout``, so a test that replaces a console here replaces it everywhere.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from bouncekit.replies.model import Owner

if TYPE_CHECKING:
    from bouncekit.cli import Settings

EXIT_INTERNAL = 1
EXIT_SOME_FAILED = 1
EXIT_INPUT = 2

STDIN_PATH = "-"

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)

OWNER_STYLE = {
    Owner.RECIPIENT: "bold yellow",
    Owner.SENDER: "bold red",
    Owner.MESSAGE: "bold magenta",
    Owner.RECEIVER: "bold blue",
    Owner.UNKNOWN: "bold white",
}


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def json_wanted(context: typer.Context, local: bool) -> bool:
    """A command's own ``--json`` or the global one."""
    settings: Settings = context.obj
    return local or settings.json
