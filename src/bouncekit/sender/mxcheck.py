"""The sender's MX records: can the domain receive the bounces, replies and reports it asks for?

A sending domain needs a working mail route of its own: bounces (to the Return-Path), replies
(to From or Reply-To), DMARC aggregate reports and feedback loops all come back by mail, and
some receivers refuse mail from a domain that cannot receive any ("550 5.1.8 Sender address
rejected: Domain not found", Postfix's reject_unknown_sender_domain).

RFC 5321 5.1: the MX records in preference order; without MX records (NODATA) the domain's own
A/AAAA records are the implicit MX, which works but is fragile. RFC 7505: a single MX of
preference 0 and target "." (the null MX) says the domain accepts no mail at all.
"""

from __future__ import annotations

from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.dnsbl import resolve_concurrently
from bouncekit.sender.model import Area, Finding, Status, finding

__all__ = ["mx_findings", "parse_mx"]

_FAILED = (Outcome.SERVFAIL, Outcome.TIMEOUT)

_WHY_NO_MAIL = (
    "Bounces, replies, DMARC reports and complaint feedback for this domain cannot be "
    "delivered; receivers that check the sender domain refuse its mail: Postfix "
    '"550 5.1.8 <sender@DOMAIN>: Sender address rejected: Domain not found" or "450 4.1.8 '
    '... Domain not found" (reject_unknown_sender_domain), and Gmail and Outlook.com rate '
    "mail from a domain that cannot receive mail as suspicious."
)


def parse_mx(record: str) -> tuple[int, str]:
    """``"10 mx1.example.com."`` -> (10, "mx1.example.com"); the null MX gives (0, "")."""
    preference, _, target = record.strip().partition(" ")
    return int(preference), target.strip().lower().rstrip(".")


def mx_findings(domain: str, *, resolver: Resolver) -> list[Finding]:
    """The MX part of ``check-sender``: the records, their preferences, each host's addresses."""
    domain = domain.strip().rstrip(".").lower()
    why = _WHY_NO_MAIL.replace("DOMAIN", domain)
    answer = resolver.resolve(domain, "MX")
    if answer.outcome in _FAILED:
        return [
            finding(
                Area.MX,
                "records",
                Status.UNKNOWN,
                f"Could not look up the MX records of {domain}, because: {answer.detail}",
                fix=f"Check that the domain's name servers answer, e.g. `dig {domain} MX`, then "
                "run the check again.",
            )
        ]
    if answer.outcome is Outcome.NXDOMAIN:
        return [
            finding(
                Area.MX,
                "records",
                Status.FAIL,
                f"The domain {domain} does not exist in the DNS.",
                why,
                f"Register {domain} or check its delegation (`dig {domain} NS`); a sending "
                "domain must exist and receive mail.",
            )
        ]
    if answer.outcome is Outcome.NODATA or not answer.records:
        return _implicit(domain, resolver, why)
    targets = sorted(parse_mx(record) for record in answer.records)
    if any(name == "" for _, name in targets):
        return [_null_mx(domain, targets, why)]
    listed = ", ".join(f"{name} (preference {preference})" for preference, name in targets)
    findings = [finding(Area.MX, "records", Status.PASS, f"{domain} has MX records: {listed}.")]
    findings.extend(_host_findings(domain, [name for _, name in targets], resolver, why))
    return findings


def _null_mx(domain: str, targets: list[tuple[int, str]], why: str) -> Finding:
    others = [name for _, name in targets if name]
    if not others:
        return finding(
            Area.MX,
            "null-mx",
            Status.FAIL,
            f"{domain} publishes a null MX (RFC 7505): it says it accepts no mail, so it "
            "cannot receive bounces or replies.",
            why,
            f"If {domain} sends mail, replace the null MX with the records of your mail "
            f"service, e.g. {domain}. IN MX 10 mx1.{domain}.; or send from a domain that "
            "receives mail.",
        )
    return finding(
        Area.MX,
        "null-mx",
        Status.WARN,
        f"{domain} mixes a null MX (0 .) with other MX records ({', '.join(others)}); "
        "RFC 7505 allows the null MX only as the single record.",
        "Senders treat such a domain differently: some deliver to the other hosts, some "
        "bounce the mail as undeliverable.",
        f'Delete the "0 ." MX record of {domain} and keep the others.',
    )


