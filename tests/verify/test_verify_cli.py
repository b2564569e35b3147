"""``bouncekit verify`` as a person runs it: files in, CSV and JSON lines out, exit codes.

Runs that must not touch the network use ``--offline`` (the real offline checks) or, in
process, :class:`FakeProbe` in place of the SMTP probe, which also counts what it is asked.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from bouncekit import cli
from bouncekit.replies.model import Verdict
from bouncekit.verify import run as verify_run
from bouncekit.verify.checkpoint import Checkpoint, checkpoint_path
from bouncekit.verify.csvio import RESULT_COLUMNS
from bouncekit.verify.model import VerifyOptions, VerifyReason, VerifyResult
from tests.verify.test_checkpoint import FakeProbe

LIST = (
    "Name;E-mail;Note\n"
    'Ann;ann@example.com;=HYPERLINK("http://evil")\n'
    "Gone;gone@example.com;+1\n"
    "Risky;risky@example.org;-2\n"
    "Bob;bob@example.net;@x\n"
    "Ann again;ann@example.com;dup\n"
)


def run(*arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        input=stdin,
        capture_output=True,
        timeout=120,
        env=environment,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


class Invoked:
    def __init__(self, code: int, stdout: str, stderr: str) -> None:
        self.code, self.stdout, self.stderr = code, stdout, stderr

    def jsonl(self) -> list[dict[str, object]]:
        return [json.loads(line) for line in self.stdout.splitlines()]


Invoke = Callable[..., Invoked]


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> FakeProbe:
    """The SMTP probe replaced by :class:`FakeProbe`."""
    fake = FakeProbe()
    monkeypatch.setattr(verify_run, "verify_as_done", fake)
    return fake


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Invoke:
    """Run ``bouncekit`` in this process (so monkeypatches hold) through ``cli.main``."""

    def call(*arguments: str) -> Invoked:
        monkeypatch.setattr(sys, "argv", ["bouncekit", *arguments])
        with pytest.raises(SystemExit) as done:
            cli.main()
        captured = capsys.readouterr()
        code = done.value.code
        return Invoked(code if isinstance(code, int) else 1, captured.out, captured.err)

    return call


def read_csv(path: Path, delimiter: str = ";") -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream, delimiter=delimiter))


@pytest.fixture
def contacts(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text(LIST, encoding="utf-8")
    return path


def test_results_csv_keeps_input_columns_appends_results_and_neutralises(
    invoke: Invoke, probe: FakeProbe, contacts: Path, tmp_path: Path
) -> None:
    output = tmp_path / "results.csv"
    done = invoke("verify", str(contacts), "-o", str(output))
    assert done.code == 0, done.stderr
    assert done.stdout == ""  # results go to the file
    rows = read_csv(output)
    assert rows[0] == ["Name", "E-mail", "Note", *RESULT_COLUMNS]
    assert [row[:5] for row in rows[1:]] == [
        ["Ann", "ann@example.com", '\'=HYPERLINK("http://evil")', "deliverable", "accepted"],
        ["Gone", "gone@example.com", "'+1", "invalid", "mailbox_not_found"],
        ["Risky", "risky@example.org", "'-2", "risky", "catch_all"],
        ["Bob", "bob@example.net", "'@x", "deliverable", "accepted"],
        ["Ann again", "ann@example.com", "dup", "deliverable", "accepted"],
    ]
    assert rows[5][RESULT_COLUMNS.index("duplicate_of") + 3] == "ann@example.com"
    assert rows[1][RESULT_COLUMNS.index("mx") + 3] == "mx.example.test"
    assert done.stderr.strip().endswith(
        f"5 rows verified: 3 deliverable, 1 risky, 1 invalid, 0 unknown. Results in {output}."
    )


@pytest.mark.parametrize(
    ("extra", "names"),
    [
        ((), ["Ann", "Bob"]),  # deliverable only, the duplicate left out
        (("--clean-include", "risky"), ["Ann", "Risky", "Bob"]),
    ],
)
def test_clean_export_holds_the_rows_to_send_to(
    invoke: Invoke,
    probe: FakeProbe,
    contacts: Path,
    tmp_path: Path,
    extra: tuple[str, ...],
    names: list[str],
) -> None:
    clean = tmp_path / "clean.csv"
    done = invoke("verify", str(contacts), "--clean", str(clean), *extra)
    assert done.code == 0, done.stderr
    rows = read_csv(clean)
    assert rows[0] == ["Name", "E-mail", "Note"]  # the input's columns only
    assert [row[0] for row in rows[1:]] == names
    assert f"{len(names)} rows in {clean}." in done.stderr


def test_piped_output_is_json_lines_of_every_result(
    invoke: Invoke, probe: FakeProbe, contacts: Path
) -> None:
    done = invoke("verify", str(contacts))
    assert done.code == 0
    rows = done.jsonl()
    assert [row["input"] for row in rows] == [
        "ann@example.com",
        "gone@example.com",
        "risky@example.org",
        "bob@example.net",
        "ann@example.com",
    ]
    assert set(rows[0]) >= {"verdict", "reason", "detail", "checks", "transcript"}
    assert rows[1]["verdict"] == "invalid"


def test_on_a_terminal_a_table_and_counts_per_verdict(
    invoke: Invoke,
    probe: FakeProbe,
    contacts: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = io.StringIO()
    # The consoles live in bouncekit.cli._render; every command reads them from there.
    monkeypatch.setattr(cli._render, "stdout", Console(file=screen, force_terminal=True, width=200))
    done = invoke("verify", str(contacts))
    assert done.code == 0
    text = screen.getvalue()
    assert "risky@example.org" in text
    assert "mailbox_not_found" in text
    assert "deliverable" in text
    assert "60.0%" in text  # 3 of 5 deliverable


def test_resume_skips_what_an_interrupted_run_finished(
    invoke: Invoke, probe: FakeProbe, contacts: Path, tmp_path: Path
) -> None:
    output = tmp_path / "results.csv"
    probe.stop_after = 2
    done = invoke("verify", str(contacts), "-o", str(output))
    assert done.code == 130
    assert "run the same command with --resume" in done.stderr.lower()
    assert not output.exists()  # no half-written results
    checkpoint = checkpoint_path(str(contacts), output)
    assert checkpoint.exists()
    assert str(checkpoint) in done.stderr
    assert not (tmp_path / "results.csv.checkpoint.sqlite").exists()
    assert probe.probed == [
        "ann@example.com",
        "gone@example.com",
        "risky@example.org",
        "bob@example.net",
        "ann@example.com",
    ]

    probe.stop_after = None
    probe.online_calls.clear()
    done = invoke("verify", str(contacts), "-o", str(output), "--resume")
    assert done.code == 0, done.stderr
    assert probe.probed == ["risky@example.org", "bob@example.net"]
    assert "3 from the checkpoint" in done.stderr
    assert [row[3] for row in read_csv(output)[1:]] == [
        "deliverable",
        "invalid",
        "risky",
        "deliverable",
        "deliverable",
    ]
    assert not checkpoint.exists()  # the run is complete: the checkpoint is gone

    # Without --resume the checkpoint starts afresh and everything is asked again.
    probe.online_calls.clear()
    assert invoke("verify", str(contacts), "-o", str(output)).code == 0
    assert len(probe.probed) == 5


def test_bad_rows_are_in_the_output_and_exit_1(
    invoke: Invoke, probe: FakeProbe, tmp_path: Path
) -> None:
    source = tmp_path / "broken.csv"
    source.write_bytes(
        b"name,email\n"
        b"Ann,ann@example.com\n"
        b"Bob,bob@example.com,extra\n"
        b"Cy,\n"
        + "Dé,de@example.com\n".encode("latin-1")
        + "Zoë,zoe@example.com\nÉmile,emile@example.com\n".encode()
    )
    output = tmp_path / "out.csv"
    done = invoke("verify", str(source), "-o", str(output))
    assert done.code == 1
    for line in (3, 4, 5):
        assert f"{source} line {line}:" in done.stderr
    rows = read_csv(output, ",")
    assert [row[:4] for row in rows[1:]] == [
        ["Ann", "ann@example.com", "deliverable", "accepted"],
        ["Bob", "bob@example.com,extra", "unknown", "not_checked"],
        ["Cy", "", "invalid", "syntax"],
        ["D\ufffd", "de@example.com", "unknown", "not_checked"],
        ["Zoë", "zoe@example.com", "deliverable", "accepted"],
        ["Émile", "emile@example.com", "deliverable", "accepted"],
    ]
    assert probe.probed == ["ann@example.com", "zoe@example.com", "emile@example.com"]
    assert "3 bad rows" in done.stderr


def test_offline_run_of_a_txt_list_from_a_real_process(tmp_path: Path) -> None:
    source = tmp_path / "list.txt"
    source.write_text("ann@gmail.com\nann@gmial.com\nbad@@example.com\n")
    result = run("verify", str(source), "--offline")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["verdict"] for row in rows] == ["unknown", "risky", "invalid"]
    assert rows[1]["suggestion"] == "ann@gmail.com"
    assert rows[2]["reason"] == "syntax"
    assert "3 rows verified: 0 deliverable, 1 risky, 1 invalid, 1 unknown." in result.stderr


def test_stdin_to_a_file_from_a_real_process_keeps_no_checkpoint_offline(
    tmp_path: Path, state_directory: Path
) -> None:
    output = tmp_path / "out.csv"
    data = "email\r\nann@example.com\r\nbob@example.com\r\n".encode("utf-16")
    result = run("verify", "-", "--offline", "-o", str(output), stdin=data)
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM for Excel
    # Offline verification asks no server: nothing to keep, one file per address or not.
    assert list(state_directory.rglob("*")) == []
    assert list(tmp_path.iterdir()) == [output]
    again = run("verify", "-", "--offline", "-o", str(output), "--resume", stdin=data)
    assert again.returncode == 0
    assert "2 rows verified" in again.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("verify", "{dir}/missing.csv"), "no such file"),
        (("verify", "{dir}/list.csv", "--column", "phone"), "no column named 'phone'"),
        (("verify", "{dir}/list.csv", "--clean-include", "risky"), "--clean"),
        (("verify", "{dir}/list.csv", "--proxy", "http://x:1"), "socks5://HOST:PORT"),
        (("verify", "{dir}/list.csv", "--clean-include", "deliverable"), ""),
        (("verify", "{dir}/list.csv", "--concurrency", "0"), ""),
        (("verify", "{dir}/list.csv", "-o", "{dir}/list.csv"), "is the input file"),
        (("verify", "-", "--resume"), "-o results.csv"),
    ],
)
def test_usage_errors_exit_2_with_a_sentence(
    tmp_path: Path, arguments: tuple[str, ...], message: str
) -> None:
    (tmp_path / "list.csv").write_text("email\nann@example.com\n")
    result = run(*(argument.format(dir=tmp_path) for argument in arguments), stdin=b"x@y.z\n")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_resuming_with_other_options_exits_2(tmp_path: Path) -> None:
    source, output = tmp_path / "list.csv", tmp_path / "out.csv"
    source.write_text("email\nann@example.com\n")
    # What an interrupted run with --helo first.example leaves behind.
    interrupted = VerifyOptions(helo="first.example")
    with Checkpoint.open(checkpoint_path(str(source), output), interrupted, resume=False) as saved:
        saved.put(
            VerifyResult(
                "ann@example.com",
                "ann@example.com",
                Verdict.DELIVERABLE,
                VerifyReason.ACCEPTED,
                "accepted",
            )
        )
    # A nameserver that answers nothing: should the refusal fail, no lookup leaves loopback.
    result = run(
        "--nameserver", "127.0.0.1:9", "--timeout", "0.2",
        "verify", str(source), "-o", str(output), "--resume", "--helo", "other.example",
    )  # fmt: skip
    assert result.returncode == 2
    assert "other options (helo was 'first.example')" in result.stderr
