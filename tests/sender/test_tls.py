"""MTA-STS, TLS-RPT and STARTTLS: TXT records from a real DNS server on loopback, the active
checks against an aiosmtpd peer and an HTTPS server on 127.0.0.x, never beyond loopback."""

from __future__ import annotations

import http.server
import ssl
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bouncekit.resolver import DnsResolver
from bouncekit.sender.model import Finding, Status
from bouncekit.sender.tls import (
    MtaStsPolicy,
    mx_matches,
    parse_policy,
    parse_sts_record,
    parse_tlsrpt_record,
    probe_starttls,
    tls_findings,
)
from tests.support.certificates import make_certificate, self_signed_context
from tests.support.dns_server import ZoneServer
from tests.support.smtp_peers import Peer, Script, free_port, start_peer

Start = Callable[..., ZoneServer]
DOMAIN = "example.test"
MX_IP, WEB_IP = "127.0.0.61", "127.0.0.62"


# -- pure parsing --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v=STSv1; id=20240101T000000;", "20240101T000000"),
        ("v=STSv1;id=abc", "abc"),
        ("v=STSv1; id=abc; ext=1", "abc"),
        ("id=abc; v=STSv1", None),  # v first
        ("v=STSv1", None),  # id required
        ("v=STSv1; id=has-dash", None),
        ("v=STSv1; id=" + "a" * 33, None),
        ("v=STSv1; id=a; id=b", None),
        ("v=STSv2; id=a", None),
    ],
)
def test_parse_sts_record(text: str, expected: str | None) -> None:
    assert parse_sts_record(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v=TLSRPTv1; rua=mailto:tls@example.test", ("mailto:tls@example.test",)),
        (
            "v=TLSRPTv1;rua=mailto:a@x.test,https://r.x.test/tls",
            ("mailto:a@x.test", "https://r.x.test/tls"),
        ),
        ("v=TLSRPTv1", "it needs exactly one rua= field"),
        ("rua=mailto:a@x.test; v=TLSRPTv1", "it does not begin with v=TLSRPTv1"),
        ("v=TLSRPTv1; rua=http://x.test/", "neither a mailto: address nor an https: URL"),
    ],
)
def test_parse_tlsrpt_record(text: str, expected: tuple[str, ...] | str) -> None:
    parsed = parse_tlsrpt_record(text)
    if isinstance(expected, tuple):
        assert parsed == expected
    else:
        assert isinstance(parsed, str)
        assert expected in parsed


def test_parse_policy() -> None:
    text = (
        "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmx: *.example.net\r\n"
        "max_age: 604800\r\n"
    )
    assert parse_policy(text) == MtaStsPolicy(
        "enforce", 604800, ("mx1.example.test", "*.example.net")
    )
    assert "version: STSv1" in str(parse_policy("mode: enforce\nmx: a\nmax_age: 1"))
    assert "mode" in str(parse_policy("version: STSv1\nmode: strict\nmx: a\nmax_age: 1"))
    assert "max_age" in str(parse_policy("version: STSv1\nmode: testing\nmx: a\nmax_age: 99999999"))
    assert "mx:" in str(parse_policy("version: STSv1\nmode: testing\nmax_age: 1"))
    assert parse_policy("version: STSv1\nmode: none\nmax_age: 1") == MtaStsPolicy("none", 1, ())


@pytest.mark.parametrize(
    ("host", "pattern", "matches"),
    [
        ("mx1.example.test", "mx1.example.test", True),
        ("MX1.example.test.", "mx1.example.test", True),
        ("mx1.example.test", "*.example.test", True),
        ("a.mx1.example.test", "*.example.test", False),  # one label only (RFC 8461 4.1)
        ("example.test", "*.example.test", False),
        ("mx2.example.test", "mx1.example.test", False),
    ],
)
def test_mx_matches(host: str, pattern: str, matches: bool) -> None:
    assert mx_matches(host, pattern) is matches


# -- the TXT records -----------------------------------------------------------------------


def passive(dns_zone: Start, zone: str, **behaviour: object) -> dict[str, Finding]:
    server = dns_zone(zone, **behaviour)
    findings = tls_findings(DOMAIN, resolver=DnsResolver(server.address, timeout=0.5))
    assert all(f.area == "tls" for f in findings)
    return {f.check: f for f in findings}


def test_missing_records_warn_with_a_record_to_publish(dns_zone: Start) -> None:
    found = passive(dns_zone, f"{DOMAIN}. 300 IN MX 10 mx1.{DOMAIN}.")
    assert found["tls.mta-sts"].status is Status.WARN
    assert f'_mta-sts.{DOMAIN}. IN TXT "v=STSv1; id=' in found["tls.mta-sts"].fix
    assert "version: STSv1" in found["tls.mta-sts"].fix
    assert found["tls.tls-rpt"].status is Status.WARN
    assert f'"v=TLSRPTv1; rua=mailto:tls-reports@{DOMAIN}"' in found["tls.tls-rpt"].fix


