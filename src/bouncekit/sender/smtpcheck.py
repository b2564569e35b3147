"""The sender's own submission or relay server, step by step: ``check-smtp``.

What a mail client or a sending application goes through, each step a
:class:`~bouncekit.sender.model.Finding`:

1. connect (a refused or filtered port is named, with 587/465/2525 as the way round a blocked 25);
2. the greeting (RFC 5321 4.3.1), then EHLO and its extensions (HELO if EHLO is refused);
3. TLS: implicit on 465 or with ``TlsMode.TLS`` (RFC 8314 3.3), or STARTTLS (RFC 3207) when the
   server offers it or with ``TlsMode.STARTTLS``; the protocol version and the certificate: its
   names against the host name (RFC 6125 6.4), its dates, and whether the chain is trusted;
4. AUTH (RFC 4954): the mechanisms offered (and whether before TLS), and logging in with PLAIN
   (RFC 4616) or LOGIN, never over an unencrypted connection;
5. MAIL FROM and RCPT TO when asked, never DATA: nothing is sent. Then QUIT.

Every refusal is explained by the same engine as ``bouncekit explain``
(:func:`~bouncekit.replies.classify.diagnose`), with what it means for a submission server.

Judging is pure (:func:`parse_ehlo`, :func:`banner_finding`, :func:`tls_findings`,
:func:`auth_finding`, :func:`envelope_finding` ...); the sockets live in :func:`check_smtp_async`.
A server that hangs, resets or says nothing is a finding, not an exception.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import ipaddress
import re
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from bouncekit.errors import InputError
from bouncekit.replies.classify import diagnose
from bouncekit.replies.model import Command, Diagnosis, Reason
from bouncekit.replies.parse import parse_reply
from bouncekit.resolver import Outcome, Resolver, get_resolver
from bouncekit.sender.model import Finding, Status
from bouncekit.verify.mx import is_internal_address
from bouncekit.verify.smtp.session import Reply

__all__ = [
    "DEFAULT_TIMEOUT",
    "Capabilities",
    "CertificateFacts",
    "SmtpReport",
    "TlsFacts",
    "TlsMode",
    "auth_finding",
    "banner_finding",
    "check_smtp",
    "check_smtp_async",
    "describe_certificate",
    "envelope_finding",
    "name_matches",
    "parse_ehlo",
    "parse_target",
    "tls_findings",
]

AREA = "smtp"
DEFAULT_TIMEOUT = 10.0
SUBMISSION_PORT = 587  # RFC 6409
IMPLICIT_TLS_PORT = 465  # RFC 8314 3.3
RELAY_PORT = 25
ALTERNATIVE_PORTS = "587 (STARTTLS), 465 (TLS) or 2525"
# A reply longer than this is a broken or hostile server, not a reply.
MAX_REPLY_LINES = 200
# Messages grow by about a third in base64 (RFC 2045 6.8): a 10 MB limit takes ~7 MB of files.
SMALL_SIZE_LIMIT = 10 * 1024 * 1024
EXPIRY_WARNING_DAYS = 14
_QUIT_WAIT = 2.0
_SECRET = "[hidden]"


class TlsMode(StrEnum):
    AUTO = "auto"  # implicit TLS on 465; elsewhere STARTTLS when the server offers it
    STARTTLS = "starttls"  # STARTTLS whether offered or not (the refusal is a finding)
    TLS = "tls"  # implicit TLS from the first byte (RFC 8314 3.3)


@dataclass(frozen=True, slots=True)
class SmtpReport:
    """Every step of one check, in order, and the dialogue as sent and received."""

    host: str
    port: int
    findings: tuple[Finding, ...]
    transcript: tuple[str, ...]  # "< 220 ...", "> EHLO ...", "* TLS ...": secrets hidden

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [finding.to_dict() for finding in self.findings],
            "transcript": list(self.transcript),
        }


# -- targets -----------------------------------------------------------------------------------


def parse_target(text: str, *, default_port: int = SUBMISSION_PORT) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT`` -> (host, port); InputError when malformed."""
    value = text.strip()
    host, port_text = value, ""
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        if rest and not rest.startswith(":"):
            raise InputError(f"{text!r} is not HOST[:PORT]; write an IPv6 address as [::1]:587.")
        port_text = rest[1:]
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    host = host.strip().rstrip(".")
    if not host or any(c.isspace() or c in "/@<>" for c in host):
        raise InputError(
            f"{text!r} is not HOST[:PORT]; give a server name such as smtp.example.com:587."
        )
    if not port_text:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise InputError(f"{text!r} has a bad port {port_text!r}; give a number from 1 to 65535.")
    return host, int(port_text)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _addresses(host: str, resolver: Resolver) -> tuple[list[str], str]:
    """The host's addresses (IPv4 first) and, when there are none, why."""
    if _is_ip(host):
        return [host], ""
    found: list[str] = []
    problems: list[str] = []
    for rdtype in ("A", "AAAA"):
        answer = resolver.resolve(host, rdtype)
        if answer.outcome is Outcome.OK:
            found.extend(answer.records)
        elif answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
            problems.append(answer.detail)
    if found:
        return found, ""
    return [], " ".join(problems) or f"{host} has no A or AAAA record."


def _check_envelope_address(option: str, address: str) -> None:
    # A CR or LF would inject commands; angle brackets and spaces break the path (RFC 5321 4.1.2).
    if not address or any(c in "\r\n<> \t" for c in address):
        raise InputError(
            f"{option} {address!r} is not a plain address; give it as name@example.com, "
            "without angle brackets or spaces."
        )


# -- EHLO ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Capabilities:
    """The EHLO reply: the server's name, each extension and its parameters (RFC 5321 4.1.1.1)."""

    name: str
    extensions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def auth_mechanisms(self) -> tuple[str, ...]:
        return self.extensions.get("AUTH", ())

    @property
    def size(self) -> int | None:
        """The SIZE limit in bytes (RFC 1870): 0 is "no fixed limit"; None when not announced."""
        value = self.extensions.get("SIZE")
        if value is None:
            return None
        return int(value[0]) if value and value[0].isdigit() else 0

    def describe(self) -> str:
        return ", ".join(
            " ".join((keyword, *parameters)) for keyword, parameters in self.extensions.items()
        )


def parse_ehlo(reply: Reply) -> Capabilities:
    """The first line greets; each further line names one extension and its parameters."""
    messages = reply.messages
    name = messages[0].split(" ", 1)[0] if messages and messages[0].strip() else ""
    extensions: dict[str, tuple[str, ...]] = {}
    for message in messages[1:]:
        words = (
            message.replace("=", " ", 1).split()
            if message.upper().startswith("AUTH=")
            else (message.split())
        )
        if not words:
            continue
        keyword = words[0].upper()
        parameters = tuple(w.upper() for w in words[1:]) if keyword == "AUTH" else tuple(words[1:])
        if keyword == "AUTH" and "AUTH" in extensions:  # "AUTH=LOGIN" beside "AUTH LOGIN PLAIN"
            parameters = tuple(dict.fromkeys((*extensions["AUTH"], *parameters)))
        extensions[keyword] = parameters
    return Capabilities(name, extensions)


