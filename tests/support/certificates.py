"""The one maker of test certificates: self-signed, EC P-256, made in-process with
``cryptography`` (no ``openssl`` command needed), shaped as ``openssl req -x509`` makes them
(basicConstraints CA:TRUE, subject and authority key identifiers) so that a client may trust
one as its own authority.

- :func:`make_certificate`: names, dates and common name as a test needs them; DER and PEM.
- :meth:`TestCertificate.write` puts the certificate and its key in files.
- :func:`self_signed_context`: a server context for the SMTP peers (``CN=mx.example.test``,
  valid for one day, no subjectAltName).
"""

from __future__ import annotations

import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)
from cryptography.x509.oid import NameOID

PEER_NAME = "mx.example.test"


@dataclass(frozen=True, slots=True)
class TestCertificate:
    __test__ = False  # not a test class, for pytest

    der: bytes
    pem: bytes
    key_pem: bytes

    def write(self, directory: Path, stem: str = "cert") -> tuple[Path, Path]:
        """``STEM-cert.pem`` and ``STEM-key.pem`` in ``directory``: (certificate, key)."""
        cert, key = directory / f"{stem}-cert.pem", directory / f"{stem}-key.pem"
        cert.write_bytes(self.pem)
        key.write_bytes(self.key_pem)
        return cert, key

    def server_context(self, directory: Path) -> ssl.SSLContext:
        """A server TLS context presenting this certificate (written into ``directory``)."""
        cert, key = self.write(directory)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        return context


def make_certificate(
    *,
    common_name: str = PEER_NAME,
    names: Sequence[str] = (),
    days: float = 1,
    issued_days_ago: float = 0,
) -> TestCertificate:
    """A self-signed certificate valid from ``issued_days_ago`` days ago until ``days`` days
    from now (negative: expired); ``names`` go into subjectAltName (none: no extension)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.now(UTC)
    identifier = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=issued_days_ago))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(identifier, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(identifier),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    )
    if names:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.DNSName(name) for name in names]), critical=False
        )
    certificate = builder.sign(key, hashes.SHA256())
    return TestCertificate(
        der=certificate.public_bytes(Encoding.DER),
        pem=certificate.public_bytes(Encoding.PEM),
        key_pem=key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()),
    )


def self_signed_context(directory: Path) -> ssl.SSLContext:
    """A server TLS context with a fresh certificate for mx.example.test, valid for a day."""
    return make_certificate().server_context(directory)
