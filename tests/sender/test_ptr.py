"""Reverse DNS of the sending IPs, against a real DNS server on loopback."""

from __future__ import annotations

import ipaddress
from collections import Counter
from collections.abc import Iterator

import pytest

from bouncekit.errors import InputError
from bouncekit.resolver import DnsResolver
from bouncekit.sender.model import Finding, Status
from bouncekit.sender.ptr import looks_generic, ptr_findings
from tests.support.dns_server import ZoneServer

ZONE = """
1.2.0.192.in-addr.arpa.  300 IN PTR mail.example.test.
mail.example.test.       300 IN A   192.0.2.1
3.2.0.192.in-addr.arpa.  300 IN PTR other.example.test.
other.example.test.      300 IN A   198.51.100.1
4.2.0.192.in-addr.arpa.  300 IN PTR nowhere.example.test.
5.2.0.192.in-addr.arpa.  300 IN PTR 5-2-0-192.dyn.isp.test.
5-2-0-192.dyn.isp.test.  300 IN A   192.0.2.5
6.2.0.192.in-addr.arpa.  300 IN PTR ec2-192-0-2-6.compute-1.amazonaws.com.
ec2-192-0-2-6.compute-1.amazonaws.com. 300 IN A 192.0.2.6
8.2.0.192.in-addr.arpa.  300 IN PTR slow.example.test.
9.2.0.192.in-addr.arpa.  300 IN PTR mx9.example.test.
mx9.example.test.        300 IN A   192.0.2.9
10.2.0.192.in-addr.arpa. 300 IN TXT "no ptr here"
11.2.0.192.in-addr.arpa. 300 IN PTR two.example.test.
11.2.0.192.in-addr.arpa. 300 IN PTR mail11.example.test.
two.example.test.        300 IN A   198.51.100.2
mail11.example.test.     300 IN A   192.0.2.11
{v6} 300 IN PTR mail6.example.test.
mail6.example.test.      300 IN AAAA 2001:db8::25
""".replace("{v6}", ipaddress.ip_address("2001:db8::25").reverse_pointer + ".")
HANG = ["7.2.0.192.in-addr.arpa", "slow.example.test"]


@pytest.fixture(scope="module")
def server() -> Iterator[ZoneServer]:
    zone_server = ZoneServer(ZONE, hang=HANG).start()
    yield zone_server
    zone_server.stop()


def check(server: ZoneServer, ip: str, helo: str | None = None) -> dict[str, Finding]:
    findings = ptr_findings([ip], helo, resolver=DnsResolver(server.address, timeout=0.5))
    assert all(f.area == "ptr" for f in findings)
    by_check = {f.check: f for f in findings}
    assert len(by_check) == len(findings)
    return by_check


def statuses(findings: dict[str, Finding]) -> dict[str, Status]:
    return {name: finding.status for name, finding in findings.items()}


def test_a_good_ptr_passes_every_check(server: ZoneServer) -> None:
    found = check(server, "192.0.2.1", helo="Mail.Example.Test.")
    assert statuses(found) == {
        "ptr.present": Status.PASS,
        "ptr.forward-confirmed": Status.PASS,
        "ptr.generic": Status.PASS,
        "ptr.helo": Status.PASS,
    }
    assert found["ptr.present"].summary == "192.0.2.1 has reverse DNS: mail.example.test."
    assert "resolves back to 192.0.2.1" in found["ptr.forward-confirmed"].summary


def test_ipv6_is_checked_through_ip6_arpa_and_aaaa(server: ZoneServer) -> None:
    found = check(server, "2001:db8::25")
    assert statuses(found) == {
        "ptr.present": Status.PASS,
        "ptr.forward-confirmed": Status.PASS,
        "ptr.generic": Status.PASS,
    }


@pytest.mark.parametrize(
    ("ip", "ending"), [("192.0.2.2", "does not exist."), ("192.0.2.10", "has no PTR record.")]
)
def test_a_missing_ptr_fails_and_names_the_rejections(
    server: ZoneServer, ip: str, ending: str
) -> None:
    found = check(server, ip, helo="mail.example.test")
    assert statuses(found) == {"ptr.present": Status.FAIL, "ptr.helo": Status.WARN}
    present = found["ptr.present"]
    assert present.summary.endswith(ending)
    assert "550 5.7.25" in present.why
    assert "421 4.7.23" in present.why
    assert "cannot find your reverse hostname" in present.why
    assert "Microsoft 365" in present.why
    assert "IN PTR mail.example.test." in present.fix
    assert f"mail.example.test. IN A {ip}" in present.fix
    assert "has no PTR to match" in found["ptr.helo"].summary


@pytest.mark.parametrize(
    ("ip", "seen"),
    [
        ("192.0.2.3", "other.example.test resolves to 198.51.100.1"),
        ("192.0.2.4", "nowhere.example.test has no A record"),
    ],
)
def test_a_ptr_that_does_not_resolve_back_fails(server: ZoneServer, ip: str, seen: str) -> None:
    found = check(server, ip)
    assert found["ptr.present"].status is Status.PASS
    confirmed = found["ptr.forward-confirmed"]
    assert confirmed.status is Status.FAIL
    assert seen in confirmed.summary
    assert "421 4.7.23" in confirmed.why
    assert f"IN A {ip}" in confirmed.fix


