"""check-smtp: the sender's own SMTP server, against aiosmtpd peers and a real Postfix on loopback.

The aiosmtpd peers log in a known user (aiosmtpd's ``authenticator``), offer STARTTLS or
implicit TLS with a self-signed certificate (``tests.support.certificates``), and offer AUTH
only after TLS unless a test says otherwise. Postfix answers "554 5.7.1 Relay access denied"
to a RCPT for an outside domain. Pure judging (EHLO parsing, certificate names and dates,
reply advice) is tested with plain data.
"""

from __future__ import annotations

import base64
import json
import os
import ssl
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

from bouncekit.errors import InputError
from bouncekit.replies.model import Command
from bouncekit.sender.model import Finding, Status
from bouncekit.sender.smtpcheck import (
    SmtpReport,
    TlsMode,
    auth_finding,
    banner_finding,
    check_smtp,
    envelope_finding,
    handshake_findings,
    parse_target,
)
from bouncekit.smtp.ehlo import parse_ehlo
from bouncekit.smtp.reply import Reply
from bouncekit.smtp.tls import TlsFacts, describe_certificate, name_matches
from tests.support.certificates import make_certificate, self_signed_context
from tests.support.postfix import DOMAIN, PostfixPeer
from tests.support.smtp_peers import Script, free_port, start_peer

USER = "alice@example.test"
PASSWORD = "correct horse battery staple"
TIMEOUT = 3.0


def reply(*lines: str) -> Reply:
    return Reply(int(lines[-1][:3]), lines)


def by_check(report: SmtpReport) -> dict[str, Finding]:
    found = {finding.check: finding for finding in report.findings}
    assert len(found) == len(report.findings), "each check appears once"
    return found


def statuses(report: SmtpReport) -> dict[str, Status]:
    return {finding.check: finding.status for finding in report.findings}


# -- peers ---------------------------------------------------------------------------------------


def authenticator(
    server: SMTP, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == USER.encode()
        and auth_data.password == PASSWORD.encode()
    )
    # handled=False: aiosmtpd answers "535 5.7.8 Authentication credentials invalid" itself.
    return AuthResult(success=ok, handled=False)


