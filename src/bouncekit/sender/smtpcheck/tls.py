"""The TLS handshake and the server's certificate: its names (RFC 6125 6.4), its dates and its
chain of trust, as findings. Pure: the facts are read by the driver, and what they say
(:mod:`bouncekit.smtp.tls`) is shared with ``check-sender``'s STARTTLS check.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bouncekit.sender.model import Area, Finding, Status
from bouncekit.sender.smtpcheck.model import IMPLICIT_TLS_PORT, RELAY_PORT, SUBMISSION_PORT
from bouncekit.smtp.tls import (
    TlsFacts,
    certificate_covers,
    certificate_validity,
    is_ip_address,
)


def _name_fix(host: str, names: tuple[str, ...]) -> str:
    if is_ip_address(host):
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


def handshake_findings(
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
                Area.SMTP,
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
                Area.SMTP,
                "smtp.tls-handshake",
                Status.PASS,
                f"{facts.how} works: {version}{cipher}.",
            )
        )
    certificate = facts.certificate
    if certificate is None:
        findings.append(
            Finding(
                Area.SMTP,
                "smtp.certificate-name",
                Status.UNKNOWN,
                "The server's certificate could not be read.",
            )
        )
        return findings
    names = certificate.dns_names + certificate.ip_addresses or certificate.common_names
    shown = ", ".join(names) or "no names"
    if certificate_covers(certificate, host):
        findings.append(
            Finding(
                Area.SMTP,
                "smtp.certificate-name",
                Status.PASS,
                f"The certificate covers {host} (names: {shown}).",
            )
        )
    else:
        findings.append(
            Finding(
                Area.SMTP,
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
    validity = certificate_validity(
        certificate.not_after, not_before=certificate.not_before, now=now
    )
    days_left = validity.days_left
    renew = (
        "Renew the certificate (certbot renew, or your provider's panel) and reload the server; "
        "automate renewal so that it cannot happen again."
    )
    if validity.not_yet_valid:
        findings.append(
            Finding(
                Area.SMTP,
                "smtp.certificate-expiry",
                severe,
                f"The certificate is not valid yet: from "
                f"{certificate.not_before.strftime('%Y-%m-%d %H:%M UTC')}.",
                'Clients that verify certificates refuse the connection ("certificate is not '
                "yet valid\"); check the server's clock too.",
                "Check the server's clock (NTP) and the certificate's dates.",
            )
        )
    elif validity.expired:
        findings.append(
            Finding(
                Area.SMTP,
                "smtp.certificate-expiry",
                severe,
                f"The certificate expired on {expiry}.",
                'Clients that verify certificates refuse the connection ("certificate has '
                'expired"); mail clients show a certificate warning on every send.',
                renew,
            )
        )
    elif validity.expiring:
        findings.append(
            Finding(
                Area.SMTP,
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
                Area.SMTP,
                "smtp.certificate-expiry",
                Status.PASS,
                f"The certificate is valid until {expiry} ({_days(days_left)}).",
            )
        )
    if facts.verified:
        findings.append(
            Finding(
                Area.SMTP,
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
                Area.SMTP,
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
        Area.SMTP,
        "smtp.tls-handshake",
        Status.FAIL,
        f"The {how} handshake failed: {detail}.",
        'Mail clients report a TLS or "connection closed" error and send nothing; those set '
        "to fall back to no encryption send the password in the clear.",
        fix,
    )
