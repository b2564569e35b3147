"""The one DNS seam, against a real DNS server on loopback."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bouncekit import resolver
from bouncekit.errors import ConfigurationError
from bouncekit.resolver import DnsResolver, Outcome, parse_nameserver
from bouncekit.sender.mxcheck import mx_findings
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
    answer = DnsResolver(server.address).resolve("example.test", "MX")
    assert answer.outcome is Outcome.OK
    assert sorted(answer.records) == ["10 mx1.example.test.", "20 mx2.example.test."]


def test_long_txt_strings_are_joined(server: ZoneServer) -> None:
    (record,) = DnsResolver(server.address).resolve("long.example.test", "TXT").records
    assert record == "k=rsa; p=" + "A" * 400


def test_cname_is_followed(server: ZoneServer) -> None:
    assert DnsResolver(server.address).resolve("www.example.test", "A").records == ("127.0.0.31",)


def test_nxdomain_and_nodata_are_told_apart(server: ZoneServer) -> None:
    dns = DnsResolver(server.address)
    assert dns.resolve("nosuch.example.test", "MX").outcome is Outcome.NXDOMAIN
    assert dns.resolve("mx1.example.test", "MX").outcome is Outcome.NODATA
    # An empty non-terminal exists: it has a name below it.
    assert dns.resolve("b.example.test", "A").outcome is Outcome.NODATA


def test_servfail_and_timeout_are_results_not_exceptions(server: ZoneServer) -> None:
    dns = DnsResolver(server.address, timeout=0.5)
    assert dns.resolve("broken.example.test", "A").outcome is Outcome.SERVFAIL
    slow = dns.resolve("slow.example.test", "A")
    assert slow.outcome is Outcome.TIMEOUT
    assert "0.5 s" in slow.detail


def test_each_name_is_asked_once(server: ZoneServer) -> None:
    dns = DnsResolver(server.address)
    for _ in range(3):
        dns.resolve("Example.Test.", "mx")
    assert server.resolver.queries.count(("example.test", "MX")) == 1


def test_the_resolver_built_from_settings_takes_the_environment(
    server: ZoneServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(resolver.ENVIRONMENT_VARIABLE, server.address)
    built = resolver.resolver_from_settings(timeout=2.0)
    assert built.nameserver == server.address
    assert built.timeout == 2.0
    assert built.resolve("mx1.example.test", "A").records == ("127.0.0.31",)


def test_a_nameserver_given_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(resolver.ENVIRONMENT_VARIABLE, "127.0.0.1:5353")
    assert resolver.resolver_from_settings("127.0.0.1:9").nameserver == "127.0.0.1:9"


def test_there_is_no_process_wide_resolver() -> None:
    # The seam is passed in: a module-level resolver would let a library function reach
    # past the one its caller gave.
    assert not hasattr(resolver, "get_resolver")
    assert not hasattr(resolver, "configure")


def test_a_library_function_asks_the_resolver_it_is_given(
    server: ZoneServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing global is set, and the environment names no server: only the resolver passed
    # in knows the zone.
    monkeypatch.delenv(resolver.ENVIRONMENT_VARIABLE, raising=False)
    given: resolver.Resolver = DnsResolver(server.address, timeout=2.0)
    findings = mx_findings("example.test", resolver=given)
    assert any("mx1.example.test" in f.summary for f in findings), findings
    assert ("example.test", "MX") in server.resolver.queries


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
