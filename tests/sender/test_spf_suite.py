"""The RFC 7208 test suite (openspf.org, release 2014.04) through our own DNS plumbing.

Each scenario's zone data is served by a real DNS server on loopback
(tests/support/dns_server.py) and every test case of it runs through ``check_host`` with a
:class:`DnsResolver` pointed at it. The zone data follows the suite's driver conventions
(pyspf's testspf.py):

- An ``SPF`` entry is served as type SPF (99) and, unless the name has its own ``TXT`` entries,
  as TXT too; ``TXT: NONE`` means no TXT record.
- ``TIMEOUT`` makes every query for a type the name has no records of fail: the server answers
  SERVFAIL (the resolver's outcome for a timeout and for SERVFAIL is the same temperror, and
  SERVFAIL keeps the suite fast).
- A TXT record with no strings at all (``null.example.com``) is illegal on the wire (RFC 1035
  wants at least one string) and dnspython refuses the whole response, so it is served as one
  empty string: the same "not an SPF record" that the test is about.
- ``explanation: DEFAULT`` means the implementation's default explanation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from bouncekit.resolver import DnsResolver, Outcome
from bouncekit.sender.spf import check_host
from tests.support.corpus import SHARED, require_shared
from tests.support.dns_server import ZoneServer, record

# The suite sits beside the repository, in the shared test data.
SUITE = SHARED / "testdata" / "spf" / "rfc7208-tests.yml"

SCENARIOS: list[dict[str, Any]] = (
    list(yaml.safe_load_all(SUITE.read_text(encoding="utf-8"))) if SUITE.exists() else []
)
TYPES = ("A", "AAAA", "MX", "TXT", "SPF", "PTR", "CNAME")


def zone_records(zonedata: dict[str, list[Any]]) -> tuple[list[Any], list[str]]:
    """The suite's zone data as dnslib records and the SERVFAIL list for ZoneServer."""
    records: list[Any] = []
    servfail: list[str] = []
    for name, entries in zonedata.items():
        present: set[str] = set()
        has_txt = any(isinstance(e, dict) and "TXT" in e for e in entries)
        timeout = "TIMEOUT" in entries
        for entry in entries:
            if entry == "TIMEOUT":
                continue
            ((rtype, value),) = entry.items()
            if value == "NONE":
                continue
            if rtype in ("TXT", "SPF") and value == []:
                value = [""]  # no strings is illegal on the wire; see the module docstring
            present.add(rtype)
            records.append(record(name, rtype, value))
            if rtype == "SPF" and not has_txt:
                present.add("TXT")
                records.append(record(name, "TXT", value))
        if timeout:
            servfail += [f"{name} {rtype}" for rtype in TYPES if rtype not in present]
    return records, servfail


def test_the_suite_is_there() -> None:
    """The suite's cases below are made at collection: without the file there are none."""
    require_shared(SUITE)


def _cases() -> Iterator[Any]:
    for index, scenario in enumerate(SCENARIOS):
        for name, case in scenario["tests"].items():
            yield pytest.param(index, case, id=f"{index:02d}-{name}")


@pytest.fixture(scope="module")
def servers() -> Iterator[dict[int, ZoneServer]]:
    """One DNS server per scenario, started on first use and kept for the module."""
    started: dict[int, ZoneServer] = {}
    yield started
    for server in started.values():
        server.stop()


@pytest.mark.parametrize(("scenario", "case"), list(_cases()))
def test_rfc7208_suite(scenario: int, case: dict[str, Any], servers: dict[int, ZoneServer]) -> None:
    if scenario not in servers:
        records, servfail = zone_records(SCENARIOS[scenario]["zonedata"])
        servers[scenario] = ZoneServer("", records=records, servfail=servfail).start()
    resolver = DnsResolver(servers[scenario].address, timeout=2.0)
    mailfrom, helo = case["mailfrom"], case["helo"]
    sender = mailfrom or f"postmaster@{helo}"
    domain = sender.rpartition("@")[2]
    result = check_host(
        case["host"], domain, sender, helo=helo, resolver=resolver, default_explanation="DEFAULT"
    )
    allowed = case["result"] if isinstance(case["result"], list) else [case["result"]]
    assert result.result.value in allowed, result
    if "explanation" in case:
        assert result.explanation == case["explanation"], result


def test_zone_translation_follows_the_suite_driver() -> None:
    """SPF doubles as TXT unless TXT is given; TIMEOUT fails only the types without records."""
    records, servfail = zone_records(
        {
            "both.test": [{"SPF": "v=spf1 -all"}, {"TXT": "v=spf1 ?all"}],
            "spfonly.test": [{"SPF": "v=spf1 -all"}, {"TXT": "NONE"}],
            "half.test": [{"TXT": ["v=spf1 ", "\x80"]}, "TIMEOUT"],
            "space name.test": [{"MX": [0, ""]}],
        }
    )
    server = ZoneServer("", records=records, servfail=servfail).start()
    try:
        dns = DnsResolver(server.address, timeout=2.0)
        assert dns.resolve("both.test", "TXT").records == ("v=spf1 ?all",)
        assert dns.resolve("both.test", "SPF").records == ('"v=spf1 -all"',)
        assert dns.resolve("spfonly.test", "TXT").outcome is Outcome.NODATA
        assert dns.resolve("half.test", "TXT").records == ("v=spf1 \ufffd",)  # raw 0x80 octet
        assert dns.resolve("half.test", "A").outcome is Outcome.SERVFAIL
        assert dns.resolve("space name.test", "MX").records == ("0 .",)
    finally:
        server.stop()
