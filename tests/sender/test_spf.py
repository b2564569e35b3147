"""SPF: parsing, check_host() details and the check-sender findings, against zones served on
loopback by a real DNS server."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.sender.model import Finding, Status
from bouncekit.sender.spf import (
    Qualifier,
    Result,
    SpfSyntaxError,
    check_host,
    parse_record,
    spf_findings,
)
from tests.support.dns_server import ZoneServer

ZoneStarter = Callable[..., ZoneServer]


# --- parsing ----------------------------------------------------------------------------


def test_parse_record_reads_terms_and_modifiers() -> None:
    record = parse_record("V=SPF1 a/24//64 -MX:mail.example.test ip4:192.0.2.0/24 ~all exp=x.test")
    kinds = [(d.qualifier, d.mechanism) for d in record.directives]
    assert kinds == [
        (Qualifier.PASS, "a"),
        (Qualifier.FAIL, "mx"),
        (Qualifier.PASS, "ip4"),
        (Qualifier.SOFTFAIL, "all"),
    ]
    assert (record.directives[0].cidr4, record.directives[0].cidr6) == (24, 64)
    assert record.directives[1].domain_spec == "mail.example.test"
    assert record.exp == "x.test"
    assert record.redirect is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("v=spf1 ip4:192.0.2.1/33", "prefix length"),
        ("v=spf1 a:example", "top-level label"),
        ("v=spf1 include", "needs ':domain'"),
        ("v=spf1 exists:%{x}.example.test", "macro letter"),
        ("v=spf1 redirect=a.test redirect=b.test", "more than once"),
        ("v=spf1 mx\tall", "printable ASCII"),
        ("v=spf1 foo", "not an SPF mechanism"),
    ],
)
def test_syntax_errors_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(SpfSyntaxError, match=words):
        parse_record(text)


# --- check_host details that the suite does not pin ---------------------------------------

ZONE = """
example.test.        300 IN TXT "v=spf1 ip4:192.0.2.10 include:_spf.provider.test mx -all"
example.test.        300 IN MX  10 mx.example.test.
mx.example.test.     300 IN A   192.0.2.20
_spf.provider.test.  300 IN TXT "v=spf1 ip4:198.51.100.0/24 ~all"
slowinc.test.        300 IN TXT "v=spf1 include:slow.test -all"
macro.test.          300 IN TXT "v=spf1 exists:%{ir}.%{lr-}.bl.test -all exp=why.macro.test"
why.macro.test.      300 IN TXT "%{c} may not send for %{d} as %{L} at %{t}"
2.2.0.192.anne.x.bl.test. 300 IN A 127.0.0.2
"""


@pytest.fixture
def dns(dns_zone: ZoneStarter) -> DnsResolver:
    server = dns_zone(ZONE, hang=["slow.test"])
    return DnsResolver(server.address, timeout=0.3)


def test_pass_names_the_deciding_mechanism_and_counts_lookups(dns: DnsResolver) -> None:
    result = check_host("198.51.100.7", "example.test", "a@example.test", resolver=dns)
    assert result.result is Result.PASS
    assert result.mechanism == "include:_spf.provider.test"
    assert (result.lookups, result.void_lookups) == (1, 0)
    mx = check_host("192.0.2.20", "example.test", "a@example.test", resolver=dns)
    assert (mx.result, mx.mechanism, mx.lookups) == (Result.PASS, "mx", 2)


def test_fail_carries_the_default_explanation(dns: DnsResolver) -> None:
    result = check_host("203.0.113.5", "example.test", "a@example.test", resolver=dns)
    assert (result.result, result.mechanism) == (Result.FAIL, "-all")
    assert "does not authorise" in result.explanation


def test_macros_and_exp_expand(dns: DnsResolver) -> None:
    ok = check_host("192.0.2.2", "macro.test", "x-anne@macro.test", resolver=dns)
    assert ok.result is Result.PASS
    denied = check_host(
        "192.0.2.3", "macro.test", "a b@macro.test", resolver=dns, timestamp=1700000000
    )
    assert denied.result is Result.FAIL
    assert denied.explanation == "192.0.2.3 may not send for macro.test as a%20b at 1700000000"


def test_a_dns_timeout_is_temperror_not_an_exception(dns: DnsResolver) -> None:
    result = check_host("192.0.2.1", "slowinc.test", "a@slowinc.test", resolver=dns)
    assert result.result is Result.TEMPERROR
    assert result.mechanism == "include:slow.test"
    assert "0.3 s" in result.detail


def test_no_record_is_none(dns: DnsResolver) -> None:
    result = check_host("192.0.2.1", "mx.example.test", "a@mx.example.test", resolver=dns)
    assert result.result is Result.NONE


# --- findings for check-sender --------------------------------------------------------------

FINDINGS_ZONE = (
    """
