"""The one DNS seam: every lookup in bouncekit goes through a :class:`Resolver`.

The nameserver is configurable (``--nameserver HOST[:PORT]`` or ``BOUNCEKIT_NAMESERVER``) so
that tests point it at a DNS server on loopback and users at the resolver they trust. Outcomes
that are facts about the DNS (NXDOMAIN, no data, SERVFAIL, a timeout) come back as a
:class:`Answer` with a :class:`Outcome`, not as exceptions: a verifier or a checker must go on
and report them.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from bouncekit.errors import ConfigurationError

if TYPE_CHECKING:
    import dns.resolver

ENVIRONMENT_VARIABLE = "BOUNCEKIT_NAMESERVER"
DEFAULT_TIMEOUT = 5.0


class Outcome(StrEnum):
    OK = "ok"
    NXDOMAIN = "nxdomain"  # the name does not exist
    NODATA = "nodata"  # the name exists, but not with this record type
    SERVFAIL = "servfail"
    TIMEOUT = "timeout"


@dataclass(frozen=True, slots=True)
class Answer:
    name: str
    rdtype: str
    outcome: Outcome
    records: tuple[str, ...] = ()  # presentation form; TXT strings are joined (RFC 7208 3.3)
    detail: str = ""


def parse_nameserver(value: str) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT``, ``[IPv6]:PORT`` -> (host, port)."""
    value = value.strip()
    host, port = value, 53
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        if rest.startswith(":"):
            port = _port(rest[1:], value)
    elif value.count(":") == 1:
        host, port_text = value.split(":")
        port = _port(port_text, value)
    if not host:
        raise ConfigurationError(f"The nameserver {value!r} has no host; give HOST or HOST:PORT.")
    return host, port


def _port(text: str, value: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ConfigurationError(
            f"The nameserver {value!r} has a bad port {text!r}; give a number from 1 to 65535."
        )
    return int(text)


class Resolver:
    """A caching stub resolver with one nameserver (or the system's) and a time limit.

    dnspython is imported, and the system's resolver configuration read, at the first lookup:
    the CLI configures a resolver for every command, and most commands never ask the DNS.
    """

    def __init__(self, nameserver: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.nameserver = nameserver
        self.timeout = timeout
        self._address = parse_nameserver(nameserver) if nameserver else None
        self._stub: dns.resolver.Resolver | None = None
        self._cache: dict[tuple[str, str], Answer] = {}
        self._asking: dict[tuple[str, str], threading.Event] = {}
        self._lock = threading.Lock()

    def resolve(self, name: str, rdtype: str) -> Answer:
        """Look ``name`` up once per resolver; later calls are answered from the cache.

        Threads that ask for a name while another thread is already asking for it wait for
        that answer instead of sending the query again.
        """
        key = (name.lower().rstrip("."), rdtype.upper())
        while True:
            with self._lock:
                cached = self._cache.get(key)
                if cached is not None:
                    return cached
                pending = self._asking.get(key)
                if pending is None:
                    pending = self._asking[key] = threading.Event()
                    break
            pending.wait()
        try:
            answer = self._lookup(*key)
            with self._lock:
                self._cache[key] = answer
        finally:
            with self._lock:
                del self._asking[key]
            pending.set()
        return answer

    def _stub_resolver(self) -> dns.resolver.Resolver:
        import dns.resolver

        with self._lock:
            if self._stub is None:
                if self._address is not None:
                    stub = dns.resolver.Resolver(configure=False)
                    stub.nameservers = [self._address[0]]
                    stub.port = self._address[1]
                else:
                    stub = dns.resolver.Resolver()
                stub.lifetime = self.timeout
                stub.timeout = self.timeout
                self._stub = stub
            return self._stub

    def _lookup(self, name: str, rdtype: str) -> Answer:
        import dns.exception
        import dns.resolver

        try:
            result = self._stub_resolver().resolve(name, rdtype, search=False)
        except dns.resolver.NXDOMAIN:
            return Answer(name, rdtype, Outcome.NXDOMAIN, detail=f"{name} does not exist.")
        except dns.resolver.NoAnswer:
            return Answer(name, rdtype, Outcome.NODATA, detail=f"{name} has no {rdtype} record.")
        except dns.resolver.LifetimeTimeout:
            return Answer(
                name,
                rdtype,
                Outcome.TIMEOUT,
                detail=f"No answer for {name} {rdtype} within {self.timeout:g} s.",
            )
        except (dns.resolver.NoNameservers, dns.exception.DNSException) as error:
            return Answer(name, rdtype, Outcome.SERVFAIL, detail=f"{name} {rdtype}: {error}")
        records = tuple(_presentation(rdata) for rdata in result)
        return Answer(name, rdtype, Outcome.OK, records)


def _presentation(rdata: object) -> str:
    import dns.rdatatype

    strings = getattr(rdata, "strings", None)
    if getattr(rdata, "rdtype", None) == dns.rdatatype.TXT and strings is not None:
        return b"".join(strings).decode("utf-8", errors="replace")
    return str(rdata)


_default: Resolver | None = None
_default_lock = threading.Lock()


def configure(nameserver: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Resolver:
    """Set the process-wide resolver (the CLI's ``--nameserver`` and ``--timeout``)."""
    global _default
    resolver = Resolver(nameserver or os.environ.get(ENVIRONMENT_VARIABLE), timeout=timeout)
    with _default_lock:
        _default = resolver
    return resolver


def get_resolver() -> Resolver:
    """The process-wide resolver, configured from ``BOUNCEKIT_NAMESERVER`` on first use."""
    with _default_lock:
        resolver = _default
    return resolver if resolver is not None else configure()
