"""The ports, the TLS modes and the report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bouncekit.sender.model import Finding

DEFAULT_TIMEOUT = 10.0
SUBMISSION_PORT = 587  # RFC 6409
IMPLICIT_TLS_PORT = 465  # RFC 8314 3.3
RELAY_PORT = 25
ALTERNATIVE_PORTS = "587 (STARTTLS), 465 (TLS) or 2525"


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