class RelayForLoggedIn:
    """Recipients at example.test for anyone; outside domains only after AUTH."""

    async def handle_RCPT(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if address.endswith("@" + DOMAIN) or session.authenticated:
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 Ok"
        return f"554 5.7.1 <{address}>: Relay access denied"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        raise AssertionError("check-smtp must never send DATA")


@dataclass
class Server:
    host: str
    port: int
    controller: Controller


@pytest.fixture(scope="module")
def tls_context(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    return self_signed_context(tmp_path_factory.mktemp("smtpcheck-cert"))


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    controllers: list[Controller] = []

    def start(host: str, **kwargs: Any) -> Server:
        port = free_port()
        kwargs.setdefault("authenticator", authenticator)
        controller = Controller(
            RelayForLoggedIn(),
            hostname=host,
            port=port,
            server_hostname="mx.example.test",
            ident="bouncekit check-smtp peer",
            **kwargs,
        )
        controller.start()
        controllers.append(controller)
        return Server(host, port, controller)

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def starttls_server(serve: Callable[..., Server], tls_context: ssl.SSLContext) -> Server:
    """STARTTLS, AUTH PLAIN/LOGIN only after TLS (aiosmtpd's auth_require_tls)."""
    return serve("127.0.0.81", tls_context=tls_context, auth_require_tls=True)


# -- against aiosmtpd ----------------------------------------------------------------------------


def test_starttls_and_login_pass_step_by_step(starttls_server: Server) -> None:
    report = check_smtp(
        starttls_server.host,
        starttls_server.port,
        user=USER,
        password=PASSWORD,
        mail_from=USER,
        rcpt="someone@elsewhere.test",
        timeout=TIMEOUT,
        allow_private=True,
    )
    found = by_check(report)
    assert [f.check for f in report.findings][:3] == ["smtp.connect", "smtp.banner", "smtp.ehlo"]
    assert found["smtp.banner"].status is Status.PASS
    assert "mx.example.test" in found["smtp.banner"].summary
    assert "STARTTLS" in found["smtp.ehlo"].summary
    assert "SIZE" in found["smtp.ehlo"].summary
    assert found["smtp.size"].status is Status.PASS
    assert found["smtp.starttls"].status is Status.PASS
    assert found["smtp.tls-handshake"].status is Status.PASS
    assert "TLSv1." in found["smtp.tls-handshake"].summary
    # The self-signed test certificate: reported, not a crash.
    chain = found["smtp.certificate-chain"]
    assert chain.status is Status.FAIL
    assert "not trusted" in chain.summary
    assert "self-signed" in chain.summary
    assert "Let's Encrypt" in chain.fix
    name = found["smtp.certificate-name"]
    assert name.status is Status.FAIL  # CN=mx.example.test, connected as 127.0.0.81
    assert "mx.example.test" in name.summary
    assert "127.0.0.81" in name.summary
    assert found["smtp.certificate-expiry"].status is Status.WARN  # valid for one day
    assert "AUTH" not in found["smtp.ehlo"].summary
    assert "AUTH LOGIN PLAIN" in found["smtp.ehlo-after-tls"].summary
    assert found["smtp.auth-before-tls"].status is Status.PASS
    assert found["smtp.auth-mechanisms"].status is Status.PASS
    assert found["smtp.auth"].status is Status.PASS
    assert "235" in found["smtp.auth"].summary
    assert found["smtp.mail-from"].status is Status.PASS
    assert found["smtp.rcpt-to"].status is Status.PASS
    transcript = "\n".join(report.transcript)
    assert PASSWORD not in transcript
    assert "AUTH PLAIN [hidden]" in transcript
    assert "> QUIT" in transcript
    assert "DATA" not in transcript


def test_a_wrong_password_is_535_with_the_fix(starttls_server: Server) -> None:
    report = check_smtp(
        starttls_server.host,
        starttls_server.port,
        mode=TlsMode.STARTTLS,
        user=USER,
        password="wrong",
        timeout=TIMEOUT,
        allow_private=True,
    )
    auth = by_check(report)["smtp.auth"]
    assert auth.status is Status.FAIL
    assert "535 5.7.8" in auth.summary
    assert "app password" in auth.fix
    token = base64.b64encode(f"\0{USER}\0wrong".encode()).decode()
    assert token not in "\n".join(report.transcript)


def test_login_is_used_when_plain_is_not_offered(
    serve: Callable[..., Server], tls_context: ssl.SSLContext
) -> None:
    server = serve("127.0.0.87", tls_context=tls_context, auth_exclude_mechanism=["PLAIN"])
    report = check_smtp(
        server.host, server.port, user=USER, password=PASSWORD, timeout=TIMEOUT, allow_private=True
    )
    auth = by_check(report)["smtp.auth"]
    assert auth.status is Status.PASS
    assert "AUTH LOGIN" in auth.summary
    transcript = "\n".join(report.transcript)
    assert base64.b64encode(PASSWORD.encode()).decode() not in transcript
    assert "> [hidden]" in transcript


def test_a_refused_ehlo_falls_back_to_helo() -> None:
    peer = start_peer(
        "127.0.0.88", free_port(), Script(ehlo="502 5.5.2 Error: command not recognized")
    )
    try:
        report = check_smtp(peer.host, peer.port, timeout=TIMEOUT, allow_private=True)
    finally:
        peer.stop()
    found = by_check(report)
    assert found["smtp.ehlo"].status is Status.WARN
    assert "HELO was accepted" in found["smtp.ehlo"].summary
    assert peer.handler.helos[-1].startswith("HELO [127.0.0.1]")


def test_authentication_required_at_mail_from_is_explained(
    serve: Callable[..., Server], tls_context: ssl.SSLContext
) -> None:
    server = serve("127.0.0.82", tls_context=tls_context, auth_required=True)
    report = check_smtp(
        server.host,
        server.port,
        mail_from=USER,
        rcpt="bob@example.test",
        timeout=TIMEOUT,
        allow_private=True,
    )
    found = by_check(report)
    mail = found["smtp.mail-from"]
    assert mail.status is Status.FAIL
    assert "530 5.7.0 Authentication required" in mail.summary
    assert "securityerror" in mail.summary  # the explain engine's reason
    assert "--user" in mail.fix
    assert found["smtp.rcpt-to"].status is Status.UNKNOWN  # not asked after a refused MAIL


def test_implicit_tls_on_its_own_port(
    serve: Callable[..., Server], tls_context: ssl.SSLContext
) -> None:
    # aiosmtpd counts only STARTTLS as TLS for auth_require_tls; the socket is TLS anyway.
    server = serve("127.0.0.83", ssl_context=tls_context, auth_require_tls=False)
    report = check_smtp(
        server.host,
        server.port,
        mode=TlsMode.TLS,
        user=USER,
        password=PASSWORD,
        mail_from=USER,
        rcpt="someone@elsewhere.test",
        timeout=TIMEOUT,
        allow_private=True,
    )
    found = by_check(report)
    assert "implicit TLS works" in found["smtp.tls-handshake"].summary
    assert found["smtp.certificate-chain"].status is Status.FAIL
    assert "smtp.starttls" not in found
    assert "smtp.auth-before-tls" not in found
    assert found["smtp.auth"].status is Status.PASS
    assert found["smtp.rcpt-to"].status is Status.PASS
    # TLS came first: the handshake is in the transcript before the greeting.
    transcript = list(report.transcript)
    handshake = next(i for i, line in enumerate(transcript) if "implicit TLS handshake" in line)
    greeting = next(i for i, line in enumerate(transcript) if line.startswith("< 220"))
    assert handshake < greeting


def test_implicit_tls_against_a_plain_server_names_the_mistake(starttls_server: Server) -> None:
    report = check_smtp(
        starttls_server.host,
        starttls_server.port,
        mode=TlsMode.TLS,
        timeout=TIMEOUT,
        allow_private=True,
    )
    handshake = by_check(report)["smtp.tls-handshake"]
    assert handshake.status is Status.FAIL
    assert "without --tls" in handshake.fix


def test_auth_offered_before_tls_is_a_warning_and_no_password_is_sent(
    serve: Callable[..., Server],
) -> None:
    server = serve("127.0.0.84", auth_require_tls=False)  # no TLS at all
    report = check_smtp(
        server.host,
        server.port,
        user=USER,
        password=PASSWORD,
        mail_from=USER,
        rcpt="someone@elsewhere.test",
        timeout=TIMEOUT,
        allow_private=True,
    )
    found = by_check(report)
    assert found["smtp.starttls"].status is Status.FAIL  # port != 25: a submission server
    assert found["smtp.auth-before-tls"].status is Status.WARN
    assert "smtpd_tls_auth_only" in found["smtp.auth-before-tls"].fix
    assert found["smtp.auth"].status is Status.UNKNOWN
    assert "not encrypted" in found["smtp.auth"].summary
    assert not any(line.startswith("> AUTH") for line in report.transcript)
    relay = found["smtp.rcpt-to"]
    assert relay.status is Status.FAIL
    assert "Relay access denied" in relay.summary
    assert "norelaying" in relay.summary


def test_a_closed_port_gives_the_blocked_port_advice() -> None:
    port = free_port()  # nothing listens there
    report = check_smtp("127.0.0.85", port, timeout=TIMEOUT, allow_private=True)
    (connect,) = report.findings
    assert connect.check == "smtp.connect"
    assert connect.status is Status.FAIL
    assert "connection refused" in connect.summary
    for port_named in ("587", "465", "2525"):
        assert port_named in connect.fix


def test_port_25_refused_names_the_isp_block() -> None:
    report = check_smtp("127.0.0.85", 25, timeout=TIMEOUT, allow_private=True)
    (connect,) = report.findings
    assert connect.status is Status.FAIL
    assert "Port 25 is blocked" in connect.fix
    assert "587" in connect.fix


def test_a_hanging_server_is_a_timeout_finding() -> None:
    peer = start_peer("127.0.0.86", free_port(), Script(hang=True))
    try:
        report = check_smtp(peer.host, peer.port, timeout=0.5, allow_private=True)
    finally:
        peer.stop()
    found = by_check(report)
    assert found["smtp.connect"].status is Status.PASS
    banner = found["smtp.banner"]
    assert banner.status is Status.FAIL
    assert "no greeting within 0.5 s" in banner.summary
    assert "--tls" in banner.fix


def test_private_targets_are_refused_without_allow_private() -> None:
    with pytest.raises(InputError, match="--allow-private"):
        check_smtp("127.0.0.1", 587, timeout=TIMEOUT)
    with pytest.raises(InputError, match="--allow-private"):
        check_smtp("10.1.2.3", 587, timeout=TIMEOUT)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"user": USER}, "both a user name and a password"),
        ({"password": PASSWORD}, "both a user name and a password"),
        ({"rcpt": "b@example.test"}, "--rcpt needs --mail-from"),
        ({"mail_from": "a@example.test>\r\nDATA"}, "not a plain address"),
        ({"timeout": 0.0}, "above 0"),
    ],
)
def test_bad_input_is_an_input_error(arguments: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        check_smtp("127.0.0.1", 587, allow_private=True, **arguments)


# -- against real Postfix ------------------------------------------------------------------------


def test_real_postfix_denies_relaying(postfix_peer: PostfixPeer) -> None:
    host, port = postfix_peer
    report = check_smtp(
        host,
        port,
        mail_from=f"sender@{DOMAIN}",
        rcpt="someone@elsewhere.test",
        timeout=TIMEOUT,
        allow_private=True,
    )
    found = by_check(report)
    assert found["smtp.banner"].status is Status.PASS
    assert "mx.example.test" in found["smtp.banner"].summary
    assert found["smtp.mail-from"].status is Status.PASS
    relay = found["smtp.rcpt-to"]
    assert relay.status is Status.FAIL
    assert "554 5.7.1 <someone@elsewhere.test>: Relay access denied" in relay.summary
    assert "norelaying" in relay.summary
    assert "Log in before sending" in relay.fix
    assert "Relay access denied" in relay.why


def test_real_postfix_accepts_its_own_domain(postfix_peer: PostfixPeer) -> None:
    host, port = postfix_peer
    report = check_smtp(
        host,
        port,
        mail_from=f"sender@{DOMAIN}",
        rcpt=f"alice@{DOMAIN}",
        timeout=TIMEOUT,
        allow_private=True,
    )
    rcpt = by_check(report)["smtp.rcpt-to"]
    # Accepted without logging in: fine for the server's own domain, which the finding says.
    assert rcpt.status is Status.WARN
    assert f"Unless {DOMAIN} is a domain this server receives mail for" in rcpt.why


# -- pure judging --------------------------------------------------------------------------------


def test_ehlo_capabilities_are_parsed() -> None:
    capabilities = parse_ehlo(
        reply(
            "250-smtp.example.test Hello [192.0.2.1]",
            "250-SIZE 35882577",
            "250-8BITMIME",
            "250-AUTH LOGIN PLAIN XOAUTH2",
            "250-AUTH=LOGIN",
            "250-ENHANCEDSTATUSCODES",
            "250-PIPELINING",
            "250 SMTPUTF8",
        )
    )
    assert capabilities.name == "smtp.example.test"
    assert capabilities.auth_mechanisms == ("LOGIN", "PLAIN", "XOAUTH2")
    assert capabilities.size == 35882577
    assert {"8BITMIME", "PIPELINING", "SMTPUTF8", "ENHANCEDSTATUSCODES"} <= set(
        capabilities.extensions
    )
    assert parse_ehlo(reply("250-mx", "250 SIZE")).size == 0


@pytest.mark.parametrize(
    ("pattern", "host", "matches"),
    [
        ("smtp.example.com", "smtp.example.com", True),
        ("SMTP.example.com.", "smtp.EXAMPLE.com", True),
        ("*.example.com", "smtp.example.com", True),
        ("*.example.com", "example.com", False),
        ("*.example.com", "a.b.example.com", False),
        ("*.com", "example.com", False),
        ("s*.example.com", "smtp.example.com", False),
        ("mail.example.com", "smtp.example.com", False),
    ],
)
def test_certificate_names_follow_rfc_6125(pattern: str, host: str, matches: bool) -> None:
    assert name_matches(pattern, host) is matches


def facts(der: bytes, *, verified: bool = True) -> TlsFacts:
    return TlsFacts(
        "STARTTLS",
        "TLSv1.3",
        "TLS_AES_128_GCM_SHA256",
        128,
        verified,
        None if verified else "self-signed certificate",
        describe_certificate(der),
    )


def checks(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.check: finding for finding in findings}


def test_a_good_certificate_passes() -> None:
    der = make_certificate(
        names=["*.example.com", "example.com"], days=80, issued_days_ago=30, common_name="x"
    ).der
    found = checks(handshake_findings(facts(der), "smtp.example.com", 587))
    assert {check: f.status for check, f in found.items()} == {
        "smtp.tls-handshake": Status.PASS,
        "smtp.certificate-name": Status.PASS,
        "smtp.certificate-expiry": Status.PASS,
        "smtp.certificate-chain": Status.PASS,
    }


def test_an_expired_certificate_fails_on_submission_and_warns_on_25() -> None:
    der = make_certificate(
        names=["smtp.example.com"], days=-2, issued_days_ago=30, common_name="x"
    ).der
    expiry = checks(handshake_findings(facts(der), "smtp.example.com", 587))[
        "smtp.certificate-expiry"
    ]
    assert expiry.status is Status.FAIL
    assert "expired" in expiry.summary
    assert "certbot renew" in expiry.fix
    relay = checks(handshake_findings(facts(der), "smtp.example.com", 25))[
        "smtp.certificate-expiry"
    ]
    assert relay.status is Status.WARN


def test_the_common_name_counts_only_without_alternative_names() -> None:
    only_cn = make_certificate(
        names=[], days=80, common_name="smtp.example.com", issued_days_ago=30
    ).der
    name = checks(handshake_findings(facts(only_cn), "smtp.example.com", 587))[
        "smtp.certificate-name"
    ]
    assert name.status is Status.PASS
    both = make_certificate(
        names=["mail.example.com"], days=80, common_name="smtp.example.com", issued_days_ago=30
    ).der
    name = checks(handshake_findings(facts(both), "smtp.example.com", 587))["smtp.certificate-name"]
    assert name.status is Status.FAIL
    assert "mail.example.com" in name.fix


def test_an_untrusted_chain_is_named() -> None:
    der = make_certificate(
        names=["smtp.example.com"], days=80, issued_days_ago=30, common_name="x"
    ).der
    chain = checks(handshake_findings(facts(der, verified=False), "smtp.example.com", 465))[
        "smtp.certificate-chain"
    ]
    assert chain.status is Status.FAIL
    assert "self-signed certificate" in chain.summary


@pytest.mark.parametrize(
    ("lines", "status", "words"),
    [
        (("235 2.7.0 Authentication successful",), Status.PASS, "Logged in"),
        (("535 5.7.8 Authentication credentials invalid",), Status.FAIL, "app password"),
        (
            (
                "534-5.7.9 Application-specific password required. Learn more at",
                "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor",
            ),
            Status.FAIL,
            "app password",
        ),
        (
            ("538 5.7.11 Encryption required for requested authentication mechanism",),
            Status.FAIL,
            "--starttls",
        ),
        (("454 4.7.0 Temporary authentication failure",), Status.UNKNOWN, "Retry"),
    ],
)
def test_auth_replies_are_explained(lines: tuple[str, ...], status: Status, words: str) -> None:
    finding = auth_finding(reply(*lines), user=USER, mechanism="PLAIN")
    assert finding.status is status
    assert words in finding.summary + finding.why + finding.fix


@pytest.mark.parametrize(
    ("command", "text", "authenticated", "words"),
    [
        (
            Command.MAIL,
            "553 5.7.1 <ceo@example.test>: Sender address rejected: not owned by user alice",
            True,
            "smtpd_sender_login_maps",
        ),
        (
            Command.MAIL,
            "530 5.7.0 Must issue a STARTTLS command first",
            False,
            "STARTTLS (port 587)",
        ),
        (
            Command.RCPT,
            "554 5.7.1 <x@elsewhere.test>: Relay access denied",
            True,
            "permit_sasl_authenticated",
        ),
        (
            Command.RCPT,
            "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
            False,
            "blocked",
        ),
    ],
)
def test_envelope_refusals_are_explained(
    command: Command, text: str, authenticated: bool, words: str
) -> None:
    finding = envelope_finding(
        command, "x@elsewhere.test", reply(text), authenticated=authenticated
    )
    assert finding.status is Status.FAIL
    assert text.split(" ", 1)[0] in finding.summary
    assert words in finding.summary + finding.why + finding.fix


def test_a_greeting_refusal_is_explained() -> None:
    finding = banner_finding(reply("554 5.7.1 <unknown[192.0.2.1]>: Client host rejected"))
    assert finding.status is Status.FAIL
    assert finding.why
    assert banner_finding(reply("220 ESMTP")).status is Status.WARN


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("smtp.example.com", 587, ("smtp.example.com", 587)),
        ("smtp.example.com:2525", 587, ("smtp.example.com", 2525)),
        ("smtp.example.com.", 465, ("smtp.example.com", 465)),
        ("[2001:db8::25]:465", 587, ("2001:db8::25", 465)),
        ("192.0.2.1:25", 587, ("192.0.2.1", 25)),
    ],
)
def test_targets_parse(text: str, default: int, expected: tuple[str, int]) -> None:
    assert parse_target(text, default_port=default) == expected


