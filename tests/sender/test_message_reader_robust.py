"""check-message reads ordinary mail that is not plain ASCII or not well formed (issue 10).

Each message is one that crashed the checks before: raw UTF-8 in a header, a header line
without a colon, a NUL line, a continuation line before the first field, MIME parts nested
1000 deep, random bytes, and a line of megabytes. What can be judged is judged; what cannot
be read at all is an :class:`InputError` with a sentence, which the CLI turns into exit 2.
Keys and policies come from a real DNS server on loopback.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bouncekit.errors import InputError
from bouncekit.resolver import DnsResolver
from bouncekit.sender.message import MessageReport, check_message
from bouncekit.sender.message.signatures import MAX_SIGNATURES
from bouncekit.sender.model import Finding, Status
from tests.support.dns_server import ZoneServer

Zone = Callable[..., ZoneServer]
ZONE = 'example.com. 300 IN TXT "v=spf1 ip4:192.0.2.20 -all"\n'
HEAD = (
    b"From: Alice <alice@example.com>\n"
    b"To: bob@example.org\n"
    b"Subject: Hello\n"
    b"Date: Mon, 7 Dec 2026 10:00:00 +0000\n"
    b"Message-ID: <1@example.com>\n"
)
BODY = b"\nHello Bob,\n\nthe minutes of Monday's meeting are below.\n"


def check(dns_zone: Zone, data: bytes) -> MessageReport:
    server = dns_zone(ZONE)
    return check_message(data, ip="192.0.2.20", resolver=DnsResolver(server.address, timeout=2))


def one(report: MessageReport, check_name: str) -> Finding:
    (finding,) = [f for f in report.findings if f.check == check_name]
    return finding


def test_a_raw_utf8_subject_is_read_as_text(dns_zone: Zone) -> None:
    data = HEAD.replace(b"Subject: Hello", "Subject: GRÜSSE AUS KÖLN UND BONN".encode()) + BODY
    report = check(dns_zone, data)
    assert "GRÜSSE AUS KÖLN" in one(report, "content.subject-capitals").summary


def test_a_utf8_display_name_in_from_gives_its_address(dns_zone: Zone) -> None:
    data = HEAD.replace(b"From: Alice", "From: Jürgen Müller".encode()) + BODY
    report = check(dns_zone, data)
    assert one(report, "headers.from").summary == "One From header: alice@example.com."
    assert one(report, "spf.result").status is Status.PASS


def test_utf8_in_list_unsubscribe_is_read(dns_zone: Zone) -> None:
    data = HEAD + "List-Unsubscribe: <https://example.com/abmelden?wer=jürgen>\n".encode() + BODY
    report = check(dns_zone, data)
    finding = one(report, "unsubscribe.list-unsubscribe")
    assert finding.status is Status.PASS
    assert "https://example.com/abmelden?wer=jürgen" in finding.summary


@pytest.mark.parametrize(
    ("stray", "what"),
    [(b"This line has no colon\n", "no colon"), (b"\x00\n", "no colon")],
    ids=["no-colon", "nul-line"],
)
def test_a_header_line_that_is_no_field_is_a_finding(
    dns_zone: Zone, stray: bytes, what: str
) -> None:
    signature = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=x; b=y\n"
    report = check(dns_zone, signature + HEAD + stray + BODY)
    syntax = one(report, "headers.syntax")
    assert syntax.status is Status.FAIL
    assert what in syntax.summary
    # No verifier reads that head: the signature it holds fails, and says why.
    dkim = one(report, "dkim.signature")
    assert dkim.status is Status.FAIL
    assert "header block cannot be read" in dkim.summary
    assert one(report, "headers.from").status is Status.PASS


def test_a_continuation_line_before_the_first_field_is_a_finding(dns_zone: Zone) -> None:
    report = check(dns_zone, b" continued from nowhere\n" + HEAD + BODY)
    assert "continuation line" in one(report, "headers.syntax").summary
    assert one(report, "headers.from").status is Status.PASS


def test_parts_nested_1000_deep_leave_the_headers_judged(dns_zone: Zone) -> None:
    nested = b"".join(
        b'--b%d\nContent-Type: multipart/mixed; boundary="b%d"\n\n' % (i, i + 1)
        for i in range(1000)
    )
    data = (
        HEAD
        + b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b0"\n\n'
        + nested
        + b"--b1000\nContent-Type: text/plain\n\nhi\n"
    )
    report = check(dns_zone, data)
    structure = one(report, "content.structure")
    assert structure.status is Status.FAIL
    assert "nested too deep" in structure.summary
    assert one(report, "headers.message-id").status is Status.PASS


def test_random_bytes_are_no_message(dns_zone: Zone) -> None:
    data = bytes(random.Random(10).randrange(256) for _ in range(4000)).replace(b":", b"")
    with pytest.raises(InputError, match=r"^The input \(\d,\d{3} bytes\) is not an e-mail"):
        check(dns_zone, data)


def test_an_8_mb_line_is_quoted_in_part(dns_zone: Zone) -> None:
    data = HEAD.replace(b"From: Alice <alice@example.com>", b"From: " + b"x" * 8_000_000) + BODY
    report = check(dns_zone, data)
    assert one(report, "headers.line-length").status is Status.FAIL
    for finding in report.findings:
        assert len(finding.summary) < 500, finding.check
    assert "(7,999,880 more characters)" in one(report, "headers.from").summary


def test_unreadable_input_exits_2_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "noise.eml"
    noise = random.Random(3).randbytes(64).replace(b":", b"")
    path.write_bytes(b"\x8f\x01 not a message at all\n" + noise)
    done = subprocess.run(
        [sys.executable, "-m", "bouncekit", "check-message", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 2, done.stderr
    assert "is not an e-mail message" in done.stderr
    assert "This is a bug" not in done.stderr


def test_an_8_mb_bad_line_is_reported_in_part_through_the_cli(
    tmp_path: Path, dns_zone: Zone
) -> None:
    """The old error message quoted the whole line, and printing it took half a minute."""
    path = tmp_path / "long.eml"
    path.write_bytes(HEAD + b"X" * 8_000_000 + b"\n" + BODY)
    server = dns_zone(ZONE)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bouncekit",
            "--nameserver",
            server.address,
            "check-message",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,  # generous: it takes about a second
        env={**os.environ, "COLUMNS": "120"},
    )
    assert "This is a bug" not in done.stderr
    assert "The header block is malformed" in done.stdout
    assert len(done.stdout) + len(done.stderr) < 50_000


def test_only_the_first_signatures_are_verified(dns_zone: Zone) -> None:
    """Each signature read the message again and asked the DNS: 2,000 took half a minute."""
    signature = b"DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s%d; h=from; bh=x; b=y\n"
    data = b"".join(signature % index for index in range(2000)) + HEAD + BODY
    report = check(dns_zone, data)
    verified = [f for f in report.findings if f.check == "dkim.signature"]
    assert len(verified) == MAX_SIGNATURES
    count = one(report, "dkim.signature-count")
    assert count.status is Status.WARN
    assert "2,000 DKIM signatures; the 1,990 after the first 10" in count.summary


def test_html_of_many_open_tags_is_read_in_bounded_time(tmp_path: Path) -> None:
    """The standard library's HTML parser read each '<a ' without a '>' after it as a tag to
    the end of the document: 1 MB of them took minutes."""
    path = tmp_path / "open-tags.eml"
    path.write_bytes(
        HEAD + b"MIME-Version: 1.0\nContent-Type: text/html\n\n<p>Hi</p>" + b"<a " * 300_000
    )
    script = f"""
