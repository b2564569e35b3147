"""The alert rules: pure functions over tallies, send counts and thresholds that say what is
wrong, with the query that finds the events behind it (read by :mod:`.queries`).

- the hard-bounce rate over the report's window (SES: hard bounces over attempts);
- the complaint rate (complaints over deliveries);
- a provider refusing a large share of your mail for sender-side reasons in the recent
  window (24 h), against its own share over the rest of the report's window;
- a blocklist named in bounces for the first time;
- a jump in one reason: its count in the recent window against its average before.

Each alert has a key (kind, subject and window, by day): the store keeps one row per key, so
running the report again updates an alert instead of raising it twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from bouncekit.replies.classify import rulebook
from bouncekit.replies.model import Blocklist, Owner, Reason
from bouncekit.replies.phrases import normalize
from bouncekit.reports.aggregate import overlap, tally_provider
from bouncekit.reports.model import (
    AlertKind,
    Counts,
    EvidenceQuery,
    Finding,
    Severity,
    Tally,
    Window,
)
from bouncekit.reports.providers import provider_name
from bouncekit.reports.thresholds import Rules, Threshold

if TYPE_CHECKING:
    from bouncekit.store import SendCount

# Reasons that say the sender's IP is listed somewhere.
_LISTED = frozenset({Reason.BLOCKED, Reason.BADREPUTATION})
_AUTHENTICATION = frozenset({Reason.AUTHFAILURE, Reason.REQUIREPTR})
# Not failures of delivery: no jump in them is an alert of this kind.
_NOT_FAILURES = frozenset({Reason.DELIVERED, Reason.FEEDBACK, Reason.VACATION})


def _label(window: Window) -> str:
    return f"{window.start.date().isoformat()}..{window.end.date().isoformat()}"


def _recent_label(window: Window) -> str:
    hours = round(window.days * 24)
    return f"{hours}h..{window.end.date().isoformat()}"


def _severity(value: float, threshold: Threshold) -> Severity | None:
    if value >= threshold.critical:
        return Severity.CRITICAL
    if value > threshold.warning:
        return Severity.WARNING
    return None


def _percent(value: float) -> str:
    """A rate as people read it: 38%, 2.4%, 0.15%."""
    percent = value * 100
    if percent >= 10:
        return f"{percent:.0f}%"
    if percent >= 1:
        return f"{percent:.1f}%"
    return f"{percent:.2f}%"


def rate_alerts(totals: Counts, window: Window, rules: Rules) -> list[Finding]:
    """The hard-bounce and complaint rates of the whole window against their thresholds;
    nothing where too few sends are known to judge (``rules.minimum_attempts``)."""
    found: list[Finding] = []
    rate = totals.bounce_rate
    if rate is not None and (totals.attempted or 0) >= rules.minimum_attempts:
        severity = _severity(rate, rules.hard_bounce_rate)
        if severity is not None:
            limit = (
                rules.hard_bounce_rate.warning
                if severity is Severity.WARNING
                else rules.hard_bounce_rate.critical
            )
            found.append(
                Finding(
                    AlertKind.HARD_BOUNCE_RATE,
                    severity,
                    "",
                    None,
                    f"Hard-bounce rate {_percent(rate)} ({totals.hard_bounces} of "
                    f"{totals.attempted} attempts) is over {_percent(limit)}: "
                    "clean the list (verify it, drop addresses that bounced) before the next "
                    "send.",
                    window,
                    _label(window),
                    {
                        "hard_bounces": totals.hard_bounces,
                        "attempted": totals.attempted,
                        "rate": rate,
                        "threshold": rules.hard_bounce_rate.warning,
                        "critical": rules.hard_bounce_rate.critical,
                        "source": rules.hard_bounce_rate.source,
                    },
                    EvidenceQuery(window, hard_bounces=True),
                )
            )
    rate = totals.complaint_rate
    if rate is not None and (totals.delivered or 0) >= rules.minimum_attempts:
        severity = _severity(rate, rules.complaint_rate)
        if severity is not None:
            limit = (
                rules.complaint_rate.warning
                if severity is Severity.WARNING
                else rules.complaint_rate.critical
            )
            found.append(
                Finding(
                    AlertKind.COMPLAINT_RATE,
                    severity,
                    "",
                    None,
                    f"Complaint rate {_percent(rate)} ({totals.complaints} of "
                    f"{totals.delivered} deliveries) is over {_percent(limit)}: send only to "
                    "people who asked, make unsubscribing one click, and slow down.",
                    window,
                    _label(window),
                    {
                        "complaints": totals.complaints,
                        "delivered": totals.delivered,
                        "rate": rate,
                        "threshold": rules.complaint_rate.warning,
                        "critical": rules.complaint_rate.critical,
                        "source": rules.complaint_rate.source,
                    },
                    EvidenceQuery(window, complaints=True),
                )
            )
    return found


def _why(reasons: Mapping[Reason, int]) -> tuple[str, str]:
    """How a provider's refusals read ("with blocklist codes") and whose problem they name."""
    listed = sum(count for reason, count in reasons.items() if reason in _LISTED)
    authentication = sum(count for reason, count in reasons.items() if reason in _AUTHENTICATION)
    total = sum(reasons.values())
    if listed * 2 > total:
        return "with blocklist codes", "this is your IP, not your list"
    if authentication * 2 > total:
        return "for failed authentication", "this is your domain's setup, not your list"
    named = ", ".join(reason.value for reason, _ in sorted(reasons.items(), key=lambda i: -i[1]))
    return f"for sender-side reasons ({named})", "this is your sending, not your list"