@pytest.mark.parametrize("text", ["", "smtp.example.com:0", "smtp.example.com:x", "a b:25"])
def test_bad_targets_are_input_errors(text: str) -> None:
    with pytest.raises(InputError):
        parse_target(text)


# -- the command ---------------------------------------------------------------------------------


def run(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=False,
    )


def test_cli_json_has_findings_and_transcript(starttls_server: Server) -> None:
    target = f"{starttls_server.host}:{starttls_server.port}"
    result = run(
        "--json",
        "--timeout",
        str(TIMEOUT),
        "check-smtp",
        target,
        "--starttls",
        "--user",
        USER,
        "--password-env",
        "CHECK_SMTP_PASSWORD",
        "--mail-from",
        USER,
        "--rcpt",
        "someone@elsewhere.test",
        "--allow-private",
        env={"CHECK_SMTP_PASSWORD": PASSWORD},
    )
    assert result.returncode == 1, result.stderr  # the self-signed certificate fails
    assert PASSWORD not in result.stdout
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "transcript"}
    by_name = {finding["check"]: finding for finding in data["findings"]}
    assert by_name["smtp.auth"]["status"] == "pass"
    assert set(by_name["smtp.auth"]) == {"area", "check", "status", "summary", "why", "fix"}
    assert any(line.startswith("< 235") for line in data["transcript"])


