"""The bulk-sender requirements of Gmail, Yahoo and Outlook.com, judged from the other findings.

Gmail and Yahoo since February 2024, Outlook.com (Microsoft's consumer mail) since 5 May 2025,
for senders of 5,000 or more messages a day to their users:

=================  =====  =====  =========  ===========================================
item               Gmail  Yahoo  Microsoft  judged from
=================  =====  =====  =========  ===========================================
spf                  x      x       x       spf.record, spf.tree, spf.lookup-limit, spf.ip.*
dkim                 x      x       x       dkim.key, dkim.selector
dmarc                x      x       x       dmarc.record, dmarc.syntax (p=none is enough)
alignment            x      x       x       SPF passing for DOMAIN or a usable key under it
ptr                  x      x               ptr.present, ptr.forward-confirmed
tls                  x                      needs input: the sending server's connections
unsubscribe          x      x      (rec.)   needs input: a message (RFC 8058 headers)
spam-rate            x      x               needs input: Postmaster Tools, Yahoo Sender Hub
=================  =====  =====  =========  ===========================================

Pure: :func:`requirement_findings` reads findings and returns findings, one per item and one per
provider. What the DNS cannot show is ``needs-input``, saying which input would settle it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bouncekit.sender.model import Area, Finding, Status

__all__ = [
    "BULK_SENDER_POLICIES",
    "REQUIREMENTS",
    "Assessment",
    "BulkSenderPolicy",
    "Requirement",
    "requirement_findings",
]


@dataclass(frozen=True, slots=True)
class BulkSenderPolicy:
    """A mailbox provider's published rules for bulk senders: whose, since when, and where.

    (The provider as a source of reply rules is :class:`bouncekit.replies.model.Provider`.)
    """

    key: str
    name: str
    since: str
    url: str


GMAIL = BulkSenderPolicy(
    "gmail", "Gmail", "February 2024", "https://support.google.com/a/answer/81126"
)
YAHOO = BulkSenderPolicy(
    "yahoo", "Yahoo", "February 2024", "https://senders.yahooinc.com/best-practices/"
)
MICROSOFT = BulkSenderPolicy(
    "microsoft",
    "Microsoft Outlook.com",
    "5 May 2025",
    "https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/"
    "strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-"
    "senders/4399730",
)
BULK_SENDER_POLICIES: tuple[BulkSenderPolicy, ...] = (GMAIL, YAHOO, MICROSOFT)


@dataclass(frozen=True, slots=True)
class Assessment:
    """How one requirement stands, read from the other checks' findings."""

    status: Status
    summary: str
    fix: str = ""


@dataclass(frozen=True, slots=True)
class Context:
    domain: str
    findings: tuple[Finding, ...]
    ips: tuple[str, ...]

    def matching(self, *checks: str) -> list[Finding]:
        """Findings whose check is one of ``checks`` or starts with one ending in '.'."""
        return [
            f
            for f in self.findings
            if any(f.check == c or (c.endswith(".") and f.check.startswith(c)) for c in checks)
        ]


@dataclass(frozen=True, slots=True)
class Requirement:
    key: str
    title: str
    required_by: tuple[BulkSenderPolicy, ...]
    why: str  # the rejections when it is not met
    assess: Callable[[Context], Assessment]


def _fixes(findings: Sequence[Finding]) -> str:
    return " ".join(dict.fromkeys(f.fix for f in findings if f.status is not Status.PASS and f.fix))


def _worst(findings: Sequence[Finding]) -> Status:
    for status in (Status.FAIL, Status.WARN, Status.UNKNOWN, Status.NEEDS_INPUT):
        if any(f.status is status for f in findings):
            return status
    return Status.PASS


def _summaries(findings: Sequence[Finding], status: Status) -> str:
    return " ".join(f.summary for f in findings if f.status is status)


