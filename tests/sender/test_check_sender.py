"""check-sender end to end: every check against zones served by a real DNS server on loopback,
the report on a deliberately broken domain, the JSON and the terminal output of the command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bouncekit.errors import InputError
from bouncekit.resolver import DnsResolver
from bouncekit.sender.check import SenderReport, check_sender
from bouncekit.sender.model import FINDING_STATUSES, Area, Finding, Status
from tests.support.certificates import self_signed_context
from tests.support.corpus import SHARED, require_shared
from tests.support.dns_server import ZoneServer
from tests.support.smtp_peers import Peer, Script, free_port, start_peer

Start = Callable[..., ZoneServer]
KEY_1024 = SHARED / "testdata" / "dkim" / "1024_testkey_wo_markers.pub.txt"
KEY_2048 = SHARED / "testdata" / "dkim" / "2048_testkey_wo_markers.pub.txt"
IP = "203.0.113.9"
OTHER_IP = "192.0.2.1"
BROKEN = "broken.test"


def dkim_record(path: Path) -> str:
    return require_shared(path).read_text().strip()


def broken_zone() -> str:
    """SPF missing the sending IP, a 1024-bit DKIM key, no DMARC, no PTR for the IP, and the
    IP listed in Spamhaus ZEN as XBL (127.0.0.4)."""
    return f"""
{BROKEN}.                    300 IN MX  10 mx1.{BROKEN}.
mx1.{BROKEN}.                300 IN A   {OTHER_IP}
{BROKEN}.                    300 IN A   {OTHER_IP}
{BROKEN}.                    300 IN TXT "v=spf1 ip4:{OTHER_IP} -all"
s1._domainkey.{BROKEN}.      300 IN TXT "{dkim_record(KEY_1024)}"
9.113.0.203.zen.spamhaus.org. 300 IN A  127.0.0.4
9.113.0.203.zen.spamhaus.org. 300 IN TXT "https://check.spamhaus.org/query/ip/{IP}"
"""


def good_zone() -> str:
    return f"""
