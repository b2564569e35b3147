"""``python -m bouncekit`` and the ``bouncekit`` command: the command line of :mod:`bouncekit.cli`.

The command line is the ``[cli]`` extra (Typer and Rich). Without it, the command says in one
sentence what to install instead of showing an ImportError's traceback.
"""

from __future__ import annotations

import sys

CLI_EXTRA_MISSING = (
    "The bouncekit command needs its [cli] extra (Typer and Rich): pip install 'bouncekit[cli]'."
)
_CLI_DEPENDENCIES = frozenset({"typer", "rich", "click"})


def main() -> None:
    try:
        from bouncekit.cli import main as run_command_line
    except ModuleNotFoundError as error:
        if (error.name or "").partition(".")[0] not in _CLI_DEPENDENCIES:
            raise  # a missing module of bouncekit itself is a bug, not a missing extra
        print(f"error: {CLI_EXTRA_MISSING}", file=sys.stderr)
        raise SystemExit(2) from None
    run_command_line()


if __name__ == "__main__":
    main()
