"""Mail routes against a real DNS server on loopback: every outcome of ``find_route``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.smtp.route import MailHost, RouteOutcome, find_route, is_internal_address
from tests.support.dns_server import ZoneServer

ZONE = """
example.test.          300 IN MX 20 mx2.example.test.
example.test.          300 IN MX 10 mx1.example.test.
example.test.          300 IN MX 30 nowhere.example.test.
mx1.example.test.      300 IN A    192.0.2.10
mx1.example.test.      300 IN AAAA 2001:db8::10
mx2.example.test.      300 IN A    198.51.100.20
implicit.test.         300 IN A    203.0.113.5
implicit.test.         300 IN TXT  "v=spf1 -all"
nomail.test.           300 IN TXT  "v=spf1 -all"
nullmx.test.           300 IN MX 0 .
mixednull.test.        300 IN MX 0 .
mixednull.test.        300 IN MX 10 mx1.example.test.
internal.test.         300 IN MX 10 mx.internal.test.
mx.internal.test.      300 IN A    10.1.2.3
mx.internal.test.      300 IN A    127.0.0.31
mx.internal.test.      300 IN AAAA fe80::1
halfinternal.test.     300 IN MX 10 mx.internal.test.
halfinternal.test.     300 IN MX 20 public.example.test.
public.example.test.   300 IN A    11.22.33.44
brokenhost.test.       300 IN MX 10 broken.example.test.
cname.test.            300 IN MX 10 alias.cname.test.
alias.cname.test.      300 IN CNAME mx2.example.test.
"""

# 192.0.2.0/24 and the other documentation ranges count as "not global" to Python's ipaddress
# module, so the routes below that stand for public hosts are looked up with allow_private;
# the private-address tests use routes that mix really internal addresses.


@pytest.fixture(scope="module")
def dns() -> Iterator[DnsResolver]:
    # One server for the module: stopping a dnslib server takes half a second.
    server = ZoneServer(
        ZONE, servfail=["servfail.test", "broken.example.test"], hang=["slow.test"]
    ).start()
    yield DnsResolver(server.address, timeout=0.5)
    server.stop()


def test_mx_hosts_come_in_preference_order_with_a_and_aaaa(dns: DnsResolver) -> None:
    route = find_route("Example.TEST.", resolver=dns, allow_private=True)
    assert route.outcome is RouteOutcome.OK
    assert route.domain == "example.test"
    assert not route.implicit
    # nowhere.example.test has no address: it is left out and the detail says why.
    assert route.hosts == (
        MailHost("mx1.example.test", 10, ("192.0.2.10", "2001:db8::10")),
        MailHost("mx2.example.test", 20, ("198.51.100.20",)),
    )
    assert "nowhere.example.test has no A or AAAA record" in route.detail


def test_mx_target_behind_a_cname_is_followed(dns: DnsResolver) -> None:
    route = find_route("cname.test", resolver=dns, allow_private=True)
    assert route.hosts == (MailHost("alias.cname.test", 10, ("198.51.100.20",)),)


def test_no_mx_falls_back_to_the_domains_own_addresses(dns: DnsResolver) -> None:
    route = find_route("implicit.test", resolver=dns, allow_private=True)
    assert route.outcome is RouteOutcome.OK
    assert route.implicit
    assert route.hosts == (MailHost("implicit.test", 0, ("203.0.113.5",)),)
    assert "RFC 5321 5.1" in route.detail


def test_no_mx_and_no_address_is_no_mail_host(dns: DnsResolver) -> None:
    route = find_route("nomail.test", resolver=dns)
    assert route.outcome is RouteOutcome.NO_MAIL_HOST
    assert route.implicit
    assert route.hosts == ()
    assert "nomail.test has no A or AAAA record" in route.detail


def test_null_mx_accepts_no_mail(dns: DnsResolver) -> None:
    route = find_route("nullmx.test", resolver=dns)
    assert route.outcome is RouteOutcome.NULL_MX
    assert "RFC 7505" in route.detail


def test_null_mx_beside_real_hosts_still_routes_to_them(dns: DnsResolver) -> None:
    route = find_route("mixednull.test", resolver=dns, allow_private=True)
    assert route.outcome is RouteOutcome.OK
    assert [host.name for host in route.hosts] == ["mx1.example.test"]


def test_nxdomain_is_no_domain(dns: DnsResolver) -> None:
    route = find_route("nosuch.test", resolver=dns)
    assert route.outcome is RouteOutcome.NO_DOMAIN
    assert route.detail == "The domain nosuch.test does not exist."


@pytest.mark.parametrize(
    ("domain", "words"),
    [("servfail.test", "failed (SERVFAIL)"), ("slow.test", "timed out")],
)
def test_servfail_and_timeout_are_dns_errors_with_the_reason(
    dns: DnsResolver, domain: str, words: str
) -> None:
    route = find_route(domain, resolver=dns)
    assert route.outcome is RouteOutcome.DNS_ERROR
    assert words in route.detail
    assert domain in route.detail


def test_mail_host_that_cannot_be_looked_up_is_a_dns_error(dns: DnsResolver) -> None:
    route = find_route("brokenhost.test", resolver=dns)
    assert route.outcome is RouteOutcome.DNS_ERROR
    assert "broken.example.test" in route.detail


def test_private_loopback_and_link_local_addresses_are_dropped(dns: DnsResolver) -> None:
    route = find_route("internal.test", resolver=dns)
    assert route.outcome is RouteOutcome.PRIVATE_ONLY
    assert "10.1.2.3, 127.0.0.31, fe80::1" in route.detail
    assert "private, loopback or link-local" in route.detail


def test_allow_private_keeps_internal_addresses(dns: DnsResolver) -> None:
    route = find_route("internal.test", resolver=dns, allow_private=True)
    assert route.outcome is RouteOutcome.OK
    assert route.hosts == (MailHost("mx.internal.test", 10, ("10.1.2.3", "127.0.0.31", "fe80::1")),)


def test_a_host_left_without_usable_addresses_gives_way_to_the_next(dns: DnsResolver) -> None:
    route = find_route("halfinternal.test", resolver=dns)
    assert route.outcome is RouteOutcome.OK
    assert route.hosts == (MailHost("public.example.test", 20, ("11.22.33.44",)),)
    assert "mx.internal.test resolves to 10.1.2.3, 127.0.0.31, fe80::1" in route.detail


@pytest.mark.parametrize(
    ("address", "internal"),
    [
        ("8.8.8.8", False),
        ("2a00:1450:4001:c02::1a", False),
        ("127.0.0.1", True),
        ("10.0.0.1", True),
        ("192.168.1.1", True),
        ("172.16.0.1", True),
        ("169.254.1.1", True),
        ("fe80::1", True),
        ("::1", True),
        ("fc00::1", True),
        ("::ffff:10.0.0.1", True),
        ("224.0.0.1", True),
        ("0.0.0.0", True),
        ("not-an-address", True),
    ],
)
def test_internal_addresses(address: str, internal: bool) -> None:
    assert is_internal_address(address) is internal