# -- explaining replies --------------------------------------------------------------------------


def explain_reply(reply: Reply, command: Command) -> Diagnosis:
    """The explain engine's diagnosis of a reply to ``command``."""
    parsed = parse_reply(reply.text, require_code=False)
    assert parsed is not None  # never None without require_code
    return diagnose(replace(parsed, command=command))


def _quote(reply: Reply) -> str:
    return "“" + " ".join(reply.text.replace("\r", "").split()) + "”"


def _engine(diagnosis: Diagnosis, *, steps: int = 3) -> str:
    return " ".join(action.text for action in diagnosis.actions[:steps])


# -- the greeting and EHLO -----------------------------------------------------------------------


def banner_finding(reply: Reply) -> Finding:
    check = "smtp.banner"
    if reply.code == 220:
        words = reply.messages[0].split() if reply.messages else []
        name = words[0] if words else ""
        if "." not in name and not name.startswith("["):
            return Finding(
                AREA,
                check,
                Status.WARN,
                f"The server greets with {_quote(reply)}, without its host name.",
                "RFC 5321 4.3.1 asks the greeting to name the server; a missing or bare name "
                "hints at a proxy or a misconfigured server, and makes logs harder to match.",
                "Set the server's host name (Postfix: myhostname; Exim: primary_hostname) to "
                "its fully qualified name, the one its certificate and reverse DNS show.",
            )
        return Finding(AREA, check, Status.PASS, f"The server greets as {name}: {_quote(reply)}.")
    diagnosis = explain_reply(reply, Command.CONNECT)
    return Finding(
        AREA,
        check,
        Status.FAIL,
        f"The server refuses the session at the greeting: {_quote(reply)} ({diagnosis.reason}).",
        f"Your mail client gets {_quote(reply)} as soon as it connects and can send nothing. "
        + diagnosis.summary,
        _engine(diagnosis)
        or "Ask the server's administrator why it refuses connections from your address.",
    )


def ehlo_findings(
    reply: Reply,
    capabilities: Capabilities | None,
    *,
    helo_reply: Reply | None,
    check: str = "smtp.ehlo",
) -> list[Finding]:
    """EHLO (and the HELO that followed a refused EHLO, when there was one)."""
    if reply.code == 250 and capabilities is not None:
        listed = capabilities.describe() or "none"
        findings = [
            Finding(
                AREA,
                check,
                Status.PASS,
                f"EHLO accepted by {capabilities.name or 'the server'}; extensions: {listed}.",
            )
        ]
        findings.extend(_size_findings(capabilities))
        return findings
    if helo_reply is not None and helo_reply.code == 250:
        return [
            Finding(
                AREA,
                check,
                Status.WARN,
                f"EHLO was refused ({_quote(reply)}); HELO was accepted, so the server offers "
                "no extensions: no STARTTLS, no AUTH, no SIZE, no 8BITMIME.",
                "Without EHLO (RFC 5321 4.1.1.1) a client can neither encrypt nor log in: mail "
                "clients report that the server does not support authentication or TLS.",
                "Enable ESMTP on the server (Postfix: remove smtpd_discard_ehlo_keywords; check "
                "that no firewall or antivirus proxy rewrites the SMTP dialogue).",
            )
        ]
    diagnosis = explain_reply(helo_reply or reply, Command.EHLO)
    return [
        Finding(
            AREA,
            check,
            Status.FAIL,
            f"The server refused EHLO ({_quote(reply)})"
            + (f" and HELO ({_quote(helo_reply)})." if helo_reply else "."),
            "The session cannot go on: your mail client gets the same refusal. "
            + diagnosis.summary,
            _engine(diagnosis)
            or "Check the name your client announces in EHLO (a fully qualified name or an "
            "address literal such as [192.0.2.1]).",
        )
    ]


def _size_findings(capabilities: Capabilities) -> list[Finding]:
    size = capabilities.size
    if size is None:
        return []
    check = "smtp.size"
    if size == 0:
        return [
            Finding(AREA, check, Status.PASS, "The server announces no fixed size limit (SIZE 0).")
        ]
    megabytes = size / 1024 / 1024
    files = megabytes / 1.37
    if size < SMALL_SIZE_LIMIT:
        return [
            Finding(
                AREA,
                check,
                Status.WARN,
                f"The server takes messages up to {megabytes:.1f} MB (SIZE {size}): attachments "
                f"of about {files:.1f} MB in all, after base64.",
                'Larger messages get "552 5.3.4 Message size exceeds fixed limit" at MAIL FROM '
                "or after DATA; most providers take 20 to 35 MB.",
                "Raise the limit (Postfix: message_size_limit; Exim: message_size_limit) or send "
                "large files as links.",
            )
        ]
    return [
        Finding(
            AREA,
            check,
            Status.PASS,
            f"The server takes messages up to {megabytes:.1f} MB (SIZE {size}): attachments of "
            f"about {files:.1f} MB in all, after base64.",
        )
    ]


def starttls_offer_finding(capabilities: Capabilities, port: int, mode: TlsMode) -> Finding | None:
    """Whether a plain connection can be upgraded (RFC 3207); None when STARTTLS will be tried."""
    if "STARTTLS" in capabilities.extensions or mode is TlsMode.STARTTLS:
        return None
    strict = port != RELAY_PORT
    return Finding(
        AREA,
        "smtp.starttls",
        Status.FAIL if strict else Status.WARN,
        f"The server does not offer STARTTLS on port {port}: everything, passwords included, "
        "travels in the clear.",
        'Mail clients set to STARTTLS stop with "the server does not support STARTTLS" (or '
        '"530 5.7.0 Must issue a STARTTLS command first" from servers that require it), and '
        "clients that fall back send the password readable by anyone on the path; Gmail shows "
        "mail received without TLS with a red padlock.",
        "Enable TLS with a certificate for the server's name (Postfix: smtpd_tls_security_level "
        "= may, smtpd_tls_chain_files = /etc/letsencrypt/live/HOST/privkey.pem, "
        "/etc/letsencrypt/live/HOST/fullchain.pem), or submit on port 465 with implicit TLS "
        "(check with --tls).",
    )


def starttls_refused_finding(reply: Reply) -> Finding:
    diagnosis = explain_reply(reply, Command.STARTTLS)
    return Finding(
        AREA,
        "smtp.starttls",
        Status.FAIL,
        f"The server refused STARTTLS: {_quote(reply)}. The check goes on in the clear.",
        'Mail clients set to STARTTLS stop here with "the server does not support '
        'STARTTLS" or a TLS error; those that go on send the password in the clear. '
        + diagnosis.summary,
        "Enable STARTTLS with a valid certificate (Postfix: smtpd_tls_security_level = may and "
        "smtpd_tls_chain_files), or submit on port 465 with implicit TLS (check with --tls).",
    )