good.test.       300 IN TXT "v=spf1 ip4:192.0.2.10 mx -all"
good.test.       300 IN MX 10 mx.good.test.
mx.good.test.    300 IN A 192.0.2.11
open.test.       300 IN TXT "v=spf1 a +all"
open.test.       300 IN A 192.0.2.1
neutral.test.    300 IN TXT "v=spf1 ip4:192.0.2.10 ?all"
noall.test.      300 IN TXT "v=spf1 ip4:192.0.2.10"
ptr.test.        300 IN TXT "v=spf1 ptr -all"
two.test.        300 IN TXT "v=spf1 -all"
two.test.        300 IN TXT "v=spf1 ip4:192.0.2.10 -all"
bad.test.        300 IN TXT "v=spf1 ip4:192.0.2.300 -all"
none.test.       300 IN TXT "google-site-verification=abc"
near.test.       300 IN TXT "v=spf1 {includes} -all"
over.test.       300 IN TXT "v=spf1 include:near.test a mx ip4:192.0.2.10 -all"
over.test.       300 IN A 192.0.2.99
over.test.       300 IN MX 10 over.test.
voids.test.      300 IN TXT "v=spf1 a:gone1.test a:gone2.test a:gone3.test ip4:192.0.2.10 -all"
onevoid.test.    300 IN TXT "v=spf1 a:gone1.test ip4:192.0.2.10 -all"
broken.test.     300 IN TXT "v=spf1 include:missing.test -all"
soft.test.       300 IN TXT "v=spf1 ip4:192.0.2.10 ~all"
""".replace("{includes}", " ".join(f"include:n{i}.test" for i in range(1, 9)))
    + "".join(f'n{i}.test. 300 IN TXT "v=spf1 ip4:198.51.100.{i} -all"\n' for i in range(1, 9))
)


@pytest.fixture
def checks(dns_zone: ZoneStarter) -> DnsResolver:
    server = dns_zone(FINDINGS_ZONE, servfail=["dead.test"])
    return DnsResolver(server.address, timeout=1.0)


def by_check(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.check: finding for finding in findings}


def test_a_good_record_passes_every_check(checks: DnsResolver) -> None:
    found = by_check(spf_findings("good.test", ["192.0.2.10", "192.0.2.11"], resolver=checks))
    assert {f.status for f in found.values()} == {Status.PASS}
    assert "'ip4:192.0.2.10'" in found["spf.ip.192.0.2.10"].summary
    assert "'mx'" in found["spf.ip.192.0.2.11"].summary
    assert found["spf.lookup-limit"].summary.startswith("1 DNS-querying term")


def test_an_ip_that_fails_gets_the_rejections_and_the_record_with_it_added(
    checks: DnsResolver,
) -> None:
    found = by_check(spf_findings("good.test", ["203.0.113.9"], resolver=checks))
    finding = found["spf.ip.203.0.113.9"]
    assert finding.status is Status.FAIL
    assert "'-all'" in finding.summary
    for code in ("5.7.27", "5.7.26", "5.7.515", "5.7.9"):
        assert code in finding.why
    assert 'TXT "v=spf1 ip4:192.0.2.10 mx ip4:203.0.113.9 -all"' in finding.fix


def test_softfail_for_an_ip_is_a_warning(checks: DnsResolver) -> None:
    finding = by_check(spf_findings("soft.test", ["2001:db8::5"], resolver=checks))[
        "spf.ip.2001:db8::5"
    ]
    assert finding.status is Status.WARN
    assert "ip6:2001:db8::5 ~all" in finding.fix


def test_no_record_fails_with_a_starter_record(checks: DnsResolver) -> None:
    (finding,) = spf_findings("none.test", ["192.0.2.7"], resolver=checks)
    assert (finding.check, finding.status) == ("spf.record", Status.FAIL)
    assert '"v=spf1 mx ip4:192.0.2.7 -all"' in finding.fix
    (bare,) = spf_findings("nothing-here.test", [], resolver=checks)
    assert '"v=spf1 mx -all"' in bare.fix


def test_two_records_fail(checks: DnsResolver) -> None:
    (finding,) = spf_findings("two.test", [], resolver=checks)
    assert finding.status is Status.FAIL
    assert "2 SPF records" in finding.summary
    assert "Merge" in finding.fix


def test_a_syntax_error_fails(checks: DnsResolver) -> None:
    (finding,) = spf_findings("bad.test", [], resolver=checks)
    assert finding.status is Status.FAIL
    assert "192.0.2.300" in finding.summary


def test_plus_all_fails_and_question_all_and_no_all_warn(checks: DnsResolver) -> None:
    open_all = by_check(spf_findings("open.test", [], resolver=checks))["spf.all"]
    assert open_all.status is Status.FAIL
    assert open_all.fix.endswith("v=spf1 a -all")
    neutral = by_check(spf_findings("neutral.test", [], resolver=checks))["spf.all"]
    assert neutral.status is Status.WARN
    assert neutral.fix.endswith("v=spf1 ip4:192.0.2.10 -all")
    missing = by_check(spf_findings("noall.test", [], resolver=checks))["spf.all"]
    assert missing.status is Status.WARN
    assert "no 'all'" in missing.summary


def test_ptr_is_flagged_as_deprecated(checks: DnsResolver) -> None:
    finding = by_check(spf_findings("ptr.test", [], resolver=checks))["spf.ptr"]
    assert finding.status is Status.WARN
    assert "5.5" in finding.summary


def test_lookup_count_over_the_tree_warns_near_and_fails_over_the_limit(
    checks: DnsResolver,
) -> None:
    near = by_check(spf_findings("near.test", [], resolver=checks))["spf.lookup-limit"]
    assert near.status is Status.WARN
    assert near.summary.startswith("8 DNS-querying terms")
    over = by_check(spf_findings("over.test", ["192.0.2.10"], resolver=checks))
    assert over["spf.lookup-limit"].status is Status.FAIL
    assert over["spf.lookup-limit"].summary.startswith("11 DNS-querying terms")
    # check_host stops at the 11th term: the IP listed after it never passes.
    assert over["spf.ip.192.0.2.10"].status is Status.FAIL
    assert "permerror" in over["spf.ip.192.0.2.10"].summary


def test_void_lookups_warn_then_fail(checks: DnsResolver) -> None:
    one = by_check(spf_findings("onevoid.test", [], resolver=checks))["spf.void-lookups"]
    assert one.status is Status.WARN
    three = by_check(spf_findings("voids.test", ["192.0.2.10"], resolver=checks))
    assert three["spf.void-lookups"].status is Status.FAIL
    assert three["spf.ip.192.0.2.10"].status is Status.FAIL
    assert "permerror" in three["spf.ip.192.0.2.10"].summary


def test_a_broken_include_fails_the_tree(checks: DnsResolver) -> None:
    found = by_check(spf_findings("broken.test", ["192.0.2.1"], resolver=checks))
    assert found["spf.tree"].status is Status.FAIL
    assert "missing.test" in found["spf.tree"].summary
    assert "include:missing.test" in found["spf.ip.192.0.2.1"].summary


def test_a_dns_failure_is_unknown(checks: DnsResolver) -> None:
    (finding,) = spf_findings("dead.test", ["192.0.2.1"], resolver=checks)
    assert finding.status is Status.UNKNOWN


def test_findings_serialise(checks: DnsResolver) -> None:
    for finding in spf_findings("good.test", ["203.0.113.9"], resolver=checks):
        assert finding.to_dict()["area"] == "spf"
