"""The one DNS seam, against a real DNS server on loopback."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bouncekit import resolver
from bouncekit.errors import ConfigurationError
from bouncekit.resolver import Outcome, Resolver, parse_nameserver
from tests.support.dns_server import ZoneServer

ZONE = """
example.test.        300 IN MX 10 mx1.example.test.
example.test.        300 IN MX 20 mx2.example.test.
mx1.example.test.    300 IN A  127.0.0.31
example.test.        300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
long.example.test.   300 IN TXT "{long}"
www.example.test.    300 IN CNAME mx1.example.test.
a.b.example.test.    300 IN A 127.0.0.32
""".replace("{long}", "k=rsa; p=" + "A" * 400)


@pytest.fixture
def server(dns_zone: Callable[..., ZoneServer]) -> ZoneServer:
    return dns_zone(ZONE, servfail=["broken.example.test"], hang=["slow.example.test"])


def test_answers_records_in_presentation_form(server: ZoneServer) -> None:
    answer = Resolver(server.address).resolve("example.test", "MX")
    assert answer.outcome is Outcome.OK
    assert sorted(answer.records) == ["10 mx1.example.test.", "20 mx2.example.test."]


def test_long_txt_strings_are_joined(server: ZoneServer) -> None:
    (record,) = Resolver(server.address).resolve("long.example.test", "TXT").records
    assert record == "k=rsa; p=" + "A" * 400


def test_cname_is_followed(server: ZoneServer) -> None:
    assert Resolver(server.address).resolve("www.example.test", "A").records == ("127.0.0.31",)


def test_nxdomain_and_nodata_are_told_apart(server: ZoneServer) -> None:
    dns = Resolver(server.address)
    assert dns.resolve("nosuch.example.test", "MX").outcome is Outcome.NXDOMAIN
    assert dns.resolve("mx1.example.test", "MX").outcome is Outcome.NODATA
    # An empty non-terminal exists: it has a name below it.
    assert dns.resolve("b.example.test", "A").outcome is Outcome.NODATA


def test_servfail_and_timeout_are_results_not_exceptions(server: ZoneServer) -> None:
    dns = Resolver(server.address, timeout=0.5)
    assert dns.resolve("broken.example.test", "A").outcome is Outcome.SERVFAIL
    slow = dns.resolve("slow.example.test", "A")
    assert slow.outcome is Outcome.TIMEOUT
    assert "0.5 s" in slow.detail


def test_each_name_is_asked_once(server: ZoneServer) -> None:
    dns = Resolver(server.address)
    for _ in range(3):
        dns.resolve("Example.Test.", "mx")
    assert server.resolver.queries.count(("example.test", "MX")) == 1


def test_process_wide_resolver_takes_the_environment(
    server: ZoneServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(resolver.ENVIRONMENT_VARIABLE, server.address)
    configured = resolver.configure()
    assert resolver.get_resolver() is configured
    assert configured.resolve("mx1.example.test", "A").records == ("127.0.0.31",)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("127.0.0.1", ("127.0.0.1", 53)),
        ("127.0.0.1:5353", ("127.0.0.1", 5353)),
        ("[::1]:53", ("::1", 53)),
        ("::1", ("::1", 53)),
    ],
)
def test_nameserver_forms(value: str, expected: tuple[str, int]) -> None:
    assert parse_nameserver(value) == expected


@pytest.mark.parametrize("value", ["127.0.0.1:0", "127.0.0.1:dns", ":53"])
def test_bad_nameserver_says_what_to_give(value: str) -> None:
    with pytest.raises(ConfigurationError, match="give"):
        parse_nameserver(value)