def auth_offer_findings(
    before_tls: Capabilities | None, after: Capabilities, *, tls: bool, port: int
) -> list[Finding]:
    """The AUTH mechanisms offered, and whether they were offered before TLS."""
    findings: list[Finding] = []
    plaintext = {"PLAIN", "LOGIN"}
    if before_tls is not None and before_tls.auth_mechanisms:
        exposed = sorted(plaintext & set(before_tls.auth_mechanisms))
        if exposed:
            findings.append(
                Finding(
                    AREA,
                    "smtp.auth-before-tls",
                    Status.WARN,
                    f"AUTH {' '.join(before_tls.auth_mechanisms)} is offered on the "
                    "unencrypted connection, before TLS.",
                    f"A client that is not set to use TLS sends the password ({'/'.join(exposed)} "
                    "is only base64) readable by anyone on the path; RFC 4954 4 and RFC 8314 "
                    "ask servers not to offer such mechanisms before TLS.",
                    "Offer AUTH only after TLS (Postfix: smtpd_tls_auth_only = yes; Exim: "
                    "server_advertise_condition = ${if def:tls_in_cipher}) and set the clients to "
                    "STARTTLS (587) or TLS (465).",
                )
            )
    elif before_tls is not None and after.auth_mechanisms and tls:
        findings.append(
            Finding(
                AREA,
                "smtp.auth-before-tls",
                Status.PASS,
                "AUTH is offered only after STARTTLS: passwords never travel in the clear.",
            )
        )
    check = "smtp.auth-mechanisms"
    if after.auth_mechanisms:
        findings.append(
            Finding(
                AREA,
                check,
                Status.PASS,
                f"The server offers AUTH {' '.join(after.auth_mechanisms)}"
                + (" over TLS." if tls else " on an unencrypted connection."),
            )
        )
    elif port == RELAY_PORT:
        findings.append(
            Finding(
                AREA,
                check,
                Status.PASS,
                "The server offers no AUTH on port 25: normal for a server receiving mail, "
                "which relays for no one.",
            )
        )
    else:
        findings.append(
            Finding(
                AREA,
                check,
                Status.WARN,
                f"The server offers no AUTH on port {port}"
                + ("" if tls else " (not even before TLS)")
                + ".",
                'Mail clients cannot log in ("the server does not support authentication"); '
                "unless the server relays for your IP address, every recipient outside its own "
                'domains gets "554 5.7.1 Relay access denied" or "530 5.7.0 Authentication '
                'required".',
                "Enable SMTP AUTH on the submission port (Postfix: -o smtpd_sasl_auth_enable=yes "
                "on the submission line of master.cf, with Dovecot SASL), or use the port your "
                "provider documents for sending.",
            )
        )
    return findings


# -- TLS and the certificate ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CertificateFacts:
    subject: str
    common_names: tuple[str, ...]
    dns_names: tuple[str, ...]  # subjectAltName dNSName entries
    ip_addresses: tuple[str, ...]  # subjectAltName iPAddress entries
    issuer: str
    not_before: datetime
    not_after: datetime
    self_issued: bool


@dataclass(frozen=True, slots=True)
class TlsFacts:
    how: str  # "STARTTLS" or "implicit TLS"
    version: str | None  # "TLSv1.3"
    cipher: str | None
    bits: int | None
    verified: bool  # the chain verified against the system's trusted CAs
    verify_error: str | None  # OpenSSL's reason when it did not ("self-signed certificate")
    certificate: CertificateFacts | None


def describe_certificate(der: bytes) -> CertificateFacts | None:
    """The names and dates of a DER certificate; None when it cannot be parsed."""
    try:
        certificate = x509.load_der_x509_certificate(der)
        common_names = tuple(
            str(attribute.value)
            for attribute in certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        )
        try:
            alternatives = certificate.extensions.get_extension_for_class(
                x509.SubjectAlternativeName
            ).value
            dns_names = tuple(alternatives.get_values_for_type(x509.DNSName))
            ips = tuple(str(ip) for ip in alternatives.get_values_for_type(x509.IPAddress))
        except x509.ExtensionNotFound:
            dns_names, ips = (), ()
        return CertificateFacts(
            subject=certificate.subject.rfc4514_string(),
            common_names=common_names,
            dns_names=dns_names,
            ip_addresses=ips,
            issuer=certificate.issuer.rfc4514_string(),
            not_before=certificate.not_valid_before_utc,
            not_after=certificate.not_valid_after_utc,
            self_issued=certificate.issuer == certificate.subject,
        )
    except ValueError:
        return None


def name_matches(pattern: str, host: str) -> bool:
    """RFC 6125 6.4.3: exact, or a wildcard standing for the whole leftmost label only."""
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if pattern == host:
        return True
    if not pattern.startswith("*.") or pattern.count("*") != 1:
        return False
    label, _, rest = host.partition(".")
    return bool(label) and rest == pattern[2:] and "." in rest


def _covers(certificate: CertificateFacts, host: str) -> bool:
    if _is_ip(host):
        wanted = ipaddress.ip_address(host)
        return any(ipaddress.ip_address(ip) == wanted for ip in certificate.ip_addresses)
    # RFC 6125 6.4.4: the CN counts only when there is no subjectAltName at all.
    names = certificate.dns_names or certificate.common_names
    return any(name_matches(name, host) for name in names)


def _name_fix(host: str, names: tuple[str, ...]) -> str:
    if _is_ip(host):
        # Public authorities rarely certify addresses: clients should use the server's name.
        if names:
            return f"Set mail clients to the server's name ({names[0]}), not its address."
        return "Get a certificate for the server's name and set mail clients to that name."
    if names:
        return (
            f"Connect with a name the certificate covers ({names[0]}), or get a certificate "
            f"that lists {host} in its subjectAltName (certbot certonly -d {host})."
        )
    return (
        f"Get a certificate that lists {host} in its subjectAltName (certbot certonly -d {host})."
    )


