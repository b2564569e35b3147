"""``bouncekit parse`` as a person runs it: a real process, real output, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bouncekit.bounces.model import FIELDS
from tests.bounces.messages import dsn

NOT_A_BOUNCE = b"From: a@example.org\nTo: b@example.org\nSubject: lunch?\n\nAt noon.\n"
POSTMARK = b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n"


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
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A directory with two bounces, a message that is not one, and a two-message mbox."""
    (tmp_path / "a.eml").write_bytes(dsn("alice@example.net"))
    (tmp_path / "b.eml").write_bytes(NOT_A_BOUNCE)
    (tmp_path / "c.mbox").write_bytes(
        POSTMARK
        + dsn("carol@example.net")
        + b"\n"
        + POSTMARK
        + dsn("dave@example.net", "452 4.2.2 {recipient}: Mailbox full")
    )
    return tmp_path


def test_piped_output_is_jsonl_with_every_field(inbox: Path) -> None:
    result = run("parse", str(inbox))
    assert result.returncode == 0, result.stderr
    rows = jsonl(result.stdout)
    assert [tuple(row) for row in rows] == [FIELDS] * 3
    assert [(row["file"], row["index"], row["recipient"]) for row in rows] == [
        (str(inbox / "a.eml"), 1, "alice@example.net"),
        (f"{inbox / 'c.mbox'}#1", 1, "carol@example.net"),
        (f"{inbox / 'c.mbox'}#2", 1, "dave@example.net"),
    ]
    assert rows[0]["reason"] == "userunknown"
    assert rows[0]["hard"] is True
    assert rows[2]["reason"] == "mailboxfull"
    assert rows[2]["status"] == "4.2.2"
    assert result.stderr.strip() == (
        "4 messages read: 3 bounces (3 records), 1 not bounces, 0 errors."
    )


def test_jsonl_and_csv_carry_the_event_fields(inbox: Path) -> None:
    rows = jsonl(run("parse", "-f", "jsonl", str(inbox)).stdout)
    first = rows[0]
    assert first["source"] == {"kind": "file", "reference": str(inbox / "a.eml")}
    assert first["occurred_at"] == "2026-03-02T10:00:00+00:00"
    assert first["recipient_domain"] == "example.net"
    assert (first["retry"], first["provider"]) == ("never", None)
    assert first["rule_id"]
    assert len({row["event_id"] for row in rows}) == 3
    # The same input parsed again: the same events.
    again = jsonl(run("parse", "-f", "jsonl", "-j", "2", str(inbox)).stdout)
    assert again == rows
    lines = list(csv.reader(io.StringIO(run("parse", "-f", "csv", str(inbox)).stdout)))
    records = [dict(zip(FIELDS, row, strict=True)) for row in lines[1:]]
    assert [r["event_id"] for r in records] == [row["event_id"] for row in rows]
    assert records[0]["source"] == f"file:{inbox / 'a.eml'}"


def test_global_json_and_format_options_agree(inbox: Path) -> None:
    default = run("parse", str(inbox)).stdout
    assert run("--json", "parse", str(inbox)).stdout == default
    assert run("parse", "-f", "jsonl", str(inbox)).stdout == default


def test_csv_has_a_header_and_one_row_per_record(inbox: Path) -> None:
    result = run("parse", "-f", "csv", str(inbox))
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == FIELDS
    records = [dict(zip(FIELDS, row, strict=True)) for row in rows[1:]]
    assert [r["recipient"] for r in records] == [
        "alice@example.net",
        "carol@example.net",
        "dave@example.net",
    ]
    assert records[0]["hard"] == "true"
    assert records[2]["hard"] == "false"
    assert records[0]["feedback_type"] == ""  # None is an empty cell


def test_table_shows_the_main_columns(inbox: Path) -> None:
    result = run("parse", "-f", "table", str(inbox / "a.eml"))
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()[:2]
    assert header.split() == [
        "file",
        "recipient",
        "reason",
        "owner",
        "status",
        "replycode",
        "hard",
        "decoded_by",
    ]
    cells = row.split()
    assert cells[1:7] == ["alice@example.net", "userunknown", "recipient", "5.1.1", "550", "yes"]
    assert cells[7]  # decoded_by: whichever format reads it (Postfix, RFC3464)


