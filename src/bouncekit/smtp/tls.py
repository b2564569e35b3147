"""TLS for SMTP clients: the one place client contexts are made, the facts of a handshake and
its certificate, and what the certificate's names and dates say (RFC 6125 6.4; the expiry
warning). Judging those facts as findings is the caller's: ``check-smtp`` and ``check-sender``
word them for their own readers.
"""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.x509.oid import NameOID

__all__ = [
    "EXPIRY_WARNING_DAYS",
    "CertificateFacts",
    "CertificateValidity",
    "TlsFacts",
    "certificate_covers",
    "certificate_validity",
    "client_context",
    "describe_certificate",
    "handshake_facts",
    "is_ip_address",
    "name_matches",
]

# A certificate that expires within this many days is worth a warning: renewal has failed.
EXPIRY_WARNING_DAYS = 14


def client_context(*, verify: bool = True, check_hostname: bool = True) -> ssl.SSLContext:
    """A TLS client context: the system's trusted CAs, the host name checked.

    ``verify=False`` accepts any certificate: opportunistic TLS (RFC 7435), where MX
    certificates are commonly self-signed and nothing secret is sent, or a second handshake
    made only to read a certificate that did not verify. ``check_hostname=False`` verifies the
    chain but leaves the names to :func:`certificate_covers`, so that a mismatch is a finding
    rather than a failed handshake.
    """
    context = ssl.create_default_context()
    if not verify or not check_hostname:
        context.check_hostname = False
    if not verify:
        context.verify_mode = ssl.CERT_NONE
    return context


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


def handshake_facts(
    tls: ssl.SSLObject | ssl.SSLSocket, how: str, *, verified: bool, verify_error: str | None
) -> TlsFacts:
    """What a finished handshake agreed on, and the certificate the server showed."""
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


def is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def name_matches(pattern: str, host: str) -> bool:
    """RFC 6125 6.4.3: exact, or a wildcard standing for the whole leftmost label only."""
    pattern, host = pattern.lower().rstrip("."), host.lower().rstrip(".")
    if pattern == host:
        return True
    if not pattern.startswith("*.") or pattern.count("*") != 1:
        return False
    label, _, rest = host.partition(".")
    return bool(label) and rest == pattern[2:] and "." in rest


def certificate_covers(certificate: CertificateFacts, host: str) -> bool:
    """Whether the certificate is for ``host``: a name, or an address in its subjectAltName."""
    if is_ip_address(host):
        wanted = ipaddress.ip_address(host)
        return any(ipaddress.ip_address(ip) == wanted for ip in certificate.ip_addresses)
    # RFC 6125 6.4.4: the CN counts only when there is no subjectAltName at all.
    names = certificate.dns_names or certificate.common_names
    return any(name_matches(name, host) for name in names)


@dataclass(frozen=True, slots=True)
class CertificateValidity:
    """Where ``now`` stands in a certificate's validity period."""

    remaining: timedelta  # until notAfter; negative once it has passed
    not_yet_valid: bool  # notBefore is still to come

    @property
    def days_left(self) -> float:
        return self.remaining.total_seconds() / 86400

    @property
    def whole_days_left(self) -> int:
        return self.remaining.days

    @property
    def expired(self) -> bool:
        return self.remaining < timedelta(0)

    @property
    def expiring(self) -> bool:
        """Valid still, but for less than :data:`EXPIRY_WARNING_DAYS` days."""
        return not self.expired and self.days_left < EXPIRY_WARNING_DAYS


def certificate_validity(
    not_after: datetime, *, not_before: datetime | None = None, now: datetime | None = None
) -> CertificateValidity:
    now = now or datetime.now(UTC)
    return CertificateValidity(
        remaining=not_after - now,
        not_yet_valid=not_before is not None and not_before > now,
    )