def provider_alerts(
    tallies: Sequence[Tally],
    sends: Sequence[SendCount],
    providers: Mapping[str, str],
    window: Window,
    rules: Rules,
) -> list[Finding]:
    """Providers refusing your mail for sender-side reasons in the recent window, against
    their own baseline (the rest of the report's window).

    With send counts, the share of attempts refused is compared with the thresholds and with
    the baseline share; without them, the recent count with the baseline's count per window.
    """
    recent = Window(max(window.start, window.end - rules.recent), window.end)
    baseline = Window(window.start, recent.start)
    refused: dict[str, dict[Reason, int]] = {}
    before: dict[str, int] = {}
    for tally in tallies:
        if not tally.sender_side:
            continue
        provider = tally_provider(tally, providers)
        if tally.recent:
            reasons = refused.setdefault(provider, {})
            reasons[tally.reason] = reasons.get(tally.reason, 0) + tally.events
        else:
            before[provider] = before.get(provider, 0) + tally.events
    attempts_recent: dict[str, float] = {}
    attempts_before: dict[str, float] = {}
    for sent in sends:
        receiver = providers.get(sent.recipient_domain)
        if receiver is None:
            continue
        recent_share, before_share = overlap(sent.day, recent), overlap(sent.day, baseline)
        attempts_recent[receiver] = (
            attempts_recent.get(receiver, 0.0) + sent.attempted * recent_share
        )
        attempts_before[receiver] = (
            attempts_before.get(receiver, 0.0) + sent.attempted * before_share
        )
    found: list[Finding] = []
    hours = round(recent.days * 24)
    for provider, reasons in sorted(refused.items()):
        if provider == "other":
            continue  # no provider to name: the rates and the reason jumps cover it
        count = sum(reasons.values())
        if count < rules.minimum_rejections:
            continue
        prior = before.get(provider, 0)
        name = provider_name(provider)
        how, whose = _why(reasons)
        counts: dict[str, object] = {
            "refused": count,
            "reasons": {reason.value: n for reason, n in sorted(reasons.items())},
            "baseline_refused": prior,
            "baseline_window": baseline.to_dict(),
        }
        attempted = attempts_recent.get(provider, 0.0)
        if attempted >= 1:
            share = count / attempted
            prior_attempted = attempts_before.get(provider, 0.0)
            prior_share = prior / prior_attempted if prior_attempted >= 1 else 0.0
            severity = _severity(share, rules.provider_block_share)
            if severity is None or share < rules.baseline_factor * prior_share:
                continue
            summary = (
                f"{name} rejected {_percent(share)} of your mail in the last {hours} h {how}: "
                f"{whose}. Over the {baseline.days:.0f} days before it refused "
                f"{_percent(prior_share)}."
            )
            counts |= {
                "attempted": round(attempted),
                "share": share,
                "baseline_share": prior_share,
                "threshold": rules.provider_block_share.warning,
                "critical": rules.provider_block_share.critical,
                "source": rules.provider_block_share.source,
            }
        else:
            expected = prior / baseline.days * recent.days if baseline.days > 0 else 0.0
            if count < rules.baseline_factor * expected:
                continue
            severity = Severity.WARNING
            summary = (
                f"{name} rejected {count} of your messages in the last {hours} h {how}, "
                f"against {expected:.1f} per {hours} h before: {whose}. No send counts are "
                "stored for its domains, so the share is unknown."
            )
            counts["baseline_per_window"] = expected
        domains = tuple(sorted(d for d, p in providers.items() if p == provider))
        found.append(
            Finding(
                AlertKind.PROVIDER_BLOCK,
                severity,
                provider,
                provider,
                summary,
                recent,
                _recent_label(recent),
                counts,
                EvidenceQuery(
                    recent, owners=(Owner.SENDER,), providers=(provider,), domains=domains
                ),
            )
        )
    return found


