"""Where a domain's mail goes: its MX hosts and their addresses, through the one resolver seam;
shared by the mailbox probe (``verify``) and the STARTTLS check (``check-sender``).

RFC 5321 5.1: the MX records in preference order; a domain without MX records (NODATA) is its
own mail host through its A and AAAA records (the implicit MX). RFC 7505: a single MX of
preference 0 and target "." (the null MX) says the domain accepts no mail. NXDOMAIN means the
domain does not exist; SERVFAIL and timeouts say nothing and are reported as DNS errors.

Addresses that are private, loopback, link-local or otherwise not global are dropped unless
``allow_private``: a verifier must not be pointed at an internal network by an MX record.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import StrEnum

from bouncekit.resolver import Answer, Outcome, Resolver

__all__ = [
    "MailHost",
    "MailRoute",
    "RouteOutcome",
    "embedded_ipv4",
    "find_route",
    "is_internal_address",
]

_DNS_FAILURES = (Outcome.SERVFAIL, Outcome.TIMEOUT)


class RouteOutcome(StrEnum):
    OK = "ok"  # at least one mail host with a usable address
    NULL_MX = "null_mx"  # RFC 7505: the domain accepts no mail
    NO_DOMAIN = "no_domain"  # NXDOMAIN
    NO_MAIL_HOST = "no_mail_host"  # no MX, no A/AAAA, or no host with a usable address
    PRIVATE_ONLY = "private_only"  # every mail host is on a private network: not connected to
    DNS_ERROR = "dns_error"  # SERVFAIL or timeout: nothing learnt


@dataclass(frozen=True, slots=True)
class MailHost:
    name: str  # without the trailing dot
    preference: int
    addresses: tuple[str, ...]  # the host's A and AAAA records that may be connected to


@dataclass(frozen=True, slots=True)
class MailRoute:
    domain: str
    outcome: RouteOutcome
    hosts: tuple[MailHost, ...]  # in preference order; only hosts with usable addresses
    implicit: bool  # no MX records: the domain itself is the mail host (RFC 5321 5.1)
    detail: str  # one or more sentences a person can read


# IPv6 prefixes whose last 32 bits are an IPv4 address that the packets end up at: an
# IPv4-compatible address (RFC 4291 2.5.5.1, deprecated), the IPv4-translated form of SIIT
# (RFC 2765 2.1) and the NAT64 well-known prefix (RFC 6052 2.1). Whether such an address is
# internal is decided on the IPv4 address inside, whatever the IPv6 registry says of the prefix.
_IPV4_IN_LAST_32_BITS = tuple(
    ipaddress.ip_network(prefix) for prefix in ("::/96", "::ffff:0:0:0/96", "64:ff9b::/96")
)
# RFC 8215: the NAT64 prefix for local use translates into whatever network its operator runs.
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")


def embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries to: IPv4-mapped (RFC 4291 2.5.5.2),
    IPv4-compatible, IPv4-translated, NAT64 (RFC 6052) and 6to4 (RFC 3056) forms; else None."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in prefix for prefix in _IPV4_IN_LAST_32_BITS):
        return ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF)
    return None


def is_internal_address(address: str) -> bool:
    """Private, loopback, link-local, multicast or reserved: not a public mail server's address.

    An IPv6 address that carries an IPv4 address (see :func:`embedded_ipv4`) is judged by that
    IPv4 address: ``64:ff9b::10.0.0.1`` or ``2002:7f00:1::`` reach a private or loopback host
    as surely as ``10.0.0.1`` and ``127.0.0.1`` do.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return True  # not an address at all: never connect to it
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _LOCAL_NAT64:
            return True
        inside = embedded_ipv4(ip)
        if inside is not None:
            return is_internal_address(str(inside))
    return not ip.is_global or ip.is_multicast


