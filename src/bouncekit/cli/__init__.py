"""The ``bouncekit`` command: parses arguments, calls the library, prints. No logic of its own.

One module per command (:mod:`.explain`, :mod:`.parse`, :mod:`.verify`, :mod:`.sender` for
check-sender, check-message and check-smtp, :mod:`.warmup`); what they share on the way out
(consoles, JSON, exit codes) is in :mod:`._render`. This module holds the Typer ``app``, the
global options and :func:`main`.

Exit codes: 0 done, every check passed (warnings allowed); 1 a check failed (check-sender,
check-message, check-smtp), some inputs of a batch failed (each named on stderr), or an
internal error (a bug: please report it); 2 the input could not be used (no SMTP reply in it,
too large, not text, a bad option value, a missing argument).

``--json`` and ``-v`` are taken before the command and after it alike.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from typing import Annotated

import typer
import typer.exceptions

from bouncekit import __version__, resolver
from bouncekit.cli import _render
from bouncekit.cli._render import EXIT_INPUT, EXIT_INTERNAL, EXIT_SOME_FAILED, STDIN_PATH
from bouncekit.cli.explain import explain
from bouncekit.cli.parse import OutputFormat, parse
from bouncekit.cli.sender import check_message_command, check_sender_command, check_smtp_command
from bouncekit.cli.verify import CleanInclude, verify_command
from bouncekit.cli.warmup import warmup_plan_command
from bouncekit.errors import BouncekitError

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_SOME_FAILED",
    "STDIN_PATH",
    "CleanInclude",
    "OutputFormat",
    "Settings",
    "app",
    "main",
]

app = typer.Typer(
    name="bouncekit",
    help="Explain SMTP rejections, read bounces, verify address lists and check your own "
    "sending setup: what went wrong, whose problem it is, how to fix it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The global options, handed to every command as ``context.obj``."""

    json: bool
    verbose: bool
    timeout: float


def _version(value: bool) -> None:
    if value:
        _render.stdout.print(f"bouncekit {__version__}")
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
    """Explain SMTP rejections, read bounces, verify address lists, check your sending setup."""
    resolver.configure(nameserver, timeout=timeout)
    context.obj = Settings(json=json_output, verbose=verbose, timeout=timeout)


# In the order of the help text.
app.command("explain")(explain)
app.command("parse")(parse)
app.command("verify")(verify_command)
app.command("check-sender")(check_sender_command)
app.command("check-message")(check_message_command)
app.command("warmup-plan")(warmup_plan_command)
app.command("check-smtp")(check_smtp_command)


def main() -> None:
    """Entry point: turns every error into a sentence and an exit code, never a traceback."""
    verbose = "-v" in sys.argv or "--verbose" in sys.argv
    try:
        # Outside standalone mode Click returns the code of a typer.Exit instead of exiting.
        code = app(standalone_mode=False)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        _render.note("Aborted.")
        sys.exit(130)
    except BouncekitError as error:
        _render.error(error)
        sys.exit(EXIT_INPUT)
    except typer.exceptions.TyperException as error:  # usage: unknown option, bad value
        show = getattr(error, "show", None)
        if callable(show):
            # Click's message quotes what was typed: shown through safe() like all user text.
            shown = io.StringIO()
            show(file=shown)
            sys.stderr.write(_render.safe(shown.getvalue()))
        else:
            _render.error(error)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # the last line of defence: no traceback at the user
        if verbose:
            _render.stderr.print_exception()
        _render.error(
            f"{type(error).__name__}: {error}. This is a bug in bouncekit; run again with -v "
            "and report the output.",
            label="internal error",
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)