def tls_findings(
    facts: TlsFacts, host: str, port: int, *, now: datetime | None = None
) -> list[Finding]:
    """The handshake, the certificate's names and dates, and its chain of trust."""
    now = now or datetime.now(UTC)
    # Mail clients verify certificates; servers delivering to port 25 mostly do not (RFC 7435).
    strict = port != RELAY_PORT
    severe = Status.FAIL if strict else Status.WARN
    version = facts.version or "an unknown TLS version"
    cipher = (
        f" with {facts.cipher}" + (f" ({facts.bits} bits)" if facts.bits else "")
        if facts.cipher
        else ""
    )
    findings: list[Finding] = []
    if facts.version in ("TLSv1", "TLSv1.1", "SSLv3"):
        findings.append(
            Finding(
                AREA,
                "smtp.tls-handshake",
                Status.WARN,
                f"{facts.how} works, but with {version}{cipher}.",
                "TLS 1.0 and 1.1 are deprecated (RFC 8996): current clients and libraries refuse "
                "them and fail with a handshake or protocol-version error.",
                "Enable TLS 1.2 and 1.3 on the server (Postfix: smtpd_tls_protocols = >=TLSv1.2).",
            )
        )
    else:
        findings.append(
            Finding(
                AREA, "smtp.tls-handshake", Status.PASS, f"{facts.how} works: {version}{cipher}."
            )
        )
    certificate = facts.certificate
    if certificate is None:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-name",
                Status.UNKNOWN,
                "The server's certificate could not be read.",
            )
        )
        return findings
    names = certificate.dns_names + certificate.ip_addresses or certificate.common_names
    shown = ", ".join(names) or "no names"
    if _covers(certificate, host):
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-name",
                Status.PASS,
                f"The certificate covers {host} (names: {shown}).",
            )
        )
    else:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-name",
                severe,
                f"The certificate does not cover {host}: it names {shown}.",
                f'Clients that check the name refuse the connection ("hostname mismatch", '
                f'"certificate is not valid for {host}"), or ask the user to accept it every '
                "time.",
                _name_fix(host, names),
            )
        )
    expiry = certificate.not_after.strftime("%Y-%m-%d %H:%M UTC")
    days_left = (certificate.not_after - now).total_seconds() / 86400
    renew = (
        "Renew the certificate (certbot renew, or your provider's panel) and reload the server; "
        "automate renewal so that it cannot happen again."
    )
    if certificate.not_before > now:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-expiry",
                severe,
                f"The certificate is not valid yet: from "
                f"{certificate.not_before.strftime('%Y-%m-%d %H:%M UTC')}.",
                'Clients that verify certificates refuse the connection ("certificate is not '
                "yet valid\"); check the server's clock too.",
                "Check the server's clock (NTP) and the certificate's dates.",
            )
        )
    elif days_left < 0:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-expiry",
                severe,
                f"The certificate expired on {expiry}.",
                'Clients that verify certificates refuse the connection ("certificate has '
                'expired"); mail clients show a certificate warning on every send.',
                renew,
            )
        )
    elif days_left < EXPIRY_WARNING_DAYS:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-expiry",
                Status.WARN,
                f"The certificate expires on {expiry}, in {_days(days_left)}.",
                "From that moment clients that verify certificates refuse the connection "
                '("certificate has expired").',
                renew,
            )
        )
    else:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-expiry",
                Status.PASS,
                f"The certificate is valid until {expiry} ({_days(days_left)}).",
            )
        )
    if facts.verified:
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-chain",
                Status.PASS,
                f"The certificate chain is trusted (issuer: {certificate.issuer}).",
            )
        )
    else:
        reason = facts.verify_error or "the chain does not lead to a trusted authority"
        kind = "self-signed" if certificate.self_issued else f"issued by {certificate.issuer}"
        detail = (
            reason if "self-signed" in reason and certificate.self_issued else f"{reason} ({kind})"
        )
        findings.append(
            Finding(
                AREA,
                "smtp.certificate-chain",
                severe,
                f"The certificate is not trusted: {detail}.",
                "Mail clients (Outlook, Thunderbird, Apple Mail, phones) refuse the connection or "
                "show a certificate warning; programs and libraries that verify certificates "
                '(the default in most) fail with "certificate verify failed".',
                "Install a certificate from a public authority (Let's Encrypt is free: certbot "
                "certonly -d HOST) with its intermediate certificates (the full chain: Postfix "
                "smtpd_tls_chain_files = privkey.pem, fullchain.pem), and reload the server.",
            )
        )
    return findings


def _days(days: float) -> str:
    whole = max(0, round(days))
    return "less than a day" if whole == 0 else ("1 day" if whole == 1 else f"{whole} days")


def tls_failed_finding(how: str, error: BaseException, *, port: int) -> Finding:
    detail = getattr(error, "reason", None) or str(error) or type(error).__name__
    if isinstance(error, TimeoutError):
        detail = "no answer to the TLS handshake"
    if how == "implicit TLS":
        fix = (
            f"Port {port} may speak plain SMTP from the first byte: check it without --tls "
            f"(STARTTLS, usually port {SUBMISSION_PORT}), or use port {IMPLICIT_TLS_PORT} for "
            "implicit TLS."
        )
    else:
        fix = (
            "Check the server's TLS settings (certificate and key files readable, protocols "
            f"TLS 1.2 or later: Postfix logs the cause), or try implicit TLS on port "
            f"{IMPLICIT_TLS_PORT} (--tls)."
        )
    return Finding(
        AREA,
        "smtp.tls-handshake",
        Status.FAIL,
        f"The {how} handshake failed: {detail}.",
        'Mail clients report a TLS or "connection closed" error and send nothing; those set '
        "to fall back to no encryption send the password in the clear.",
        fix,
    )


# -- AUTH ----------------------------------------------------------------------------------------

# RFC 4954 6 and what providers put in these replies.
_AUTH_REPLIES: dict[int, tuple[str, str]] = {
    535: (
        "The user name or password was refused: mail clients ask for the password again, "
        'applications fail with "535 5.7.8 Authentication credentials invalid", and nothing '
        "is sent.",
        "Check the user name (often the whole address) and the password. Providers with "
        "two-step sign-in want an app password (Gmail, Yahoo, iCloud); Microsoft 365 needs "
        'SMTP AUTH enabled for the mailbox (535 5.7.139 "SmtpClientAuthentication is '
        'disabled") or OAuth.',
    ),
    534: (
        'The server wants a stronger way of logging in: Gmail answers "534-5.7.9 '
        'Application-specific password required" or "534-5.7.14 Please log in via your web '
        "browser\" when the account's security settings block the password.",
        "Create an app password (Gmail, Yahoo, iCloud: in the account's security settings) "
        "and use it instead of the account password, or log in with OAuth (XOAUTH2).",
    ),
    538: (
        "The server accepts passwords only over an encrypted connection (RFC 4954 6): "
        'clients not set to use TLS get "538 5.7.11 Encryption required for requested '
        'authentication mechanism".',
        f"Set the client to STARTTLS on port {SUBMISSION_PORT} or TLS on port "
        f"{IMPLICIT_TLS_PORT}, and check again with --starttls or --tls.",
    ),
    454: (
        'The server could not check the password just now ("454 4.7.0 Temporary '
        'authentication failure"): its password backend is down or slow.',
        "Retry in a few minutes; if it persists, the server's administrator should check its "
        "SASL service (Postfix: Dovecot auth socket, saslauthd).",
    ),
    504: (
        "The server does not support the mechanism it was asked for.",
        "Use one of the mechanisms the server lists in its EHLO reply.",
    ),
    530: (
        'The server wants something else first, usually TLS ("530 5.7.0 Must issue a '
        'STARTTLS command first").',
        f"Use STARTTLS on port {SUBMISSION_PORT} or TLS on port {IMPLICIT_TLS_PORT}.",
    ),
}


