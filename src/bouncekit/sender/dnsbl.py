"""DNS blocklists: is a sending IP, or the sender's domain, listed, and what does it mean?

A list is asked with an A query for the reversed IP (``9.113.0.203.zen.spamhaus.org``; IPv6 as
reversed nibbles, RFC 5782 section 2.4) or the domain (``example.com.dbl.spamhaus.org``) under
its zone. NXDOMAIN means not listed (RFC 5782 section 2.1). An answer counts as a listing only
when it lies in 127.0.0.0/8 (RFC 5782 section 2.3; a dead or parked zone answers everything with
a web server's address) and is not one of the list's error answers: Spamhaus's
127.255.255.252/254/255 and URIBL's or SURBL's 127.0.0.1 say the query was refused, not that
the address is listed. Refusals, timeouts and SERVFAIL are "could not check" (Status.UNKNOWN).

What each list is and what its answer codes mean lives in :mod:`bouncekit.replies.blocklists`,
beside the rejections that name it; a :class:`Dnsbl` adds where the queries go, so a Spamhaus
DQS key can redirect the Spamhaus zones (:func:`with_dqs_key`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bouncekit.errors import InputError
from bouncekit.replies.blocklists import BLOCKLISTS
from bouncekit.replies.model import Blocklist, ListAnswer
from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.model import Area, Finding, Status

__all__ = [
    "DEFAULT_LISTS",
    "Dnsbl",
    "blocklist_findings",
    "listing_finding",
    "parse_ip",
    "query_name",
    "resolve_concurrently",
    "with_dqs_key",
]

_LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")
_MAX_WORKERS = 16
_SPAMHAUS_PUBLIC = ".spamhaus.org"
_SPAMHAUS_DQS = "dq.spamhaus.net"

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Dnsbl:
    """One list to ask: the list's data and the zone its queries go to.

    ``zone`` is the list's public zone unless a key redirects it (Spamhaus DQS); receivers name
    the public zone in their rejections either way.
    """

    blocklist: Blocklist
    zone: str

    @classmethod
    def named(cls, key: str) -> Dnsbl:
        """The list with this key in :data:`~bouncekit.replies.blocklists.BLOCKLISTS`."""
        for blocklist in BLOCKLISTS:
            if blocklist.key == key and blocklist.zone:
                return cls(blocklist, blocklist.zone)
        known = ", ".join(b.key for b in BLOCKLISTS if b.zone)
        raise InputError(f"There is no DNS blocklist named {key!r}; choose one of {known}.")

    @property
    def key(self) -> str:
        return self.blocklist.key

    @property
    def name(self) -> str:
        return self.blocklist.name

    @property
    def public_zone(self) -> str:
        return self.blocklist.zone or self.zone

    @property
    def lists_domains(self) -> bool:
        return self.blocklist.lists == "domain"


DEFAULT_LISTS: tuple[Dnsbl, ...] = tuple(
    Dnsbl.named(key)
    for key in (
        "spamhaus-zen",
        "spamcop",
        "barracuda-brbl",
        "psbl",
        "mailspike",
        "uceprotect",
        "spamrats",
        "spamhaus-dbl",
        "surbl",
        "uribl",
    )
)


def with_dqs_key(lists: Iterable[Dnsbl], key: str) -> tuple[Dnsbl, ...]:
    """Send the Spamhaus zones to the Data Query Service: ``zen.spamhaus.org`` becomes
    ``KEY.zen.dq.spamhaus.net`` (and ``dbl``, ``sbl``, ``xbl``, ``pbl`` alike); others unchanged.
    """
    key = key.strip()
    if not key or not key.isalnum():
        raise InputError(
            f"The Spamhaus DQS key {key!r} is not valid; it is the string of letters and digits "
            "shown in the Spamhaus portal."
        )
    redirected = []
    for dnsbl in lists:
        public = dnsbl.public_zone
        if public.endswith(_SPAMHAUS_PUBLIC):
            zone = public.removesuffix(_SPAMHAUS_PUBLIC)
            dnsbl = Dnsbl(dnsbl.blocklist, f"{key}.{zone}.{_SPAMHAUS_DQS}")
        redirected.append(dnsbl)
    return tuple(redirected)


def parse_ip(text: str) -> IPAddress:
    """An IP address; IPv4-mapped IPv6 (``::ffff:192.0.2.1``) is taken as the IPv4 address."""
    try:
        ip = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        raise InputError(
            f"{text!r} is not an IP address; give the sending server's IPv4 or IPv6 address."
        ) from None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def query_name(target: IPAddress | str, zone: str) -> str:
    """The name to ask: reversed octets or nibbles for an IP, the domain itself otherwise."""
    if isinstance(target, ipaddress.IPv4Address):
        return ".".join(reversed(str(target).split("."))) + "." + zone
    if isinstance(target, ipaddress.IPv6Address):
        return ".".join(reversed(target.exploded.replace(":", ""))) + "." + zone
    return f"{target}.{zone}"


def blocklist_findings(
    ips: Iterable[str],
    domain: str | None,
    *,
    resolver: Resolver,
    lists: Sequence[Dnsbl] = DEFAULT_LISTS,
) -> list[Finding]:
    """Ask every list about every IP (IP lists) and the domain (domain lists).

    One finding per target and list, in the order of ``ips`` then ``lists``; an IPv6 address
    is asked only of lists that hold IPv6 data. The lookups run concurrently over the
    resolver; each name is asked once.
    """
    targets: list[IPAddress | str] = [parse_ip(ip) for ip in ips]
    targets = list(dict.fromkeys(targets))
    if domain:
        targets.append(_normalise_domain(domain))
    plan: list[tuple[IPAddress | str, Dnsbl, str]] = []
    for target in targets:
        for dnsbl in lists:
            if isinstance(target, str) != dnsbl.lists_domains:
                continue
            if isinstance(target, ipaddress.IPv6Address) and not dnsbl.blocklist.ipv6:
                continue  # the list has no IPv6 data: not a gap in the check
            plan.append((target, dnsbl, query_name(target, dnsbl.zone)))
    answers = resolve_concurrently(resolver, [(name, "A") for _, _, name in plan])
    return [listing_finding(str(target), dnsbl, answers[name, "A"]) for target, dnsbl, name in plan]


def resolve_concurrently(
    resolver: Resolver, queries: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], Answer]:
    """Ask each distinct (name, type) once, in parallel threads over the sync resolver."""
    unique = list(dict.fromkeys(queries))
    if not unique:
        return {}
    with ThreadPoolExecutor(max_workers=min(_MAX_WORKERS, len(unique))) as pool:
        answers = pool.map(lambda query: resolver.resolve(*query), unique)
        return dict(zip(unique, answers, strict=True))


def _normalise_domain(domain: str) -> str:
    name = domain.strip().rstrip(".").lower()
    try:
        return name.encode("idna").decode("ascii")
    except UnicodeError:
        raise InputError(f"{domain!r} is not a valid domain name.") from None


def listing_finding(target: str, dnsbl: Dnsbl, answer: Answer) -> Finding:
    """What one list's answer about one target means (pure: no I/O)."""
    check = f"{Area.BLOCKLIST}.{dnsbl.key}"
    where = f"on {dnsbl.name} ({dnsbl.zone})"
    if answer.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        return Finding(Area.BLOCKLIST, check, Status.PASS, f"{target} is not listed {where}.")
    if answer.outcome is not Outcome.OK:
        return Finding(
            Area.BLOCKLIST,
            check,
            Status.UNKNOWN,
            f"Could not check {target} {where}, because the lookup failed ({answer.outcome}): "
            f"{answer.detail}",
            fix="Run the check again; if it keeps failing, check that the resolver can reach "
            f"the list, e.g. `dig {answer.name} A`.",
        )
    listings: list[tuple[str, ListAnswer | None]] = []
    errors: list[ListAnswer] = []
    foreign: list[str] = []
    for record in answer.records:
        code = _address(record)
        if code is None or code not in _LOOPBACK:
            foreign.append(record)
            continue
        error = _error_answer(dnsbl.blocklist, code)
        if error is not None:
            errors.append(error)
            continue
        meanings: list[ListAnswer | None] = list(_meanings(dnsbl.blocklist, code))
        listings.extend((str(code), meaning) for meaning in meanings or [None])
    if listings:
        return _listed(target, dnsbl, listings)
    if errors:
        because = "; ".join(dict.fromkeys(e.meaning for e in errors))
        return Finding(
            Area.BLOCKLIST,
            check,
            Status.UNKNOWN,
            f"Could not check {target} {where}, because {because} "
            f"(answer {', '.join(e.code for e in errors)}, an error code, not a listing).",
            fix="Check from a server with its own recursive resolver"
            + (" or with a Spamhaus DQS key" if dnsbl.public_zone.endswith("spamhaus.org") else "")
            + f"; to look the address up by hand, use {dnsbl.blocklist.delist_url}.",
        )
    return Finding(
        Area.BLOCKLIST,
        check,
        Status.UNKNOWN,
        f"Could not check {target} {where}, because it answered {', '.join(foreign)}, outside "
        "127.0.0.0/8, which is not a listing (the zone may be retired or parked).",
        fix=f"Drop {dnsbl.zone} from the lists checked, or look the address up by hand at "
        f"{dnsbl.blocklist.delist_url}.",
    )