def reason_jumps(tallies: Sequence[Tally], window: Window, rules: Rules) -> list[Finding]:
    """Reasons whose count in the recent window is ``rules.jump_factor`` times their average
    per window over the baseline (and at least ``rules.minimum_jump``). No baseline (a report
    window no longer than the recent one), no jump."""
    recent = Window(max(window.start, window.end - rules.recent), window.end)
    baseline = Window(window.start, recent.start)
    if baseline.days <= 0:
        return []
    now: dict[Reason, int] = {}
    before: dict[Reason, int] = {}
    for tally in tallies:
        if tally.reason in _NOT_FAILURES or tally.complaint:
            continue
        into = now if tally.recent else before
        into[tally.reason] = into.get(tally.reason, 0) + tally.events
    found: list[Finding] = []
    hours = round(recent.days * 24)
    for reason, count in sorted(now.items()):
        expected = before.get(reason, 0) / baseline.days * recent.days
        if count < rules.minimum_jump or count < rules.jump_factor * expected:
            continue
        critical = expected > 0 and count >= rules.critical_jump_factor * expected
        found.append(
            Finding(
                AlertKind.REASON_JUMP,
                Severity.CRITICAL if critical else Severity.WARNING,
                reason.value,
                None,
                f"{reason.value} failures jumped to {count} in the last {hours} h, from "
                f"{expected:.1f} per {hours} h over the {baseline.days:.1f} days before.",
                recent,
                _recent_label(recent),
                {
                    "reason": reason.value,
                    "recent": count,
                    "baseline_per_window": expected,
                    "baseline": before.get(reason, 0),
                    "baseline_window": baseline.to_dict(),
                    "factor": rules.jump_factor,
                },
                EvidenceQuery(recent, reasons=(reason,)),
            )
        )
    return found


def blocklist_alerts(
    named: Mapping[str, int],
    blocklists: Mapping[str, Blocklist],
    seen_before: frozenset[str],
    window: Window,
) -> list[Finding]:
    """Blocklists (by key) named in the window's bounces and in none before it."""
    found: list[Finding] = []
    for key, count in sorted(named.items()):
        if key in seen_before:
            continue
        blocklist = blocklists[key]
        found.append(
            Finding(
                AlertKind.NEW_BLOCKLIST,
                Severity.WARNING,
                key,
                None,
                f"{blocklist.name} is named in {count} bounces since "
                f"{window.start.date().isoformat()}, for the first time: "
                f"{_sentence(blocklist.meaning)} Delisting: {blocklist.delist_url}",
                window,
                "first",  # once: a blocklist is named for the first time only once
                {"bounces": count, "blocklist": key, "lists": blocklist.lists},
                EvidenceQuery(window, owners=(Owner.SENDER,), markers=blocklist.markers),
            )
        )
    return found


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def blocklists_named(replies: Iterable[tuple[str, int]]) -> dict[str, int]:
    """How many events name each blocklist (by key), from (reply text, events) pairs: one
    scan of each text with the engine's phrase index."""
    book = rulebook()
    counts: dict[str, int] = {}
    for text, events in replies:
        hits = book.index.find(normalize(text))
        for key in {
            book.blocklist_markers[hit].key for hit in hits if hit in book.blocklist_markers
        }:
            counts[key] = counts.get(key, 0) + events
    return counts


def blocklists_by_key() -> dict[str, Blocklist]:
    return {blocklist.key: blocklist for blocklist in rulebook().blocklist_markers.values()}