def auth_finding(reply: Reply, *, user: str, mechanism: str) -> Finding:
    """The result of logging in as ``user`` with ``mechanism``."""
    check = "smtp.auth"
    if reply.code == 235:
        return Finding(
            AREA,
            check,
            Status.PASS,
            f"Logged in as {user} with AUTH {mechanism}: {_quote(reply)}.",
        )
    diagnosis = explain_reply(reply, Command.AUTH)
    why, fix = _AUTH_REPLIES.get(
        reply.code, (diagnosis.summary, _engine(diagnosis) or "Check the account's settings.")
    )
    status = Status.UNKNOWN if reply.code == 454 else Status.FAIL
    return Finding(
        AREA,
        check,
        status,
        f"Logging in as {user} with AUTH {mechanism} failed: {_quote(reply)}.",
        why,
        fix,
    )


# -- MAIL FROM and RCPT TO -----------------------------------------------------------------------

# What a refusal means on one's own submission server, by stage and the engine's reason; the
# engine's own summary and steps are used for the rest.
_ENVELOPE_ADVICE: dict[tuple[Command, Reason], tuple[str, str]] = {
    (Command.MAIL, Reason.SECURITYERROR): (
        "The server accepts mail only from clients that log in: your mail client gets "
        '"530 5.7.0 Authentication required" and nothing is sent.',
        "Turn on SMTP authentication in the mail client (same user name and password as for "
        "reading mail, unless your provider says otherwise) and check again with --user and "
        "--password-env.",
    ),
    (Command.MAIL, Reason.FAILEDSTARTTLS): (
        'The server takes no mail before TLS: your mail client gets "530 5.7.0 Must issue a '
        'STARTTLS command first".',
        f"Set the client's security to STARTTLS (port {SUBMISSION_PORT}) or SSL/TLS (port "
        f"{IMPLICIT_TLS_PORT}), and check again with --starttls or --tls.",
    ),
    (Command.MAIL, Reason.REJECTED): (
        "This account may not send with this sender address: the server refuses it before any "
        'recipient ("553 5.7.1 Sender address rejected: not owned by user").',
        "Send from the account's own address or an alias the server assigns to it (Postfix: "
        "smtpd_sender_login_maps with reject_sender_login_mismatch; Microsoft 365: Send As "
        "permission for the mailbox).",
    ),
    (Command.RCPT, Reason.SECURITYERROR): (
        'The server relays only for clients that log in: every recipient gets "530 5.7.0 '
        'Authentication required".',
        "Turn on SMTP authentication in the mail client and check again with --user and "
        "--password-env.",
    ),
    (Command.RCPT, Reason.FAILEDSTARTTLS): (
        "The server takes no recipients before TLS.",
        f"Set the client's security to STARTTLS (port {SUBMISSION_PORT}) or SSL/TLS (port "
        f"{IMPLICIT_TLS_PORT}).",
    ),
}
_RELAY_DENIED_ANONYMOUS = (
    "The server relays only for clients that log in (or for its own network): your mail client "
    'gets "554 5.7.1 Relay access denied" for every recipient outside the server\'s own '
    "domains, and nothing reaches them.",
    "Log in before sending: turn on SMTP authentication in the client and check again with "
    "--user and --password-env. If the server should relay for a fixed address instead, add it "
    "to the server's trusted networks (Postfix: mynetworks).",
)
_RELAY_DENIED_AUTHENTICATED = (
    "Even after logging in the server does not relay to outside domains for this account: "
    'every such recipient gets "554 5.7.1 Relay access denied".',
    "Let authenticated clients relay (Postfix: smtpd_relay_restrictions = permit_mynetworks, "
    "permit_sasl_authenticated, reject_unauth_destination, also in the -o options of the "
    "submission line in master.cf), or ask the provider whether this account may send to "
    "outside addresses.",
)


def envelope_finding(
    command: Command, address: str, reply: Reply, *, authenticated: bool
) -> Finding:
    """The reply to ``MAIL FROM:<address>`` or ``RCPT TO:<address>``."""
    check = "smtp.mail-from" if command is Command.MAIL else "smtp.rcpt-to"
    verb = "MAIL FROM" if command is Command.MAIL else "RCPT TO"
    if reply.code in (250, 251):
        if command is Command.RCPT and not authenticated:
            domain = address.rpartition("@")[2] or address
            return Finding(
                AREA,
                check,
                Status.WARN,
                f"{verb}:<{address}> was accepted without logging in: {_quote(reply)}.",
                f"Unless {domain} is a domain this server receives mail for, it relays for anyone "
                "who connects: an open relay is abused for spam within hours and then listed on "
                "every blocklist (Spamhaus, SpamCop), and its mail refused everywhere.",
                "Relay only for clients that log in and for your own networks (Postfix: "
                "smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, "
                "reject_unauth_destination).",
            )
        return Finding(AREA, check, Status.PASS, f"{verb}:<{address}> accepted: {_quote(reply)}.")
    diagnosis = explain_reply(reply, command)
    if diagnosis.reason is Reason.NORELAYING:
        why, fix = _RELAY_DENIED_AUTHENTICATED if authenticated else _RELAY_DENIED_ANONYMOUS
    else:
        why, fix = _ENVELOPE_ADVICE.get(
            (command, diagnosis.reason),
            (diagnosis.summary, _engine(diagnosis) or "Ask the server's administrator."),
        )
    temporary = 400 <= reply.code < 500
    return Finding(
        AREA,
        check,
        Status.WARN if temporary else Status.FAIL,
        f"{verb}:<{address}> was refused: {_quote(reply)} ({diagnosis.reason}: "
        f"{diagnosis.headline.rstrip('.')}).",
        f"Your mail client gets {_quote(reply)}. {why}",
        fix,
    )


# -- connecting ----------------------------------------------------------------------------------


def connect_failure_finding(
    host: str, port: int, failures: list[str], *, timed_out: bool, refused: bool, timeout: float
) -> Finding:
    where = f"{host}:{port}"
    blocked = (
        f"Port {RELAY_PORT} is blocked for outgoing connections by most ISPs and cloud providers "
        "(AWS, Google Cloud, Azure, home connections): "
        if port == RELAY_PORT
        else ""
    )
    try_ports = (
        f"{blocked}check the port your provider documents for sending, {ALTERNATIVE_PORTS}, "
        f"e.g. bouncekit check-smtp {host}:{SUBMISSION_PORT}."
    )
    fix = try_ports[0].upper() + try_ports[1:]
    if refused:
        return Finding(
            AREA,
            "smtp.connect",
            Status.FAIL,
            f"Nothing accepts connections on {where}: connection refused. " + " ".join(failures),
            'Your mail client reports "connection refused" and sends nothing: no server listens '
            "on this port, or a firewall rejects it.",
            fix,
        )
    if timed_out:
        return Finding(
            AREA,
            "smtp.connect",
            Status.FAIL,
            f"No answer from {where} within {timeout:g} s: the port looks filtered. "
            + " ".join(failures),
            "Your mail client waits and then reports a timeout: a firewall on the way (your "
            "network's, your ISP's or the server's) drops the connection.",
            fix,
        )
    return Finding(
        AREA,
        "smtp.connect",
        Status.FAIL,
        f"Could not connect to {where}. " + " ".join(failures),
        "Your mail client cannot reach the server and sends nothing.",
        "Check the server name (its A/AAAA records) and the network path; " + try_ports,
    )


