"""The ``bouncekit`` command as a person runs it: a real process, real output, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

GMAIL_NO_SUCH_USER = (
    "550-5.1.1 The email account that you tried to reach does not exist. Please try "
    "550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 "
    "unnecessary spaces. Learn more at 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser "
    "41si5237478qtr.44 - gsmtp"
)


def run(*arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


def test_explain_prints_a_panel_with_the_fix() -> None:
    result = run("explain", GMAIL_NO_SUCH_USER)
    assert result.returncode == 0, result.stderr
    assert "userunknown" in result.stdout
    assert "recipient" in result.stdout
    assert "suppression list" in result.stdout
    assert "Gmail" in result.stdout


def test_explain_json_is_machine_readable() -> None:
    result = run("--json", "explain", GMAIL_NO_SUCH_USER)
    assert result.returncode == 0, result.stderr
    (diagnosis,) = json.loads(result.stdout)["diagnoses"]
    assert diagnosis["reason"] == "userunknown"
    assert diagnosis["status"] == "5.1.1"
    assert diagnosis["replycode"] == "550"
    assert diagnosis["provider"] == "google"
    assert "https://support.google.com/mail/?p=NoSuchUser" in diagnosis["urls"]
    assert diagnosis["text"].startswith("550 5.1.1 The email account")
    assert "550-5.1.1" not in diagnosis["text"]


def test_explain_reads_stdin_and_files(tmp_path: Path) -> None:
    from_stdin = run("--json", "explain", "-", stdin="452 4.2.2 Mailbox full\n")
    assert json.loads(from_stdin.stdout)["diagnoses"][0]["reason"] == "mailboxfull"
    bounce = tmp_path / "bounce.txt"
    bounce.write_text("Diagnostic-Code: smtp; 552 5.3.4 Message size exceeds fixed limit\n")
    from_file = run("--json", "explain", str(bounce))
    assert json.loads(from_file.stdout)["diagnoses"][0]["reason"] == "mesgtoobig"


def test_input_without_a_reply_says_so_and_exits_2() -> None:
    result = run("explain", "hello there, my mail did not arrive")
    assert result.returncode == 2
    assert "No SMTP reply found" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_error_for_input_without_a_reply() -> None:
    result = run("--json", "explain", "nothing here")
    assert result.returncode == 2
    assert json.loads(result.stdout)["error"] == "no_reply_found"


@pytest.mark.parametrize(
    "arguments",
    [
        ("--nameserver", "127.0.0.1:99999", "explain", "550 5.1.1 x"),
        ("--bogus",),
        ("--timeout", "0", "explain", "550 x"),
    ],
)
def test_bad_options_give_a_sentence_and_exit_2(arguments: tuple[str, ...]) -> None:
    result = run(*arguments)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_several_replies_give_several_diagnoses() -> None:
    log = (
        "host mx1.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>: Recipient address "
        "rejected: User unknown in local recipient table (in reply to RCPT TO command)\n"
        "host mx1.example.com[192.0.2.1] said: 452 4.2.2 <b@example.com>: Mailbox full "
        "(in reply to RCPT TO command)\n"
    )
    result = run("--json", "explain", log)
    diagnoses = json.loads(result.stdout)["diagnoses"]
    assert [d["reason"] for d in diagnoses] == ["userunknown", "mailboxfull"]
    assert [d["recipient"] for d in diagnoses] == ["a@example.com", "b@example.com"]
    assert {d["command"] for d in diagnoses} == {"RCPT"}
    assert {d["remote_host"] for d in diagnoses} == {"mx1.example.com"}
