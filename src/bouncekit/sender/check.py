"""``check-sender``: every check of the sender's own house, run together, in one report.

The independent checks (MX, SPF, DKIM, DMARC, reverse DNS, blocklists, TLS) run concurrently
in threads over the one sync resolver; its cache, shared by all of them, makes every DNS name
asked once per run (the SPF ``mx`` mechanism and the MX check ask the same MX records, for
example). The bulk-sender requirements are judged last, from the others' findings.
"""

from __future__ import annotations

import ssl
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from bouncekit.errors import InputError
from bouncekit.resolver import DnsResolver, Resolver
from bouncekit.sender.dkim import dkim_findings
from bouncekit.sender.dmarc import dmarc_findings
from bouncekit.sender.dnsbl import DEFAULT_LISTS, Dnsbl, blocklist_findings, parse_ip, with_dqs_key
from bouncekit.sender.model import FINDING_STATUSES, Area, Finding
from bouncekit.sender.mxcheck import mx_findings
from bouncekit.sender.ptr import ptr_findings
from bouncekit.sender.requirements import requirement_findings
from bouncekit.sender.spf import spf_findings
from bouncekit.sender.tls import HTTPS_PORT, SMTP_PORT, tls_findings

__all__ = ["AREAS", "SenderReport", "check_sender"]

# The order areas are reported in.
AREAS: tuple[Area, ...] = (
    Area.MX,
    Area.SPF,
    Area.DKIM,
    Area.DMARC,
    Area.PTR,
    Area.BLOCKLIST,
    Area.TLS,
    Area.REQUIREMENTS,
)


@dataclass(frozen=True, slots=True)
class SenderReport:
    domain: str
    findings: tuple[Finding, ...]
    counts: dict[str, int]  # status value -> number of findings, every status present

    def to_dict(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "findings": [finding.to_dict() for finding in self.findings],
            "counts": dict(self.counts),
        }

    def by_area(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.area, []).append(finding)
        return grouped


def _domain(text: str) -> str:
    name = text.strip().rstrip(".").lower()
    if "@" in name:
        name = name.rpartition("@")[2]
    try:
        encoded = name.encode("idna").decode("ascii")
    except UnicodeError:
        encoded = ""
    labels = encoded.split(".")
    if not encoded or len(labels) < 2 or any(not 0 < len(label) < 64 for label in labels):
        raise InputError(
            f"{text!r} is not a domain name; give the domain you send from, e.g. example.com."
        )
    return encoded


def check_sender(
    domain: str,
    *,
    ips: Sequence[str] = (),
    selectors: Sequence[str] = (),
    helo: str | None = None,
    resolver: Resolver | None = None,
    active: bool = False,
    blocklists: Sequence[Dnsbl] = DEFAULT_LISTS,
    dqs_key: str | None = None,
    smtp_port: int = SMTP_PORT,
    https_port: int = HTTPS_PORT,
    allow_private: bool = False,
    tls_context: ssl.SSLContext | None = None,
) -> SenderReport:
    """Check ``domain`` (and its sending ``ips``, DKIM ``selectors``, ``helo`` name).

    With ``active``, fetches the MTA-STS policy and connects to each MX host's port 25 for
    STARTTLS (``smtp_port`` / ``https_port`` / ``allow_private`` / ``tls_context`` point those
    connections at test servers). Raises :class:`~bouncekit.errors.InputError` for a bad domain,
    IP or DQS key; everything the checks find is a finding.

    Every DNS question goes to ``resolver`` (the CLI passes the one its ``--nameserver`` and
    ``--timeout`` build); without one, a resolver of the system's configuration is made for
    this call. Its timeout is the connections' too.
    """
    resolver = resolver or DnsResolver()
    name = _domain(domain)
    addresses = tuple(dict.fromkeys(str(parse_ip(ip)) for ip in ips))
    lists = with_dqs_key(blocklists, dqs_key) if dqs_key else tuple(blocklists)
    timeout = resolver.timeout
    checks: dict[Area, Callable[[], list[Finding]]] = {
        Area.MX: lambda: mx_findings(name, resolver=resolver),
        Area.SPF: lambda: spf_findings(name, addresses, resolver=resolver, helo=helo or ""),
        Area.DKIM: lambda: dkim_findings(name, selectors, resolver=resolver),
        Area.DMARC: lambda: dmarc_findings(name, resolver=resolver),
        Area.PTR: lambda: ptr_findings(addresses, helo, resolver=resolver) if addresses else [],
        Area.BLOCKLIST: lambda: blocklist_findings(addresses, name, resolver=resolver, lists=lists),
        Area.TLS: lambda: tls_findings(
            name,
            resolver=resolver,
            active=active,
            smtp_port=smtp_port,
            https_port=https_port,
            allow_private=allow_private,
            helo=helo,
            timeout=timeout,
            context=tls_context,
        ),
    }
    with ThreadPoolExecutor(max_workers=len(checks)) as pool:
        futures = {area: pool.submit(check) for area, check in checks.items()}
        results = {area: future.result() for area, future in futures.items()}
    findings = [finding for area in checks for finding in results[area]]
    findings += requirement_findings(name, findings, ips=addresses)
    return SenderReport(name, tuple(findings), count_statuses(findings))


def count_statuses(findings: Iterable[Finding]) -> dict[str, int]:
    counted = Counter(finding.status for finding in findings)
    return {status.value: counted[status] for status in FINDING_STATUSES}