# -- the dialogue (I/O) --------------------------------------------------------------------------


class _Interrupted(Exception):
    """The server hung, closed the connection or sent something that is no SMTP reply."""

    def __init__(self, detail: str, *, timed_out: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.timed_out = timed_out


class _Untrusted(Exception):
    """The certificate did not verify: the handshake is made again without verifying it."""


class _Connection:
    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        transcript: list[str],
        timeout: float,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.transcript = transcript
        self.timeout = timeout

    async def read_reply(self, waiting_for: str, *, timeout: float | None = None) -> Reply:
        """One whole reply (RFC 5321 4.2: "250-" lines continue it); one deadline for it all."""
        limit = self.timeout if timeout is None else timeout
        lines: list[str] = []
        try:
            async with asyncio.timeout(limit):
                while True:
                    raw = await self.reader.readline()
                    if not raw:
                        raise _Interrupted(
                            f"The server closed the connection instead of sending {waiting_for}."
                        )
                    line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                    self.transcript.append(f"< {line}")
                    code, separator = line[:3], line[3:4]
                    if not (code.isdigit() and code[0] in "2345" and separator in ("", " ", "-")):
                        raise _Interrupted(
                            f"Instead of {waiting_for} the server sent a line that is no SMTP "
                            f"reply: {line!r}."
                        )
                    lines.append(line)
                    if separator != "-":
                        return Reply(int(code), tuple(lines))
                    if len(lines) >= MAX_REPLY_LINES:
                        raise _Interrupted(
                            f"The server sent a reply of more than {MAX_REPLY_LINES} lines."
                        )
        except TimeoutError:
            raise _Interrupted(
                f"No {waiting_for.removeprefix('the ')} within {limit:g} s: the server hangs.",
                timed_out=True,
            ) from None
        except (OSError, ValueError) as error:  # ValueError: a line over the stream's limit
            raise _Interrupted(f"Reading {waiting_for} failed: {error}.") from None

    async def command(self, line: str, *, shown: str | None = None) -> Reply:
        self.transcript.append(f"> {shown or line}")
        self.writer.write(line.encode("utf-8") + b"\r\n")
        try:
            await asyncio.wait_for(self.writer.drain(), self.timeout)
        except (OSError, TimeoutError) as error:
            raise _Interrupted(
                f"Sending {shown or line.split(' ', 1)[0]} failed: {error}."
            ) from None
        return await self.read_reply(f"the reply to {_verb(line)}")

    async def start_tls(self, context: ssl.SSLContext, server_hostname: str | None) -> None:
        await asyncio.wait_for(
            self.writer.start_tls(context, server_hostname=server_hostname), self.timeout
        )

    def tls_facts(self, how: str, *, verified: bool, verify_error: str | None) -> TlsFacts:
        tls: ssl.SSLObject | None = self.writer.get_extra_info("ssl_object")
        if tls is None:  # pragma: no cover - only called after a handshake
            return TlsFacts(how, None, None, None, False, verify_error, None)
        cipher = tls.cipher()
        der = tls.getpeercert(binary_form=True)
        return TlsFacts(
            how=how,
            version=tls.version(),
            cipher=cipher[0] if cipher else None,
            bits=cipher[2] if cipher else None,
            verified=verified,
            verify_error=verify_error,
            certificate=describe_certificate(der) if der else None,
        )

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer.wait_closed(), _QUIT_WAIT)


