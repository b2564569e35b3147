"""The bulk-sender requirements, judged from findings (pure: no DNS)."""

from __future__ import annotations

import pytest

from bouncekit.sender.model import Area, Finding, Status
from bouncekit.sender.requirements import BULK_SENDER_POLICIES, REQUIREMENTS, requirement_findings

DOMAIN = "example.test"
IP = "192.0.2.25"
GMAIL_URL = "https://support.google.com/a/answer/81126"
YAHOO_URL = "https://senders.yahooinc.com/best-practices/"
MICROSOFT_URL = "https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/"


def f(check: str, status: Status, summary: str = "", fix: str = "") -> Finding:
    return Finding(Area(check.split(".")[0]), check, status, summary or check, fix=fix)


GOOD = [
    f("spf.record", Status.PASS),
    f("spf.lookup-limit", Status.PASS),
    f(f"spf.ip.{IP}", Status.PASS),
    f("dkim.key", Status.PASS, "Selector s1: RSA 2048 bits."),
    f("dmarc.record", Status.PASS),
    f("dmarc.policy", Status.WARN, "The policy is p=none."),
    f("ptr.present", Status.PASS),
    f("ptr.forward-confirmed", Status.PASS),
]


def judge(findings: list[Finding], ips: tuple[str, ...] = (IP,)) -> dict[str, Finding]:
    result = requirement_findings(DOMAIN, findings, ips=ips)
    assert all(r.area == "requirements" for r in result)
    return {r.check.removeprefix("requirements."): r for r in result}


def statuses(judged: dict[str, Finding]) -> dict[str, Status]:
    return {key: finding.status for key, finding in judged.items()}


def replaced(check: str, finding: Finding) -> list[Finding]:
    return [finding if g.check == check else g for g in GOOD]


def test_a_good_setup_meets_what_dns_can_show_and_asks_for_the_rest() -> None:
    judged = judge(GOOD)
    assert statuses(judged) == {
        "spf": Status.PASS,
        "dkim": Status.PASS,
        "dmarc": Status.PASS,
        "alignment": Status.PASS,
        "ptr": Status.PASS,
        "tls": Status.NEEDS_INPUT,
        "unsubscribe": Status.NEEDS_INPUT,
        "spam-rate": Status.NEEDS_INPUT,
        "gmail": Status.NEEDS_INPUT,
        "yahoo": Status.NEEDS_INPUT,
        "microsoft": Status.PASS,
    }
    assert "p=none" in judged["dmarc"].summary
    assert "RFC 8058" in judged["unsubscribe"].summary
    assert "Postmaster Tools" in judged["spam-rate"].summary
    assert "0.3%" in judged["spam-rate"].summary
    assert "need input: tls, unsubscribe, spam-rate" in judged["gmail"].summary
    assert "met: spf, dkim, dmarc, alignment, ptr" in judged["gmail"].summary


def test_each_requirement_names_its_providers_and_their_documentation() -> None:
    judged = judge([])
    for requirement in REQUIREMENTS:
        finding = judged[requirement.key]
        for provider in requirement.required_by:
            assert provider.name in finding.summary
            assert provider.url in finding.fix
    for provider in BULK_SENDER_POLICIES:
        assert provider.url in judged[provider.key].fix
    assert GMAIL_URL in judged["gmail"].fix
    assert YAHOO_URL in judged["yahoo"].fix
    assert judged["microsoft"].fix.endswith("/4399730")
    assert MICROSOFT_URL in judged["microsoft"].fix


def test_without_ips_spf_and_ptr_need_input() -> None:
    judged = judge([g for g in GOOD if not g.check.startswith(("spf.ip.", "ptr."))], ips=())
    assert judged["spf"].status is Status.NEEDS_INPUT
    assert "--ip" in judged["spf"].summary
    assert judged["ptr"].status is Status.NEEDS_INPUT
    assert judged["alignment"].status is Status.PASS  # through the DKIM key


@pytest.mark.parametrize("status", [Status.FAIL, Status.WARN])
def test_spf_not_passing_for_an_ip_fails(status: Status) -> None:
    bad = f(f"spf.ip.{IP}", status, f"SPF for {IP} is fail.", fix=f"ip4:{IP}")
    judged = judge(replaced(f"spf.ip.{IP}", bad))
    assert judged["spf"].status is Status.FAIL
    assert f"ip4:{IP}" in judged["spf"].fix
    assert "5.7.26" in judged["spf"].why
    assert "5.7.515" in judged["spf"].why
    assert judged["alignment"].status is Status.PASS  # DKIM still aligns
    assert judged["microsoft"].status is Status.FAIL


def test_no_spf_record_fails() -> None:
    judged = judge([f("spf.record", Status.FAIL, fix="v=spf1 ...")])
    assert judged["spf"].status is Status.FAIL


def test_a_1024_bit_key_warns() -> None:
    key = f("dkim.key", Status.WARN, "Selector s1: RSA 1024 bits.", fix="openssl genrsa 2048")
    judged = judge(replaced("dkim.key", key))
    assert judged["dkim"].status is Status.WARN
    assert "2048" in judged["dkim"].summary
    assert "openssl genrsa 2048" in judged["dkim"].fix
    assert judged["alignment"].status is Status.PASS


def test_a_key_not_found_under_common_selectors_needs_the_selector() -> None:
    judged = judge(replaced("dkim.key", f("dkim.selector", Status.UNKNOWN)))
    assert judged["dkim"].status is Status.NEEDS_INPUT
    assert "--selector" in judged["dkim"].summary


def test_a_missing_selector_fails() -> None:
    judged = judge(replaced("dkim.key", f("dkim.selector", Status.FAIL)))
    assert judged["dkim"].status is Status.FAIL


def test_no_dmarc_fails_everywhere() -> None:
    dmarc = f("dmarc.record", Status.FAIL, fix='"v=DMARC1; p=none; rua=..."')
    judged = judge([g for g in replaced("dmarc.record", dmarc) if g.check != "dmarc.policy"])
    assert judged["dmarc"].status is Status.FAIL
    assert "v=DMARC1; p=none" in judged["dmarc"].fix
    assert {judged[p.key].status for p in BULK_SENDER_POLICIES} == {Status.FAIL}
    assert "not met: dmarc" in judged["microsoft"].summary


def test_nothing_aligned_fails() -> None:
    findings = replaced(f"spf.ip.{IP}", f(f"spf.ip.{IP}", Status.FAIL))
    findings = [g for g in findings if g.check != "dkim.key"] + [f("dkim.key", Status.FAIL)]
    judged = judge(findings)
    assert judged["alignment"].status is Status.FAIL
    assert "fails DMARC" in judged["alignment"].summary


def test_reverse_dns_not_confirmed_fails_gmail_and_yahoo_only() -> None:
    bad = f("ptr.forward-confirmed", Status.FAIL, "not forward-confirmed", fix="publish A")
    judged = judge(replaced("ptr.forward-confirmed", bad))
    assert judged["ptr"].status is Status.FAIL
    assert "5.7.25" in judged["ptr"].why
    assert judged["gmail"].status is Status.FAIL
    assert judged["yahoo"].status is Status.FAIL
    assert judged["microsoft"].status is Status.PASS


def test_starttls_results_are_mentioned_for_tls() -> None:
    judged = judge([*GOOD, f("tls.starttls.mx1.example.test", Status.PASS)])
    assert judged["tls"].status is Status.NEEDS_INPUT
    assert "1 of 1 offer STARTTLS" in judged["tls"].summary