def test_one_confirmed_name_among_several_is_enough(server: ZoneServer) -> None:
    found = check(server, "192.0.2.11")
    assert found["ptr.forward-confirmed"].status is Status.PASS
    assert "mail11.example.test resolves back" in found["ptr.forward-confirmed"].summary


@pytest.mark.parametrize(
    ("ip", "reason"),
    [
        ("192.0.2.5", "it contains the IP address's numbers"),
        ("192.0.2.6", "it contains the IP address's numbers"),
    ],
)
def test_generic_names_warn(server: ZoneServer, ip: str, reason: str) -> None:
    found = check(server, ip)
    assert found["ptr.forward-confirmed"].status is Status.PASS
    generic = found["ptr.generic"]
    assert generic.status is Status.WARN
    assert reason in generic.summary
    assert "RATS-Dyna" in generic.why
    assert "IN PTR" in generic.fix


def test_helo_mismatch_warns_and_says_where_the_helo_points(server: ZoneServer) -> None:
    found = check(server, "192.0.2.9", helo="mail.example.test")
    helo = found["ptr.helo"]
    assert helo.status is Status.WARN
    assert "the PTR of 192.0.2.9 is mx9.example.test" in helo.summary
    assert "mail.example.test does not resolve to 192.0.2.9" in helo.summary
    assert "Helo command rejected" in helo.why
    assert "myhostname = mx9.example.test" in helo.fix


@pytest.mark.parametrize("helo", ["localhost", "[192.0.2.1]", "192.0.2.1"])
def test_a_helo_that_is_not_a_host_name_fails(server: ZoneServer, helo: str) -> None:
    found = check(server, "192.0.2.1", helo=helo)
    assert found["ptr.helo"].status is Status.FAIL
    assert "need fully-qualified hostname" in found["ptr.helo"].why


def test_a_ptr_lookup_timeout_is_unknown(server: ZoneServer) -> None:
    found = check(server, "192.0.2.7")
    assert statuses(found) == {"ptr.present": Status.UNKNOWN}
    assert "(timeout)" in found["ptr.present"].summary
    assert "dig -x 192.0.2.7" in found["ptr.present"].fix


def test_a_forward_lookup_timeout_is_unknown(server: ZoneServer) -> None:
    found = check(server, "192.0.2.8")
    assert found["ptr.present"].status is Status.PASS
    assert found["ptr.forward-confirmed"].status is Status.UNKNOWN
    assert "dig slow.example.test A" in found["ptr.forward-confirmed"].fix


def test_several_ips_in_order_each_name_asked_once(server: ZoneServer) -> None:
    before = len(server.resolver.queries)
    ips = ["192.0.2.1", "192.0.2.9", "192.0.2.1", "192.0.2.3"]
    findings = ptr_findings(
        ips, "mail.example.test", resolver=DnsResolver(server.address, timeout=2)
    )
    present = [f.summary.split()[0] for f in findings if f.check == "ptr.present"]
    assert present == ["192.0.2.1", "192.0.2.9", "192.0.2.3"]
    counts = Counter(server.resolver.queries[before:])
    assert set(counts.values()) == {1}


def test_a_bad_ip_is_refused() -> None:
    with pytest.raises(InputError, match="not an IP address"):
        ptr_findings(["mail.example.test"], None, resolver=DnsResolver("127.0.0.1:9", timeout=0.1))


@pytest.mark.parametrize(
    ("name", "ip", "generic"),
    [
        ("mail.example.com", "203.0.113.9", False),
        ("mx1.mail.example.com", "203.0.113.9", False),
        ("smtp-out.example.com", "203.0.113.9", False),
        ("host-203-0-113-9.isp.example", "203.0.113.9", True),
        ("ip-203-0-113-9.ec2.internal", "203.0.113.9", True),
        ("9.113.0.203.static.isp.example", "203.0.113.9", True),
        ("static.9.113.0.203.clients.your-server.de", "203.0.113.9", True),
        ("c-203-0-113-9.hsd1.ca.comcast.net", "203.0.113.9", True),
        ("ec2-203-0-113-9.compute-1.amazonaws.com", "203.0.113.9", True),
        ("9.113.0.203.bc.googleusercontent.com", "203.0.113.9", True),
        ("cb007109.isp.example", "203.0.113.9", True),
        ("dyn-pool.isp.example", "203.0.113.9", True),
        ("adsl-line7.isp.example", "203.0.113.9", True),
        ("cable-modem.isp.example", "203.0.113.9", True),
        ("dhcp123.isp.example", "203.0.113.9", True),
        ("client.isp.example", "203.0.113.9", True),
        ("dynamic.isp.example", "203.0.113.9", True),
        ("host-2-0-3-113.isp.example", "203.0.113.9", False),
        ("mail6.example.com", "2001:db8::25", False),
        ("2001-db8--25.pool.isp.example", "2001:db8::25", True),
        ("0000-0025.v6.isp.example", "2001:db8::25", True),
    ],
)
def test_looks_generic(name: str, ip: str, generic: bool) -> None:
    reason = looks_generic(name, ipaddress.ip_address(ip))
    assert (reason is not None) is generic, reason
