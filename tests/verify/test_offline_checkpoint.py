"""``verify --offline`` asks no server, so it keeps no checkpoint: not one SQLite write per
address, as it did, nor any file in the state directory."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from bouncekit import cli
from bouncekit.verify import checkpoint


@pytest.mark.parametrize("resume", [False, True])
def test_an_offline_run_of_many_addresses_touches_no_database(
    tmp_path: Path,
    state_directory: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    resume: bool,
) -> None:
    source, output = tmp_path / "list.txt", tmp_path / "out.csv"
    source.write_text("".join(f"user{n}@example{n % 50}.com\n" for n in range(20_000)))
    opened: list[Any] = []
    real_connect = sqlite3.connect

    def counting_connect(*arguments: Any, **keywords: Any) -> sqlite3.Connection:
        opened.append(arguments)
        return real_connect(*arguments, **keywords)

    monkeypatch.setattr(checkpoint.sqlite3, "connect", counting_connect)
    arguments = ["bouncekit", "verify", str(source), "--offline", "-o", str(output)]
    monkeypatch.setattr(sys, "argv", arguments + (["--resume"] if resume else []))
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code in (0, None), capsys.readouterr().err
    assert "20000 rows verified" in capsys.readouterr().err
    assert opened == []
    assert list(state_directory.rglob("*")) == []
    assert sorted(path.name for path in tmp_path.iterdir()) == ["list.txt", "out.csv"]
