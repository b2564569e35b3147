"""Links: how many, URL shorteners, bare IP addresses, text that names another host, and link
domains on the domain blocklists.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from bouncekit.resolver import Resolver
from bouncekit.sender.dmarc import organizational_domain
from bouncekit.sender.dnsbl import (
    Dnsbl,
    listing_finding,
    parse_ip,
    query_name,
    resolve_concurrently,
)
from bouncekit.sender.message.model import excerpt
from bouncekit.sender.message.parsing import _URL, ParsedMessage, _read_html
from bouncekit.sender.model import Area, Finding, Status, finding

DOMAIN_LISTS: tuple[Dnsbl, ...] = tuple(
    Dnsbl.named(key) for key in ("spamhaus-dbl", "surbl", "uribl")
)

URL_SHORTENERS = frozenset(
    {
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "v.gd",
        "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "bl.ink", "t.ly",
        "s.id", "lnkd.in", "trib.al", "soo.gd", "qr.ae", "shorte.st", "adf.ly", "tiny.one",
        "clck.ru", "u.to", "x.co", "mcaf.ee", "su.pr", "bc.vc", "0rz.tw",
    }
)  # fmt: skip


def _link_hosts(parsed: ParsedMessage) -> tuple[list[str], list[tuple[str, str]]]:
    html = _read_html(parsed.html)
    urls = [href for href, _ in html.links if href.lower().startswith(("http://", "https://"))]
    for text in [*parsed.plain, html.visible]:
        urls += _URL.findall(text)
    return list(dict.fromkeys(urls)), html.links


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def link_findings(
    parsed: ParsedMessage, *, resolver: Resolver, domain_lists: Sequence[Dnsbl] = DOMAIN_LISTS
) -> list[Finding]:
    urls, anchors = _link_hosts(parsed)
    if not urls:
        return [finding(Area.LINKS, "count", Status.PASS, "The message has no links.")]
    hosts = list(dict.fromkeys(host for host in map(_host, urls) if host))
    found = []
    count_status = Status.WARN if len(urls) > 50 else Status.PASS
    found.append(
        finding(
            Area.LINKS,
            "count",
            count_status,
            f"{len(urls)} distinct link(s) to {len(hosts)} host(s).",
            "Many links are a spam signal; filters score link-heavy mail."
            if count_status is Status.WARN
            else "",
            "Keep to the links the reader needs." if count_status is Status.WARN else "",
        )
    )
    shorteners = sorted({host for host in hosts if host in URL_SHORTENERS})
    if shorteners:
        found.append(
            finding(
                Area.LINKS,
                "shortener",
                Status.WARN,
                f"Links go through URL shorteners: {', '.join(shorteners)}.",
                "Shorteners hide the destination and are shared with spammers; their domains "
                "are often on URIBL/SURBL and Gmail treats them as suspicious.",
                "Link to your own domain directly (or a branded tracking domain of your own).",
            )
        )
    ip_hosts = [host for host in hosts if _is_ip(host)]
    if ip_hosts:
        found.append(
            finding(
                Area.LINKS,
                "ip-address",
                Status.WARN,
                f"Links point at bare IP addresses: {', '.join(ip_hosts)}.",
                "Links to numeric addresses are typical of phishing (SpamAssassin "
                "NORMAL_HTTP_TO_IP).",
                "Link to a domain name.",
            )
        )
    mismatched = [
        (text, href)
        for href, text in anchors
        if _URL.fullmatch(text.rstrip("/")) and _host(text) and _host(text) != _host(href)
    ]
    if mismatched:
        text, href = mismatched[0]
        found.append(
            finding(
                Area.LINKS,
                "mismatch",
                Status.WARN,
                f"A link shows {excerpt(text)} but goes to {_host(href)}.",
                "A link whose text names another address than its target is a phishing sign; "
                "filters score it (and so does click tracking, unless the tracking domain is "
                "your own).",
                "Show the real destination, or use a tracking domain under your own domain.",
            )
        )
    found += _link_blocklists(hosts, resolver, domain_lists)
    return found


def _is_ip(host: str) -> bool:
    try:
        parse_ip(host)
    except ValueError:
        return False
    return True


def _link_blocklists(
    hosts: Sequence[str], resolver: Resolver, domain_lists: Sequence[Dnsbl]
) -> list[Finding]:
    domains = list(dict.fromkeys(organizational_domain(host) for host in hosts if not _is_ip(host)))
    if not domains or not domain_lists:
        return []
    plan = [
        (domain, dnsbl, query_name(domain, dnsbl.zone))
        for domain in domains
        for dnsbl in domain_lists
    ]
    answers = resolve_concurrently(resolver, [(name, "A") for _, _, name in plan])
    found = []
    for domain, dnsbl, name in plan:
        verdict = listing_finding(domain, dnsbl, answers[name, "A"])
        if verdict.status is not Status.PASS:
            found.append(
                Finding(
                    Area.LINKS,
                    f"{Area.LINKS}.blocklist.{dnsbl.key}",
                    verdict.status,
                    f"Link domain {verdict.summary[0].lower()}{verdict.summary[1:]}"
                    if verdict.status is Status.FAIL
                    else verdict.summary,
                    verdict.why,
                    verdict.fix
                    if verdict.status is not Status.FAIL
                    else f"Remove links to {domain}, or have it delisted: {verdict.fix}",
                )
            )
    if not any(f.status is Status.FAIL for f in found):
        names = ", ".join(d.name for d in domain_lists)
        found.insert(
            0,
            finding(
                Area.LINKS,
                "blocklist",
                Status.PASS,
                f"No link domain ({', '.join(domains)}) is listed on {names}.",
            ),
        )
    return found