def _address(record: str) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(record)
    except ValueError:
        return None


def _error_answer(blocklist: Blocklist, code: ipaddress.IPv4Address) -> ListAnswer | None:
    for known in blocklist.answers:
        if known.error and known.code == str(code):
            return known
    return None


def _meanings(blocklist: Blocklist, code: ipaddress.IPv4Address) -> list[ListAnswer]:
    """The documented meanings of a listing code; for a bitmask list, one per bit set."""
    listings = [known for known in blocklist.answers if not known.error]
    if blocklist.bitmask:
        value = int(code) & 0xFF
        return [
            known for known in listings if value & int(ipaddress.IPv4Address(known.code)) & 0xFF
        ]
    return [known for known in listings if known.code == str(code)]


def _listed(target: str, dnsbl: Dnsbl, listings: list[tuple[str, ListAnswer | None]]) -> Finding:
    blocklist = dnsbl.blocklist
    described = []
    fixes = []
    for code, meaning in listings:
        if meaning is None:
            described.append(f"{code}: listed (a code the list does not document)")
            continue
        part = f"{meaning.part}, " if meaning.part else ""
        described.append(f"{code}: {part}{meaning.meaning}")
        if meaning.fix:
            fixes.append(meaning.fix)
    summary = f"{target} is listed on {dnsbl.name} ({dnsbl.zone}): " + "; ".join(
        dict.fromkeys(described)
    )
    default_fix = (
        f"Find and stop the cause first ({blocklist.meaning}), or the listing comes back; then "
        f"request removal at {blocklist.delist_url}."
    )
    fix = " ".join(dict.fromkeys(fixes)) if fixes else default_fix
    return Finding(
        Area.BLOCKLIST,
        f"{Area.BLOCKLIST}.{dnsbl.key}",
        Status.FAIL,
        summary + ".",
        why=_why(target, dnsbl),
        fix=fix,
    )


def _why(target: str, dnsbl: Dnsbl) -> str:
    zone = dnsbl.public_zone
    if dnsbl.lists_domains:
        return (
            f"Receivers that check {zone} reject mail whose sender address or links name "
            f'{target}: "554 5.7.1 <sender@{target}>: Sender address rejected: blocked using '
            f'{zone}", or score it as spam and file it in the junk folder.'
        )
    why = (
        f"Receivers that check {zone} refuse mail from {target}: "
        f'"554 5.7.1 Service unavailable; Client host [{target}] blocked using {zone}" '
        "(Postfix's reject_rbl_client)"
    )
    if zone.endswith("spamhaus.org"):
        why += (
            "; Outlook.com and Microsoft 365 use Spamhaus data too: "
            f'"550 5.7.1 Service unavailable, Client host [{target}] blocked using Spamhaus", '
            "and a listed network can land on Microsoft's own block list "
            '("550 5.7.1 ... part of their network is on our block list (S3150)")'
        )
    return why + "."
