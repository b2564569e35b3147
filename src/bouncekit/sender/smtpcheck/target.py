"""What to check: the HOST[:PORT] given, the host's addresses, and the envelope addresses."""

from __future__ import annotations

from bouncekit.errors import InputError
from bouncekit.resolver import Outcome, Resolver
from bouncekit.sender.smtpcheck.model import SUBMISSION_PORT
from bouncekit.smtp.tls import is_ip_address


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


def _addresses(host: str, resolver: Resolver) -> tuple[list[str], str]:
    """The host's addresses (IPv4 first) and, when there are none, why."""
    if is_ip_address(host):
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