def test_stdin_reads_a_message_or_an_mbox() -> None:
    one = run("parse", "-", stdin=dsn("piped@example.net"))
    assert [(r["file"], r["recipient"]) for r in jsonl(one.stdout)] == [("-", "piped@example.net")]
    several = run(
        "parse", "-", stdin=POSTMARK + dsn("x@example.net") + b"\n" + POSTMARK + NOT_A_BOUNCE
    )
    assert [r["file"] for r in jsonl(several.stdout)] == ["-#1"]


def test_verbose_says_why_a_message_is_not_a_bounce(inbox: Path) -> None:
    quiet = run("parse", str(inbox / "b.eml"))
    assert quiet.stdout == ""
    assert "Not a bounce" not in quiet.stderr
    for arguments in (("-v", "parse"), ("parse", "-v")):
        loud = run(*arguments, str(inbox / "b.eml"))
        assert loud.returncode == 0
        assert f"{inbox / 'b.eml'}: Not a bounce" in loud.stderr


def test_two_workers_print_what_one_prints(tmp_path: Path) -> None:
    for number in range(120):
        data = dsn(f"user{number}@example.net") if number % 4 else NOT_A_BOUNCE
        (tmp_path / f"{number:03}.eml").write_bytes(data)
    one = run("parse", "-j", "1", str(tmp_path))
    two = run("parse", "-j", "2", str(tmp_path))
    assert one.returncode == two.returncode == 0
    assert two.stdout == one.stdout
    assert len(jsonl(one.stdout)) == 90
    assert two.stderr == one.stderr


def test_a_missing_path_is_named_the_rest_goes_on_and_the_exit_code_is_1(inbox: Path) -> None:
    missing = inbox / "nowhere.eml"
    result = run("parse", str(missing), str(inbox / "a.eml"))
    assert result.returncode == 1
    assert [row["recipient"] for row in jsonl(result.stdout)] == ["alice@example.net"]
    assert f"error: {missing}: no such file or directory. Check the path" in result.stderr
    assert "1 message read: 1 bounce (1 record), 0 not bounces, 1 error." in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreadable_file_in_a_directory_is_named(inbox: Path) -> None:
    (inbox / "broken.eml").symlink_to(inbox / "gone.eml")  # root reads chmod 000 files
    result = run("parse", str(inbox))
    assert result.returncode == 1
    assert f"error: {inbox / 'broken.eml'}: it vanished or is a broken symbolic link" in (
        result.stderr
    )
    assert len(jsonl(result.stdout)) == 3


def test_a_parser_bug_is_an_error_line_not_a_traceback(inbox: Path) -> None:
    # A format that raises: patched in, since no shipped format is known to raise.
    script = (
        "import sys\n"
        "import bouncekit.bounces.batch as batch\n"
        "real = batch.parse_bounce\n"
        "def buggy(data, **_):\n"
        "    if b'carol@' in data:\n"
        "        raise IndexError('list index out of range')\n"
        "    return real(data, **_)\n"
        "batch.parse_bounce = buggy\n"
        "from bouncekit.cli import main\n"
        f"sys.argv = ['bouncekit', 'parse', {str(inbox)!r}]\n"
        "main()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"error: {inbox / 'c.mbox'}#1: parsing failed with IndexError" in result.stderr
    assert [row["recipient"] for row in jsonl(result.stdout)] == [
        "alice@example.net",
        "dave@example.net",
    ]
    assert "4 messages read: 2 bounces (2 records), 1 not bounces, 1 error." in result.stderr


def test_garbage_empty_files_and_an_empty_mbox_are_handled(tmp_path: Path) -> None:
    (tmp_path / "garbage.bin").write_bytes(bytes(range(256)) * 32)
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "empty.mbox").write_bytes(b"")
    (tmp_path / "postmark-only.mbox").write_bytes(POSTMARK)
    result = run("-v", "parse", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "2 messages read: 0 bounces (0 records), 2 not bounces, 0 errors." in result.stderr


@pytest.mark.parametrize(
    "arguments",
    [
        ("parse",),  # no path
        ("parse", "-j", "0", "x.eml"),
        ("parse", "-f", "xml", "x.eml"),
        ("parse", "--no-such-option", "x.eml"),
    ],
)
def test_usage_errors_exit_2(arguments: tuple[str, ...]) -> None:
    result = run(*arguments)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_the_explain_command_still_works() -> None:
    result = run("--json", "explain", "452 4.2.2 Mailbox full")
    assert result.returncode == 0
    assert json.loads(result.stdout)["diagnoses"][0]["reason"] == "mailboxfull"