def test_valid_records_pass(dns_zone: Start) -> None:
    found = passive(
        dns_zone,
        f"""
_mta-sts.{DOMAIN}.   300 IN TXT "v=STSv1; id=2024052801"
_mta-sts.{DOMAIN}.   300 IN TXT "some other text"
_smtp._tls.{DOMAIN}. 300 IN TXT "v=TLSRPTv1; rua=mailto:tls@{DOMAIN}"
""",
    )
    assert {c: f.status for c, f in found.items()} == {
        "tls.mta-sts": Status.PASS,
        "tls.tls-rpt": Status.PASS,
    }
    assert f"mailto:tls@{DOMAIN}" in found["tls.tls-rpt"].summary


def test_invalid_and_duplicate_records_fail(dns_zone: Start) -> None:
    found = passive(
        dns_zone,
        f"""
_mta-sts.{DOMAIN}.   300 IN TXT "v=STSv1; id=not-valid!"
_smtp._tls.{DOMAIN}. 300 IN TXT "v=TLSRPTv1; rua=mailto:a@{DOMAIN}"
_smtp._tls.{DOMAIN}. 300 IN TXT "v=TLSRPTv1; rua=mailto:b@{DOMAIN}"
""",
    )
    assert found["tls.mta-sts"].status is Status.FAIL
    assert "not valid" in found["tls.mta-sts"].summary
    assert found["tls.tls-rpt"].status is Status.FAIL
    assert "2 v=TLSRPTv1 records" in found["tls.tls-rpt"].summary


def test_lookup_failures_are_unknown(dns_zone: Start) -> None:
    found = passive(dns_zone, "", servfail=[f"_mta-sts.{DOMAIN}", f"_smtp._tls.{DOMAIN}"])
    assert found["tls.mta-sts"].status is Status.UNKNOWN
    assert found["tls.tls-rpt"].status is Status.UNKNOWN


def test_no_connection_without_active(dns_zone: Start) -> None:
    server = dns_zone(f"{DOMAIN}. 300 IN MX 10 mx1.{DOMAIN}.\nmx1.{DOMAIN}. 300 IN A {MX_IP}")
    tls_findings(DOMAIN, resolver=DnsResolver(server.address, timeout=0.5), allow_private=True)
    asked = {name for name, _ in server.resolver.queries}
    assert asked == {f"_mta-sts.{DOMAIN}", f"_smtp._tls.{DOMAIN}"}


# -- active: STARTTLS and the policy file ------------------------------------------------


class Trusted:
    """A certificate for mx1 and mta-sts of the test domain, and a client context trusting it."""

    def __init__(self, directory: Path) -> None:
        names = (f"mx1.{DOMAIN}", f"mta-sts.{DOMAIN}")
        certificate = make_certificate(common_name=names[0], names=names, days=90)
        self.cert, self.key = certificate.write(directory, "trusted")
        self.server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.server.load_cert_chain(self.cert, self.key)
        self.client = ssl.create_default_context(cafile=str(self.cert))


@pytest.fixture
def trusted(tmp_path: Path) -> Trusted:
    return Trusted(tmp_path)


@pytest.fixture
def peers() -> Iterator[list[Peer]]:
    started: list[Peer] = []
    yield started
    for peer in started:
        peer.stop()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client refusing the certificate is what some tests want: no traceback


