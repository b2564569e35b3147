"""A report from a store: the queries (:mod:`.queries`), then the pure counts and rules
(:mod:`.aggregate`, :mod:`.rules`), then each alert's evidence and explain card, stored by key
so that running the report again raises nothing twice."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from bouncekit.errors import InputError, NoReplyFoundError
from bouncekit.reports import aggregate, queries, rules
from bouncekit.reports.model import Alert, Finding, GroupBy, Report, Window
from bouncekit.reports.providers import ProviderLookup
from bouncekit.reports.thresholds import DEFAULT_RULES, Rules

if TYPE_CHECKING:
    from bouncekit.resolver import Resolver
    from bouncekit.store import Store

_SPAN = re.compile(r"(\d+)\s*([hdw])")
_UNITS = {"h": datetime.timedelta(hours=1), "d": datetime.timedelta(days=1)}
_UNITS["w"] = 7 * _UNITS["d"]


def parse_span(text: str) -> datetime.timedelta:
    """``7d``, ``24h``, ``2w`` as a length of time."""
    found = _SPAN.fullmatch(text.strip().lower())
    if found is None or int(found.group(1)) == 0:
        raise InputError(
            f"{text!r} is not a span of time; give a number of hours, days or weeks, such as "
            "24h, 7d or 2w."
        )
    return int(found.group(1)) * _UNITS[found.group(2)]


def card(reply: str | None) -> dict[str, Any] | None:
    """The explain card of a reply (``bouncekit.explain(reply)[0]``); None for none."""
    if not reply:
        return None
    from bouncekit import explain

    try:
        diagnoses = explain(reply)
    except NoReplyFoundError:
        return None
    return diagnoses[0].to_dict() if diagnoses else None


def build_report(
    store: Store,
    *,
    since: datetime.timedelta = datetime.timedelta(days=7),
    by: GroupBy = GroupBy.DOMAIN,
    resolver: Resolver | None = None,
    now: datetime.datetime | None = None,
    rules_: Rules = DEFAULT_RULES,
    save: bool = True,
) -> Report:
    """The report of the last ``since`` of the store's events: totals, rows per ``by``,
    alerts (stored by key when ``save``). ``resolver`` finds providers by MX; without one,
    only the engine's providers and domain names count."""
    end = (now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    window = Window(end - since, end)
    recent_start = max(window.start, end - rules_.recent)
    engine = store.engine
    tallies = queries.tallies(engine, window, recent_start)
    sends = store.sends(window.start.date())
    lookup = ProviderLookup(resolver)
    lookup.prefetch([tally.domain for tally in tallies])
    lookup.prefetch([count.recipient_domain for count in sends])
    providers = aggregate.domain_providers(tallies, sends, lookup)
    totals, groups = aggregate.summarize(tallies, sends, by, providers, window)
    _, days = aggregate.summarize(tallies, sends, GroupBy.DAY, providers, window)

    findings: list[Finding] = rules.rate_alerts(totals, window, rules_)
    findings += rules.provider_alerts(tallies, sends, providers, window, rules_)
    named = rules.blocklists_named(queries.sender_side_replies(engine, window))
    if named:
        blocklists = rules.blocklists_by_key()
        seen = queries.named_before(
            engine, {key: blocklists[key].markers for key in named}, window.start
        )
        findings += rules.blocklist_alerts(named, blocklists, seen, window)
    findings += rules.reason_jumps(tallies, window, rules_)

    known = queries.known_alerts(engine, [finding.key for finding in findings])
    alerts = []
    for finding in findings:
        ids, total, reply = queries.evidence(engine, finding.evidence, rules_.evidence_ids)
        before = known.get(finding.key)
        # Raised again at the same severity: the same alert, not a new one.
        new = before is None or finding.severity.rank > before.rank
        alerts.append(Alert(finding, ids, total, reply, card(reply), new))
    if save and alerts:
        queries.save_alerts(engine, alerts, end)

    notes = []
    if totals.attempted is None:
        notes.append(
            "No send counts are stored for this window (logs and ESP delivery events give "
            "them), so there are no bounce or complaint rates and no rate alerts."
        )
    if missing_dates := queries.undated(engine):
        notes.append(
            f"{missing_dates} stored "
            + ("event has" if missing_dates == 1 else "events have")
            + " no date that could be read, so no window "
            "holds them and this report does not count them (bouncekit parse shows their "
            "fields)."
        )
    if resolver is None:
        notes.append(
            "Providers found without DNS: by the engine's reading of each reply and by domain "
            "name only (a Google Workspace domain counts as Google only with MX lookups)."
        )
    return Report(
        since=window.start,
        until=window.end,
        by=by,
        totals=totals,
        groups=groups,
        alerts=tuple(alerts),
        days=days,
        notes=tuple(notes),
    )