def test_cli_table_shows_each_step(starttls_server: Server) -> None:
    target = f"{starttls_server.host}:{starttls_server.port}"
    result = run("--timeout", str(TIMEOUT), "check-smtp", target, "--allow-private", "--transcript")
    assert result.returncode == 1, result.stderr  # the self-signed certificate fails
    for words in ("connect", "banner", "certificate-chain", "not trusted", "> EHLO"):
        assert words in result.stdout


@pytest.mark.parametrize(
    ("arguments", "env", "message"),
    [
        (["127.0.0.1:2525", "--tls", "--starttls"], {}, "exclude each other"),
        (["127.0.0.1:2525", "--allow-private", "--user", USER], {}, "--password-env"),
        (
            ["127.0.0.1:2525", "--allow-private", "--user", USER, "--password-env", "NOPE_X"],
            {},
            "NOPE_X is not set",
        ),
        (["127.0.0.1:2525"], {}, "--allow-private"),
        (["127.0.0.1:99999", "--allow-private"], {}, "bad port"),
    ],
)
def test_cli_bad_input_exits_2(arguments: list[str], env: dict[str, str], message: str) -> None:
    result = run("check-smtp", *arguments, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in " ".join(result.stderr.split())


def test_cli_a_closed_port_is_a_failed_check_and_exits_1() -> None:
    result = run("--json", "check-smtp", f"127.0.0.85:{free_port()}", "--allow-private")
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["check"] == "smtp.connect"
    assert finding["status"] == "fail"
