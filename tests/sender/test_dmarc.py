"""DMARC: the shared record and alignment vectors, and the findings for zones served on loopback."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.sender.dmarc import (
    Alignment,
    Discovered,
    DmarcError,
    DmarcRecord,
    Policy,
    ReportUri,
    discover_dmarc,
    dmarc_findings,
    is_aligned,
    organizational_domain,
    parse_dmarc,
    walk_dmarc,
)
from bouncekit.sender.model import Finding, Status
from tests.support.corpus import SHARED, require_shared
from tests.support.dns_server import ZoneServer

VECTORS_FILE = SHARED / "testdata" / "dmarc" / "record-vectors.json"
VECTORS: dict[str, Any] = json.loads(VECTORS_FILE.read_text()) if VECTORS_FILE.exists() else {}

# OpenDMARC's own tests expect these records to parse; we follow RFC 7489's grammar (the
# module's docstring says why) and reject them, as the strict RFC 7489 vectors do.
OPENDMARC_IS_LENIENT = {
    # OpenDMARC compares only the first letter of the policy; RFC 7489 6.4 allows the words
    # none / quarantine / reject only, and the strict vectors list this record as invalid.
    "v=DMARC1; p=n;": "p=n is not one of RFC 7489's policy words",
}


def test_the_vectors_are_there() -> None:
    """The vector tests below are made at collection: without the file there are none."""
    require_shared(VECTORS_FILE)


def _vector_id(text: str) -> str:
    return text[:60] or "<empty>"


@pytest.mark.parametrize(
    "vector", VECTORS.get("opendmarc_parse", []), ids=lambda v: _vector_id(v["record"])
)
def test_opendmarc_parse_vectors(vector: dict[str, str]) -> None:
    result = parse_dmarc(vector["record"])
    expected_valid = vector["outcome"] == "OKAY"
    if vector["record"] in OPENDMARC_IS_LENIENT:
        assert expected_valid
        assert isinstance(result, DmarcError), OPENDMARC_IS_LENIENT[vector["record"]]
        return
    assert isinstance(result, DmarcRecord) is expected_valid, result


@pytest.mark.parametrize("record", VECTORS.get("strict_rfc7489_valid", []), ids=_vector_id)
def test_strict_rfc7489_valid_vectors(record: str) -> None:
    assert isinstance(parse_dmarc(record), DmarcRecord)


@pytest.mark.parametrize("record", VECTORS.get("strict_rfc7489_invalid", []), ids=_vector_id)
def test_strict_rfc7489_invalid_vectors(record: str) -> None:
    result = parse_dmarc(record)
    assert isinstance(result, DmarcError)
    assert result.message.endswith(".")  # a sentence, not a code


@pytest.mark.parametrize(
    "vector",
    VECTORS.get("opendmarc_alignment", []),
    ids=lambda v: f"{v['domain']}~{v['org']}:{v['mode']}",
)
def test_opendmarc_alignment_vectors(vector: dict[str, Any]) -> None:
    assert is_aligned(vector["domain"], vector["org"], vector["mode"]) is (vector["outcome"] == 0)


# OpenDMARC's error codes, and the words our sentences use for each.
ERROR_WORDS = {
    "ERROR_EMPTY": "empty",
    "ERROR_BAD_VERSION": "version",
    "ERROR_NO_REQUIRED_P": 'no "p" tag',
    "ERROR_BAD_VALUE": "is wrong",
}


@pytest.mark.parametrize(
    "vector",
    [v for v in VECTORS.get("opendmarc_parse", []) if v["outcome"] != "OKAY"],
    ids=lambda v: _vector_id(v["record"]),
)
def test_errors_say_what_is_wrong(vector: dict[str, str]) -> None:
    result = parse_dmarc(vector["record"])
    assert isinstance(result, DmarcError)
    assert ERROR_WORDS[vector["outcome"]] in result.message


def test_every_tag_is_parsed() -> None:
    record = parse_dmarc(
        "v=DMARC1; p=quarantine; sp=reject; np=reject; adkim=s; aspf=r; pct=25; "
        "rua=mailto:agg@example.com!10m, mailto:agg2@example.net; ruf=mailto:fail@example.com; "
        "fo=1:d; rf=afrf; ri=3600; t=y; psd=n"
    )
    assert record == DmarcRecord(
        p=Policy.QUARANTINE,
        sp=Policy.REJECT,
        np=Policy.REJECT,
        adkim=Alignment.STRICT,
        aspf=Alignment.RELAXED,
        pct=25,
        rua=(ReportUri("mailto:agg@example.com", "10m"), ReportUri("mailto:agg2@example.net")),
        ruf=(ReportUri("mailto:fail@example.com"),),
        fo=("1", "d"),
        rf=("afrf",),
        ri=3600,
        t=True,
        psd=False,
        removed_tags=("pct", "rf", "ri"),  # given, though RFC 9989 removed them
    )
    assert record.rua[0].domain == "example.com"
    assert isinstance(record, DmarcRecord)
    assert record.to_text().endswith("ri=3600; t=y; psd=n")
    again = parse_dmarc(record.to_text())
    assert isinstance(again, DmarcRecord)
    assert (again.t, again.psd) == (True, False)


@pytest.mark.parametrize(
    ("text", "t", "psd", "ignored"),
    [
        ("v=DMARC1; p=reject; t=Y; psd=u", True, None, ()),
        ("v=DMARC1; p=reject; t=n; psd=y", False, True, ()),
        # A value RFC 9989 does not define: RFC 7489 receivers ignore the tag, so do we.
        ("v=DMARC1; p=reject; t=maybe; psd=1", False, None, ("t", "psd")),
    ],
)
def test_rfc_9989_tags_are_read_and_bad_values_ignored(
    text: str, t: bool, psd: bool | None, ignored: tuple[str, ...]
) -> None:
    record = parse_dmarc(text)
    assert isinstance(record, DmarcRecord)
    assert (record.t, record.psd, record.ignored_tags) == (t, psd, ignored)


def test_inherited_policies_and_defaults() -> None:
    record = parse_dmarc("v=DMARC1; p=reject")
    assert isinstance(record, DmarcRecord)
    assert (record.subdomain_policy, record.nonexistent_policy) == (Policy.REJECT, Policy.REJECT)
    assert (record.adkim, record.aspf, record.pct, record.ri) == ("r", "r", 100, 86400)
    with_sp = parse_dmarc("v=DMARC1; p=reject; sp=none")
    assert isinstance(with_sp, DmarcRecord)
    assert with_sp.nonexistent_policy is Policy.NONE


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("v=dmarc1; p=none", '"dmarc1"; it must be exactly "DMARC1"'),
        ("v=DMARC1; p=none; pct=-1", '"-1" is not a percentage'),
        ("v=DMARC1; p=none; fo=2", '"2" is not a failure-reporting option'),
        ("v=DMARC1; p=none; rua=", '"" is not a URI'),
        ("v=DMARC1; p=none; rua=mailto:a@example.com!10x", '"!10x" is not a size limit'),
        ("v=DMARC1; p=none; junk", '"junk" is not a tag'),
    ],
)
def test_more_errors(text: str, words: str) -> None:
    result = parse_dmarc(text)
    assert isinstance(result, DmarcError)
    assert words in result.message


def test_canonical_text_round_trips() -> None:
    text = "v=DMARC1; p=reject; sp=quarantine; adkim=s; pct=50; rua=mailto:a@example.com!5m"
    record = parse_dmarc(text)
    assert isinstance(record, DmarcRecord)
    assert record.to_text() == text
    assert parse_dmarc(record.to_text()) == record
    assert record.to_text(sp=None, pct=100) == (
        "v=DMARC1; p=reject; adkim=s; rua=mailto:a@example.com!5m"
    )


@pytest.mark.parametrize(
    ("domain", "organizational"),
    [
        ("example.com", "example.com"),
        ("mail.example.com", "example.com"),
        ("a.b.example.co.uk", "example.co.uk"),
        ("Mail.Example.COM.", "example.com"),
        ("co.uk", "co.uk"),  # a public suffix is its own
        ("user.github.io", "user.github.io"),  # the private section of the list counts
    ],
)
def test_organizational_domain_from_the_packaged_list(domain: str, organizational: str) -> None:
    assert organizational_domain(domain) == organizational


def test_strict_and_relaxed_alignment() -> None:
    assert is_aligned("mail.example.com", "example.com", Alignment.RELAXED)
    assert not is_aligned("mail.example.com", "example.com", Alignment.STRICT)
    assert not is_aligned("example.co.uk", "other.co.uk", "r")
    assert is_aligned("Example.com", "example.com.", "s")


# -- findings against a real DNS server ----------------------------------------------------

LONG_RUA = ",".join(f"mailto:dmarc-{n}@long.test" for n in range(12))  # over 255 bytes

ZONE = f"""
_dmarc.good.test.      300 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@good.test"
_dmarc.good.test.      300 IN TXT "google-site-verification=abc"
good.test.             300 IN A 127.0.0.1
_dmarc.monitor.test.   300 IN TXT "v=DMARC1; p=none; pct=50"
_dmarc.several.test.   300 IN TXT "v=DMARC1; p=none"
_dmarc.several.test.   300 IN TXT "v=DMARC1; p=reject"
_dmarc.broken.test.    300 IN TXT "v=DMARC1; p=bob"
_dmarc.lowercase.test. 300 IN TXT "v=dmarc1; p=reject"
_dmarc.token.test.     300 IN TXT "some-verification=xyz"
_dmarc.parent.test.    300 IN TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@parent.test"
_dmarc.weak.test.      300 IN TXT "v=DMARC1; p=reject; sp=none; adkim=s; rua=mailto:r@agency.test"
_dmarc.agreed.test.    300 IN TXT "v=DMARC1; p=quarantine; rua=mailto:r@agency.test,https://x.test"
agreed.test._report._dmarc.agency.test. 300 IN TXT "v=DMARC1"
_dmarc.trial.test.     300 IN TXT "v=DMARC1; p=reject; t=y; rua=mailto:d@trial.test"
_dmarc.old.test.       300 IN TXT "v=DMARC1; p=reject; pct=100; ri=3600; rua=mailto:d@old.test"
_dmarc.registry.test.  300 IN TXT "v=DMARC1; p=reject; psd=y; rua=mailto:d@registry.test"
_dmarc.org.test.       300 IN TXT "v=DMARC1; p=reject; psd=n; rua=mailto:d@org.test"
_dmarc.co.uk.          300 IN TXT "v=DMARC1; p=reject; psd=y; rua=mailto:d@co.uk"
_dmarc.walk.test.      300 IN TXT "v=DMARC1; p=reject; rua=mailto:d@walk.test"
_dmarc.mid.walk.test.  300 IN TXT "v=DMARC1; p=none; rua=mailto:d@walk.test"
_dmarc.long.test.      300 IN TXT "v=DMARC1; p=reject; rua={LONG_RUA}"
"""


@pytest.fixture(scope="module")
def server() -> Iterator[ZoneServer]:
    # One server for the module (stopping one takes half a second); each test gets a fresh
    # resolver, so nothing is cached between tests.
    zone_server = ZoneServer(ZONE, servfail=["_dmarc.flaky.test"]).start()
    yield zone_server
    zone_server.stop()


@pytest.fixture
def dns(server: ZoneServer) -> DnsResolver:
    return DnsResolver(server.address, timeout=2)


def by_check(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        assert finding.area == "dmarc"
        grouped.setdefault(finding.check, []).append(finding)
    return grouped


def statuses(findings: list[Finding]) -> dict[str, list[Status]]:
    return {check: [f.status for f in group] for check, group in by_check(findings).items()}


def test_an_enforced_record_passes_every_check(dns: DnsResolver) -> None:
    findings = dmarc_findings("good.test", resolver=dns)
    assert statuses(findings) == {
        "dmarc.record": [Status.PASS],
        "dmarc.policy": [Status.PASS],
        "dmarc.pct": [Status.PASS],
        "dmarc.reports": [Status.PASS],
        "dmarc.alignment": [Status.PASS],
        "dmarc.subdomain-policy": [Status.PASS],
    }
    assert "rejected" in by_check(findings)["dmarc.policy"][0].summary


def test_a_missing_record_fails_naming_the_rejections_and_a_starter_record(
    dns: DnsResolver,
) -> None:
    (finding,) = dmarc_findings("mail.nothing.test", resolver=dns)
    assert (finding.check, finding.status) == ("dmarc.record", Status.FAIL)
    assert "_dmarc.mail.nothing.test or _dmarc.nothing.test" in finding.summary
    for rejection in ("550 5.7.26", "554 5.7.9", "550 5.7.515"):
        assert rejection in finding.why
    assert "v=DMARC1; p=none; rua=mailto:dmarc-reports@mail.nothing.test" in finding.fix
    assert "_dmarc.mail.nothing.test" in finding.fix


def test_a_txt_record_that_is_not_dmarc_does_not_count(dns: DnsResolver) -> None:
    (finding,) = dmarc_findings("token.test", resolver=dns)
    assert (finding.check, finding.status) == ("dmarc.record", Status.FAIL)


def test_monitoring_only_partial_and_without_reports_warns(dns: DnsResolver) -> None:
    findings = by_check(dmarc_findings("monitor.test", resolver=dns))
    policy, pct, reports = (
        findings["dmarc.policy"][0],
        findings["dmarc.pct"][0],
        findings["dmarc.reports"][0],
    )
    assert policy.status is Status.WARN
    assert "monitoring only" in policy.summary
    assert '"v=DMARC1; p=quarantine; pct=50"' in policy.fix
    assert pct.status is Status.WARN
    assert "pct=50" in pct.summary
    assert '"v=DMARC1; p=none" at _dmarc.monitor.test' in pct.fix
    assert reports.status is Status.WARN
    assert "rua=mailto:dmarc-reports@monitor.test" in reports.fix


def test_several_records_fail(dns: DnsResolver) -> None:
    (finding,) = dmarc_findings("several.test", resolver=dns)
    assert (finding.check, finding.status) == ("dmarc.record", Status.FAIL)
    assert "2 DMARC records" in finding.summary
    assert "5.7.26" in finding.why


@pytest.mark.parametrize(
    ("domain", "words"),
    [("broken.test", '"bob" is not a policy'), ("lowercase.test", 'exactly "DMARC1"')],
)
def test_an_invalid_record_is_a_syntax_failure(dns: DnsResolver, domain: str, words: str) -> None:
    (finding,) = dmarc_findings(domain, resolver=dns)
    assert (finding.check, finding.status) == ("dmarc.syntax", Status.FAIL)
    assert words in finding.summary
    assert "no DMARC" in finding.why
    assert f"rua=mailto:dmarc-reports@{domain}" in finding.fix


def test_a_subdomain_gets_the_organisational_domains_sp(dns: DnsResolver) -> None:
    found = discover_dmarc("shop.eu.parent.test", resolver=dns)
    assert found.state is Discovered.FOUND
    assert (found.policy_domain, found.inherited) == ("parent.test", True)
    findings = by_check(dmarc_findings("shop.eu.parent.test", resolver=dns))
    assert "record of its organisational domain" in findings["dmarc.record"][0].summary
    policy = findings["dmarc.policy"][0]
    assert policy.status is Status.PASS
    assert "sp=quarantine" in policy.summary


def test_weak_subdomain_policy_strict_alignment_and_unauthorised_reports(
    dns: DnsResolver,
) -> None:
    findings = by_check(dmarc_findings("weak.test", resolver=dns))
    subdomain = findings["dmarc.subdomain-policy"][0]
    assert subdomain.status is Status.WARN
    assert "sp=none" in subdomain.summary
    assert '"v=DMARC1; p=reject; adkim=s; rua=mailto:r@agency.test"' in subdomain.fix
    assert "DKIM alignment is strict, SPF alignment is relaxed" in (
        findings["dmarc.alignment"][0].summary
    )
    reports = [f.status for f in findings["dmarc.reports"]]
    assert reports == [Status.PASS, Status.WARN]
    assert "weak.test._report._dmarc.agency.test" in findings["dmarc.reports"][1].summary


def test_an_authorised_external_destination_passes_and_a_non_mailto_uri_warns(
    dns: DnsResolver,
) -> None:
    reports = by_check(dmarc_findings("agreed.test", resolver=dns))["dmarc.reports"]
    assert [f.status for f in reports] == [Status.PASS, Status.WARN]
    assert "https://x.test" in reports[1].summary


def test_a_record_longer_than_one_txt_string_is_joined(dns: DnsResolver) -> None:
    findings = by_check(dmarc_findings("long.test", resolver=dns))
    assert findings["dmarc.record"][0].status is Status.PASS
    assert "mailto:dmarc-11@long.test" in findings["dmarc.reports"][0].summary


def test_a_failing_lookup_is_unknown(dns: DnsResolver) -> None:
    (finding,) = dmarc_findings("flaky.test", resolver=dns)
    assert (finding.check, finding.status) == ("dmarc.record", Status.UNKNOWN)
    assert "Could not look up" in finding.summary


def test_each_name_is_asked_once(dns_zone: Callable[..., ZoneServer]) -> None:
    server = dns_zone(ZONE)
    resolver = DnsResolver(server.address, timeout=2)
    dmarc_findings("a.b.nothing.test", resolver=resolver)
    dmarc_findings("a.b.nothing.test", resolver=resolver)
    assert server.resolver.queries == [
        ("_dmarc.a.b.nothing.test", "TXT"),
        ("_dmarc.nothing.test", "TXT"),
        # RFC 9989's tree walk, for the names RFC 7489's discovery did not ask
        ("_dmarc.b.nothing.test", "TXT"),
        ("_dmarc.test", "TXT"),
    ]


def test_a_testing_flag_warns_what_each_kind_of_receiver_does(dns: DnsResolver) -> None:
    findings = by_check(dmarc_findings("trial.test", resolver=dns))
    policy = findings["dmarc.policy"][0]
    assert policy.status is Status.WARN
    assert "t=y" in policy.summary
    assert "RFC 9989" in policy.summary
    assert "RFC 7489 ignore t" in policy.summary
    assert '"v=DMARC1; p=reject; rua=mailto:d@trial.test" at _dmarc.trial.test' in policy.fix


def test_tags_rfc_9989_removed_are_named(dns: DnsResolver) -> None:
    findings = by_check(dmarc_findings("old.test", resolver=dns))
    record = findings["dmarc.record"][0]
    assert record.status is Status.PASS
    assert "RFC 9989 removed pct, ri" in record.summary
    assert findings["dmarc.pct"][0].status is Status.PASS


@pytest.mark.parametrize(
    ("domain", "status", "words"),
    [
        ("registry.test", Status.WARN, "an ordinary registered domain"),
        ("co.uk", Status.PASS, "is a public suffix"),
        ("org.test", Status.PASS, "declares itself an organisational domain"),
    ],
)
def test_psd_is_checked_against_the_public_suffix_list(
    dns: DnsResolver, domain: str, status: Status, words: str
) -> None:
    (finding,) = by_check(dmarc_findings(domain, resolver=dns))["dmarc.psd"]
    assert finding.status is status
    assert words in finding.summary
    if status is Status.WARN:
        assert f"news.{domain} no longer aligns" in finding.why
        assert f'"v=DMARC1; p=reject; rua=mailto:d@{domain}" at _dmarc.{domain}' in finding.fix


def test_no_psd_finding_without_the_tag(dns: DnsResolver) -> None:
    assert "dmarc.psd" not in by_check(dmarc_findings("good.test", resolver=dns))


def test_rfc_9989_receivers_walking_the_tree_find_another_record(dns: DnsResolver) -> None:
    # a.mid.walk.test has no record: RFC 7489 goes to the organisational domain (walk.test,
    # p=reject), RFC 9989 walks up and stops at mid.walk.test (p=none).
    walked = walk_dmarc("a.mid.walk.test", resolver=dns)
    assert (walked.state, walked.policy_domain) == (Discovered.FOUND, "mid.walk.test")
    findings = by_check(dmarc_findings("a.mid.walk.test", resolver=dns))
    (discovery,) = findings["dmarc.discovery"]
    assert discovery.status is Status.WARN
    assert "follow RFC 9989 walk up the DNS tree and apply the record at _dmarc.mid.walk.test" in (
        discovery.summary
    )
    assert "_dmarc.walk.test, the organisational domain's" in discovery.summary
    assert "at _dmarc.a.mid.walk.test itself" in discovery.fix
    assert findings["dmarc.policy"][0].summary.endswith("rejected.")  # RFC 7489's reading


@pytest.mark.parametrize("domain", ["good.test", "shop.good.test", "mid.walk.test"])
def test_no_discovery_finding_where_both_find_the_same_record(
    dns: DnsResolver, domain: str
) -> None:
    assert "dmarc.discovery" not in by_check(dmarc_findings(domain, resolver=dns))


def test_the_tree_walk_asks_eight_names_at_most(dns_zone: Callable[..., ZoneServer]) -> None:
    server = dns_zone("")
    walked = walk_dmarc(
        "a.b.c.d.e.f.g.h.i.j.example.test", resolver=DnsResolver(server.address, timeout=2)
    )
    assert walked.state is Discovered.MISSING
    assert [name for name, _ in server.resolver.queries] == [
        "_dmarc.a.b.c.d.e.f.g.h.i.j.example.test",  # the author domain, then its last 7 labels
        "_dmarc.f.g.h.i.j.example.test",
        "_dmarc.g.h.i.j.example.test",
        "_dmarc.h.i.j.example.test",
        "_dmarc.i.j.example.test",
        "_dmarc.j.example.test",
        "_dmarc.example.test",
        "_dmarc.test",
    ]