good.test.                    300 IN MX  10 mx1.good.test.
mx1.good.test.                300 IN A   {IP}
good.test.                    300 IN TXT "v=spf1 mx ip4:{IP} -all"
s1._domainkey.good.test.      300 IN TXT "{dkim_record(KEY_2048)}"
_dmarc.good.test.             300 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@good.test"
9.113.0.203.in-addr.arpa.     300 IN PTR mx1.good.test.
_mta-sts.good.test.           300 IN TXT "v=STSv1; id=1"
_smtp._tls.good.test.         300 IN TXT "v=TLSRPTv1; rua=mailto:tls@good.test"
"""


@pytest.fixture
def broken(dns_zone: Start) -> ZoneServer:
    return dns_zone(broken_zone())


def run_broken(server: ZoneServer) -> SenderReport:
    return check_sender(
        BROKEN, ips=[IP], selectors=["s1"], resolver=DnsResolver(server.address, timeout=2.0)
    )


def by_check(report: SenderReport) -> dict[str, Finding]:
    found: dict[str, Finding] = {}
    for finding in report.findings:
        found.setdefault(finding.check, finding)
    return found


def test_the_broken_domain_names_each_problem_and_its_fix(broken: ZoneServer) -> None:
    report = run_broken(broken)
    found = by_check(report)

    spf = found[f"spf.ip.{IP}"]
    assert spf.status is Status.FAIL
    assert f"ip4:{IP}" in spf.fix
    assert f'"v=spf1 ip4:{OTHER_IP} ip4:{IP} -all"' in spf.fix
    assert "5.7.26" in spf.why or "5.7.27" in spf.why

    dkim = found["dkim.key"]
    assert dkim.status is Status.WARN
    assert "1024" in dkim.summary
    assert "openssl genrsa -out dkim.key 2048" in dkim.fix

    dmarc = found["dmarc.record"]
    assert dmarc.status is Status.FAIL
    assert f"_dmarc.{BROKEN}" in dmarc.fix
    assert "v=DMARC1; p=none" in dmarc.fix

    ptr = found["ptr.present"]
    assert ptr.status is Status.FAIL
    assert "9.113.0.203.in-addr.arpa. IN PTR" in ptr.fix

    zen = found["blocklist.spamhaus-zen"]
    assert zen.status is Status.FAIL
    assert "127.0.0.4" in zen.summary
    assert "XBL" in zen.summary
    assert zen.fix
    assert f"Client host [{IP}] blocked using zen.spamhaus.org" in zen.why

    # The requirements follow from those problems.
    assert found["requirements.spf"].status is Status.FAIL
    assert f"ip4:{IP}" in found["requirements.spf"].fix
    assert found["requirements.dkim"].status is Status.WARN
    assert found["requirements.dmarc"].status is Status.FAIL
    assert "v=DMARC1; p=none" in found["requirements.dmarc"].fix
    assert found["requirements.alignment"].status is Status.PASS  # the 1024-bit key aligns
    assert found["requirements.ptr"].status is Status.FAIL
    assert found["requirements.unsubscribe"].status is Status.NEEDS_INPUT
    assert found["requirements.spam-rate"].status is Status.NEEDS_INPUT
    for provider in ("gmail", "yahoo", "microsoft"):
        assert found[f"requirements.{provider}"].status is Status.FAIL

    # What is fine is said to be fine.
    assert found["mx.records"].status is Status.PASS
    assert found["spf.record"].status is Status.PASS
    assert found["blocklist.spamcop"].status is Status.PASS
    assert found["tls.mta-sts"].status is Status.WARN

    # Findings come grouped by area, in the report's order.
    areas = [f.area for f in report.findings]
    assert list(dict.fromkeys(areas)) == [
        "mx", "spf", "dkim", "dmarc", "ptr", "blocklist", "tls", "requirements",
    ]  # fmt: skip
    assert sum(report.counts.values()) == len(report.findings)
    assert report.counts["fail"] == sum(f.status is Status.FAIL for f in report.findings)


def test_every_dns_name_is_asked_once_per_run(broken: ZoneServer) -> None:
    run_broken(broken)
    asked = Counter(broken.resolver.queries)
    assert asked, "the run asked nothing"
    assert [query for query, count in asked.items() if count > 1] == []
    # The MX records are needed by the MX check and the reverse and TLS checks alike.
    assert asked[BROKEN, "MX"] == 1
    assert asked[BROKEN, "TXT"] == 1


def test_to_dict_has_the_documented_shape(broken: ZoneServer) -> None:
    data = run_broken(broken).to_dict()
    assert set(data) == {"domain", "findings", "counts"}
    assert data["domain"] == BROKEN
    # The JSON's words, written out: the statuses a finding can have (not verify's "skipped").
    statuses = {"pass", "warn", "fail", "unknown", "needs-input"}
    assert set(data["counts"]) == statuses
    assert list(data["counts"]) == [s.value for s in FINDING_STATUSES]
    for finding in data["findings"]:
        assert set(finding) == {"area", "check", "status", "summary", "why", "fix"}
        assert finding["status"] in statuses
        assert finding["area"] in {a.value for a in Area}
    json.dumps(data)


def test_a_good_domain_passes_what_the_dns_can_show(dns_zone: Start) -> None:
    server = dns_zone(good_zone())
    report = check_sender(
        "good.test",
        ips=[IP],
        selectors=["s1"],
        helo="mx1.good.test",
        resolver=DnsResolver(server.address, timeout=2.0),
    )
    found = by_check(report)
    bad = [f for f in report.findings if f.status in (Status.FAIL, Status.WARN)]
    assert bad == []
    assert found["requirements.microsoft"].status is Status.PASS
    assert found["requirements.gmail"].status is Status.NEEDS_INPUT
    assert found["ptr.helo"].status is Status.PASS


def test_without_ips_the_domain_is_still_checked(dns_zone: Start) -> None:
    server = dns_zone(good_zone())
    report = check_sender("Good.Test.", resolver=DnsResolver(server.address, timeout=2.0))
    found = by_check(report)
    assert report.domain == "good.test"
    assert not any(f.area == "ptr" for f in report.findings)
    assert found["blocklist.spamhaus-dbl"].status is Status.PASS  # the domain's lists
    assert found["requirements.spf"].status is Status.NEEDS_INPUT
    assert found["dkim.key"].status is Status.PASS  # s1 is among the common selectors


def test_a_dqs_key_redirects_the_spamhaus_queries(dns_zone: Start) -> None:
    zone = "9.113.0.203.abc123.zen.dq.spamhaus.net. 300 IN A 127.0.0.4\n"
    server = dns_zone(zone)
    report = check_sender(
        BROKEN, ips=[IP], dqs_key="abc123", resolver=DnsResolver(server.address, timeout=2.0)
    )
    assert by_check(report)["blocklist.spamhaus-zen"].status is Status.FAIL
    assert ("9.113.0.203.zen.spamhaus.org", "A") not in server.resolver.queries


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("not a domain",), "not a domain name"),
        (("example.test", "999.1.1.1"), "not an IP address"),
    ],
)
def test_bad_input_raises(arguments: tuple[str, ...], message: str) -> None:
    domain, *ips = arguments
    with pytest.raises(InputError, match=message):
        check_sender(domain, ips=ips, resolver=DnsResolver("127.0.0.1:9", timeout=0.1))


def test_active_checks_starttls_on_the_mx_hosts(dns_zone: Start, tmp_path: Path) -> None:
    context = self_signed_context(tmp_path)
    port = free_port()
    peer: Peer = start_peer("127.0.0.71", port, Script(), tls_context=context)
    try:
        server = dns_zone("a.test. 300 IN MX 10 mx1.a.test.\nmx1.a.test. 300 IN A 127.0.0.71\n")
        report = check_sender(
            "a.test",
            resolver=DnsResolver(server.address, timeout=2.0),
            active=True,
            smtp_port=port,
            allow_private=True,
        )
    finally:
        peer.stop()
    starttls = by_check(report)["tls.starttls.mx1.a.test"]
    assert starttls.status is Status.WARN
    assert "mx.example.test" in starttls.summary
    assert "2 of" not in by_check(report)["requirements.tls"].summary


# -- the command -------------------------------------------------------------------------


def run(*arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    environment.pop("BOUNCEKIT_NAMESERVER", None)
    return subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


@pytest.fixture
def broken_server() -> Iterator[ZoneServer]:
    server = ZoneServer(broken_zone()).start()
    yield server
    server.stop()


def test_the_command_prints_json(broken_server: ZoneServer) -> None:
    done = run(
        "--json", "--nameserver", broken_server.address,
        "check-sender", BROKEN, "--ip", IP, "--selector", "s1",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # checks failed
    data = json.loads(done.stdout)
    statuses = {f["check"]: f["status"] for f in data["findings"]}
    assert statuses[f"spf.ip.{IP}"] == "fail"
    assert statuses["dkim.key"] == "warn"
    assert statuses["dmarc.record"] == "fail"
    assert statuses["ptr.present"] == "fail"
    assert statuses["blocklist.spamhaus-zen"] == "fail"
    assert statuses["requirements.unsubscribe"] == "needs-input"
    assert data["counts"]["fail"] >= 5


def test_the_command_groups_findings_by_area_with_why_and_fix(broken_server: ZoneServer) -> None:
    done = run(
        "--nameserver", broken_server.address,
        "check-sender", BROKEN, "--ip", IP, "--selector", "s1",
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # checks failed
    out = done.stdout
    titles = [
        "MX records",
        "SPF",
        "DKIM",
        "DMARC",
        "Reverse DNS",
        "Blocklists",
        "TLS",
        "Bulk-sender",
    ]
    positions = [out.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "fix:" in out
    assert "why:" in out
    assert f"ip4:{IP}" in out
    assert "v=DMARC1; p=none" in out


@pytest.mark.parametrize(
    "arguments",
    [
        ("check-sender", "not a domain"),
        ("check-sender", "example.test", "--ip", "nonsense"),
        ("check-sender", "example.test", "--dqs-key", "bad key!"),
        ("check-sender",),
    ],
)
def test_the_command_exits_2_on_bad_input(arguments: tuple[str, ...]) -> None:
    done = run("--nameserver", "127.0.0.1:9", "--timeout", "0.2", *arguments)
    assert done.returncode == 2, done.stdout + done.stderr


def test_threads_asking_one_name_at_once_send_one_query(dns_zone: Start) -> None:
    from concurrent.futures import ThreadPoolExecutor

    server = dns_zone('slowish.test. 300 IN TXT "v=spf1 -all"\n')
    resolver = DnsResolver(server.address, timeout=2.0)
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda _: resolver.resolve("slowish.test", "TXT"), range(64)))
    assert {answer.records for answer in answers} == {("v=spf1 -all",)}
    assert server.resolver.queries.count(("slowish.test", "TXT")) == 1
