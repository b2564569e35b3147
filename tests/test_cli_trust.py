"""The ``bouncekit`` command attacked as issue 10 did: hostile text, long arguments, narrow
terminals, endless inputs, formula cells, broken CSV, devices as outputs, and the exit codes
and options that scripts depend on. Each test runs the real command in a process (or, where a
monkeypatch must hold, in this one) and talks only to servers on 127.0.0.0/8.
"""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from bouncekit import cli
from bouncekit.cli import _render
from bouncekit.errors import InputError
from bouncekit.fileio import CsvWriter, OutputFile
from bouncekit.verify.csvio import RowProblem, read_path, read_table
from tests.sender.test_check_sender import BROKEN, IP, broken_zone, good_zone
from tests.support.dns_server import ZoneServer
from tests.support.smtp_peers import Script, free_port, start_peer

Start = Callable[..., ZoneServer]
ROOT = Path(__file__).resolve().parents[1]

# An outlook.com block: a long documentation URL in its actions.
MICROSOFT_BLOCK = (
    "550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact your "
    "Internet service provider since part of their network is on our block list (S3150). "
    "You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."
)
HOSTILE_REPLY = (
    "550 5.1.1 <a@b.com> [/] user unknown at [example.com] :x: "
    "\x1b]0;owned\x07\x1b[2J\x9b31m\rreset"
)
DSN = """\
From: MAILER-DAEMON@mx.example.test
To: sender@example.test
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.test

Final-Recipient: rfc822; gone@example.test
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <gone@example.test>: Recipient address rejected: User
 unknown [example.com] :x: \x1b[31mred

--B
Content-Type: text/rfc822-headers

From: sender@example.test
To: gone@example.test
Subject: =cmd|' /C calc'!A0
Message-ID: <1@example.test>

--B--
"""
MESSAGE = """\
From: Ann <ann@example.test>
To: bob@example.test
Subject: Hello
Date: Mon, 07 Dec 2026 10:00:00 +0000
Message-ID: <hello@example.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Hello Bob.
"""


def run(
    *arguments: str,
    stdin: bytes | None = None,
    columns: int = 120,
    memory: int | None = None,
    umask: int | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """The command in a process; ``memory`` caps its address space (RLIMIT_AS) in bytes."""
    environment = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    environment.pop("BOUNCEKIT_NAMESERVER", None)

    def limit() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if umask is not None:
            os.umask(umask)

    done = subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=environment,
        check=False,
        preexec_fn=limit,
        cwd=cwd,
    )
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", errors="replace"),
        done.stderr.decode("utf-8", errors="replace"),
    )


def no_control(text: str) -> bool:
    return not any(
        (ord(char) < 32 and char not in "\n\t") or 0x7F <= ord(char) <= 0x9F for char in text
    )


# -- 1. a long argument is text, not a path ------------------------------------------------


@pytest.mark.parametrize("length", [300, 5000])
def test_a_reply_longer_than_a_file_name_is_explained(length: int) -> None:
    reply = "550 5.1.1 user unknown " + "x" * length
    done = run("--json", "explain", reply)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["diagnoses"][0]["reason"] == "userunknown"


@pytest.mark.parametrize("name", ["x" * 300, "a\0b", "no/such/dir/" + "y" * 300])
def test_is_file_says_no_to_names_that_cannot_be_paths(name: str) -> None:
    assert _render.is_file(name) is False


# -- 2. user text is never markup, and never steers the terminal ---------------------------


def test_markup_and_emoji_codes_in_a_reply_are_shown_as_written() -> None:
    done = run("explain", "550 5.1.1 <a@b.com> [/] user unknown at [example.com] :x:")
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "550 5.1.1 <a@b.com> [/] user unknown at [example.com] :x:" in flat
    assert "❌" not in done.stdout


