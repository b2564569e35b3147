"""A real DNS server on loopback serving zone text that a test writes (dnslib's DNSServer).

It answers like an authoritative server should: NXDOMAIN for a name that does not exist,
NODATA (NOERROR, empty answer) for a name that exists with other types or has names below it,
CNAME chasing within the zone, and TXT strings over 255 bytes split as RFC 1035 requires.
Names listed in ``servfail`` get SERVFAIL ("NAME TYPE" limits that to one type); names in
``hang`` get no answer at all. Records that zone text cannot carry (TXT strings with control
bytes or no strings, names with spaces, type SPF) can be given as dnslib ``RR`` objects in
``records``; :func:`record` builds them.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from typing import Any

from dnslib import AAAA, CNAME, MX, PTR, QTYPE, RCODE, RR, TXT, A, DNSLabel, DNSRecord
from dnslib.server import BaseResolver, DNSLogger, DNSServer


def _split_long_strings(zone: str) -> str:
    """Write quoted strings over 255 bytes as several strings, as a zone file must (RFC 1035)."""

    def split(match: re.Match[str]) -> str:
        value = match.group(1)
        return " ".join(f'"{value[i : i + 255]}"' for i in range(0, len(value), 255))

    return re.sub(r'"([^"]{256,})"', split, zone)


def record(name: str, rtype: str, value: Any, ttl: int = 300) -> RR:
    """One resource record built from data rather than zone text.

    ``TXT`` and ``SPF`` take a string or a list of strings (each split at 255 bytes; text that
    is all Latin-1 is sent byte for byte, so test data can carry raw octets such as "\\x80");
    ``MX`` takes ``(preference, exchange)``; ``A``, ``AAAA``, ``PTR``, ``CNAME`` a string.
    """
    rdata: Any
    if rtype in ("TXT", "SPF"):
        strings = [value] if isinstance(value, str) else list(value)
        rdata = TXT([chunk for text in strings for chunk in _octet_strings(text)])
    elif rtype == "MX":
        preference, exchange = value
        rdata = MX(exchange or ".", int(preference))
    else:
        rdata = {"A": A, "AAAA": AAAA, "PTR": PTR, "CNAME": CNAME}[rtype](value)
    return RR(name, getattr(QTYPE, rtype), rdata=rdata, ttl=ttl)


def _octet_strings(text: str) -> list[bytes]:
    try:
        octets = text.encode("latin-1")
    except UnicodeEncodeError:
        octets = text.encode("utf-8")
    return [octets[i : i + 255] for i in range(0, len(octets), 255)] or [b""]


class ZoneResolver(BaseResolver):  # type: ignore[misc]
    def __init__(
        self,
        zone: str,
        servfail: Iterable[str],
        hang: Iterable[str],
        records: Iterable[RR] = (),
    ) -> None:
        self.records = RR.fromZone(_split_long_strings(zone)) if zone.strip() else []
        self.records.extend(records)
        self.servfail: set[DNSLabel] = set()
        self.servfail_types: set[tuple[DNSLabel, int]] = set()
        for entry in servfail:
            name, _, rtype = entry.partition(" ")
            if rtype:
                self.servfail_types.add((DNSLabel(name), getattr(QTYPE, rtype.strip().upper())))
            else:
                self.servfail.add(DNSLabel(name))
        self.hang = {DNSLabel(name) for name in hang}
        self.queries: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def resolve(self, request: DNSRecord, handler: Any) -> DNSRecord:
        reply = request.reply()
        qname = request.q.qname
        qtype = request.q.qtype
        with self._lock:
            self.queries.append((str(qname).rstrip("."), QTYPE[qtype]))
        if qname in self.hang:
            time.sleep(30)
            return reply
        if qname in self.servfail or (qname, qtype) in self.servfail_types:
            reply.header.rcode = RCODE.SERVFAIL
            return reply
        name = qname
        for _ in range(8):  # follow CNAMEs inside the zone
            owned = [rr for rr in self.records if rr.rname == name]
            wanted = [rr for rr in owned if rr.rtype == qtype or qtype == QTYPE.ANY]
            if wanted:
                for rr in wanted:
                    reply.add_answer(rr)
                return reply
            cname = [rr for rr in owned if rr.rtype == QTYPE.CNAME]
            if not cname:
                break
            reply.add_answer(cname[0])
            name = cname[0].rdata.label
        if not reply.rr and not any(
            rr.rname == name or rr.rname.matchSuffix(name) for rr in self.records
        ):
            reply.header.rcode = RCODE.NXDOMAIN
        return reply


class ZoneServer:
    """Start with ``ZoneServer(zone).start()``; ``address`` is "127.0.0.1:PORT"."""

    def __init__(
        self,
        zone: str,
        *,
        servfail: Iterable[str] = (),
        hang: Iterable[str] = (),
        records: Iterable[RR] = (),
    ) -> None:
        self.resolver = ZoneResolver(zone, servfail, hang, records)
        quiet = DNSLogger("-request,-reply,-truncated,-error,-recv,-send,-data")
        self._server = DNSServer(self.resolver, address="127.0.0.1", port=0, logger=quiet)
        self.port: int = self._server.server.server_address[1]
        self.address = f"127.0.0.1:{self.port}"

    def start(self) -> ZoneServer:
        # dnslib's start_thread() polls for shutdown every 0.5 s, which every test would wait
        # for when it stops the server: poll faster.
        self._thread = threading.Thread(
            target=self._server.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.server.shutdown()
        self._server.server.server_close()
        self._thread.join(timeout=5)
