"""Start-up imports only what the command runs (issue 12); the public API stays whole.

What a fresh interpreter has imported is checked in a subprocess (``sys.modules``), never how
long it took: bench/startup.py measures the time.
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys

import pytest
import typer

from bouncekit import cli

HEAVY = ("dns.resolver", "cryptography", "bouncekit.bounces.parse")


def imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_importing_the_cli_imports_no_command_and_no_heavy_library() -> None:
    loaded = imported_after("import bouncekit.cli")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)
    assert not {f"bouncekit.cli.{entry.module}" for entry in cli.COMMANDS} & loaded
    assert "pydantic" not in loaded  # Typer's coercion is paid only when a command runs


def test_importing_the_package_does_not_build_the_classifier() -> None:
    loaded = imported_after("import bouncekit")
    assert not loaded & {*HEAVY, "bouncekit.replies.classify", "bouncekit.explain"}


def test_explaining_a_reply_does_not_import_the_bounce_parser_or_dns() -> None:
    loaded = imported_after(
        "from bouncekit import explain\n"
        "assert explain('550 5.1.1 User unknown')[0].reason == 'userunknown'"
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_explain_command_imports_only_its_own_module() -> None:
    loaded = imported_after(
        "import sys\n"
        "from bouncekit.cli import main\n"
        "sys.argv = ['bouncekit', '--json', 'explain', '550 5.1.1 User unknown']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
    )
    assert "bouncekit.cli.explain" in loaded
    others = {f"bouncekit.cli.{e.module}" for e in cli.COMMANDS if e.module != "explain"}
    assert not loaded & (others | set(HEAVY)), loaded & (others | set(HEAVY))


@pytest.mark.parametrize(
    "code",
    [
        "from bouncekit import explain, parse_bounce, BounceKind, BounceRecord, BounceReport",
        # The submodule bouncekit.explain imported first (the CLI does) must not hide the
        # function of the same name.
        "import bouncekit.explain\nfrom bouncekit import explain",
        "import bouncekit.cli.explain\nimport bouncekit\nexplain = bouncekit.explain",
    ],
)
def test_public_api_imports_and_explain_stays_a_function(code: str) -> None:
    check = (
        f"{code}\n"
        "import bouncekit\n"
        "assert callable(bouncekit.explain), bouncekit.explain\n"
        "assert bouncekit.explain('550 5.1.1 User unknown')[0].reason == 'userunknown'\n"
        "assert bouncekit.parse_bounce.__module__ == 'bouncekit.bounces.parse'\n"
        "assert bouncekit.BounceKind.__module__ == 'bouncekit.bounces.model'\n"
        "assert {'explain', 'parse_bounce', 'BounceKind'} <= set(dir(bouncekit))\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True, timeout=60)


def test_an_unknown_public_name_is_an_attribute_error() -> None:
    import bouncekit

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = bouncekit.no_such_name  # type: ignore[attr-defined]


def test_help_lists_every_command_with_its_one_line_summary() -> None:
    done = run("--help")
    assert done.returncode == 0, done.stderr
    # Compared without white space: Click wraps the summaries, also after a hyphen.
    shown = "".join(done.stdout.split())
    for entry in cli.COMMANDS:
        assert "".join(f"{entry.name} {entry.summary}".split()) in shown, entry.name


@pytest.mark.parametrize("entry", cli.COMMANDS, ids=lambda entry: entry.name)
def test_each_entry_is_its_function_and_its_summary_is_the_docstring(
    entry: cli.CommandEntry,
) -> None:
    command = entry.load()
    assert command.name == entry.name
    target = getattr(sys.modules[f"bouncekit.cli.{entry.module}"], entry.function)
    if isinstance(target, typer.Typer):  # a group of subcommands: its help is the summary
        docstring = str(target.info.help)
        assert getattr(command, "commands", None)
    else:
        assert command.callback is not None
        docstring = inspect.getdoc(target) or ""
    assert entry.summary == one_line(docstring.split("\n\n")[0])


@pytest.mark.parametrize("entry", cli.COMMANDS, ids=lambda entry: entry.name)
def test_each_command_shows_its_own_help(entry: cli.CommandEntry) -> None:
    done = run(entry.name, "--help")
    assert done.returncode == 0, done.stderr
    assert f"bouncekit {entry.name} [OPTIONS]" in done.stdout
    assert entry.summary.split(":")[0] in one_line(done.stdout)


def test_a_mistyped_command_is_named_with_a_suggestion() -> None:
    done = run("explian", "550 5.1.1 User unknown")
    assert done.returncode == 2
    assert "No such command 'explian'. Did you mean 'explain'?" in done.stderr


@pytest.mark.parametrize(
    "first",
    [
        "bouncekit.replies.classify",
        "bouncekit.replies.parse",
        "bouncekit.bounces.model",
        "bouncekit.bounces.dsn",
        "bouncekit.explain",
        "bouncekit.cli.explain",
        "bouncekit.verify.offline",
    ],
)
def test_any_module_imports_first_without_an_import_cycle(first: str) -> None:
    # Nothing is imported eagerly by a package any more, so the order in which a process
    # first meets the modules is its own: each must work as the first.
    check = (
        f"import {first}\n"
        "from bouncekit import explain, parse_bounce\n"
        "assert explain('550 5.1.1 User unknown')[0].reason == 'userunknown'\n"
        "assert parse_bounce(b'').records == ()\n"
    )
    subprocess.run([sys.executable, "-c", check], check=True, timeout=60)