def _assess_spf(context: Context) -> Assessment:
    record = context.matching("spf.record", "spf.tree", "spf.lookup-limit", "spf.void-lookups")
    per_ip = context.matching("spf.ip.")
    if not record:
        return Assessment(Status.UNKNOWN, "The SPF check did not run.")
    worst = _worst(record + per_ip)
    if worst in (Status.FAIL, Status.WARN, Status.UNKNOWN):
        bad = [f for f in record + per_ip if f.status is worst]
        # An SPF result other than pass for a sending IP is not met, whatever its severity.
        status = Status.FAIL if worst is Status.WARN and any(f in per_ip for f in bad) else worst
        return Assessment(status, _summaries(record + per_ip, worst), _fixes(record + per_ip))
    if not context.ips:
        return Assessment(
            Status.NEEDS_INPUT,
            f"{context.domain} publishes a valid SPF record; whether it passes for your sending "
            "servers needs their addresses: give --ip for each.",
            "Run again with --ip ADDRESS for every server that sends for the domain.",
        )
    return Assessment(Status.PASS, "SPF passes for " + ", ".join(context.ips) + ".")


def _assess_dkim(context: Context) -> Assessment:
    selectors = context.matching("dkim.selector")
    keys = context.matching("dkim.key")
    usable = [f for f in keys if f.status in (Status.PASS, Status.WARN)]
    if not keys and any(f.status is Status.UNKNOWN for f in selectors):
        return Assessment(
            Status.NEEDS_INPUT,
            "No DKIM key found under the common selectors: give the selector your mail is "
            "signed with (--selector, the s= tag of a sent message's DKIM-Signature).",
            _fixes(selectors),
        )
    if any(f.status is Status.FAIL for f in keys + selectors):
        bad = [f for f in keys + selectors if f.status is Status.FAIL]
        return Assessment(Status.FAIL, _summaries(bad, Status.FAIL), _fixes(bad))
    if not usable:
        status = _worst(keys + selectors)
        return Assessment(
            Status.UNKNOWN if status is Status.PASS else status,
            "No usable DKIM key was found.",
            _fixes(keys + selectors),
        )
    if all(f.status is Status.WARN for f in usable):
        return Assessment(
            Status.WARN,
            _summaries(usable, Status.WARN) + " Accepted today, but Gmail asks for 2048 bits.",
            _fixes(usable),
        )
    return Assessment(Status.PASS, _summaries(usable, Status.PASS))


def _assess_dmarc(context: Context) -> Assessment:
    found = context.matching("dmarc.record", "dmarc.syntax")
    if not found:
        return Assessment(Status.UNKNOWN, "The DMARC check did not run.")
    worst = _worst(found)
    if worst is not Status.PASS:
        return Assessment(worst, _summaries(found, worst), _fixes(found))
    policy = context.matching("dmarc.policy")
    text = " ".join(f.summary for f in policy) or "A DMARC record is published."
    return Assessment(Status.PASS, text + " At least p=none is all the providers ask.")


def _assess_alignment(context: Context) -> Assessment:
    domain = context.domain
    spf_pass = bool(context.ips) and all(
        f.status is Status.PASS for f in context.matching("spf.ip.")
    )
    spf_pass = spf_pass and bool(context.matching("spf.ip."))
    keys = [f for f in context.matching("dkim.key") if f.status in (Status.PASS, Status.WARN)]
    aligned = []
    if spf_pass:
        aligned.append(f"SPF (when the Return-Path is an address in {domain})")
    if keys:
        aligned.append(f"DKIM (when mail is signed with d={domain})")
    if aligned:
        return Assessment(
            Status.PASS,
            f"Mail with From: ...@{domain} can align through " + " and ".join(aligned) + ". "
            "A sent message shows for certain (check-message).",
        )
    if not context.ips and not keys:
        return Assessment(
            Status.NEEDS_INPUT,
            "Neither aligned path could be shown: give --ip (SPF) and --selector (DKIM), or "
            "check a sent message.",
            "Run again with --ip and --selector.",
        )
    return Assessment(
        Status.FAIL,
        f"Neither SPF for {domain} passes for the sending IPs nor is a usable DKIM key "
        f"published under {domain}: mail From {domain} fails DMARC.",
        f"Sign mail with a DKIM key under {domain} (d={domain}), and send with a Return-Path "
        f"in {domain} from IPs its SPF record authorises.",
    )


