"""DNS blocklists, asked through the resolver of a real DNS server on loopback."""

from __future__ import annotations

import ipaddress
import time
from collections import Counter
from collections.abc import Callable, Iterator

import pytest

from bouncekit.errors import InputError
from bouncekit.replies.model import ListAnswer
from bouncekit.resolver import DnsResolver
from bouncekit.sender.dnsbl import (
    DEFAULT_LISTS,
    Dnsbl,
    blocklist_findings,
    query_name,
    with_dqs_key,
)
from bouncekit.sender.model import Finding, Status
from tests.support.dns_server import ZoneServer

ZEN = Dnsbl.named("spamhaus-zen")
DBL = Dnsbl.named("spamhaus-dbl")
IP = "192.0.2.25"
DOMAIN = "example.test"

Start = Callable[..., ZoneServer]


def a_records(name: str, *codes: str) -> str:
    return "".join(f"{name}. 300 IN A {code}\n" for code in codes)


def check_one(
    dns_zone: Start, dnsbl: Dnsbl, target: str, zone: str, **behaviour: object
) -> Finding:
    server = dns_zone(zone, **behaviour)
    resolver = DnsResolver(server.address, timeout=0.5)
    if dnsbl.lists_domains:
        findings = blocklist_findings([], target, resolver=resolver, lists=[dnsbl])
    else:
        findings = blocklist_findings([target], None, resolver=resolver, lists=[dnsbl])
    (finding,) = findings
    assert finding.area == "blocklist"
    assert finding.check == f"blocklist.{dnsbl.key}"
    return finding


# Every documented answer of every default list, each under its own target, served by one
# server for the module: (dnsbl, answer, target).
TABLE = [(dnsbl, answer) for dnsbl in DEFAULT_LISTS for answer in dnsbl.blocklist.answers]
TARGETS = [
    f"case{n}.example.test" if dnsbl.lists_domains else f"192.0.2.{n + 1}"
    for n, (dnsbl, _) in enumerate(TABLE)
]


@pytest.fixture(scope="module")
def table_server() -> Iterator[ZoneServer]:
    zone = "".join(
        a_records(query_name(_parse(target), dnsbl.zone), answer.code)
        for (dnsbl, answer), target in zip(TABLE, TARGETS, strict=True)
    )
    server = ZoneServer(zone).start()
    yield server
    server.stop()


def _cases(error: bool) -> list[object]:
    return [
        pytest.param(dnsbl, answer, target, id=f"{dnsbl.key}-{answer.code}")
        for (dnsbl, answer), target in zip(TABLE, TARGETS, strict=True)
        if answer.error is error
    ]


def _ask(server: ZoneServer, dnsbl: Dnsbl, target: str) -> Finding:
    resolver = DnsResolver(server.address, timeout=2)
    ips, domain = ([], target) if dnsbl.lists_domains else ([target], None)
    (finding,) = blocklist_findings(ips, domain, resolver=resolver, lists=[dnsbl])
    assert finding.check == f"blocklist.{dnsbl.key}"
    return finding


@pytest.mark.parametrize(("dnsbl", "answer", "target"), _cases(error=False))
def test_every_documented_answer_is_a_listing_with_its_meaning(
    table_server: ZoneServer, dnsbl: Dnsbl, answer: ListAnswer, target: str
) -> None:
    finding = _ask(table_server, dnsbl, target)
    assert finding.status is Status.FAIL
    assert f"{target} is listed on {dnsbl.name}" in finding.summary
    assert answer.meaning in finding.summary
    assert answer.part in finding.summary
    assert dnsbl.public_zone in finding.why
    assert "blocked using" in finding.why
    assert finding.fix


@pytest.mark.parametrize(("dnsbl", "answer", "target"), _cases(error=True))
def test_error_answers_are_never_listings(
    table_server: ZoneServer, dnsbl: Dnsbl, answer: ListAnswer, target: str
) -> None:
    finding = _ask(table_server, dnsbl, target)
    assert finding.status is Status.UNKNOWN
    assert finding.summary.startswith(f"Could not check {target} on {dnsbl.name}")
    assert f"because {answer.meaning}" in finding.summary
    assert "not a listing" in finding.summary
    assert "listed on" not in finding.summary
    assert finding.why == ""


@pytest.mark.parametrize(
    ("code", "part"),
    [
        ("127.0.0.2", "SBL"),
        ("127.0.0.3", "CSS"),
        ("127.0.0.4", "XBL"),
        ("127.0.0.9", "SBL DROP"),
        ("127.0.0.10", "PBL"),
        ("127.0.0.11", "PBL"),
    ],
)
def test_zen_answers_name_the_spamhaus_list(dns_zone: Start, code: str, part: str) -> None:
    zone = a_records("25.2.0.192.zen.spamhaus.org", code)
    finding = check_one(dns_zone, ZEN, IP, zone)
    assert finding.status is Status.FAIL
    assert f"{code}: {part}, " in finding.summary
    assert "https://check.spamhaus.org/" in finding.fix
    assert "S3150" in finding.why
    assert f"Client host [{IP}] blocked using zen.spamhaus.org" in finding.why