def find_route(domain: str, *, resolver: Resolver, allow_private: bool = False) -> MailRoute:
    """Find the mail hosts of ``domain`` (already IDNA-encoded), most preferred first."""
    domain = domain.lower().rstrip(".")
    mx = resolver.resolve(domain, "MX")
    if mx.outcome is Outcome.NXDOMAIN:
        return _route(domain, RouteOutcome.NO_DOMAIN, f"The domain {domain} does not exist.")
    if mx.outcome in _DNS_FAILURES:
        return _route(domain, RouteOutcome.DNS_ERROR, _dns_failure(mx))
    if mx.outcome is Outcome.NODATA or not mx.records:
        return _implicit_route(domain, resolver, allow_private=allow_private)

    targets = sorted(_parse_mx(record) for record in mx.records)
    if any(name == "" for _, name in targets):
        # RFC 7505 3: a null MX is the only MX; a domain that mixes it with others is
        # misconfigured, and the real hosts are still tried.
        if len(targets) == 1:
            return _route(
                domain,
                RouteOutcome.NULL_MX,
                f"{domain} publishes a null MX (RFC 7505): it accepts no mail.",
            )
        targets = [target for target in targets if target[1]]
    hosts: list[MailHost] = []
    notes: list[str] = []
    failures: list[str] = []
    refused = False
    for preference, name in targets:
        addresses, note, failure, dropped = _addresses(name, resolver, allow_private=allow_private)
        if note:
            notes.append(note)
        if failure:
            failures.append(failure)
        if addresses:
            hosts.append(MailHost(name, preference, addresses))
        refused = refused or dropped
    return _finish(domain, hosts, notes, failures, implicit=False, refused=refused)


def _implicit_route(domain: str, resolver: Resolver, *, allow_private: bool) -> MailRoute:
    addresses, note, failure, dropped = _addresses(domain, resolver, allow_private=allow_private)
    notes = [f"{domain} has no MX record; its A/AAAA records are the implicit MX (RFC 5321 5.1)."]
    if note:
        notes.append(note)
    hosts = [MailHost(domain, 0, addresses)] if addresses else []
    failures = [failure] if failure else []
    return _finish(domain, hosts, notes, failures, implicit=True, refused=dropped)


def _finish(
    domain: str,
    hosts: list[MailHost],
    notes: list[str],
    failures: list[str],
    *,
    implicit: bool,
    refused: bool,
) -> MailRoute:
    if hosts:
        detail = " ".join(
            [f"Mail for {domain} goes to {', '.join(h.name for h in hosts)}.", *notes]
        )
        return MailRoute(domain, RouteOutcome.OK, tuple(hosts), implicit, detail)
    if failures:
        # Some host could not be looked up: it may be the one that works.
        return _route(domain, RouteOutcome.DNS_ERROR, " ".join(failures + notes), implicit=implicit)
    detail = " ".join([*notes, f"No mail host of {domain} has a usable address."])
    # Hosts that exist on a private network say nothing about the mailbox: not "no mail host".
    outcome = RouteOutcome.PRIVATE_ONLY if refused else RouteOutcome.NO_MAIL_HOST
    return _route(domain, outcome, detail, implicit=implicit)


def _route(domain: str, outcome: RouteOutcome, detail: str, *, implicit: bool = False) -> MailRoute:
    return MailRoute(domain, outcome, (), implicit, detail)


def _parse_mx(record: str) -> tuple[int, str]:
    preference, _, target = record.partition(" ")
    return int(preference), target.strip().lower().rstrip(".")


def _dns_failure(answer: Answer) -> str:
    what = "timed out" if answer.outcome is Outcome.TIMEOUT else "failed (SERVFAIL)"
    return f"The DNS lookup of {answer.name} {answer.rdtype} {what}: {answer.detail}"


def _addresses(
    name: str, resolver: Resolver, *, allow_private: bool
) -> tuple[tuple[str, ...], str, str, bool]:
    """The usable A and AAAA addresses of a host, a note, a DNS failure, and whether any
    address was dropped as private."""
    found: list[str] = []
    failures: list[str] = []
    for rdtype in ("A", "AAAA"):
        answer = resolver.resolve(name, rdtype)
        if answer.outcome is Outcome.OK:
            found.extend(answer.records)
        elif answer.outcome in _DNS_FAILURES:
            failures.append(_dns_failure(answer))
    usable = tuple(a for a in found if allow_private or not is_internal_address(a))
    dropped = [a for a in found if a not in usable]
    note = ""
    if not found and not failures:
        note = f"{name} has no A or AAAA record."
    elif dropped:
        note = (
            f"{name} resolves to {', '.join(dropped)}: private, loopback or link-local "
            "addresses are not connected to (allow private addresses to verify an internal "
            "network)."
        )
    # A failed AAAA lookup beside a working A record is not worth reporting as a failure.
    failure = " ".join(failures) if failures and not usable else ""
    return usable, note, failure, bool(dropped)