def _client_context(*, verify: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    # Names are checked by tls_findings, so that a mismatch is a finding, not a failed handshake.
    context.check_hostname = False
    if not verify:
        context.verify_mode = ssl.CERT_NONE
    return context


def _helo_name(writer: asyncio.StreamWriter) -> str:
    # An address literal (RFC 5321 4.1.3), as privacy-minded mail clients send.
    local = writer.get_extra_info("sockname")
    address = str(local[0]) if local else "127.0.0.1"
    return f"[IPv6:{address}]" if ":" in address else f"[{address}]"


@dataclass(slots=True)
class _Check:
    host: str
    port: int
    addresses: list[str]
    mode: TlsMode
    user: str | None
    password: str | None
    mail_from: str | None
    rcpt: str | None
    timeout: float
    helo: str | None
    findings: list[Finding] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    step: str = "smtp.connect"
    untrusted: str | None = None  # OpenSSL's reason the certificate did not verify
    plain_capabilities: Capabilities | None = None  # EHLO before STARTTLS
    capabilities: Capabilities | None = None  # the latest EHLO
    tls: bool = False

    @property
    def implicit_tls(self) -> bool:
        return self.mode is TlsMode.TLS or (
            self.mode is TlsMode.AUTO and self.port == IMPLICIT_TLS_PORT
        )

    def add(self, *findings: Finding | None) -> None:
        # Each check once: the first connection's findings stand when a second one is needed
        # to read an untrusted certificate.
        seen = {finding.check for finding in self.findings}
        for finding in findings:
            if finding is not None and finding.check not in seen:
                self.findings.append(finding)
                seen.add(finding.check)

    async def run(self) -> None:
        try:
            connection = await self._open(verify=True)
        except _Untrusted as untrusted:
            self.untrusted = str(untrusted)
            self.transcript.append(
                f"* the certificate is not trusted ({untrusted}); connecting again without "
                "verifying it, to read it"
            )
            self.plain_capabilities = self.capabilities = None
            self.tls = False
            connection = await self._open(verify=False)
        if connection is None:
            return
        try:
            await self._after_tls(connection)
        except _Interrupted as stop:
            self.add(self._interrupted(stop))
        finally:
            await self._quit(connection)

    async def _connect(self) -> _Connection | None:
        failures: list[str] = []
        timed_out = refused = False
        for address in self.addresses:
            where = (
                f"{self.host} [{address}]:{self.port}"
                if address != self.host
                else (f"{address}:{self.port}")
            )
            started = time.monotonic()
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(address, self.port), self.timeout
                )
            except TimeoutError:
                timed_out = True
                failures.append(f"Connecting to {where} timed out after {self.timeout:g} s.")
                continue
            except ConnectionRefusedError:
                refused = True
                failures.append(f"{where} refused the connection.")
                continue
            except OSError as error:
                failures.append(
                    f"Connecting to {where} failed: {getattr(error, 'strerror', None) or error}."
                )
                continue
            elapsed = (time.monotonic() - started) * 1000
            self.transcript.append(f"* connected to {where}")
            self.add(
                Finding(
                    AREA, "smtp.connect", Status.PASS, f"Connected to {where} in {elapsed:.0f} ms."
                )
            )
            return _Connection(reader, writer, self.transcript, self.timeout)
        self.transcript.extend(f"* {failure}" for failure in failures)
        self.add(
            connect_failure_finding(
                self.host,
                self.port,
                failures,
                timed_out=timed_out and not refused,
                refused=refused,
                timeout=self.timeout,
            )
        )
        return None

    async def _open(self, *, verify: bool) -> _Connection | None:
        """Connect, greet, EHLO, and TLS as the mode says; None when a step failed."""
        self.step = "smtp.connect"
        connection = await self._connect()
        if connection is None:
            return None
        try:
            if self.implicit_tls and not await self._handshake(
                connection, "implicit TLS", verify=verify
            ):
                await connection.close()
                return None
            self.step = "smtp.banner"
            banner = await connection.read_reply("the greeting")
            self.add(banner_finding(banner))
            if banner.code != 220:
                await self._quit(connection)
                return None
            if not await self._ehlo(connection):
                await self._quit(connection)
                return None
            if not self.implicit_tls:
                await self._starttls(connection, verify=verify)
        except _Interrupted as stop:
            self.add(self._interrupted(stop))
            await connection.close()
            return None
        except _Untrusted:
            await connection.close()
            raise
        return connection

    async def _ehlo(self, connection: _Connection) -> bool:
        # RFC 3207 4.2: the EHLO after STARTTLS may announce more (AUTH) or less (STARTTLS).
        check = "smtp.ehlo-after-tls" if self.tls and not self.implicit_tls else "smtp.ehlo"
        self.step = check
        helo = self.helo or _helo_name(connection.writer)
        reply = await connection.command(f"EHLO {helo}")
        if reply.code == 250:
            capabilities = parse_ehlo(reply)
            if not self.tls:
                self.plain_capabilities = capabilities
            self.capabilities = capabilities
            self.add(*ehlo_findings(reply, capabilities, helo_reply=None, check=check))
            return True
        helo_reply = None
        if reply.code >= 500 and not self.tls:  # RFC 5321 4.1.1.1: fall back to HELO
            helo_reply = await connection.command(f"HELO {helo}")
            if helo_reply.code == 250:
                self.capabilities = self.plain_capabilities = Capabilities(
                    helo_reply.messages[0].split(" ", 1)[0] if helo_reply.messages else ""
                )
        self.add(*ehlo_findings(reply, None, helo_reply=helo_reply, check=check))
        return helo_reply is not None and helo_reply.code == 250

    async def _starttls(self, connection: _Connection, *, verify: bool) -> None:
        assert self.capabilities is not None
        offer = starttls_offer_finding(self.capabilities, self.port, self.mode)
        if offer is not None:
            self.add(offer)
            return
        self.step = "smtp.starttls"
        reply = await connection.command("STARTTLS")
        if reply.code != 220:
            self.add(starttls_refused_finding(reply))  # RFC 3207 4: the session goes on
            return
        offered = "STARTTLS" in self.capabilities.extensions
        self.add(
            Finding(
                AREA,
                "smtp.starttls",
                Status.PASS,
                f"STARTTLS {'is offered and ' if offered else ''}accepted: {_quote(reply)}.",
            )
        )
        if not await self._handshake(connection, "STARTTLS", verify=verify):
            raise _Interrupted("The TLS handshake failed.")
        # RFC 3207 4.2: forget everything learnt before TLS and ask again.
        await self._ehlo(connection)

    async def _handshake(self, connection: _Connection, how: str, *, verify: bool) -> bool:
        self.step = "smtp.tls-handshake"
        connection.transcript.append(f"* {how} handshake" + ("" if verify else " (not verifying)"))
        server_hostname = None if _is_ip(self.host) else self.host
        try:
            await connection.start_tls(_client_context(verify=verify), server_hostname)
        except ssl.SSLCertVerificationError as error:
            if verify:
                raise _Untrusted(error.verify_message or error.reason or str(error)) from None
            self.add(tls_failed_finding(how, error, port=self.port))
            return False
        except (ssl.SSLError, OSError, TimeoutError) as error:
            connection.transcript.append(f"* {how} failed: {error or type(error).__name__}")
            self.add(tls_failed_finding(how, error, port=self.port))
            return False
        self.tls = True
        facts = connection.tls_facts(how, verified=verify, verify_error=self.untrusted)
        connection.transcript.append(
            f"* {facts.version} {facts.cipher}"
            + (f"; certificate {facts.certificate.subject}" if facts.certificate else "")
        )
        self.add(*tls_findings(facts, self.host, self.port))
        return True

    async def _after_tls(self, connection: _Connection) -> None:
        assert self.capabilities is not None
        self.add(
            *auth_offer_findings(
                self.plain_capabilities if not self.implicit_tls else None,
                self.capabilities,
                tls=self.tls,
                port=self.port,
            )
        )
        authenticated = False
        if self.user is not None and self.password is not None:
            self.step = "smtp.auth"
            authenticated = await self._authenticate(connection, self.user, self.password)
        if self.mail_from is None:
            return
        self.step = "smtp.mail-from"
        reply = await connection.command(f"MAIL FROM:<{self.mail_from}>")
        self.add(envelope_finding(Command.MAIL, self.mail_from, reply, authenticated=authenticated))
        if self.rcpt is None:
            return
        if reply.code != 250:
            self.add(
                Finding(
                    AREA,
                    "smtp.rcpt-to",
                    Status.UNKNOWN,
                    f"RCPT TO:<{self.rcpt}> was not asked: MAIL FROM was refused.",
                )
            )
            return
        self.step = "smtp.rcpt-to"
        reply = await connection.command(f"RCPT TO:<{self.rcpt}>")
        self.add(envelope_finding(Command.RCPT, self.rcpt, reply, authenticated=authenticated))

    async def _authenticate(self, connection: _Connection, user: str, password: str) -> bool:
        assert self.capabilities is not None
        offered = self.capabilities.auth_mechanisms
        if not self.tls:
            self.add(
                Finding(
                    AREA,
                    "smtp.auth",
                    Status.UNKNOWN,
                    f"Logging in as {user} was not tried: the connection is not encrypted, and "
                    "the password would travel readable by anyone on the path.",
                    "A mail client set up the same way exposes the password on every send.",
                    f"Use STARTTLS (port {SUBMISSION_PORT}, --starttls) or TLS (port "
                    f"{IMPLICIT_TLS_PORT}, --tls); if the server offers neither, enable TLS on it "
                    "first.",
                )
            )
            return False
        mechanism = next((m for m in ("PLAIN", "LOGIN") if m in offered), None)
        if mechanism is None:
            self.add(
                Finding(
                    AREA,
                    "smtp.auth",
                    Status.UNKNOWN,
                    f"Logging in as {user} was not tried: the server offers "
                    + (f"AUTH {' '.join(offered)}" if offered else "no AUTH")
                    + ", and this check logs in with PLAIN or LOGIN only.",
                    "Clients that use only PLAIN or LOGIN (most applications and libraries) "
                    "cannot log in."
                    if offered
                    else "Mail clients cannot log in; the server relays by IP address only, if at "
                    "all.",
                    "Enable AUTH PLAIN and LOGIN over TLS on the submission port (Postfix with "
                    "Dovecot SASL: smtpd_sasl_auth_enable = yes)."
                    if offered
                    else "Enable SMTP AUTH on the submission port.",
                )
            )
            return False
        if mechanism == "PLAIN":
            # RFC 4616: authzid NUL authcid NUL passwd, as the initial response (RFC 4954 4).
            token = _b64("\0" + user + "\0" + password)
            reply = await connection.command(f"AUTH PLAIN {token}", shown=f"AUTH PLAIN {_SECRET}")
            if reply.code == 334:
                reply = await connection.command(token, shown=_SECRET)
        else:
            reply = await connection.command("AUTH LOGIN")
            if reply.code == 334:
                reply = await connection.command(_b64(user), shown=f"{_b64(user)} ({user})")
            if reply.code == 334:
                reply = await connection.command(_b64(password), shown=_SECRET)
        self.add(auth_finding(reply, user=user, mechanism=mechanism))
        return reply.code == 235

    def _interrupted(self, stop: _Interrupted) -> Finding:
        if self.step == "smtp.banner" and stop.timed_out:
            if not self.implicit_tls and self.port == IMPLICIT_TLS_PORT:
                fix = (
                    f"Port {IMPLICIT_TLS_PORT} expects TLS from the first byte: check it with "
                    "--tls."
                )
            else:
                fix = (
                    "If the port expects TLS from the first byte (usually 465), check it with "
                    "--tls. Otherwise the server is overloaded, or a firewall or antivirus "
                    "intercepts SMTP; servers that pause before greeting on purpose (Postfix "
                    "postscreen) answer within a few seconds: try a longer --timeout."
                )
            return Finding(
                AREA,
                "smtp.banner",
                Status.FAIL,
                f"Connected, but the server sent no greeting within {self.timeout:g} s.",
                'Your mail client waits and then reports a timeout ("the server did not '
                'respond"); nothing is sent.',
                fix,
            )
        return Finding(
            AREA,
            self.step,
            Status.FAIL,
            stop.detail,
            "The session ended before this step finished: your mail client fails the same way "
            '(a timeout or "connection closed").',
            "Look at the server's log for this connection; check with a longer --timeout if the "
            "server is slow."
            if stop.timed_out
            else "Look at the server's log for this connection.",
        )

    async def _quit(self, connection: _Connection) -> None:
        # The findings are known by now: QUIT is a courtesy, and its failure is no finding.
        with contextlib.suppress(_Interrupted, OSError, TimeoutError):
            connection.transcript.append("> QUIT")
            connection.writer.write(b"QUIT\r\n")
            await asyncio.wait_for(connection.writer.drain(), _QUIT_WAIT)
            await connection.read_reply("the reply to QUIT", timeout=_QUIT_WAIT)
        await connection.close()


