"""The sender's MX records, against a real DNS server on loopback."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.sender.model import Finding, Status
from bouncekit.sender.mxcheck import mx_findings, parse_mx
from tests.support.dns_server import ZoneServer, record

Start = Callable[..., ZoneServer]

ZONE = """
good.test.            300 IN MX 20 mx2.good.test.
good.test.            300 IN MX 10 mx1.good.test.
mx1.good.test.        300 IN A    192.0.2.10
mx2.good.test.        300 IN AAAA 2001:db8::10
half.test.            300 IN MX 10 mx1.half.test.
half.test.            300 IN MX 20 gone.half.test.
mx1.half.test.        300 IN A 192.0.2.11
lone.test.            300 IN MX 10 gone.lone.test.
implicit.test.        300 IN A 192.0.2.12
nothing.test.         300 IN TXT "v=spf1 -all"
both.test.            300 IN MX 10 mx1.both.test.
mx1.both.test.        300 IN A 192.0.2.13
broken.test.          300 IN MX 10 mx1.broken.test.
"""
RECORDS = [
    record("nullmx.test", "MX", (0, "")),
    record("both.test", "MX", (0, "")),
]


def check(dns_zone: Start, domain: str, **behaviour: object) -> dict[str, Finding]:
    server = dns_zone(ZONE, records=RECORDS, **behaviour)
    findings = mx_findings(domain, resolver=DnsResolver(server.address, timeout=0.5))
    assert all(f.area == "mx" for f in findings)
    by_check = {f.check: f for f in findings}
    assert len(by_check) == len(findings)
    return by_check


def statuses(findings: dict[str, Finding]) -> dict[str, Status]:
    return {name: finding.status for name, finding in findings.items()}


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("10 mx1.example.com.", (10, "mx1.example.com")),
        ("0 .", (0, "")),
        ("5 MX.A.B", (5, "mx.a.b")),
    ],
)
def test_parse_mx(text: str, parsed: tuple[int, str]) -> None:
    assert parse_mx(text) == parsed


def test_records_in_preference_order_and_every_host_resolves(dns_zone: Start) -> None:
    found = check(dns_zone, "good.test")
    assert statuses(found) == {
        "mx.records": Status.PASS,
        "mx.host.mx1.good.test": Status.PASS,
        "mx.host.mx2.good.test": Status.PASS,
    }
    summary = found["mx.records"].summary
    assert summary.index("mx1.good.test (preference 10)") < summary.index("mx2.good.test")
    assert "2001:db8::10" in found["mx.host.mx2.good.test"].summary


def test_a_host_without_address_fails_but_the_others_carry_mail(dns_zone: Start) -> None:
    found = check(dns_zone, "half.test")
    assert found["mx.host.mx1.half.test"].status is Status.PASS
    gone = found["mx.host.gone.half.test"]
    assert gone.status is Status.FAIL
    assert "does not exist" in gone.summary
    assert "gone.half.test. IN A" in gone.fix
    assert "mx.route" not in found


def test_the_only_host_without_address_means_no_mail(dns_zone: Start) -> None:
    found = check(dns_zone, "lone.test")
    gone = found["mx.host.gone.lone.test"]
    assert gone.status is Status.FAIL
    assert "5.1.8" in gone.why


def test_null_mx_fails_the_domain_cannot_receive_bounces(dns_zone: Start) -> None:
    found = check(dns_zone, "nullmx.test")
    assert statuses(found) == {"mx.null-mx": Status.FAIL}
    assert "RFC 7505" in found["mx.null-mx"].summary
    assert "bounces or replies" in found["mx.null-mx"].summary
    assert "IN MX 10" in found["mx.null-mx"].fix


def test_null_mx_beside_real_hosts_warns(dns_zone: Start) -> None:
    found = check(dns_zone, "both.test")
    assert statuses(found) == {"mx.null-mx": Status.WARN}
    assert "mx1.both.test" in found["mx.null-mx"].summary


def test_implicit_mx_warns(dns_zone: Start) -> None:
    found = check(dns_zone, "implicit.test")
    assert statuses(found) == {"mx.implicit": Status.WARN}
    assert "192.0.2.12" in found["mx.implicit"].summary
    assert "RFC 5321 5.1" in found["mx.implicit"].summary
    assert "implicit.test. IN MX 10" in found["mx.implicit"].fix


def test_no_mx_and_no_address_fails(dns_zone: Start) -> None:
    found = check(dns_zone, "nothing.test")
    assert statuses(found) == {"mx.records": Status.FAIL}
    assert "cannot receive mail" in found["mx.records"].summary


def test_a_domain_that_does_not_exist_fails(dns_zone: Start) -> None:
    found = check(dns_zone, "missing.test")
    assert statuses(found) == {"mx.records": Status.FAIL}
    assert "does not exist" in found["mx.records"].summary


def test_servfail_is_unknown(dns_zone: Start) -> None:
    found = check(dns_zone, "good.test", servfail=["good.test MX"])
    assert statuses(found) == {"mx.records": Status.UNKNOWN}


def test_a_host_lookup_failure_is_unknown(dns_zone: Start) -> None:
    found = check(dns_zone, "broken.test", servfail=["mx1.broken.test"])
    assert found["mx.host.mx1.broken.test"].status is Status.UNKNOWN