def test_control_characters_never_reach_the_terminal() -> None:
    done = run("explain", HOSTILE_REPLY)
    assert done.returncode == 0, done.stderr
    assert no_control(done.stdout)
    assert "owned" not in done.stdout  # the OSC title sequence went whole
    assert "[/] user unknown at [example.com] :x:" in done.stdout


def test_json_escapes_control_characters_and_keeps_the_data() -> None:
    done = run("--json", "explain", HOSTILE_REPLY)
    assert done.returncode == 0, done.stderr
    assert no_control(done.stdout.replace("\n", ""))
    assert "\\u009b" in done.stdout
    (diagnosis,) = json.loads(done.stdout)["diagnoses"]
    assert "\x1b]0;owned\x07" in diagnosis["text"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain [b]text[/b] :x:", "plain [b]text[/b] :x:"),
        ("a\x1b[31mred\x1b[0m b", "ared b"),
        ("title \x1b]0;x\x07 end", "title  end"),
        ("unterminated \x1b]0;rest", "unterminated 0;rest"),
        ("bell\x07 back\x08 cr\r over", "bell back cr over"),
        ("csi8 \x9b2J c1\x85", "csi8  c1"),
        ("lines\nand\ttabs stay", "lines\nand\ttabs stay"),
        ("crlf\r\nline", "crlf\nline"),
    ],
)
def test_safe_takes_out_control_sequences_only(text: str, shown: str) -> None:
    assert _render.safe(text) == shown


HOSTILE_NAME = "[/]\x1b[31m:x:[bold]"


@pytest.mark.parametrize(
    "arguments",
    [
        ("parse", "{dir}/" + HOSTILE_NAME + ".eml"),
        ("verify", "--offline", "{dir}/" + HOSTILE_NAME + ".csv"),
        ("check-message", "{dir}/" + HOSTILE_NAME + ".eml"),
        ("check-sender", HOSTILE_NAME),
        ("check-smtp", HOSTILE_NAME + ":25", "--allow-private"),
        ("explain", "550 5.1.1 user unknown " + HOSTILE_NAME),
    ],
    ids=["parse", "verify", "check-message", "check-sender", "check-smtp", "explain"],
)
def test_every_command_echoes_names_as_written_without_control_characters(
    arguments: tuple[str, ...], tmp_path: Path
) -> None:
    done = run(
        "--nameserver", "127.0.0.1:9", "--timeout", "0.2",
        *(argument.replace("{dir}", str(tmp_path)) for argument in arguments),
    )  # fmt: skip
    assert done.returncode in (0, 1, 2), done.stdout + done.stderr
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    assert "internal error" not in output
    assert no_control(output.replace("\r", ""))
    assert "[/]" in output
    assert ":x:" in output


def test_usage_errors_quote_what_was_typed_without_control_characters() -> None:
    done = run("explain", "--bogus\x1b]0;owned\x07\x1b[2J")
    assert done.returncode == 2
    assert "No such option: --bogus" in done.stderr
    assert no_control(done.stderr)


def test_parse_shows_a_hostile_diagnostic_as_written(tmp_path: Path) -> None:
    path = tmp_path / "dsn.eml"
    path.write_text(DSN)
    done = run("parse", "-f", "jsonl", str(path))
    assert done.returncode == 0, done.stderr
    assert no_control(done.stdout.replace("\n", ""))
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert "[example.com] :x:" in record["diagnostic"]


# -- 3. exit codes: 0 clean, 1 a check failed, 2 the input cannot be used -------------------


def test_check_sender_exits_0_when_clean_and_1_when_a_check_fails(dns_zone: Start) -> None:
    good = dns_zone(good_zone())
    clean = run(
        "--json", "--nameserver", good.address,
        "check-sender", "good.test", "--ip", IP, "--selector", "s1", "--helo", "mx1.good.test",
    )  # fmt: skip
    assert clean.returncode == 0, clean.stderr
    assert "fail" not in {f["status"] for f in json.loads(clean.stdout)["findings"]}
    broken = dns_zone(broken_zone())
    for arguments in (("--json",), ()):
        failed = run(
            *arguments, "--nameserver", broken.address,
            "check-sender", BROKEN, "--ip", IP, "--selector", "s1",
        )  # fmt: skip
        assert failed.returncode == 1, failed.stderr
    usage = run("check-sender", "not a domain")
    assert usage.returncode == 2


