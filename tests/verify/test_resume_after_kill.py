"""``verify --resume`` after SIGKILL at random points: no address is asked twice.

The command runs as a real process against a real DNS server and scripted SMTP peers on
127.0.0.x. A gate in the peers holds the reply to one RCPT, chosen at random, and the test
kills the process with SIGKILL while it waits for that reply; then it resumes, and does so
again, until a run completes. The peers count every RCPT per address across all the runs.

Every answer the process had received when it was killed must have been kept: an address is
asked once, twice on a greylisting domain (its first try is greylisted), and once more only
if it was the one whose reply was being held at a kill, which no process could have kept.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.dns_server import ZoneServer
from tests.support.smtp_peers import (
    Peer,
    RcptPolicy,
    Script,
    accept_all,
    free_port,
    greylisting,
    mailboxes,
    start_peer,
)

ZONE = """
people.test.    300 IN MX 10 mx.people.test.
mx.people.test. 300 IN A  127.0.0.81
catch.test.     300 IN MX 10 mx.catch.test.
mx.catch.test.  300 IN A  127.0.0.82
grey.test.      300 IN MX 10 mx.grey.test.
mx.grey.test.   300 IN A  127.0.0.83
gone.test.      300 IN MX 10 mx.gone.test.
mx.gone.test.   300 IN A  127.0.0.84
"""
PER_DOMAIN = 30
KILLS = 5
KNOWN = {f"user{n}@people.test" for n in range(0, PER_DOMAIN, 2)}  # the others are unknown
DOMAINS = ("people.test", "catch.test", "grey.test", "gone.test")
ADDRESSES = [f"user{n}@{domain}" for domain in DOMAINS for n in range(PER_DOMAIN)]


@dataclass
class Gate:
    """Holds the reply to the ``target``-th RCPT of a run until the test has killed it."""

    target: int | None = None
    seen: int = 0
    held_address: str | None = None
    held: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def arm(self, target: int | None) -> None:
        with self.lock:
            self.target, self.seen, self.held_address = target, 0, None
            self.held.clear()
            self.released.clear()

    def wrap(self, policy: RcptPolicy) -> RcptPolicy:
        def gated(address: str, attempt: int) -> str:
            with self.lock:
                self.seen += 1
                hold = self.seen == self.target
                if hold:
                    self.held_address = address
            if hold:
                self.held.set()
                self.released.wait(timeout=30)  # blocks this peer: the process is killed
            return policy(address, attempt)

        return gated


@pytest.fixture
def world(
    dns_zone: Callable[..., ZoneServer], tmp_path: Path
) -> Iterator[tuple[ZoneServer, int, Gate, list[Peer]]]:
    server = dns_zone(ZONE)
    port = free_port()
    gate = Gate()
    policies: list[tuple[str, RcptPolicy]] = [
        ("127.0.0.81", mailboxes(*KNOWN)),
        ("127.0.0.82", accept_all),  # a catch-all
        ("127.0.0.83", greylisting(clears_on=2)),
        ("127.0.0.84", mailboxes()),  # every address unknown
    ]
    peers = [start_peer(host, port, Script(rcpt=gate.wrap(policy))) for host, policy in policies]
    yield server, port, gate, peers
    gate.released.set()
    for peer in peers:
        peer.stop()


def command(server: ZoneServer, port: int, source: Path, output: Path) -> list[str]:
    return [
        sys.executable, "-m", "bouncekit", "--nameserver", server.address, "--timeout", "2",
        "verify", str(source), "-o", str(output), "--resume",
        "--allow-private", "--smtp-port", str(port), "--helo", "verifier.test",
        "--concurrency", "1", "--per-host", "1",
        "--greylist-retry-after", "0.3", "--greylist-max-wait", "60",
    ]  # fmt: skip


def test_resume_after_sigkill_asks_no_address_twice(
    world: tuple[ZoneServer, int, Gate, list[Peer]], tmp_path: Path
) -> None:
    server, port, gate, peers = world
    source, output = tmp_path / "list.txt", tmp_path / "out.csv"
    source.write_text("\n".join(ADDRESSES) + "\n")
    environment = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "NO_COLOR": "1"}
    seed = random.randrange(1_000_000)
    chooser = random.Random(seed)
    in_flight: Counter[str] = Counter()  # the address whose reply was held at each kill
    kills = 0
    while True:
        # Somewhere in the RCPTs still to come: a whole run asks about 160 (each grey.test
        # address twice, and the catch-all probes), so five kills of at most 25 leave some.
        target = chooser.randint(1, 25) if kills < KILLS else None
        gate.arm(target)
        process = subprocess.Popen(
            command(server, port, source, output),
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        while process.poll() is None and not gate.held.wait(timeout=0.05):
            pass
        if gate.held.is_set() and process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            kills += 1
            assert gate.held_address is not None
            in_flight[gate.held_address] += 1
            gate.released.set()
            continue
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, f"seed {seed}: {stderr.decode()}"
        break
    assert kills == KILLS, f"seed {seed}: a run finished before its kill"

    asked: Counter[str] = Counter()
    for peer in peers:
        asked.update(peer.handler.attempts)
    for address in ADDRESSES:
        once = 2 if address.endswith("@grey.test") else 1  # greylisted on the first try
        assert asked[address] <= once + in_flight[address], (
            f"seed {seed}: {address} was asked {asked[address]} times "
            f"({in_flight[address]} of them held at a kill)"
        )
        assert asked[address] >= 1

    # The results are those of a run that was never interrupted.
    with output.open(encoding="utf-8-sig", newline="") as stream:
        rows = {
            row["email"] if "email" in row else row[next(iter(row))]: row
            for row in csv.DictReader(stream)
        }
    assert len(rows) == len(ADDRESSES)
    for address, row in rows.items():
        expected = {
            "people.test": "deliverable" if address in KNOWN else "invalid",
            "catch.test": "risky",
            "grey.test": "risky",  # greylisting cleared: it accepts everything, probe included
            "gone.test": "invalid",
        }[address.rpartition("@")[2]]
        assert row["verdict"] == expected, f"seed {seed}: {address}: {row}"
    # The run is complete: its checkpoint is gone.
    assert list((tmp_path / "state").rglob("*.sqlite")) == []


def test_ctrl_c_keeps_every_finished_result(
    world: tuple[ZoneServer, int, Gate, list[Peer]], tmp_path: Path
) -> None:
    server, port, gate, peers = world
    source, output = tmp_path / "list.txt", tmp_path / "out.csv"
    source.write_text("\n".join(ADDRESSES) + "\n")
    state = tmp_path / "state"
    environment = {**os.environ, "XDG_STATE_HOME": str(state), "NO_COLOR": "1"}
    gate.arm(70)  # past people.test and catch.test, in the middle of grey.test or after
    process = subprocess.Popen(
        command(server, port, source, output),
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert gate.held.wait(timeout=60), "the run never reached the held RCPT"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    gate.released.set()
    assert process.returncode == 130, stderr.decode()
    assert "Run the same command with --resume to go on." in stderr.decode()
    assert not output.exists()

    asked: Counter[str] = Counter()
    for peer in peers:
        asked.update(peer.handler.attempts)
    # Every address with a final answer: all but the held one, and grey.test's greylisted tries.
    answered = {
        address
        for address in ADDRESSES
        if asked[address] and address != gate.held_address
        and (asked[address] >= 2 or not address.endswith("@grey.test"))
    }  # fmt: skip
    (checkpoint,) = state.rglob("*.checkpoint.sqlite")
    connection = sqlite3.connect(checkpoint)
    kept = {row[0] for row in connection.execute("SELECT address FROM results")}
    connection.close()
    assert kept == answered
    assert len(kept) >= 60
