"""The ports, the TLS modes, the report, and the server's EHLO capabilities."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bouncekit.sender.model import Finding
from bouncekit.verify.smtp.session import Reply

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