def test_check_smtp_exits_1_when_a_check_fails_and_2_on_usage() -> None:
    port = free_port()
    peer = start_peer("127.0.0.92", port, Script())  # no STARTTLS: a failed check
    try:
        for json_first in (True, False):
            arguments = ["check-smtp", f"127.0.0.92:{port}", "--allow-private"]
            done = run(*(["--json", *arguments] if json_first else [*arguments, "--json"]))
            assert done.returncode == 1, done.stderr
            statuses = {f["check"]: f["status"] for f in json.loads(done.stdout)["findings"]}
            assert statuses["smtp.connect"] == "pass"
            assert statuses["smtp.starttls"] == "fail"
    finally:
        peer.stop()
    assert run("check-smtp", "127.0.0.1:2525", "--tls", "--starttls").returncode == 2


def test_check_message_exits_1_on_a_failed_check_and_2_on_usage(
    dns_zone: Start, tmp_path: Path
) -> None:
    server = dns_zone('example.test. 300 IN TXT "v=spf1 -all"\n')
    path = tmp_path / "hello.eml"
    path.write_text(MESSAGE)
    done = run("--nameserver", server.address, "check-message", str(path), "--json")
    findings = json.loads(done.stdout)["findings"]
    failed = [f["check"] for f in findings if f["status"] == "fail"]
    assert failed  # unsigned: DKIM fails
    assert done.returncode == 1, done.stderr
    # The exit code follows the findings, whatever the output looks like.
    panels = run("--nameserver", server.address, "check-message", str(path))
    assert panels.returncode == 1
    assert run("check-message", str(tmp_path / "missing.eml")).returncode == 2


def test_exit_on_failure_follows_the_statuses() -> None:
    from bouncekit.cli.sender import _exit_on_failure

    _exit_on_failure(["pass", "warn", "unknown", "needs-input"])  # no exit
    with pytest.raises(cli.typer.Exit) as done:
        _exit_on_failure(["pass", "fail"])
    assert done.value.exit_code == 1


# -- 4. --json and -v before the command and after it ---------------------------------------


def command_lines(tmp_path: Path, nameserver: str) -> dict[str, list[str]]:
    dsn = tmp_path / "dsn.eml"
    dsn.write_text(DSN)
    message = tmp_path / "hello.eml"
    message.write_text(MESSAGE)
    addresses = tmp_path / "list.txt"
    addresses.write_text("ann@example.test\nnot-an-address\n")
    return {
        "explain": ["explain", "550 5.1.1 <a@example.test>: User unknown"],
        "parse": ["parse", str(dsn)],
        "verify": ["verify", "--offline", str(addresses)],
        "check-sender": ["check-sender", "good.test", "--ip", IP, "--selector", "s1"],
        "check-message": ["check-message", str(message)],
        "check-smtp": ["check-smtp", f"127.0.0.93:{free_port()}", "--allow-private"],
        "warmup-plan": ["warmup-plan", "--daily-target", "5000"],
    }