def test_several_zen_answers_are_all_reported(dns_zone: Start) -> None:
    zone = a_records("25.2.0.192.zen.spamhaus.org", "127.0.0.4", "127.0.0.10")
    finding = check_one(dns_zone, ZEN, IP, zone)
    assert finding.status is Status.FAIL
    assert "XBL" in finding.summary
    assert "PBL" in finding.summary
    assert "infected" in finding.fix
    assert "relay" in finding.fix


def test_an_error_answer_beside_a_listing_does_not_hide_it(dns_zone: Start) -> None:
    zone = a_records("25.2.0.192.zen.spamhaus.org", "127.0.0.2", "127.255.255.254")
    finding = check_one(dns_zone, ZEN, IP, zone)
    assert finding.status is Status.FAIL
    assert "127.255.255.254" not in finding.summary


def test_a_listing_with_an_undocumented_code_still_counts(dns_zone: Start) -> None:
    zone = a_records("25.2.0.192.zen.spamhaus.org", "127.0.0.8")
    finding = check_one(dns_zone, ZEN, IP, zone)
    assert finding.status is Status.FAIL
    assert "127.0.0.8: listed (a code the list does not document)" in finding.summary
    assert "https://check.spamhaus.org/" in finding.fix


def test_answers_outside_loopback_are_not_listings(dns_zone: Start) -> None:
    zone = a_records("25.2.0.192.bl.spamcop.net", "198.51.100.80")
    finding = check_one(dns_zone, Dnsbl.named("spamcop"), IP, zone)
    assert finding.status is Status.UNKNOWN
    assert "outside 127.0.0.0/8" in finding.summary


def test_bitmask_answers_name_every_bit(dns_zone: Start) -> None:
    zone = a_records("example.test.multi.surbl.org", "127.0.0.72")  # 8 (PH) + 64 (ABUSE)
    finding = check_one(dns_zone, Dnsbl.named("surbl"), DOMAIN, zone)
    assert finding.status is Status.FAIL
    assert "PH, the domain is listed as a phishing site" in finding.summary
    assert "ABUSE, the domain is listed as appearing in spam" in finding.summary
    assert "MW" not in finding.summary
    assert "Sender address rejected: blocked using multi.surbl.org" in finding.why


def test_nxdomain_is_not_listed(dns_zone: Start) -> None:
    zone = a_records("1.1.1.127.zen.spamhaus.org", "127.0.0.2")
    finding = check_one(dns_zone, ZEN, IP, zone)
    assert finding.status is Status.PASS
    assert finding.summary == f"{IP} is not listed on Spamhaus ZEN (zen.spamhaus.org)."


@pytest.mark.parametrize(
    ("behaviour", "outcome"),
    [
        ({"hang": ["25.2.0.192.zen.spamhaus.org"]}, "timeout"),
        ({"servfail": ["25.2.0.192.zen.spamhaus.org"]}, "servfail"),
    ],
)
def test_failed_lookups_are_unknown(
    dns_zone: Start, behaviour: dict[str, object], outcome: str
) -> None:
    zone = a_records("1.1.1.127.zen.spamhaus.org", "127.0.0.2")
    finding = check_one(dns_zone, ZEN, IP, zone, **behaviour)
    assert finding.status is Status.UNKNOWN
    assert finding.summary.startswith(f"Could not check {IP} on Spamhaus ZEN")
    assert f"({outcome})" in finding.summary
    assert "dig 25.2.0.192.zen.spamhaus.org A" in finding.fix


def test_default_lists_cover_ip_and_domain_and_ask_each_name_once(dns_zone: Start) -> None:
    zone = (
        a_records("25.2.0.192.zen.spamhaus.org", "127.0.0.4")
        + a_records("25.2.0.192.bl.spamcop.net", "127.0.0.2")
        + a_records("25.2.0.192.b.barracudacentral.org", "127.0.0.2")
        + a_records("25.2.0.192.all.spamrats.com", "127.0.0.37")
        + a_records("example.test.dbl.spamhaus.org", "127.0.1.2")
        + a_records("example.test.multi.uribl.com", "127.0.0.1")
    )
    server = dns_zone(zone)
    resolver = DnsResolver(server.address, timeout=2)
    findings = blocklist_findings([IP, IP, "::ffff:192.0.2.25"], "Example.TEST.", resolver=resolver)
    by_check = {f.check: f for f in findings}
    assert len(findings) == len(DEFAULT_LISTS) == len(by_check)
    statuses = {check.removeprefix("blocklist."): f.status for check, f in by_check.items()}
    assert statuses == {
        "spamhaus-zen": Status.FAIL,
        "spamcop": Status.FAIL,
        "barracuda-brbl": Status.FAIL,
        "psbl": Status.PASS,
        "mailspike": Status.PASS,
        "uceprotect": Status.PASS,
        "spamrats": Status.FAIL,
        "spamhaus-dbl": Status.FAIL,
        "surbl": Status.PASS,
        "uribl": Status.UNKNOWN,
    }
    assert "RATS-NoPtr" in by_check["blocklist.spamrats"].summary
    assert "PTR" in by_check["blocklist.spamrats"].fix
    assert "refused the query" in by_check["blocklist.uribl"].summary
    counts = Counter(server.resolver.queries)
    assert counts
    assert set(counts.values()) == {1}
    assert len(counts) == len(DEFAULT_LISTS)


