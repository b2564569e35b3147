"""The spamd client against a real SpamAssassin daemon on loopback (Debian's ``spamd``), and its
protocol reading on recorded answers.

Without ``/usr/sbin/spamd`` the daemon tests skip (install it with
``scripts/install-system-deps.sh tests``), or fail under ``CI=true``. spamd runs with
``--local`` (no network tests) and ``--nouser-config``.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.sender.message import check_message
from bouncekit.sender.model import Status
from bouncekit.sender.spamd import (
    SpamdError,
    SpamdResult,
    ask_spamd,
    build_request,
    parse_address,
    parse_response,
)

SPAMD = shutil.which("spamd") or ("/usr/sbin/spamd" if Path("/usr/sbin/spamd").exists() else None)

SPAMMY = (
    b"From: winner@example.com\r\nTo: you@example.org\r\nSubject: FREE MONEY FOR YOU\r\n\r\n"
    b"Click here to buy viagra now, 100% free, act now!\r\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def spamd_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if SPAMD is None:
        if os.environ.get("CI") == "true":
            pytest.fail("spamd is not installed; CI must run scripts/install-system-deps.sh tests")
        pytest.skip(
            "spamd is not installed: run scripts/install-system-deps.sh tests "
            "(apt-get install spamassassin spamd) as root"
        )
    port = free_port()
    home = tmp_path_factory.mktemp("spamd")
    process = subprocess.Popen(
        [SPAMD, f"--listen=127.0.0.1:{port}", "--allowed-ips=127.0.0.1", "--local",
         "--nouser-config", "--max-children=1", "--syslog=stderr",
         f"--pidfile={home / 'spamd.pid'}"],
        stdout=subprocess.DEVNULL, stderr=(home / "spamd.log").open("wb"), cwd=home,
    )  # fmt: skip
    deadline = time.monotonic() + 90  # loading the rules takes a few seconds
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"spamd exited: {(home / 'spamd.log').read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("spamd did not start listening within 90 s")
                time.sleep(0.2)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_real_spamd_scores_a_spammy_message(spamd_address: str) -> None:
    result = ask_spamd(SPAMMY, spamd_address)
    assert isinstance(result, SpamdResult), result
    assert result.threshold == 5.0
    names = {hit.name for hit in result.rules}
    assert {"MISSING_DATE", "MISSING_MID"} <= names
    assert all(hit.points is not None for hit in result.rules)
    assert result.score == pytest.approx(sum(hit.points or 0 for hit in result.rules), abs=0.2)


def test_real_spamd_symbols_command(spamd_address: str) -> None:
    result = ask_spamd(SPAMMY, spamd_address, command="SYMBOLS")
    assert isinstance(result, SpamdResult), result
    assert "MISSING_DATE" in {hit.name for hit in result.rules}


def test_check_message_reports_spamassassin(spamd_address: str, dns_zone: object) -> None:
    server = dns_zone("")  # type: ignore[operator]
    report = check_message(SPAMMY, resolver=DnsResolver(server.address), spamd=spamd_address)
    (finding,) = [f for f in report.findings if f.area == "spamassassin"]
    assert finding.status in (Status.WARN, Status.FAIL)
    assert "SpamAssassin score" in finding.summary
    assert "MISSING_DATE" in finding.summary


def test_unreachable_spamd_is_a_result() -> None:
    result = ask_spamd(SPAMMY, f"127.0.0.1:{free_port()}", timeout=2)
    assert isinstance(result, SpamdError)
    assert "Could not talk to spamd" in result.detail


RECORDED_REPORT = (
    b"SPAMD/1.1 0 EX_OK\r\nContent-length: 300\r\nSpam: True ; 7.3 / 5.0\r\n\r\n"
    b"Spam detection software ...\r\n\r\nContent analysis details:   (7.3 points, 5.0 required)\r\n"
    b"\r\n pts rule name              description\r\n---- ---------------------- ------\r\n"
    b" 1.4 MISSING_DATE           Missing Date: header\r\n"
    b"-0.0 NO_RELAYS              Informational: message was not relayed via SMTP\r\n"
    b" 5.9 DRUGS_ERECTILE         Refers to an erectile drug\r\n"
)


def test_parse_recorded_answers() -> None:
    result = parse_response(RECORDED_REPORT)
    assert isinstance(result, SpamdResult)
    assert (result.is_spam, result.score, result.threshold) == (True, 7.3, 5.0)
    assert [(h.name, h.points) for h in result.rules] == [
        ("MISSING_DATE", 1.4),
        ("NO_RELAYS", -0.0),
        ("DRUGS_ERECTILE", 5.9),
    ]
    symbols = parse_response(b"SPAMD/1.1 0 EX_OK\r\nSpam: False ; 1.0 / 5.0\r\n\r\nA_RULE,B_2")
    assert isinstance(symbols, SpamdResult)
    assert [h.name for h in symbols.rules] == ["A_RULE", "B_2"]
    refused = parse_response(b"SPAMD/1.0 76 Bad header line: xyz\r\n")
    assert isinstance(refused, SpamdError)
    assert "76" in refused.detail


def test_request_and_address() -> None:
    assert build_request(b"abc").startswith(b"REPORT SPAMC/1.5\r\nContent-length: 3\r\n\r\nabc")
    assert parse_address("127.0.0.1") == ("127.0.0.1", 783)
    assert parse_address("[::1]:7830") == ("::1", 7830)
    with pytest.raises(ValueError, match="HOST:PORT"):
        parse_address("host:port")
