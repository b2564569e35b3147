"""The one DNS seam: every lookup in bouncekit goes through a :class:`Resolver`.

:class:`Resolver` is a Protocol, passed in: the library functions of ``sender`` and
``verify`` take one as the keyword ``resolver`` and never reach for a process-wide one. The
edges build it from their settings (:func:`resolver_from_settings`: the CLI's
``--nameserver HOST[:PORT]`` and ``--timeout``, the web app's ``BOUNCEKIT_NAMESERVER``), and
tests pass a :class:`DnsResolver` pointed at a DNS server on loopback. Outcomes that are facts
about the DNS (NXDOMAIN, no data, SERVFAIL, a timeout) come back as an :class:`Answer` with an
:class:`Outcome`, not as exceptions: a verifier or a checker must go on and report them.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

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


class Resolver(Protocol):
    """What the library asks the DNS through: one question, one :class:`Answer`.

    An implementation answers every question, thread-safely (the checks ask in parallel),
    and turns DNS failures into an :class:`Outcome` rather than raising.
    """

    @property
    def timeout(self) -> float:
        """Seconds one question may take; the checks that connect after a lookup wait as long."""
        ...

    def resolve(self, name: str, rdtype: str) -> Answer: ...


class DnsResolver:
    """bouncekit's :class:`Resolver`: a caching stub resolver with one nameserver (or the
    system's) and a time limit.

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


def resolver_from_settings(
    nameserver: str | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> DnsResolver:
    """The resolver an edge (the CLI, the web app) builds from its settings: ``nameserver``,
    else ``BOUNCEKIT_NAMESERVER``, else the system's resolver configuration."""
    return DnsResolver(nameserver or os.environ.get(ENVIRONMENT_VARIABLE), timeout=timeout)