def _verb(command: str) -> str:
    """The command's name for messages: "MAIL FROM", "AUTH", never an argument or a secret."""
    words = command.split(":", 1)[0].split()
    if not words or not words[0].isalpha():
        return "the AUTH exchange"  # a base64 continuation line
    return " ".join(words[:2]) if words[0].upper() in ("MAIL", "RCPT") else words[0]


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


_NAME = re.compile(r"^[A-Za-z0-9._:\[\]-]+$")


async def check_smtp_async(
    host: str,
    port: int = SUBMISSION_PORT,
    *,
    mode: TlsMode = TlsMode.AUTO,
    user: str | None = None,
    password: str | None = None,
    mail_from: str | None = None,
    rcpt: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    helo: str | None = None,
    resolver: Resolver | None = None,
) -> SmtpReport:
    """Check the SMTP server at ``host``:``port`` as a mail client would use it.

    ``password`` is the password itself (the CLI reads it from an environment variable, never
    the command line); it is sent only over TLS and never appears in the transcript. Raises
    :class:`~bouncekit.errors.InputError` for unusable input, including a private, loopback
    or link-local target without ``allow_private``; everything the server does is a finding.
    """
    host = host.strip().rstrip(".")
    if not host or not _NAME.match(host):
        raise InputError(f"{host!r} is not a host name or address; give e.g. smtp.example.com.")
    if not 0 < port < 65536:
        raise InputError(f"The port {port} is out of range; give a number from 1 to 65535.")
    if timeout <= 0:
        raise InputError(f"The timeout must be above 0 seconds; got {timeout:g}.")
    if (user is None) != (password is None):
        raise InputError(
            "Logging in needs both a user name and a password: give --user with --password-env."
        )
    if user is not None and ("\0" in user or "\n" in user or not user):
        raise InputError(f"The user name {user!r} is empty or holds control characters.")
    if rcpt is not None and mail_from is None:
        raise InputError("--rcpt needs --mail-from: RCPT TO comes after MAIL FROM.")
    for option, address in (("--mail-from", mail_from), ("--rcpt", rcpt)):
        if address is not None:
            _check_envelope_address(option, address)
    if helo is not None and not _NAME.match(helo):
        raise InputError(f"The EHLO name {helo!r} is not a host name or address literal.")

    active = resolver or get_resolver()
    addresses, problem = await asyncio.to_thread(_addresses, host, active)
    check = _Check(host, port, [], mode, user, password, mail_from, rcpt, timeout, helo)
    if not addresses:
        check.add(
            Finding(
                AREA,
                "smtp.connect",
                Status.FAIL,
                f"{host} cannot be connected to: {problem}",
                "Your mail client reports that the server cannot be found and sends nothing.",
                "Check the server name your provider documents, and its DNS records "
                f"(dig +short {host} A).",
            )
        )
        return SmtpReport(host, port, tuple(check.findings), tuple(check.transcript))
    if not allow_private:
        internal = [address for address in addresses if is_internal_address(address)]
        if internal and len(internal) == len(addresses):
            raise InputError(
                f"{host} is a private, loopback or link-local address ({', '.join(internal)}); "
                "give --allow-private to check a server on your own network."
            )
        addresses = [address for address in addresses if not is_internal_address(address)]
    check.addresses = addresses
    await check.run()
    return SmtpReport(host, port, tuple(check.findings), tuple(check.transcript))


def check_smtp(
    host: str,
    port: int = SUBMISSION_PORT,
    *,
    mode: TlsMode = TlsMode.AUTO,
    user: str | None = None,
    password: str | None = None,
    mail_from: str | None = None,
    rcpt: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    helo: str | None = None,
    resolver: Resolver | None = None,
) -> SmtpReport:
    """:func:`check_smtp_async` for callers without an event loop (the CLI)."""
    return asyncio.run(
        check_smtp_async(
            host,
            port,
            mode=mode,
            user=user,
            password=password,
            mail_from=mail_from,
            rcpt=rcpt,
            timeout=timeout,
            allow_private=allow_private,
            helo=helo,
            resolver=resolver,
        )
    )
