"""The probe reports each address as soon as its outcome is final, not when the whole domain
is done: at its RCPT reply, before the next question, and before any greylisting pause."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bouncekit.replies.model import Verdict
from bouncekit.verify.model import VerifyReason
from bouncekit.verify.smtp import HostLimits, ProbeOutcome, ProbeReport, Waiting, probe_domain
from tests.support import smtp_peers
from tests.support.smtp_peers import Script
from tests.verify.test_smtp import DOMAIN, Peers, route

GREY = f"grey@{DOMAIN}"
NOBODY = f"nobody@{DOMAIN}"
ALICE = f"alice@{DOMAIN}"


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[Peers]:
    started = Peers(tmp_path)
    yield started
    for peer in started.started:
        peer.stop()


def grey_alice_and_nobody(address: str, attempt: int) -> str:
    if address == GREY and attempt < 2:
        return smtp_peers.GREYLISTED.format(address=address)
    if address in (GREY, ALICE):
        return smtp_peers.ACCEPT
    return smtp_peers.UNKNOWN_USER.format(address=address)


def run(
    peers: Peers, addresses: Sequence[str], **changes: object
) -> tuple[list[ProbeReport], list[list[str]]]:
    """Every report of one probe of the last peer started, and with each the RCPTs the peer
    had received when it came (a report precedes the next question)."""
    peer = peers.started[-1]
    options = peers.options(**changes)
    reports: list[ProbeReport] = []
    seen: list[list[str]] = []

    def report(event: ProbeReport) -> None:
        reports.append(event)
        seen.append(list(peer.handler.rcpts))

    limits = HostLimits(options)
    asyncio.run(probe_domain(route(peer.host), addresses, options, limits, report))
    return reports, seen


def test_each_outcome_comes_at_its_answer_and_before_the_greylisting_pause(peers: Peers) -> None:
    peers.start("127.0.0.95", Script(rcpt=grey_alice_and_nobody))
    reports, seen = run(peers, [GREY, NOBODY, ALICE], greylist_retry_after=0.2)
    kinds = [type(report).__name__ for report in reports]
    assert kinds == ["ProbeOutcome", "ProbeOutcome", "Waiting", "ProbeOutcome"]
    nobody, alice, pause, grey = reports
    assert isinstance(nobody, ProbeOutcome)
    assert isinstance(alice, ProbeOutcome)
    assert (nobody.address, nobody.reason) == (NOBODY, VerifyReason.MAILBOX_NOT_FOUND)
    assert (alice.address, alice.verdict) == (ALICE, Verdict.DELIVERABLE)
    assert pause == Waiting(DOMAIN, 1, 0.2, greylisted=True)
    assert isinstance(grey, ProbeOutcome)
    assert (grey.address, grey.verdict) == (GREY, Verdict.DELIVERABLE)
    # Reported at the reply: the peer had not yet been asked about the next address.
    assert seen[0][-1] == NOBODY
    assert seen[1][-1] == ALICE


def test_the_catch_all_probe_is_asked_first_so_accepted_outcomes_need_not_wait(
    peers: Peers,
) -> None:
    peer = peers.start("127.0.0.96", Script())  # accepts every address
    reports, seen = run(peers, [ALICE, NOBODY])
    assert peer.handler.rcpts[1:] == [ALICE, NOBODY]  # the random address went first
    assert [(r.address, r.reason) for r in reports if isinstance(r, ProbeOutcome)] == [
        (ALICE, VerifyReason.CATCH_ALL),
        (NOBODY, VerifyReason.CATCH_ALL),
    ]
    assert seen[0][-1] == ALICE  # ALICE's outcome came before NOBODY was asked


def test_with_a_transcript_an_outcome_waits_for_its_whole_session(peers: Peers) -> None:
    peers.start("127.0.0.97", Script(rcpt=grey_alice_and_nobody))
    reports, _ = run(peers, [NOBODY, ALICE], transcript=True)
    outcomes = [r for r in reports if isinstance(r, ProbeOutcome)]
    assert [o.address for o in outcomes] == [NOBODY, ALICE]
    assert all("> QUIT" in outcome.transcript for outcome in outcomes)