def serve_policy(
    policy: str, status: int = 200, *, context: ssl.SSLContext
) -> tuple[int, Callable[[], None]]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = policy.encode()
            ok = (
                self.path == "/.well-known/mta-sts.txt"
                and self.headers["Host"] == f"mta-sts.{DOMAIN}"
            )
            self.send_response(status if ok else 404)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = _QuietServer((WEB_IP, 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
    )
    thread.start()

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()

    return httpd.server_address[1], stop


ACTIVE_ZONE = f"""
{DOMAIN}.            300 IN MX 10 mx1.{DOMAIN}.
mx1.{DOMAIN}.        300 IN A {MX_IP}
mta-sts.{DOMAIN}.    300 IN A {WEB_IP}
_mta-sts.{DOMAIN}.   300 IN TXT "v=STSv1; id=1"
_smtp._tls.{DOMAIN}. 300 IN TXT "v=TLSRPTv1; rua=mailto:tls@{DOMAIN}"
"""
POLICY = f"version: STSv1\nmode: enforce\nmx: mx1.{DOMAIN}\nmax_age: 86400\n"


def active(
    dns_zone: Start, smtp_port: int, https_port: int = 1, *, context: ssl.SSLContext | None = None
) -> dict[str, Finding]:
    server = dns_zone(ACTIVE_ZONE)
    findings = tls_findings(
        DOMAIN,
        resolver=DnsResolver(server.address, timeout=0.5),
        active=True,
        smtp_port=smtp_port,
        https_port=https_port,
        allow_private=True,
        timeout=2.0,
        context=context,
    )
    return {f.check: f for f in findings}


def test_a_trusted_certificate_and_an_enforced_policy_pass(
    dns_zone: Start, trusted: Trusted, peers: list[Peer]
) -> None:
    port = free_port()
    peers.append(start_peer(MX_IP, port, Script(), tls_context=trusted.server))
    https_port, stop = serve_policy(POLICY, context=trusted.server)
    try:
        found = active(dns_zone, port, https_port, context=trusted.client)
    finally:
        stop()
    assert found["tls.mta-sts-policy"].status is Status.PASS
    assert "mode enforce" in found["tls.mta-sts-policy"].summary
    starttls = found[f"tls.starttls.mx1.{DOMAIN}"]
    assert starttls.status is Status.PASS, starttls.summary
    assert f"mx1.{DOMAIN}, mta-sts.{DOMAIN}" in starttls.summary
    assert "valid until" in starttls.summary
    assert "TLSv1" in starttls.summary
    assert peers[0].handler.tls_ehlos == 0  # STARTTLS checked, no second EHLO, no mail
    assert peers[0].handler.mails == []


def test_a_self_signed_certificate_warns_and_names_its_names(
    dns_zone: Start, tmp_path: Path, peers: list[Peer]
) -> None:
    context = self_signed_context(tmp_path)
    port = free_port()
    peers.append(start_peer(MX_IP, port, Script(), tls_context=context))
    found = active(dns_zone, port)  # the system's trusted CAs: the peer's cert is not among them
    starttls = found[f"tls.starttls.mx1.{DOMAIN}"]
    assert starttls.status is Status.WARN
    assert "certificate for mx.example.test" in starttls.summary
    assert "not trusted" in starttls.summary
    assert "certbot" in starttls.fix
    assert "4.7.5" in starttls.why
    # The policy server is down: the record promises a policy nobody can read.
    assert found["tls.mta-sts-policy"].status is Status.FAIL


def test_a_host_without_starttls_fails(dns_zone: Start, peers: list[Peer]) -> None:
    port = free_port()
    peers.append(start_peer(MX_IP, port, Script()))
    starttls = active(dns_zone, port)[f"tls.starttls.mx1.{DOMAIN}"]
    assert starttls.status is Status.FAIL
    assert "does not offer STARTTLS" in starttls.summary
    assert "smtpd_tls_security_level" in starttls.fix


def test_nothing_listening_is_unknown(dns_zone: Start) -> None:
    starttls = active(dns_zone, free_port())[f"tls.starttls.mx1.{DOMAIN}"]
    assert starttls.status is Status.UNKNOWN
    assert "port 25" in starttls.fix


def test_private_addresses_are_not_connected_to_unless_allowed(dns_zone: Start) -> None:
    server = dns_zone(ACTIVE_ZONE)
    findings = tls_findings(DOMAIN, resolver=DnsResolver(server.address, timeout=0.5), active=True)
    found = {f.check: f for f in findings}
    assert found["tls.starttls"].status is Status.UNKNOWN
    assert "private" in found["tls.starttls"].summary
    assert "private addresses" in found["tls.mta-sts-policy"].summary


def test_policy_in_testing_mode_missing_an_mx_warns(dns_zone: Start, trusted: Trusted) -> None:
    policy = "version: STSv1\nmode: testing\nmx: other.example.test\nmax_age: 86400\n"
    https_port, stop = serve_policy(policy, context=trusted.server)
    try:
        found = active(dns_zone, free_port(), https_port, context=trusted.client)
    finally:
        stop()
    finding = found["tls.mta-sts-policy"]
    assert finding.status is Status.WARN
    assert f"mx1.{DOMAIN} match no mx line" in finding.summary
    assert f"mx: mx1.{DOMAIN}" in finding.fix


def test_policy_served_with_an_error_status_fails(dns_zone: Start, trusted: Trusted) -> None:
    https_port, stop = serve_policy(POLICY, status=404, context=trusted.server)
    try:
        found = active(dns_zone, free_port(), https_port, context=trusted.client)
    finally:
        stop()
    assert found["tls.mta-sts-policy"].status is Status.FAIL
    assert "404" in found["tls.mta-sts-policy"].summary


def test_probe_reports_the_certificate_expiry(tmp_path: Path, peers: list[Peer]) -> None:
    context = self_signed_context(tmp_path)
    port = free_port()
    peers.append(start_peer(MX_IP, port, Script(), tls_context=context))
    result = probe_starttls("mx.example.test", MX_IP, port=port, timeout=2.0)
    assert result.handshake
    assert not result.verified
    assert result.names == ("mx.example.test",)
    assert result.not_after is not None
