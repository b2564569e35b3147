"""The ``bouncekit`` command: parses arguments, calls the library, prints. No logic of its own.

One module per command (:mod:`.explain`, :mod:`.parse`, :mod:`.verify`, :mod:`.sender` for
check-sender, check-message and check-smtp, :mod:`.warmup`); what they share on the way out
(consoles, JSON, exit codes) is in :mod:`._render`. This module holds the Typer ``app``, the
global options, :data:`COMMANDS` (each command's name, module and one-line help; a command's
module is imported only when that command runs, so ``bouncekit --help`` and ``bouncekit
explain`` do not load dnspython or the cryptography package) and :func:`main`.

Exit codes: 0 done, every check passed (warnings allowed); 1 a check failed (check-sender,
check-message, check-smtp), some inputs of a batch failed (each named on stderr), or an
internal error (a bug: please report it); 2 the input could not be used (no SMTP reply in it,
too large, not text, a bad option value, a missing argument).

``--json`` and ``-v`` are taken before the command and after it alike.
"""

from __future__ import annotations

import importlib
import io
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer
import typer.exceptions
import typer.main
from typer.core import TyperCommand, TyperGroup

from bouncekit import __version__, resolver
from bouncekit.cli import _render
from bouncekit.cli._render import EXIT_INPUT, EXIT_INTERNAL, EXIT_SOME_FAILED, STDIN_PATH
from bouncekit.errors import BouncekitError

if TYPE_CHECKING:
    # The Click that Typer runs on (its own copy, in the Typer installed here): annotations only.
    from typer import _click

__all__ = [
    "COMMANDS",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_SOME_FAILED",
    "STDIN_PATH",
    "CommandEntry",
    "Settings",
    "app",
    "main",
]


# Help as Click writes it, plain text: Typer's Rich panels import a Markdown parser and Rich's
# traceback module for every --help (about 60 ms, half of the whole budget), and plain text
# reads as well in a terminal, a pipe or a pager.
_HELP_MARKUP = None


@dataclass(frozen=True, slots=True)
class CommandEntry:
    """A command as ``bouncekit --help`` lists it, and where its code is.

    The module is imported only when the command runs (or shows its own help): start-up
    stays the cost of the command asked for, not of every command (check-smtp alone pulls in
    dnspython's resolver and the cryptography package).
    """

    name: str
    module: str  # under bouncekit.cli
    function: str
    summary: str  # the first paragraph of the function's docstring, on one line (a test checks)

    def load(self) -> _click.Command:
        """The command, built by Typer from its function as ``app.command`` would (or the
        group, for a Typer app of subcommands)."""
        function = getattr(importlib.import_module(f"bouncekit.cli.{self.module}"), self.function)
        if isinstance(function, typer.Typer):
            group = typer.main.get_command(function)
            group.name = self.name
            return group
        single = typer.Typer(
            add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=_HELP_MARKUP
        )
        single.command(self.name, short_help=self.summary)(function)
        command = typer.main.get_command(single)
        if not isinstance(command, TyperCommand):  # a Typer of one command is that command
            raise TypeError(f"Typer made a {type(command).__name__} of {self.function}.")
        return command


# In the order of the help text.
COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry(
        "explain",
        "explain",
        "explain",
        "Explain a rejection: reason, whose problem it is, whether to retry, and the fix.",
    ),
    CommandEntry(
        "parse",
        "parse",
        "parse",
        "Parse bounce messages: one row per bounced recipient, with reason, owner and status.",
    ),
    CommandEntry(
        "verify",
        "verify",
        "verify_command",
        "Verify addresses before sending: deliverable, risky, invalid or unknown, and why.",
    ),
    CommandEntry(
        "check-sender",
        "sender",
        "check_sender_command",
        "Check your sending domain: MX, SPF, DKIM, DMARC, reverse DNS, blocklists, TLS, and the "
        "Gmail / Yahoo / Microsoft bulk-sender requirements, each with its fix. Exits 1 when a "
        "check fails.",
    ),
    CommandEntry(
        "check-message",
        "sender",
        "check_message_command",
        "Check a test message: headers, DKIM, SPF, DMARC alignment, unsubscribe, size, content, "
        "links and attachments, each with its fix. Exits 1 when a check fails.",
    ),
    CommandEntry(
        "warmup-plan",
        "warmup",
        "warmup_plan_command",
        "A day-by-day warm-up schedule for a new IP or domain, per provider, with the signals "
        "that must hold a step.",
    ),
    CommandEntry(
        "ingest",
        "store",
        "ingest_command",
        "Read bounces into the store: each failure judged and kept once, the suppression list "
        "updated, sender-side blocks never suppressing the recipient.",
    ),
    CommandEntry(
        "suppressions",
        "store",
        "suppressions_app",
        "The suppression list: addresses not to send to, each with its reason and evidence.",
    ),
    CommandEntry(
        "rejudge",
        "store",
        "rejudge_command",
        "Judge stored events again with this version's engine, and update the suppressions "
        "that follow; prints what changed.",
    ),
    CommandEntry(
        "report",
        "report",
        "report_command",
        "Counts and rates per domain, provider, reason, owner or day, and the alerts to act on, "
        "each with its evidence.",
    ),
    CommandEntry(
        "check-smtp",
        "sender",
        "check_smtp_command",
        "Check your own SMTP server step by step: connect, TLS, certificate, AUTH, relaying. "
        "Exits 1 when a check fails.",
    ),
)


class _Unloaded(TyperCommand):
    """A command's line in the group's help, standing in until the command is asked for."""

    def __init__(self, entry: CommandEntry) -> None:
        super().__init__(entry.name, help=entry.summary, short_help=entry.summary)
        self.entry = entry


class _LazyGroup(TyperGroup):
    """The ``bouncekit`` group: lists every command, imports only the one that runs."""

    def __init__(self, **attributes: object) -> None:
        super().__init__(**attributes)  # type: ignore[arg-type]  # Typer passes its own keywords
        for entry in COMMANDS:
            self.commands.setdefault(entry.name, _Unloaded(entry))

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        # Every way to run a command (or show its own help) resolves it first; listing the
        # commands in the group's help does not.
        unloaded = self.commands.get(args[0]) if args else None
        if isinstance(unloaded, _Unloaded):
            self.commands[unloaded.entry.name] = unloaded.entry.load()
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="bouncekit",
    help="Explain SMTP rejections, read bounces, verify address lists and check your own "
    "sending setup: what went wrong, whose problem it is, how to fix it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_LazyGroup,
    rich_markup_mode=_HELP_MARKUP,
)


@dataclass(frozen=True, slots=True)
class Settings:
    """The global options, handed to every command as ``context.obj``."""

    json: bool
    verbose: bool
    timeout: float
    # Built from --nameserver and --timeout; the commands hand it to the library. Building it
    # costs nothing: dnspython is imported at its first lookup.
    resolver: resolver.Resolver
    db: str | None = None  # the store's URL (--db, BOUNCEKIT_DB); None: the default file


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
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="BOUNCEKIT_DB",
            show_envvar=True,
            help="The store: sqlite:///PATH or postgresql://USER@HOST/DB (default: a SQLite "
            "file in your data directory).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Explain SMTP rejections, read bounces, verify address lists, check your sending setup."""
    context.obj = Settings(
        json=json_output,
        verbose=verbose,
        timeout=timeout,
        resolver=resolver.resolver_from_settings(nameserver, timeout=timeout),
        db=db,
    )


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
