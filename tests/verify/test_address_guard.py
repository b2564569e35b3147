"""The private-address guard: IPv6 forms that carry an IPv4 address are judged by that address.

A verifier must not be pointed at an internal network by an MX record; ``64:ff9b::10.0.0.1``
(NAT64), ``2002:7f00:1::1`` (6to4), ``::ffff:127.0.0.1`` (IPv4-mapped) and ``::10.0.0.1``
(IPv4-compatible) all end up at the IPv4 address inside them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.smtp.route import RouteOutcome, embedded_ipv4, find_route, is_internal_address
from tests.support.dns_server import ZoneServer

# (address, internal, the IPv4 address inside or None)
TABLE = [
    # NAT64, the well-known prefix (RFC 6052): the IPv4 address in the last 32 bits decides.
    ("64:ff9b::a00:1", True, "10.0.0.1"),
    ("64:ff9b::10.0.0.1", True, "10.0.0.1"),
    ("64:ff9b::7f00:1", True, "127.0.0.1"),
    ("64:ff9b::c0a8:101", True, "192.168.1.1"),
    ("64:ff9b::a9fe:a9fe", True, "169.254.169.254"),  # a cloud's metadata service
    ("64:ff9b::808:808", False, "8.8.8.8"),
    # NAT64 for local use (RFC 8215) translates into the operator's own network.
    ("64:ff9b:1::a00:1", True, None),
    ("64:ff9b:1::808:808", True, None),
    # 6to4 (RFC 3056): the IPv4 address in bits 16 to 48.
    ("2002:a00:1::1", True, "10.0.0.1"),
    ("2002:7f00:1::", True, "127.0.0.1"),
    ("2002:ac10:1::5", True, "172.16.0.1"),
    ("2002:808:808::1", False, "8.8.8.8"),
    # IPv4-mapped (RFC 4291 2.5.5.2).
    ("::ffff:127.0.0.1", True, "127.0.0.1"),
    ("::ffff:10.0.0.1", True, "10.0.0.1"),
    ("::ffff:8.8.8.8", False, "8.8.8.8"),
    # IPv4-compatible (RFC 4291 2.5.5.1, deprecated) and IPv4-translated (RFC 2765).
    ("::127.0.0.1", True, "127.0.0.1"),
    ("::10.0.0.1", True, "10.0.0.1"),
    ("::192.168.0.1", True, "192.168.0.1"),
    ("::8.8.8.8", False, "8.8.8.8"),
    ("::ffff:0:a00:1", True, "10.0.0.1"),
    ("::ffff:0:808:808", False, "8.8.8.8"),
    ("::1", True, "0.0.0.1"),
    ("::", True, "0.0.0.0"),
    # Plain addresses keep their verdicts.
    ("8.8.8.8", False, None),
    ("2a00:1450:4001:c02::1a", False, None),
    ("fe80::1", True, None),
    ("fc00::1", True, None),
    ("10.0.0.1", True, None),
    ("not-an-address", True, None),
]


@pytest.mark.parametrize(("address", "internal", "inside"), TABLE)
def test_embedded_ipv4_decides(address: str, internal: bool, inside: str | None) -> None:
    assert is_internal_address(address) is internal
    ip = ipaddress.ip_address(address) if address != "not-an-address" else None
    if isinstance(ip, ipaddress.IPv6Address):
        found = embedded_ipv4(ip)
        assert (str(found) if found else None) == inside


ZONE = """
nat64.test.        300 IN MX 10 mx.nat64.test.
mx.nat64.test.     300 IN AAAA 64:ff9b::a00:1
sixtofour.test.    300 IN MX 10 mx.sixtofour.test.
mx.sixtofour.test. 300 IN AAAA 2002:7f00:1::1
mapped.test.       300 IN AAAA ::ffff:c0a8:101
compatible.test.   300 IN AAAA ::7f00:1
"""


@pytest.fixture(scope="module")
def dns() -> Iterator[DnsResolver]:
    server = ZoneServer(ZONE).start()
    yield DnsResolver(server.address, timeout=0.5)
    server.stop()


@pytest.mark.parametrize(
    "domain", ["nat64.test", "sixtofour.test", "mapped.test", "compatible.test"]
)
def test_a_route_through_an_embedded_private_address_is_not_taken(
    dns: DnsResolver, domain: str
) -> None:
    route = find_route(domain, resolver=dns)
    assert route.outcome is RouteOutcome.PRIVATE_ONLY
    assert route.hosts == ()