def _assess_ptr(context: Context) -> Assessment:
    if not context.ips:
        return Assessment(
            Status.NEEDS_INPUT,
            "Reverse DNS is checked per sending IP: give --ip for each sending server.",
            "Run again with --ip ADDRESS.",
        )
    found = context.matching("ptr.present", "ptr.forward-confirmed")
    if not found:
        return Assessment(Status.UNKNOWN, "The reverse DNS check did not run.")
    worst = _worst(found)
    if worst is Status.PASS:
        return Assessment(
            Status.PASS, "Every sending IP has forward-confirmed reverse DNS (FCrDNS)."
        )
    return Assessment(worst, _summaries(found, worst), _fixes(found))


def _assess_tls(context: Context) -> Assessment:
    starttls = [f for f in context.matching("tls.starttls.") if f.status is not Status.UNKNOWN]
    seen = ""
    if starttls:
        offering = [f for f in starttls if f.status is not Status.FAIL]
        seen = (
            f" Of the domain's MX hosts, {len(offering)} of {len(starttls)} offer STARTTLS "
            "(servers that receive usually send too)."
        )
    return Assessment(
        Status.NEEDS_INPUT,
        "The sending server must use TLS on its connections to Gmail; the DNS cannot show it: "
        "look for 'ESMTPS' or 'version=TLS' in the Received header of a message delivered "
        "to Gmail." + seen,
        "Turn on opportunistic TLS for outgoing mail (Postfix: smtp_tls_security_level = may); "
        "check your own server with `bouncekit check-smtp`.",
    )


def _assess_unsubscribe(context: Context) -> Assessment:
    return Assessment(
        Status.NEEDS_INPUT,
        "One-click unsubscribe needs a marketing message to check: the headers "
        "'List-Unsubscribe: <https://...>' and 'List-Unsubscribe-Post: List-Unsubscribe=One-"
        "Click' (RFC 8058), in a DKIM signature's h= list.",
        "Check a sent message with `bouncekit check-message FILE.eml`; honour unsubscribes "
        "within 2 days.",
    )


def _assess_spam_rate(context: Context) -> Assessment:
    return Assessment(
        Status.NEEDS_INPUT,
        "The spam-complaint rate must stay under 0.3% (aim for under 0.1%); only the "
        "providers know it: Google Postmaster Tools (postmaster.google.com), Yahoo Sender Hub "
        "complaint feedback loop, Microsoft SNDS.",
        "Register the domain with Google Postmaster Tools and Yahoo's complaint feedback loop, "
        "and watch the rate daily.",
    )


