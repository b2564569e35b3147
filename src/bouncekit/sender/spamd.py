"""A small SpamAssassin client: the spamd protocol (SPAMC/1.5) over one TCP connection.

The protocol is text over a socket: the client sends ``REPORT SPAMC/1.5``, a
``Content-length`` header, an empty line and the message, then closes its side; spamd answers
``SPAMD/1.1 0 EX_OK``, a ``Spam: True ; 6.2 / 5.0`` header and, for REPORT, the report text
with one line per rule hit (``1.4 MISSING_DATE  Missing Date: header``). The request and the
answer are built and read by pure functions (:func:`build_request`, :func:`parse_response`);
:func:`ask_spamd` does the I/O. A connection failure is a result (:class:`SpamdError`), not an
exception: the rest of the check goes on.
"""

from __future__ import annotations

import re
import socket
import time
from dataclasses import dataclass

from bouncekit.errors import InputError

__all__ = [
    "DEFAULT_PORT",
    "MAX_ANSWER_BYTES",
    "RuleHit",
    "SpamdError",
    "SpamdResult",
    "ask_spamd",
    "build_request",
    "parse_address",
    "parse_response",
]

DEFAULT_PORT = 783
# spamd's answer to REPORT, SYMBOLS or CHECK is a status line, two headers and at most a report
# of the rules hit: a few kilobytes. More than this is not spamd, and is not read into memory.
MAX_ANSWER_BYTES = 1_048_576
_STATUS = re.compile(r"^SPAMD/(\d+\.\d+)\s+(\d+)\s+(.*)$")
_SPAM = re.compile(r"^(True|False|Yes|No)\s*;\s*(-?[\d.]+)\s*/\s*(-?[\d.]+)", re.IGNORECASE)
# A report line: " 1.4 MISSING_DATE           Missing Date: header" (points may be negative).
_REPORT_LINE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s+([A-Z][A-Z0-9_]+)\s+(.*)$")


@dataclass(frozen=True, slots=True)
class RuleHit:
    name: str  # MISSING_DATE
    points: float | None = None  # None when spamd gave names only (SYMBOLS)
    description: str = ""


@dataclass(frozen=True, slots=True)
class SpamdResult:
    is_spam: bool
    score: float
    threshold: float
    rules: tuple[RuleHit, ...]


@dataclass(frozen=True, slots=True)
class SpamdError:
    """spamd could not be asked or refused: ``detail`` says why, as a sentence."""

    detail: str


def parse_address(value: str) -> tuple[str, int]:
    """``HOST:PORT``, ``HOST`` (port 783) or ``[IPv6]:PORT`` -> (host, port)."""
    text = value.strip()
    host, port_text = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest.removeprefix(":")
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    if not host or (port_text and not (port_text.isdigit() and 0 < int(port_text) < 65536)):
        raise InputError(f"The spamd address {value!r} is not HOST:PORT, e.g. 127.0.0.1:783.")
    return host, int(port_text) if port_text else DEFAULT_PORT


def build_request(message: bytes, command: str = "REPORT") -> bytes:
    """The bytes to send: command line, Content-length, empty line, the message as is."""
    if command not in ("REPORT", "SYMBOLS", "CHECK"):
        raise InputError(f"{command!r} is not a spamd command this client speaks.")
    return f"{command} SPAMC/1.5\r\nContent-length: {len(message)}\r\n\r\n".encode() + message


def parse_response(data: bytes) -> SpamdResult | SpamdError:
    """Read spamd's answer to REPORT, SYMBOLS or CHECK."""
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    head, _, body = text.partition("\n\n")
    lines = head.split("\n")
    status = _STATUS.match(lines[0].strip()) if lines else None
    if status is None:
        return SpamdError(f"spamd answered something that is not SPAMD protocol: {lines[0]!r}.")
    if status.group(2) != "0":
        return SpamdError(f"spamd refused the message: {status.group(2)} {status.group(3)}.")
    spam = None
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "spam":
            spam = _SPAM.match(value.strip())
    if spam is None:
        return SpamdError("spamd's answer has no 'Spam:' header with the score.")
    return SpamdResult(
        is_spam=spam.group(1).lower() in ("true", "yes"),
        score=float(spam.group(2)),
        threshold=float(spam.group(3)),
        rules=_rules(body),
    )


def _rules(body: str) -> tuple[RuleHit, ...]:
    hits = [
        RuleHit(match.group(2), float(match.group(1)), match.group(3).strip())
        for match in map(_REPORT_LINE.match, body.split("\n"))
        if match
    ]
    if hits:
        return tuple(hits)
    # SYMBOLS: the rule names, comma-separated, and nothing else.
    names = body.strip()
    if names and re.fullmatch(r"[A-Z0-9_]+(,[A-Z0-9_]+)*", names):
        return tuple(RuleHit(name) for name in names.split(","))
    return ()


def ask_spamd(
    message: bytes, address: str, *, command: str = "REPORT", timeout: float = 30.0
) -> SpamdResult | SpamdError:
    """Send ``message`` to the spamd at ``address`` (HOST:PORT) and read the verdict.

    ``timeout`` bounds the whole exchange, connecting included, not each read: a server that
    drips a byte now and then cannot hold the check for ever. An answer over
    :data:`MAX_ANSWER_BYTES` is refused as soon as it gets that long.
    """
    host, port = parse_address(address)
    request = build_request(message, command)
    deadline = time.monotonic() + timeout
    received = bytearray()
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.settimeout(_left(deadline))
            connection.sendall(request)  # the timeout bounds the whole of sendall
            connection.shutdown(socket.SHUT_WR)  # spamd reads to Content-length or EOF
            while True:
                connection.settimeout(_left(deadline))
                chunk = connection.recv(65536)
                if not chunk:
                    break
                received += chunk
                if len(received) > MAX_ANSWER_BYTES:
                    return SpamdError(
                        f"spamd at {host}:{port} sent more than {MAX_ANSWER_BYTES:,} bytes, "
                        "which no spamd answer is; is that address really spamd?"
                    )
    except TimeoutError:
        return SpamdError(f"spamd at {host}:{port} did not answer within {timeout:g} s.")
    except OSError as error:
        return SpamdError(f"Could not talk to spamd at {host}:{port}: {error.strerror or error}.")
    if not received:
        return SpamdError(
            f"spamd at {host}:{port} closed the connection without an answer; is this address "
            "allowed (spamd --allowed-ips)?"
        )
    return parse_response(bytes(received))


def _left(deadline: float) -> float:
    """Seconds until ``deadline``; a timeout of zero would make the socket non-blocking."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left
