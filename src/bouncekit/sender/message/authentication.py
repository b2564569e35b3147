"""SPF of the envelope sender (RFC 7208) and DMARC alignment of the From domain (RFC 7489 3.1).

The DKIM signatures come from :mod:`bouncekit.sender.message.signatures`.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
from collections.abc import Sequence

from bouncekit.resolver import Resolver
from bouncekit.sender import spf
from bouncekit.sender.dmarc import (
    Alignment,
    Discovered,
    DmarcRecord,
    discover_dmarc,
    is_aligned,
    organizational_domain,
    starter_record,
)
from bouncekit.sender.dnsbl import parse_ip
from bouncekit.sender.message.parsing import _addresses, domain_of
from bouncekit.sender.message.signatures import Signature
from bouncekit.sender.model import Area, Finding, Status, finding

_SPF_REJECTIONS = (
    "Receivers reject mail that fails SPF when the domain says -all (Gmail 550 5.7.26 or "
    "550 5.7.27, Outlook.com 550 5.7.23 / 550 5.7.515), and mark softfail as suspicious."
)
_DMARC_REJECTIONS = (
    "Without aligned SPF or DKIM the message fails DMARC: Gmail 550 5.7.26 'Unauthenticated "
    "email from DOMAIN is not accepted due to domain's DMARC policy', Yahoo 554 5.7.9, "
    "Outlook.com 550 5.7.509 / 5.7.515."
)


# -- SPF (RFC 7208) ------------------------------------------------------------------------


def _return_path(message: email.message.Message) -> str:
    values = _addresses(message.get_all("Return-Path") or [])
    return values[0] if values else ""


def _spf(
    message: email.message.Message, ip: str | None, resolver: Resolver
) -> tuple[spf.Result | None, str, list[Finding]]:
    """SPF of the Return-Path domain (the From domain when there is none) for ``ip``."""
    sender = _return_path(message)
    source = "the Return-Path domain"
    if not sender:
        sender = next(iter(_addresses(message.get_all("From") or [])), "")
        source = "the From address; the message has no Return-Path"
    domain = domain_of(sender)
    if not domain:
        return (
            None,
            "",
            [finding(Area.SPF, "result", Status.UNKNOWN, "No sender domain to check SPF for.")],
        )
    if not ip:
        return (
            None,
            domain,
            [
                finding(
                    Area.SPF,
                    "result",
                    Status.UNKNOWN,
                    f"SPF of {domain} was not checked: no sending IP was given.",
                    fix="Run again with --ip and the address of the server that sends the mail.",
                )
            ],
        )
    address = parse_ip(ip)
    result = spf.check_host(address, domain, sender, resolver=resolver)
    decided = f" ({result.mechanism})" if result.mechanism else ""
    summary = f"SPF of {domain} ({source}) for {address}: {result.result}{decided}."
    if result.detail:
        summary = summary[:-1] + f": {result.detail}"
    fix = (
        f"Authorise {address} in the SPF record of {domain}: add 'ip{address.version}:{address}' "
        "before the 'all' term (or the include: of the service that sends for you)."
    )
    status = {
        spf.Result.PASS: Status.PASS,
        spf.Result.FAIL: Status.FAIL,
        spf.Result.PERMERROR: Status.FAIL,
        spf.Result.SOFTFAIL: Status.WARN,
        spf.Result.NEUTRAL: Status.WARN,
        spf.Result.NONE: Status.FAIL,
        spf.Result.TEMPERROR: Status.UNKNOWN,
    }[result.result]
    if result.result is spf.Result.NONE:
        fix = f'Publish an SPF record for {domain}: "v=spf1 ip{address.version}:{address} ~all".'
    elif result.result is spf.Result.PERMERROR:
        fix = (
            f"Repair the SPF record of {domain} ({result.detail}); "
            f"`bouncekit check-sender {domain}` shows each problem."
        )
    elif result.result is spf.Result.TEMPERROR:
        fix = "Run the check again; the DNS did not answer."
    if status is Status.PASS:
        return result.result, domain, [finding(Area.SPF, "result", status, summary)]
    return (
        result.result,
        domain,
        [finding(Area.SPF, "result", status, summary, _SPF_REJECTIONS, fix)],
    )


# -- DMARC alignment (RFC 7489 3.1) ------------------------------------------------------


def alignment_findings(
    from_domain: str,
    spf_result: spf.Result | None,
    spf_domain: str,
    signatures: Sequence[Signature],
    resolver: Resolver,
) -> list[Finding]:
    if not from_domain:
        return [
            finding(
                Area.DMARC,
                "alignment",
                Status.UNKNOWN,
                "No single From domain: DMARC cannot apply.",
            )
        ]
    found = discover_dmarc(from_domain, resolver=resolver)
    record = found.record if isinstance(found.record, DmarcRecord) else None
    findings = []
    if found.state is Discovered.UNKNOWN:
        findings.append(
            finding(
                Area.DMARC, "record", Status.UNKNOWN, f"Could not look up DMARC: {found.detail}"
            )
        )
    elif record is None:
        findings.append(
            finding(
                Area.DMARC,
                "record",
                Status.FAIL,
                f"{from_domain} has no valid DMARC record; alignment is judged relaxed.",
                "Gmail and Yahoo require a DMARC record of bulk senders: 550 5.7.26, 554 5.7.9;"
                " Outlook.com 550 5.7.515.",
                f"Publish a TXT record at _dmarc.{found.organizational_domain}: "
                f'"{starter_record(found.organizational_domain)}".',
            )
        )
    else:
        findings.append(
            finding(
                Area.DMARC,
                "record",
                Status.PASS,
                f"DMARC record at _dmarc.{found.policy_domain}: p={record.p}, "
                f"adkim={record.adkim}, aspf={record.aspf}.",
            )
        )
    aspf = record.aspf if record else Alignment.RELAXED
    adkim = record.adkim if record else Alignment.RELAXED
    spf_aligned = (
        spf_result is spf.Result.PASS
        and bool(spf_domain)
        and is_aligned(from_domain, spf_domain, aspf)
    )
    passing = [s for s in signatures if s.passed]
    dkim_aligned = [s for s in passing if is_aligned(from_domain, s.domain, adkim)]
    mode = {Alignment.RELAXED: "relaxed", Alignment.STRICT: "strict"}
    if spf_result is None:
        findings.append(
            finding(
                Area.DMARC,
                "spf-alignment",
                Status.UNKNOWN,
                f"SPF alignment not known: SPF was not evaluated for {spf_domain or 'no domain'}.",
                fix="Run again with --ip.",
            )
        )
    elif spf_aligned:
        findings.append(
            finding(
                Area.DMARC,
                "spf-alignment",
                Status.PASS,
                f"SPF passes for {spf_domain}, aligned with From {from_domain} ({mode[aspf]}).",
            )
        )
    else:
        why = (
            f"SPF does not pass ({spf_result})"
            if spf_result is not spf.Result.PASS
            else f"the Return-Path domain {spf_domain} does not align with {from_domain} "
            f"({mode[aspf]})"
        )
        findings.append(
            finding(
                Area.DMARC,
                "spf-alignment",
                Status.WARN,
                f"SPF is not aligned with From {from_domain}: {why}.",
                "DMARC passes on aligned DKIM alone, but one aligned method is a single point "
                "of failure. " + _DMARC_REJECTIONS,
                f"Use a Return-Path (bounce) domain under {organizational_domain(from_domain)} "
                "(your ESP's 'custom return path' or 'custom MAIL FROM'), authorised by its SPF.",
            )
        )
    if dkim_aligned:
        findings.append(
            finding(
                Area.DMARC,
                "dkim-alignment",
                Status.PASS,
                f"DKIM d={dkim_aligned[0].domain} passes, aligned with From {from_domain} "
                f"({mode[adkim]}).",
            )
        )
    elif any(s.unknown for s in signatures):
        findings.append(
            finding(
                Area.DMARC,
                "dkim-alignment",
                Status.UNKNOWN,
                f"DKIM alignment with From {from_domain} not known: a signing key could not "
                "be fetched.",
            )
        )
    else:
        domains = ", ".join(sorted({s.domain for s in passing})) or "none"
        findings.append(
            finding(
                Area.DMARC,
                "dkim-alignment",
                Status.WARN if spf_aligned else Status.FAIL,
                f"No passing DKIM signature aligns with From {from_domain} ({mode[adkim]}); "
                f"passing signatures: {domains}.",
                _DMARC_REJECTIONS,
                f"Sign with d={from_domain} (or its organisational domain with relaxed "
                "alignment): set up your ESP's domain authentication for this domain.",
            )
        )
    spf_known = spf_result is not None and spf_result is not spf.Result.TEMPERROR
    dkim_known = not any(s.unknown for s in signatures)
    if spf_aligned or dkim_aligned or (spf_known and dkim_known):
        passes = spf_aligned or bool(dkim_aligned)
        policy = f" (policy p={record.p})" if record else ""
        findings.append(
            finding(
                Area.DMARC,
                "result",
                Status.PASS if passes else Status.FAIL,
                f"DMARC {'passes' if passes else 'fails'} for {from_domain}{policy}.",
                "" if passes else _DMARC_REJECTIONS,
                "" if passes else "Align SPF or DKIM with the From domain (see above).",
            )
        )
    return findings