def parse_json(text: str) -> object:
    """One JSON document, or JSON lines."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines()]


@pytest.mark.parametrize(
    "command",
    ["explain", "parse", "verify", "check-sender", "check-message", "check-smtp", "warmup-plan"],
)
@pytest.mark.parametrize("flag", ["--json", "-v"])
def test_global_flags_work_before_and_after_the_command(
    command: str, flag: str, dns_zone: Start, tmp_path: Path
) -> None:
    server = dns_zone(good_zone())
    line = command_lines(tmp_path, server.address)[command]
    common = ["--nameserver", server.address, "--timeout", "1"]
    before = run(*common, flag, *line)
    after = run(*common, *line, flag)
    assert before.returncode != 2, before.stderr
    assert after.returncode == before.returncode, after.stderr
    if flag == "--json":
        assert parse_json(after.stdout) == parse_json(before.stdout) or command in (
            "check-smtp",  # a fresh closed port each run: the same findings, other numbers
        )
        assert parse_json(after.stdout)
    else:
        assert after.stdout.splitlines()[:3] == before.stdout.splitlines()[:3]


def test_verbose_after_explain_shows_the_evidence() -> None:
    reply = "550 5.1.1 <a@example.test>: User unknown"
    assert "evidence" not in run("explain", reply).stdout
    assert "evidence" in run("explain", reply, "-v").stdout
    assert "evidence" in run("-v", "explain", reply).stdout


# -- 5. nothing that is data is cut ------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80])
def test_parse_on_a_narrow_terminal_shows_every_value_whole(columns: int, tmp_path: Path) -> None:
    path = tmp_path / "a-rather-long-file-name-for-a-bounce-message.eml"
    path.write_text(DSN)
    done = run("parse", "-f", "table", str(path), columns=columns)
    assert done.returncode == 0, done.stderr
    for value in (str(path), "gone@example.test", "userunknown", "5.1.1", "550", "Postfix"):
        assert value in done.stdout
    assert "…" not in done.stdout


@pytest.mark.parametrize("columns", [60, 80])
def test_explain_on_a_narrow_terminal_shows_urls_and_the_reply_whole(columns: int) -> None:
    data = json.loads(run("--json", "explain", MICROSOFT_BLOCK).stdout)["diagnoses"][0]
    done = run("explain", MICROSOFT_BLOCK, columns=columns)
    assert done.returncode == 0, done.stderr
    assert "…" not in done.stdout
    urls = [action["url"] for action in data["actions"] if action["url"]]
    commands = [action["command"] for action in data["actions"] if action["command"]]
    assert urls
    for value in (*urls, *commands):
        assert value in done.stdout
    flat = " ".join(done.stdout.split())
    assert " ".join(data["text"].split()) in flat


@pytest.mark.parametrize("columns", [60, 80])
def test_warmup_plan_on_a_narrow_terminal_shows_every_volume_whole(columns: int) -> None:
    plan = json.loads(run("--json", "warmup-plan", "--daily-target", "500000").stdout)
    done = run("warmup-plan", "--daily-target", "500000", columns=columns)
    assert done.returncode == 0, done.stderr
    assert "…" not in done.stdout
    for day in plan["days"]:
        assert f"{day['total']:,}" in done.stdout


def test_explain_on_a_wide_terminal_keeps_the_panel() -> None:
    done = run("explain", "550 5.1.1 <a@example.test>: User unknown", columns=120)
    assert "╭" in done.stdout
    assert "<a@example.test>: User unknown" in done.stdout


@pytest.mark.parametrize("width", [60, 80])
def test_verify_results_on_a_narrow_terminal_show_every_value_whole(
    width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    long_address = "a.very.long.local.part.of.an.address@" + "sub." * 6 + "example.test"
    path = tmp_path / "list.txt"
    path.write_text(f"{long_address}\nann@gmial.com\n")
    screen = io.StringIO()
    console = Console(
        file=screen, width=width, force_terminal=True, no_color=True, markup=False, emoji=False
    )
    monkeypatch.setattr(_render, "stdout", console)
    monkeypatch.setattr(sys, "argv", ["bouncekit", "verify", "--offline", str(path)])
    with pytest.raises(SystemExit):
        cli.main()
    shown = screen.getvalue()
    assert long_address in shown
    assert "ann@gmial.com" in shown
    assert "gmail.com" in shown  # the suggestion
    assert "…" not in shown


def test_verify_shows_hostile_addresses_as_written_without_control_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "list.txt"
    path.write_text("[b]ann[/b]\x1b[2J@example.test\n:x:@exa\x9bmple.test\n")
    screen = io.StringIO()
    console = Console(
        file=screen, width=200, force_terminal=True, color_system=None, markup=False, emoji=False
    )
    monkeypatch.setattr(_render, "stdout", console)
    monkeypatch.setattr(sys, "argv", ["bouncekit", "verify", "--offline", str(path)])
    with pytest.raises(SystemExit):
        cli.main()
    shown = screen.getvalue() + capsys.readouterr().err
    assert no_control(shown.replace("\r", ""))
    assert "[b]ann[/b]" in shown
    assert ":x:@" in shown


def test_print_rows_is_a_table_when_it_fits() -> None:
    screen = io.StringIO()
    console = Console(file=screen, width=100, no_color=True)
    columns = [_render.Column("a"), _render.Column("b")]
    _render.print_rows(console, columns, [[_render.text("one"), _render.text("two")]])
    assert screen.getvalue().splitlines()[0].split() == ["a", "b"]


# -- 6. inputs are read with a limit ------------------------------------------------------------

MEMORY_CAP = 1 << 30  # far below what reading an endless input would need


def endless(arguments: list[str], source: list[str]) -> subprocess.CompletedProcess[str]:
    """The command with an endless standard input (``yes``), in a process with capped memory."""
    producer = subprocess.Popen(source, stdout=subprocess.PIPE)
    assert producer.stdout is not None
    environment = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bouncekit", *arguments],
            stdin=producer.stdout,
            capture_output=True,
            text=True,
            timeout=120,
            env=environment,
            check=False,
            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP)),
        )
    finally:
        producer.kill()
        producer.wait()
    return done


@pytest.mark.parametrize(
    ("arguments", "limit"),
    [
        (["explain", "-"], "16M"),
        (["check-message", "-"], "64M"),
        (["verify", "--offline", "-"], "64M"),
        (["parse", "-", "--max-input", "32M"], "32M"),
    ],
    ids=["explain", "check-message", "verify", "parse"],
)
def test_endless_standard_input_stops_at_the_limit(arguments: list[str], limit: str) -> None:
    done = endless(arguments, ["yes"])
    assert done.returncode == 2, done.stderr
    sentence = " ".join(done.stderr.split())
    assert f"-: more than {limit}" in sentence
    assert "--max-input" in sentence
    assert "MemoryError" not in sentence


def test_verify_dev_zero_stops_at_the_limit() -> None:
    done = run("verify", "--offline", "/dev/zero", memory=MEMORY_CAP)
    assert done.returncode == 2, done.stderr
    assert "/dev/zero: more than 64M" in " ".join(done.stderr.split())


def test_a_larger_limit_is_an_option_and_a_bad_one_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("ann@example.test\n" * 100)
    assert run("verify", "--offline", str(path), "--max-input", "1K").returncode == 2
    assert run("verify", "--offline", str(path), "--max-input", "4K").returncode == 0
    assert run("verify", "--offline", str(path), "--max-input", "lots").returncode == 2


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40,
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00\x01\x02ann@example.test\x00" * 100,
        bytes(range(1, 9)) * 500 + b"\nann@example.test\n",
    ],
    ids=["elf", "zip", "control-characters"],
)
def test_a_binary_file_is_not_a_text_list(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match="not a text list"):
        read_path(str(path))
    done = run("verify", "--offline", str(path))
    assert done.returncode == 2
    assert "not a text list" in done.stderr


def test_comment_lines_of_a_txt_list_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("# customers, exported 2026-12-01\nann@example.test\n  # bob left\ncy@x.test\n")
    table = read_path(str(path))
    assert [(row.line, row.address) for row in table.rows] == [
        (2, "ann@example.test"),
        (4, "cy@x.test"),
    ]


# -- 7. CSV: one writer, formula guard where a spreadsheet reads it, broken rows by line ----


def test_parse_csv_neutralises_formula_cells_unless_asked_not_to(tmp_path: Path) -> None:
    path = tmp_path / "dsn.eml"
    path.write_text(DSN)
    guarded = run("parse", "-f", "csv", str(path))
    assert guarded.returncode == 0, guarded.stderr
    (header, row) = list(csv.reader(io.StringIO(guarded.stdout)))
    assert row[header.index("subject")] == "'=cmd|' /C calc'!A0"
    raw = run("parse", "-f", "csv", str(path), "--no-formula-guard")
    (header, row) = list(csv.reader(io.StringIO(raw.stdout)))
    assert row[header.index("subject")] == "=cmd|' /C calc'!A0"


def test_parse_writes_csv_through_the_one_writer() -> None:
    source = (ROOT / "src/bouncekit/cli/parse.py").read_text()
    assert "csv.writer" not in source
    assert "import csv" not in source


def test_clean_export_is_data_and_results_are_guarded(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "email,phone,note\n+a16@bouncekit-test.net,+1 555 0100,=1+2\nbob@bouncekit-test.net,-5,@x\n"
    )
    output, clean = tmp_path / "results.csv", tmp_path / "clean.csv"
    done = run(
        "verify", "--offline", str(path), "-o", str(output), "--clean", str(clean),
        "--clean-include", "unknown", "--clean-include", "risky",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    cleaned = list(csv.reader(clean.open(newline="")))
    assert cleaned[1:] == [
        ["+a16@bouncekit-test.net", "+1 555 0100", "=1+2"],
        ["bob@bouncekit-test.net", "-5", "@x"],
    ]
    results = list(csv.reader(output.open(newline="")))
    assert results[1][:3] == ["'+a16@bouncekit-test.net", "'+1 555 0100", "'=1+2"]
    output.unlink()
    unguarded = run("verify", "--offline", str(path), "-o", str(output), "--no-formula-guard")
    assert unguarded.returncode == 0, unguarded.stderr
    assert list(csv.reader(output.open(newline="")))[1][:3] == [
        "+a16@bouncekit-test.net",
        "+1 555 0100",
        "=1+2",
    ]


def test_the_csv_writer_guards_or_not() -> None:
    stream = io.StringIO()
    writer = CsvWriter(stream)
    writer.write(["=1", None, True, "a@b"])
    CsvWriter(stream, formula_guard=False).write(["=1", "+1 555 0100"])
    assert stream.getvalue().splitlines() == ["'=1,,true,a@b", "=1,+1 555 0100"]


def thousand_rows(broken_line: str) -> bytes:
    rows = [f"Person {n},person{n}@example.test" for n in range(1, 1000)]
    rows[1] = broken_line  # line 3, counting the header
    return ("name,email\n" + "\n".join(rows) + "\n").encode()


def test_an_unclosed_quote_is_a_broken_row_and_the_rest_is_read() -> None:
    table = read_table(thousand_rows('"Person 2,person2@example.test'))
    assert len(table.rows) == 999
    (bad,) = table.bad_rows
    assert bad.line == 3
    assert bad.problem is RowProblem.BROKEN
    assert "line 3:" in bad.detail
    assert [row.address for row in table.rows[2:4]] == [
        "person3@example.test",
        "person4@example.test",
    ]


def test_a_quote_closed_lines_later_does_not_swallow_the_rows_between() -> None:
    data = thousand_rows('"Person 2,person2@example.test').replace(b"Person 500,", b'Person" 500,')
    table = read_table(data)
    assert len(table.rows) == 999
    assert [row.line for row in table.bad_rows] == [3]


def test_quotes_that_pair_across_lines_do_not_merge_rows() -> None:
    # Line 2's quote would close at the start of line 3: the csv module alone reads one row.
    table = read_table(b'name,email\n"Ann,ann@x.test\n"Bob,bob@x.test\nCy,cy@x.test\n')
    assert [(row.line, row.problem) for row in table.rows] == [
        (2, RowProblem.BROKEN),
        (3, RowProblem.BROKEN),
        (4, None),
    ]


def test_a_quoted_note_on_two_lines_is_still_one_row() -> None:
    table = read_table(
        b'name,email,note\nAnn,ann@example.test,"two\nlines"\nBob,bob@example.test,x\n'
    )
    assert [(row.line, row.problem) for row in table.rows] == [(2, None), (4, None)]


def test_a_cell_over_the_field_limit_is_a_broken_row_not_an_internal_error() -> None:
    data = thousand_rows("Person 2," + "x" * 200_000 + "@example.test")
    table = read_table(data)
    assert len(table.rows) == 999
    assert [(row.line, row.problem) for row in table.bad_rows] == [(3, RowProblem.BROKEN)]


def test_verify_reports_the_broken_row_by_line_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(thousand_rows('"Person 2,person2@example.test'))
    output = tmp_path / "results.csv"
    done = run("verify", "--offline", str(path), "-o", str(output))
    assert done.returncode == 1, done.stderr
    assert "line 3:" in done.stderr
    assert "999 rows verified" in " ".join(done.stderr.split())
    assert len(list(csv.reader(output.open(newline="")))) == 1000  # the header and every row


# -- 8. output files: devices and FIFOs written, links followed, the umask respected ----------


def test_a_character_device_as_output_stays_a_device(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a character device (mknod) needs root")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    listing = tmp_path / "list.txt"
    listing.write_text("ann@example.test\n")
    done = run("verify", "--offline", str(listing), "-o", str(device))
    assert done.returncode == 0, done.stderr
    mode = device.stat().st_mode
    assert stat.S_ISCHR(mode)
    assert os.major(device.stat().st_rdev) == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".null")] == []


def test_a_fifo_as_output_is_written_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "results.fifo"
    os.mkfifo(fifo)
    listing = tmp_path / "list.txt"
    listing.write_text("ann@example.test\nbob@example.test\n")
    received: list[str] = []

    def read() -> None:
        with fifo.open(encoding="utf-8") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read)
    reader.start()
    done = run("verify", "--offline", str(listing), "-o", str(fifo))
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    rows = list(csv.reader(io.StringIO(received[0])))
    assert [row[0] for row in rows] == ["email", "ann@example.test", "bob@example.test"]


def test_dash_as_output_writes_the_csv_to_standard_output(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("ann@example.test\n")
    done = run("verify", "--offline", str(listing), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert list(csv.reader(io.StringIO(done.stdout)))[1][0] == "ann@example.test"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["list.txt"]  # nothing beside


def test_a_link_as_output_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    listing = tmp_path / "list.txt"
    listing.write_text("ann@example.test\n")
    done = run("verify", "--offline", str(listing), "-o", str(link))
    assert done.returncode == 0, done.stderr
    assert link.is_symlink()
    assert "ann@example.test" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file it replaced kept its mode


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_output_files_follow_the_umask(umask: int, mode: int, tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_text("ann@example.test\n")
    output, clean = tmp_path / "results.csv", tmp_path / "clean.csv"
    done = run(
        "verify", "--offline", str(listing), "-o", str(output), "--clean", str(clean),
        umask=umask,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(output.stat().st_mode) == mode
    assert stat.S_IMODE(clean.stat().st_mode) == mode


def test_an_output_file_appears_only_on_commit_and_a_discard_leaves_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.csv"
    kept = OutputFile(path)
    kept.stream.write("a\n")
    assert not path.exists()
    kept.commit()
    assert path.read_text() == "a\n"

    def interrupted() -> None:
        with OutputFile(tmp_path / "gone.csv") as stream:
            stream.write("b\n")
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        interrupted()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


@pytest.fixture
def csv_module_unchanged() -> Iterator[None]:
    limit = csv.field_size_limit()
    yield
    assert csv.field_size_limit() == limit


def test_reading_leaves_the_csv_field_limit_alone(csv_module_unchanged: None) -> None:
    table = read_table(thousand_rows("Person 2," + "x" * 200_000))
    assert table.bad_rows[0].line == 3