def _implicit(domain: str, resolver: Resolver, why: str) -> list[Finding]:
    answers = resolve_concurrently(resolver, [(domain, "A"), (domain, "AAAA")])
    addresses = [r for a in answers.values() if a.outcome is Outcome.OK for r in a.records]
    failed = [a for a in answers.values() if a.outcome in _FAILED]
    if addresses:
        return [
            finding(
                Area.MX,
                "implicit",
                Status.WARN,
                f"{domain} has no MX record; mail for it goes to its own address "
                f"({', '.join(addresses)}), the implicit MX of RFC 5321 5.1.",
                "It works only while the web server at that address also takes mail on port "
                "25; many senders and some receivers' sender checks treat a domain without MX "
                "as unable to receive mail.",
                f"Publish MX records for the hosts that receive mail for {domain}, e.g. "
                f"{domain}. IN MX 10 mx1.{domain}.",
            )
        ]
    if failed:
        return [
            finding(
                Area.MX,
                "implicit",
                Status.UNKNOWN,
                f"{domain} has no MX record, and its address could not be looked up: "
                + "; ".join(a.detail for a in failed),
                fix="Run the check again; if it keeps failing, check the domain's name servers.",
            )
        ]
    return [
        finding(
            Area.MX,
            "records",
            Status.FAIL,
            f"{domain} has no MX record and no A/AAAA record: it cannot receive mail.",
            why,
            f"Publish MX records for the hosts that receive mail for {domain}, e.g. "
            f"{domain}. IN MX 10 mx1.{domain}.",
        )
    ]


def _host_findings(domain: str, hosts: list[str], resolver: Resolver, why: str) -> list[Finding]:
    hosts = list(dict.fromkeys(hosts))
    queries = [(host, rdtype) for host in hosts for rdtype in ("A", "AAAA")]
    answers = resolve_concurrently(resolver, queries)
    findings: list[Finding] = []
    working = 0
    for host in hosts:
        found = [answers[host, rdtype] for rdtype in ("A", "AAAA")]
        addresses = [r for a in found if a.outcome is Outcome.OK for r in a.records]
        if addresses:
            working += 1
            findings.append(
                finding(
                    Area.MX,
                    f"host.{host}",
                    Status.PASS,
                    f"The MX host {host} resolves to {', '.join(addresses)}.",
                )
            )
        elif any(a.outcome in _FAILED for a in found):
            findings.append(
                finding(
                    Area.MX,
                    f"host.{host}",
                    Status.UNKNOWN,
                    f"Could not look up the address of the MX host {host}, because: "
                    + "; ".join(a.detail for a in found if a.outcome in _FAILED),
                    fix=f"Run the check again; by hand: `dig {host} A`.",
                )
            )
        else:
            findings.append(_unresolved(domain, host, found, why, alone=len(hosts) == 1))
    if working == 0 and len(hosts) > 1 and all(f.status is Status.FAIL for f in findings):
        findings.append(
            finding(
                Area.MX,
                "route",
                Status.FAIL,
                f"None of the MX hosts of {domain} has an address: the domain cannot receive mail.",
                why,
                "Publish A/AAAA records for the MX hosts, or point the MX records at hosts "
                "that exist.",
            )
        )
    return findings


def _unresolved(domain: str, host: str, found: list[Answer], why: str, *, alone: bool) -> Finding:
    cname = "" if not host.endswith(f".{domain}") else f" in the zone of {domain}"
    absence = (
        "does not exist" if found[0].outcome is Outcome.NXDOMAIN else "has no A or AAAA record"
    )
    return finding(
        Area.MX,
        f"host.{host}",
        Status.FAIL,
        f"The MX host {host} {absence}.",
        why
        if alone
        else "Senders try the other MX hosts, but slowly (a lookup and a timeout each time), "
        "and a host name that lapses can be registered by someone else.",
        f"Publish {host}. IN A <the mail server's address>{cname}, or remove the MX record "
        f"{domain}. IN MX ... {host}.",
    )
