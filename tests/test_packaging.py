"""The library installs without its edges: the CLI, the web app, PostgreSQL and Dask are extras.

What a plain ``pip install bouncekit`` leaves out is simulated here by blocking those packages'
imports in a fresh interpreter (``sys.modules[name] = None`` makes ``import name`` fail as if it
were not installed).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDGE_PACKAGES = ("typer", "rich", "click", "fastapi", "starlette", "uvicorn", "jinja2")


def without_edges(code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter where the extras' packages cannot be imported."""
    block = "".join(f"sys.modules[{name!r}] = None\n" for name in EDGE_PACKAGES)
    return subprocess.run(
        [sys.executable, "-c", f"import sys\n{block}{code}"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        table: dict[str, object] = tomllib.load(file)["project"]
    return table


def names(requirements: object) -> set[str]:
    assert isinstance(requirements, list)
    return {str(r).split("[")[0].split(">")[0].split("=")[0].strip().lower() for r in requirements}


def test_the_library_depends_on_no_edge() -> None:
    assert not names(project()["dependencies"]) & {*EDGE_PACKAGES, "psycopg", "dask"}


def test_each_edge_is_an_extra_and_all_takes_them_all() -> None:
    extras = project()["optional-dependencies"]
    assert isinstance(extras, dict)
    assert {"typer", "rich"} <= names(extras["cli"])
    assert {"fastapi", "uvicorn", "jinja2"} <= names(extras["web"])
    assert names(extras["store"]) == {"sqlalchemy", "alembic"}
    assert names(extras["postgres"]) == {"bouncekit", "psycopg"}  # the store, and its driver
    assert names(extras["dask"]) == {"dask"}
    assert extras["all"] == ["bouncekit[cli,web,store,postgres,dask]"]


def test_the_make_targets_install_every_extra() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-e '.[all,test]'" in makefile


def test_every_job_runs_without_the_edges() -> None:
    done = without_edges(
        "import bouncekit\n"
        "assert bouncekit.explain('550 5.1.1 User unknown')[0].reason == 'userunknown'\n"
        "for name in bouncekit.__all__:\n"
        "    getattr(bouncekit, name)\n"
        "options = bouncekit.VerifyOptions(offline=True)\n"
        "(result,) = bouncekit.verify_sync(['someone@example.com'], options=options)\n"
        "assert result.to_dict()['address'] == 'someone@example.com'\n"
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("missing", ["typer", "rich"])
def test_the_command_without_its_extra_says_what_to_install(missing: str) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys\nsys.modules[{missing!r}] = None\n"
            "sys.argv = ['bouncekit', '--help']\n"
            "from bouncekit.__main__ import main\nmain()",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr  # one sentence, no traceback
    assert "pip install 'bouncekit[cli]'" in done.stderr


def test_the_web_app_without_its_extra_says_what_to_install() -> None:
    done = without_edges("import runpy\nrunpy.run_module('bouncekit.web', run_name='__main__')")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1, done.stderr
    assert "pip install 'bouncekit[web]'" in done.stderr


def test_the_entry_point_is_the_one_that_can_say_so() -> None:
    scripts = project()["scripts"]
    assert isinstance(scripts, dict)
    assert scripts["bouncekit"] == "bouncekit.__main__:main"
