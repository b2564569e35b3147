"""Reverse DNS of the sending IPs: PTR present, forward-confirmed, matching HELO, not generic.

Forward-confirmed reverse DNS (FCrDNS, RFC 8601 section 3 calls it "iprev"): the IP's PTR names
a host whose A (or AAAA) records include the IP again. Gmail, Yahoo and Microsoft require it of
bulk senders; many servers refuse mail without it. A PTR made of the IP's numbers or of words
such as "dynamic" or "dsl" marks a home or cloud connection and is scored as one.

The judging (:func:`ip_findings`, :func:`looks_generic`) is pure; :func:`ptr_findings` asks the
resolver, all PTR lookups at once and then all forward lookups at once.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping

from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.dnsbl import IPAddress, parse_ip, resolve_concurrently
from bouncekit.sender.model import Area, Finding, Status

__all__ = ["ip_findings", "looks_generic", "ptr_findings"]


# Whole words (split on anything not a letter) that providers put in generic reverse names.
_GENERIC_WORDS = frozenset(
    {
        "dyn",
        "dynamic",
        "dynip",
        "pool",
        "dsl",
        "adsl",
        "vdsl",
        "xdsl",
        "cable",
        "dhcp",
        "client",
        "clients",
        "dial",
        "dialup",
        "dialin",
        "ppp",
        "pppoe",
        "broadband",
        "residential",
        "customer",
        "cust",
        "cpe",
        "unassigned",
    }
)
# Cloud default names: a server there has a generic name until its owner sets one.
_GENERIC_SUFFIXES = (
    "compute.amazonaws.com",
    "compute-1.amazonaws.com",
    "googleusercontent.com",
    "linodeusercontent.com",
    "vultrusercontent.com",
)

_WHY_MISSING = (
    "Gmail refuses or rate-limits mail from IPs without forward-confirmed reverse DNS: "
    '"550 5.7.25 The IP address sending this message does not have a PTR record setup, or the '
    'corresponding forward DNS entry does not point to the sending IP" and "421 4.7.23 The '
    "sending IP address for this message doesn't have a PTR record, or the PTR record's "
    "forward DNS entry doesn't match the sending IP address\"; Microsoft 365 refuses IPv6 "
    'senders without one ("550 5.7.25 Access denied, the sending IPv6 address must have a '
    'reverse DNS record") and Outlook.com, Yahoo and most spam filters rate such IPs poorly; '
    'Postfix servers answer "450 4.7.1 Client host rejected: cannot find your reverse '
    'hostname" (reject_unknown_reverse_client_hostname).'
)
_WHY_UNCONFIRMED = (
    "Gmail checks that the PTR name resolves back to the IP: "
    "\"421 4.7.23 ... the PTR record's forward DNS entry doesn't match the sending IP address\" "
    'and "550 5.7.25 ... the corresponding forward DNS entry does not point to the sending IP"; '
    'Postfix servers answer "450 4.7.1 Client host rejected: cannot find your hostname" '
    "(reject_unknown_client_hostname), and SpamRATS and SpamAssassin count the IP as having "
    "no usable reverse DNS."
)
_WHY_GENERIC = (
    "A generic name marks a home, dynamic or unconfigured cloud address: SpamRATS lists such "
    "IPs (RATS-Dyna), Spamhaus puts such ranges in the PBL, spam filters score them "
    '(SpamAssassin RDNS_DYNAMIC), and some servers refuse them outright ("550 5.7.1 ... '
    'generic DNS PTR"); Outlook.com and Yahoo treat them as likely spam sources.'
)
_WHY_HELO = (
    "Receivers compare the HELO/EHLO name with the reverse DNS: a mismatch or an unresolvable "
    'name costs spam points, Postfix servers answer "450 4.7.1 <NAME>: Helo command rejected: '
    'Host not found" (reject_unknown_helo_hostname) and Microsoft 365 refuses a bad HELO with '
    '"550 5.7.506 Access denied, bad HELO".'
)


def ptr_findings(ips: Iterable[str], helo: str | None, *, resolver: Resolver) -> list[Finding]:
    """The reverse DNS findings for each IP, in the order given, with the HELO name if known."""
    addresses = list(dict.fromkeys(parse_ip(ip) for ip in ips))
    helo_name = _normalise(helo) if helo else None
    reverse = resolve_concurrently(resolver, [(ip.reverse_pointer, "PTR") for ip in addresses])
    forward_queries: list[tuple[str, str]] = []
    for ip in addresses:
        rdtype = _forward_type(ip)
        answer = reverse[ip.reverse_pointer, "PTR"]
        if answer.outcome is Outcome.OK:
            forward_queries.extend((_normalise(name), rdtype) for name in answer.records)
        if helo_name and _is_hostname(helo_name):
            forward_queries.append((helo_name, rdtype))
    forward = resolve_concurrently(resolver, forward_queries)
    findings: list[Finding] = []
    for ip in addresses:
        findings.extend(ip_findings(ip, reverse[ip.reverse_pointer, "PTR"], forward, helo_name))
    return findings


def ip_findings(
    ip: IPAddress,
    ptr: Answer,
    forward: Mapping[tuple[str, str], Answer],
    helo: str | None,
) -> list[Finding]:
    """What the PTR answer and the forward answers say about one IP (pure: no I/O)."""
    rdtype = _forward_type(ip)
    example_name = helo if helo and _is_hostname(helo) else "mail.example.com"
    fix_missing = (
        f"Ask the owner of {ip} (your hosting or cloud provider, or ISP: only they can set it) "
        f"for a PTR record naming your mail server, e.g. {ip.reverse_pointer}. IN PTR "
        f"{example_name}.; publish {example_name}. IN {rdtype} {ip}; and make the server "
        "announce that name in HELO/EHLO (Postfix: myhostname)."
    )
    if ptr.outcome in (Outcome.TIMEOUT, Outcome.SERVFAIL):
        return [
            Finding(
                Area.PTR,
                "ptr.present",
                Status.UNKNOWN,
                f"Could not check the reverse DNS of {ip}, because the PTR lookup failed "
                f"({ptr.outcome}): {ptr.detail}",
                fix=f"Run the check again; by hand: `dig -x {ip}`.",
            )
        ]
    if ptr.outcome is not Outcome.OK or not ptr.records:
        findings = [
            Finding(
                Area.PTR,
                "ptr.present",
                Status.FAIL,
                f"{ip} has no reverse DNS: {ip.reverse_pointer} "
                + ("does not exist." if ptr.outcome is Outcome.NXDOMAIN else "has no PTR record."),
                why=_WHY_MISSING,
                fix=fix_missing,
            )
        ]
        if helo:
            findings.append(_helo_finding(ip, helo, (), forward))
        return findings

    names = tuple(dict.fromkeys(_normalise(record) for record in ptr.records))
    shown = ", ".join(names)
    findings = [
        Finding(
            Area.PTR,
            "ptr.present",
            Status.PASS,
            f"{ip} has reverse DNS: {shown}.",
        )
    ]
    findings.append(_forward_finding(ip, names, forward, fix_missing))
    generic = [(name, reason) for name in names if (reason := looks_generic(name, ip))]
    if generic:
        name, reason = generic[0]
        findings.append(
            Finding(
                Area.PTR,
                "ptr.generic",
                Status.WARN,
                f"The reverse DNS name of {ip}, {name}, looks generic: {reason}.",
                why=_WHY_GENERIC,
                fix=f"Ask the owner of {ip} to change its PTR to a name of your own that says "
                f"mail server, e.g. {ip.reverse_pointer}. IN PTR {example_name}., and "
                f"publish {example_name}. IN {rdtype} {ip}.",
            )
        )
    else:
        findings.append(
            Finding(
                Area.PTR,
                "ptr.generic",
                Status.PASS,
                f"The reverse DNS name {shown} looks specific.",
            )
        )
    if helo:
        findings.append(_helo_finding(ip, helo, names, forward))
    return findings


def _forward_finding(
    ip: IPAddress,
    names: tuple[str, ...],
    forward: Mapping[tuple[str, str], Answer],
    fix_missing: str,
) -> Finding:
    rdtype = _forward_type(ip)
    seen: list[str] = []
    failed: list[Answer] = []
    for name in names:
        answer = forward.get((name, rdtype))
        if answer is None:
            continue
        if answer.outcome is Outcome.OK:
            if any(_same_ip(record, ip) for record in answer.records):
                return Finding(
                    Area.PTR,
                    "ptr.forward-confirmed",
                    Status.PASS,
                    f"{name} resolves back to {ip} (forward-confirmed reverse DNS).",
                )
            seen.append(f"{name} resolves to {', '.join(answer.records)}")
        elif answer.outcome in (Outcome.TIMEOUT, Outcome.SERVFAIL):
            failed.append(answer)
        else:
            seen.append(f"{name} has no {rdtype} record")
    if failed and not seen:
        return Finding(
            Area.PTR,
            "ptr.forward-confirmed",
            Status.UNKNOWN,
            f"Could not confirm the reverse DNS of {ip}, because the forward lookup failed: "
            + "; ".join(answer.detail for answer in failed),
            fix=f"Run the check again; by hand: `dig {failed[0].name} {rdtype}`.",
        )
    name = names[0]
    return Finding(
        Area.PTR,
        "ptr.forward-confirmed",
        Status.FAIL,
        f"The reverse DNS of {ip} is not forward-confirmed: {'; '.join(seen)}, not {ip}.",
        why=_WHY_UNCONFIRMED,
        fix=f"Publish {name}. IN {rdtype} {ip} in the zone of {name}, or, if {name} is not "
        f"yours, change the PTR instead: {fix_missing}",
    )


def _helo_finding(
    ip: IPAddress,
    helo: str,
    names: tuple[str, ...],
    forward: Mapping[tuple[str, str], Answer],
) -> Finding:
    why = _WHY_HELO.replace("NAME", helo)
    suggested = names[0] if names else "mail.example.com"
    if not _is_hostname(helo):
        return Finding(
            Area.PTR,
            "ptr.helo",
            Status.FAIL,
            f"The HELO name {helo!r} is not a fully-qualified host name.",
            why=why
            + ' Postfix answers "504 5.5.2 <NAME>: Helo command rejected: need '
            'fully-qualified hostname" (reject_non_fqdn_helo_hostname).'.replace("NAME", helo),
            fix="Make the server announce a fully-qualified name that resolves to "
            f"{ip}, the same as its PTR (Postfix: myhostname = {suggested}).",
        )
    if helo in names:
        return Finding(
            Area.PTR, "ptr.helo", Status.PASS, f"The HELO name {helo} matches the PTR of {ip}."
        )
    rdtype = _forward_type(ip)
    answer = forward.get((helo, rdtype))
    resolves = answer is not None and any(_same_ip(record, ip) for record in answer.records)
    where = f"the PTR of {ip} is {', '.join(names)}" if names else f"{ip} has no PTR to match"
    resolution = (
        f"{helo} does resolve to {ip}"
        if resolves
        else f"{helo} does not resolve to {ip}"
        if answer is not None and answer.outcome in (Outcome.OK, Outcome.NXDOMAIN, Outcome.NODATA)
        else f"whether {helo} resolves to {ip} is not known"
    )
    target = names[0] if names else helo
    return Finding(
        Area.PTR,
        "ptr.helo",
        Status.WARN,
        f"The HELO name {helo} does not match the reverse DNS: {where}; {resolution}.",
        why=why,
        fix=f"Use one name for both: set the server's HELO to {target} (Postfix: myhostname = "
        f"{target}), with {ip.reverse_pointer}. IN PTR {target}. and {target}. IN {rdtype} {ip}.",
    )


def looks_generic(name: str, ip: IPAddress) -> str | None:
    """Why ``name`` looks like a provider's generic reverse name for ``ip``, or None."""
    name = _normalise(name)
    if isinstance(ip, ipaddress.IPv4Address):
        octets = str(ip).split(".")
        for order in (octets, octets[::-1]):
            pattern = r"(?<!\d)" + r"\D{1,3}".join(order) + r"(?!\d)"
            if re.search(pattern, name):
                return "it contains the IP address's numbers"
        if f"{int(ip):08x}" in name.replace("-", "").replace(".", ""):
            return "it contains the IP address in hexadecimal"
    else:
        tail = ip.exploded.replace(":", "")[-8:]
        if tail in name.replace("-", "").replace(".", "").replace(":", ""):
            return "it contains the IP address's digits"
    if name.startswith("ec2-") or any(
        name == suffix or name.endswith("." + suffix) for suffix in _GENERIC_SUFFIXES
    ):
        return "it is the cloud provider's default name"
    words = set(re.split(r"[^a-z]+", name))
    found = sorted(words & _GENERIC_WORDS)
    if found:
        return f"it contains {', '.join(repr(word) for word in found)}"
    return None


def _forward_type(ip: IPAddress) -> str:
    return "A" if isinstance(ip, ipaddress.IPv4Address) else "AAAA"


def _same_ip(record: str, ip: IPAddress) -> bool:
    try:
        return ipaddress.ip_address(record) == ip
    except ValueError:
        return False


def _normalise(name: str) -> str:
    return name.strip().rstrip(".").lower()


def _is_hostname(name: str) -> bool:
    """A fully-qualified host name: at least two labels, not an address literal."""
    if "." not in name or name.startswith("["):
        return False
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return True
    return False
