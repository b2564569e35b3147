"""Results as they finish: a greylisted domain first in the list holds back neither the other
domains' results nor the progress bar, which says that the domain waits on greylisting."""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from bouncekit.cli import _render
from bouncekit.cli.verify import _VerifyProgress
from bouncekit.replies.model import Verdict
from bouncekit.resolver import DnsResolver
from bouncekit.verify.checkpoint import verify_resumable
from bouncekit.verify.model import VerifyOptions, VerifyResult
from bouncekit.verify.smtp import Waiting
from tests.support.dns_server import ZoneServer
from tests.support.smtp_peers import Peer, Script, free_port, greylisting, mailboxes, start_peer

ZONE = """
grey.test.      300 IN MX 10 mx.grey.test.
mx.grey.test.   300 IN A  127.0.0.91
fast.test.      300 IN MX 10 mx.fast.test.
mx.fast.test.   300 IN A  127.0.0.92
"""
# The greylisted domain first: in input order, nothing after it could be shown before it.
ADDRESSES = ["a@grey.test", "b@grey.test", "c@fast.test", "d@fast.test", "e@fast.test"]


@pytest.fixture
def world(dns_zone: Callable[..., ZoneServer]) -> Iterator[tuple[ZoneServer, int, list[Peer]]]:
    server = dns_zone(ZONE)
    port = free_port()
    peers = [
        start_peer("127.0.0.91", port, Script(rcpt=greylisting(clears_on=2))),
        start_peer("127.0.0.92", port, Script(rcpt=mailboxes("c@fast.test"))),
    ]
    yield server, port, peers
    for peer in peers:
        peer.stop()


class Recorder:
    """An observer that notes what had finished when each pause began."""

    def __init__(self) -> None:
        self.finished_inputs: list[str] = []
        self.pauses: list[tuple[Waiting, list[str]]] = []

    def finished(self, result: VerifyResult) -> None:
        self.finished_inputs.append(result.input)

    def waiting(self, pause: Waiting) -> None:
        self.pauses.append((pause, list(self.finished_inputs)))


def options(port: int, **changes: object) -> VerifyOptions:
    return dataclasses.replace(
        VerifyOptions(
            smtp_port=port,
            allow_private=True,
            connect_timeout=2.0,
            command_timeout=2.0,
            greylist_retry_after=0.3,
            greylist_max_wait=10.0,
        ),
        **changes,
    )


def test_results_finish_out_of_order_while_a_domain_is_greylisted(
    world: tuple[ZoneServer, int, list[Peer]],
) -> None:
    server, port, _ = world
    recorder = Recorder()
    results = list(
        verify_resumable(
            ADDRESSES,
            options=options(port),
            resolver=DnsResolver(server.address, timeout=2.0),
            observer=recorder,
        )
    )
    assert [result.input for result in results] == ADDRESSES  # handed over in input order
    ((pause, _),) = recorder.pauses
    assert (pause.domain, pause.addresses, pause.greylisted) == ("grey.test", 2, True)
    assert pause.seconds == 0.3
    # fast.test's results finished while grey.test waited, before the results ahead of them.
    assert sorted(recorder.finished_inputs[:3]) == ["c@fast.test", "d@fast.test", "e@fast.test"]
    assert sorted(recorder.finished_inputs[3:]) == ["a@grey.test", "b@grey.test"]
    assert results[0].verdict is Verdict.RISKY  # greylisting cleared on a catch-all


def test_the_progress_bar_counts_finished_results_and_names_the_waiting_domain(
    world: tuple[ZoneServer, int, list[Peer]], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, port, _ = world
    screen = io.StringIO()
    monkeypatch.setattr(
        _render, "stderr", Console(file=screen, force_terminal=True, width=200, color_system=None)
    )
    seen: list[tuple[int, str]] = []  # before each grey.test result: done, the pauses shown
    with _VerifyProgress(len(ADDRESSES)) as progress:
        original = progress.finished

        def finished(result: VerifyResult) -> None:
            if result.input.endswith("@grey.test"):
                seen.append((progress.done, "; ".join(progress.pauses.values())))
            original(result)

        monkeypatch.setattr(progress, "finished", finished)
        resolver = DnsResolver(server.address, timeout=2.0)
        for _ in verify_resumable(
            ADDRESSES, options=options(port), resolver=resolver, observer=progress
        ):
            pass
        assert progress.done == len(ADDRESSES)
    (done_then, shown), (_, after) = seen
    assert done_then == 3  # counted as they finished: not 0 of 5, as input order gave
    assert shown.startswith("grey.test greylisted: 2 addresses asked again at ")
    assert after == ""  # its first result after the pause: it no longer waits
    assert "grey.test greylisted" in screen.getvalue()


def test_the_command_takes_the_greylisting_waits_and_says_when_it_waits(
    world: tuple[ZoneServer, int, list[Peer]], tmp_path: Path
) -> None:
    server, port, _ = world
    source = tmp_path / "list.txt"
    source.write_text("\n".join(ADDRESSES) + "\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bouncekit",
            "--nameserver",
            server.address,
            "verify",
            str(source),
            "--allow-private",
            "--smtp-port",
            str(port),
            "--greylist-retry-after",
            "0.3",
            "--greylist-max-wait",
            "10",
        ],
        env={**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "note: grey.test answered greylisted; 2 addresses will be asked again in 0.3 s." in (
        result.stderr
    )
    assert "5 rows verified" in result.stderr


def test_greylisting_waits_of_zero_give_up_at_once(
    world: tuple[ZoneServer, int, list[Peer]],
) -> None:
    server, port, peers = world
    results = list(
        verify_resumable(
            ADDRESSES[:2],
            options=options(port, greylist_max_wait=0.0),
            resolver=DnsResolver(server.address, timeout=2.0),
        )
    )
    assert [result.reason.value for result in results] == ["greylisted", "greylisted"]
    assert peers[0].handler.attempts["a@grey.test"] == 1