_AUTH_WHY = (
    "Gmail rejects with '550 5.7.26 This mail has been blocked because the sender is "
    "unauthenticated' (or 5.7.27 / 5.7.30), Yahoo with '550 5.7.9 ... not accepted due to "
    "domain's DMARC policy' or 'TSS09', Outlook.com with '550 5.7.515 Access denied, sending "
    "domain does not meet the required authentication level'."
)

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "spf",
        "SPF published and passing for the sending IPs",
        (GMAIL, YAHOO, MICROSOFT),
        _AUTH_WHY,
        _assess_spf,
    ),
    Requirement(
        "dkim",
        "DKIM signing with a published key (2048-bit RSA recommended)",
        (GMAIL, YAHOO, MICROSOFT),
        _AUTH_WHY,
        _assess_dkim,
    ),
    Requirement(
        "dmarc",
        "A DMARC record, at least p=none",
        (GMAIL, YAHOO, MICROSOFT),
        _AUTH_WHY,
        _assess_dmarc,
    ),
    Requirement(
        "alignment",
        "The From domain aligned with SPF or DKIM",
        (GMAIL, YAHOO, MICROSOFT),
        _AUTH_WHY,
        _assess_alignment,
    ),
    Requirement(
        "ptr",
        "Forward-confirmed reverse DNS for the sending IPs",
        (GMAIL, YAHOO),
        "Gmail rejects with '550 5.7.25 The IP address sending this message does not have a "
        "PTR record setup' and '421 4.7.23'; Yahoo defers and rejects mail from IPs without "
        "valid reverse DNS.",
        _assess_ptr,
    ),
    Requirement(
        "tls",
        "TLS on the connection that delivers the mail",
        (GMAIL,),
        "Gmail requires TLS from bulk senders and flags mail received without it.",
        _assess_tls,
    ),
    Requirement(
        "unsubscribe",
        "One-click unsubscribe (RFC 8058) in marketing mail",
        (GMAIL, YAHOO),
        "Gmail and Yahoo filter and throttle bulk mail without one-click unsubscribe; Gmail "
        "answers '550 5.7.0' for non-compliant bulk mail. Outlook.com recommends it.",
        _assess_unsubscribe,
    ),
    Requirement(
        "spam-rate",
        "Spam-complaint rate under 0.3%",
        (GMAIL, YAHOO),
        "Over 0.3%, Gmail throttles and rejects ('421 4.7.28 ... unusual rate of unsolicited "
        "mail', '550 5.7.1'), Yahoo defers ('421 4.7.0 [TSS04]').",
        _assess_spam_rate,
    ),
)


def _names(providers: Sequence[BulkSenderPolicy]) -> str:
    names = [p.name for p in providers]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def requirement_findings(
    domain: str, findings: Sequence[Finding], *, ips: Sequence[str] = ()
) -> list[Finding]:
    """One finding per requirement, then one per provider summing up its requirements."""
    context = Context(domain.strip().rstrip(".").lower(), tuple(findings), tuple(ips))
    items: list[tuple[Requirement, Finding]] = []
    for requirement in REQUIREMENTS:
        assessed = requirement.assess(context)
        urls = " ".join(p.url for p in requirement.required_by)
        fix = ""
        if assessed.status is not Status.PASS:
            fix = f"{assessed.fix} See: {urls}".strip()
        finding = Finding(
            Area.REQUIREMENTS,
            f"requirements.{requirement.key}",
            assessed.status,
            f"{requirement.title} (required by {_names(requirement.required_by)}): "
            f"{assessed.summary}",
            why="" if assessed.status is Status.PASS else requirement.why,
            fix=fix,
        )
        items.append((requirement, finding))
    result = [finding for _, finding in items]
    for provider in BULK_SENDER_POLICIES:
        mine = [(r, f) for r, f in items if provider in r.required_by]
        result.append(_provider_finding(provider, mine))
    return result


def _provider_finding(
    provider: BulkSenderPolicy, items: list[tuple[Requirement, Finding]]
) -> Finding:
    status = _worst([f for _, f in items])
    groups = []
    for wanted, word in (
        (Status.FAIL, "not met"),
        (Status.WARN, "met with warnings"),
        (Status.UNKNOWN, "could not be checked"),
        (Status.NEEDS_INPUT, "need input"),
        (Status.PASS, "met"),
    ):
        keys = [r.key for r, f in items if f.status is wanted]
        if keys:
            groups.append(f"{word}: {', '.join(keys)}")
    summary = (
        f"{provider.name} bulk-sender requirements (since {provider.since}): "
        + "; ".join(groups)
        + "."
    )
    failing = [r.key for r, f in items if f.status in (Status.FAIL, Status.WARN)]
    fix = ""
    if status is not Status.PASS:
        fix = (
            f"Fix {', '.join(failing)} (see each requirement above); " if failing else ""
        ) + f"{provider.name}'s rules: {provider.url}"
    why = ""
    if status is Status.FAIL:
        why = f"{provider.name} rejects or spam-folders bulk mail that misses them."
    return Finding(Area.REQUIREMENTS, f"requirements.{provider.key}", status, summary, why, fix)
