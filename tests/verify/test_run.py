"""``verify_sync()`` end to end: offline checks, a real DNS server, scripted SMTP peers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bouncekit.replies.model import Verdict
from bouncekit.resolver import DnsResolver
from bouncekit.verify.model import VerifyOptions, VerifyReason, VerifyResult
from bouncekit.verify.run import verify_sync
from tests.support.dns_server import ZoneServer
from tests.support.smtp_peers import SPAMHAUS, Peer, Script, free_port, mailboxes, start_peer

ZONE = """
people.test.       300 IN MX 10 mx.people.test.
mx.people.test.    300 IN A  127.0.0.41
anything.test.     300 IN MX 10 mx.anything.test.
mx.anything.test.  300 IN A  127.0.0.42
strict.test.       300 IN MX 10 mx.strict.test.
mx.strict.test.    300 IN A  127.0.0.43
noreply.test.      300 IN MX 0 .
implicit.test.     300 IN A  127.0.0.41
corp.example.      300 IN MX 10 mx.corp.example.
mx.corp.example.   300 IN A  127.0.0.44
"""


@pytest.fixture
def world(
    dns_zone: Callable[..., ZoneServer], tmp_path: Path
) -> Iterator[tuple[DnsResolver, VerifyOptions, list[Peer]]]:
    server = dns_zone(ZONE, servfail=["broken.test"])
    port = free_port()
    known = mailboxes("alice@people.test", "info@people.test", "carol@implicit.test")
    peers = [
        start_peer("127.0.0.41", port, Script(rcpt=known)),
        start_peer("127.0.0.42", port, Script()),  # accepts every address: a catch-all
        start_peer("127.0.0.43", port, Script(rcpt=mailboxes(otherwise=SPAMHAUS))),
    ]
    options = VerifyOptions(
        smtp_port=port,
        allow_private=True,  # the peers live on 127.0.0.x
        connect_timeout=1.0,
        command_timeout=1.0,
        helo="verifier.test",
        mail_from="probe@verifier.test",
    )
    yield DnsResolver(server.address, timeout=1.0), options, peers
    for peer in peers:
        peer.stop()


def by_input(results: list[VerifyResult]) -> dict[str, tuple[Verdict, VerifyReason]]:
    return {result.input: (result.verdict, result.reason) for result in results}


def test_every_verdict_through_real_dns_and_smtp(
    world: tuple[DnsResolver, VerifyOptions, list[Peer]],
) -> None:
    resolver, options, peers = world
    inputs = [
        "alice@people.test",
        "nobody@people.test",
        " alice@PEOPLE.test ",  # the same mailbox as the first (the local part keeps its case)
        "info@people.test",
        "someone@anything.test",
        "x@strict.test",
        "y@noreply.test",
        "z@nosuchdomain.test",
        "w@broken.test",
        "carol@implicit.test",
        "not an address",
    ]
    results = list(verify_sync(inputs, options=options, resolver=resolver))
    assert [result.input for result in results] == inputs  # one each, in order
    got = by_input(results)
    assert got["alice@people.test"] == (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)
    assert got["nobody@people.test"] == (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND)
    assert got[" alice@PEOPLE.test "][0] is Verdict.DELIVERABLE
    assert results[2].duplicate_of == "alice@people.test"
    assert got["info@people.test"] == (Verdict.RISKY, VerifyReason.ROLE)
    assert got["someone@anything.test"] == (Verdict.RISKY, VerifyReason.CATCH_ALL)
    # A blocklist refusal is about the verifier, never about the mailbox.
    assert got["x@strict.test"] == (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER)
    assert got["y@noreply.test"] == (Verdict.INVALID, VerifyReason.NULL_MX)
    assert got["z@nosuchdomain.test"] == (Verdict.INVALID, VerifyReason.NO_MX)
    assert got["w@broken.test"] == (Verdict.UNKNOWN, VerifyReason.DNS_ERROR)
    assert got["carol@implicit.test"] == (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)
    assert got["not an address"] == (Verdict.INVALID, VerifyReason.SYNTAX)
    # people.test and implicit.test share the peer; each domain had one session, no DATA.
    assert peers[0].handler.connections == 2
    assert all(peer.handler.data == 0 for peer in peers)


def test_offline_asks_nobody(world: tuple[DnsResolver, VerifyOptions, list[Peer]]) -> None:
    resolver, _, peers = world
    offline = VerifyOptions(offline=True, allow_private=True)
    results = list(verify_sync(["alice@people.test", "bad@@x"], options=offline, resolver=resolver))
    assert by_input(results) == {
        "alice@people.test": (Verdict.UNKNOWN, VerifyReason.NOT_CHECKED),
        "bad@@x": (Verdict.INVALID, VerifyReason.SYNTAX),
    }
    assert peers[0].handler.connections == 0


def test_mail_hosts_on_a_private_network_are_not_asked(
    world: tuple[DnsResolver, VerifyOptions, list[Peer]],
) -> None:
    resolver, options, _ = world
    guarded = VerifyOptions(smtp_port=options.smtp_port, connect_timeout=1.0)
    (result,) = verify_sync(["v@corp.example"], options=guarded, resolver=resolver)
    assert (result.verdict, result.reason) == (Verdict.UNKNOWN, VerifyReason.PRIVATE_NETWORK)
    assert "127.0.0.44" in result.detail