def test_lookups_run_concurrently(dns_zone: Start) -> None:
    hanging = [query_name(ipaddress.ip_address(IP), d.zone) for d in DEFAULT_LISTS[:4]]
    server = dns_zone("", hang=hanging)
    resolver = DnsResolver(server.address, timeout=0.5)
    started = time.monotonic()
    findings = blocklist_findings([IP], DOMAIN, resolver=resolver)
    elapsed = time.monotonic() - started
    assert [f.status for f in findings[:4]] == [Status.UNKNOWN] * 4
    assert elapsed < 1.5, "four timeouts of 0.5 s each must overlap"


def test_ipv6_is_asked_only_of_lists_with_ipv6_data(dns_zone: Start) -> None:
    ip = "2001:db8::25"
    name = query_name(ipaddress.ip_address(ip), "zen.spamhaus.org")
    assert name == "5.2.0.0." + "0." * 20 + "8.b.d.0.1.0.0.2.zen.spamhaus.org"
    server = dns_zone(a_records(name, "127.0.0.3"))
    findings = blocklist_findings([ip], None, resolver=DnsResolver(server.address, timeout=2))
    assert [f.check for f in findings] == ["blocklist.spamhaus-zen"]
    assert findings[0].status is Status.FAIL
    assert "CSS" in findings[0].summary


def test_dqs_key_redirects_only_spamhaus_zones() -> None:
    lists = with_dqs_key(DEFAULT_LISTS, "abc123key")
    zones = {d.key: d.zone for d in lists}
    assert zones["spamhaus-zen"] == "abc123key.zen.dq.spamhaus.net"
    assert zones["spamhaus-dbl"] == "abc123key.dbl.dq.spamhaus.net"
    assert zones["spamcop"] == "bl.spamcop.net"
    assert zones["uribl"] == "multi.uribl.com"
    assert [d.key for d in lists] == [d.key for d in DEFAULT_LISTS]
    assert with_dqs_key(lists, "other")[0].zone == "other.zen.dq.spamhaus.net"


def test_dqs_queries_go_to_the_keyed_zone(dns_zone: Start) -> None:
    (zen,) = with_dqs_key([ZEN], "abc123key")
    zone = a_records("25.2.0.192.abc123key.zen.dq.spamhaus.net", "127.0.0.10")
    finding = check_one(dns_zone, zen, IP, zone)
    assert finding.status is Status.FAIL
    assert "(abc123key.zen.dq.spamhaus.net)" in finding.summary
    assert "blocked using zen.spamhaus.org" in finding.why, "receivers name the public zone"


@pytest.mark.parametrize("key", ["", "has space", "dots.in.it"])
def test_a_malformed_dqs_key_is_refused(key: str) -> None:
    with pytest.raises(InputError, match="DQS key"):
        with_dqs_key(DEFAULT_LISTS, key)


def test_query_names() -> None:
    assert query_name(ipaddress.ip_address("203.0.113.9"), "bl.test") == "9.113.0.203.bl.test"
    assert query_name("example.com", "dbl.spamhaus.org") == "example.com.dbl.spamhaus.org"


def test_bad_input_is_refused_with_a_sentence() -> None:
    resolver = DnsResolver("127.0.0.1:9", timeout=0.1)
    with pytest.raises(InputError, match="not an IP address"):
        blocklist_findings(["mail.example.com"], None, resolver=resolver)
    with pytest.raises(InputError, match="no DNS blocklist named 'nosuch'"):
        Dnsbl.named("nosuch")


def test_every_default_list_has_answer_data() -> None:
    for dnsbl in DEFAULT_LISTS:
        assert dnsbl.blocklist.answers, dnsbl.key
        for answer in dnsbl.blocklist.answers:
            assert ipaddress.IPv4Address(answer.code) in ipaddress.IPv4Network("127.0.0.0/8")


def _parse(target: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | str:
    try:
        return ipaddress.ip_address(target)
    except ValueError:
        return target