from bouncekit.sender.message.parsing import _parse, _read_html
parsed = _parse(open({str(path)!r}, "rb").read())
print(_read_html(parsed.html).visible[:20])
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("Hi <a <a")


@pytest.mark.parametrize(
    "head",
    [
        # Found by bench/robustness.py: a From repeated thousands of times (each with a
        # date's colons) was parsed as one list of thousands of groups, and recursed.
        b"From: Mail Delivery Subsystem <mailer-daemon@example.jp> 2006 14:47:00 +0900\n" * 3000,
        b"From: " + b"group:" * 2000 + b" alice@example.com\n",
    ],
    ids=["a From repeated 3000 times", "a From of 2000 groups"],
)
def test_address_fields_that_recurse_the_parser_are_read(dns_zone: Zone, head: bytes) -> None:
    report = check(dns_zone, head + b"To: bob@example.org\nSubject: Hello\n" + BODY)
    assert report.findings


def test_hundreds_of_nested_parts_over_many_lines_are_read_for_headers(dns_zone: Zone) -> None:
    # Found by bench/robustness.py: 372 nested multiparts over a million lines kept the
    # standard library's parser busy for minutes (every line against every open boundary).
    nesting = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (n, n) for n in range(400)
    )
    data = HEAD + nesting + b"line\n" * 200_000
    report = check(dns_zone, data)
    assert any("MIME boundaries" in finding.summary for finding in report.findings), [
        finding.summary for finding in report.findings
    ]
