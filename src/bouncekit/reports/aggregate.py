"""Counts and rates per domain, provider, reason, owner or day: pure functions over the
store's tallies (:class:`~bouncekit.reports.model.Tally`) and send counts.

Rates follow SES: the bounce rate is hard bounces (permanent, about the address) over
attempts; the complaint rate is complaints over deliveries. Send counts are kept per day and
recipient domain, so rows per domain, provider and day have rates, and rows per reason or
owner have counts only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bouncekit.replies.model import Owner
from bouncekit.reports.model import Counts, Group, GroupBy, Tally, Window
from bouncekit.reports.providers import provider_name

if TYPE_CHECKING:
    from bouncekit.store import SendCount

NO_DOMAIN = "(no domain)"
OTHER_PROVIDER = "other"

ProviderOf = Callable[[str | None], str | None]


@dataclass(slots=True)
class _Sum:
    events: int = 0
    hard_bounces: int = 0
    soft_bounces: int = 0
    sender_side: int = 0
    complaints: int = 0
    attempted: float = 0.0
    delivered: float = 0.0
    has_sends: bool = False

    def add(self, tally: Tally) -> None:
        self.events += tally.events
        if tally.hard_bounce:
            self.hard_bounces += tally.events
        elif tally.owner is Owner.RECIPIENT and not tally.complaint:
            self.soft_bounces += tally.events
        if tally.sender_side:
            self.sender_side += tally.events
        if tally.complaint:
            self.complaints += tally.events

    def add_sends(self, attempted: float, delivered: float) -> None:
        self.attempted += attempted
        self.delivered += delivered
        self.has_sends = True

    def freeze(self) -> Counts:
        return Counts(
            events=self.events,
            hard_bounces=self.hard_bounces,
            soft_bounces=self.soft_bounces,
            sender_side=self.sender_side,
            complaints=self.complaints,
            attempted=round(self.attempted) if self.has_sends else None,
            delivered=round(self.delivered) if self.has_sends else None,
        )


def domain_providers(
    tallies: Iterable[Tally], sends: Iterable[SendCount], lookup: ProviderOf
) -> dict[str, str]:
    """Each domain's provider: by its MX (``lookup``), else the one the engine named most
    often in its replies; domains with neither are left out (they count as "other")."""
    named: dict[str, dict[str, int]] = {}
    domains: set[str] = set()
    for tally in tallies:
        if tally.domain is None:
            continue
        domains.add(tally.domain)
        if tally.named_provider:
            votes = named.setdefault(tally.domain, {})
            votes[tally.named_provider] = votes.get(tally.named_provider, 0) + tally.events
    domains.update(count.recipient_domain for count in sends)
    found: dict[str, str] = {}
    for domain in sorted(domains):
        key = lookup(domain)
        if key is None and domain in named:
            key = max(sorted(named[domain].items()), key=lambda item: item[1])[0]
        if key is not None:
            found[domain] = key
    return found


def tally_provider(tally: Tally, providers: Mapping[str, str]) -> str:
    """The provider of a cell: the one whose rules judged its replies, else its domain's."""
    return (
        tally.named_provider
        or (providers.get(tally.domain) if tally.domain else None)
        or OTHER_PROVIDER
    )


def _key(tally: Tally, by: GroupBy, providers: Mapping[str, str]) -> str:
    if by is GroupBy.DOMAIN:
        return tally.domain or NO_DOMAIN
    if by is GroupBy.PROVIDER:
        return tally_provider(tally, providers)
    if by is GroupBy.REASON:
        return tally.reason.value
    if by is GroupBy.OWNER:
        return tally.owner.value
    return tally.day.isoformat()


def _send_key(count: SendCount, by: GroupBy, providers: Mapping[str, str]) -> str | None:
    if by is GroupBy.DOMAIN:
        return count.recipient_domain
    if by is GroupBy.PROVIDER:
        return providers.get(count.recipient_domain, OTHER_PROVIDER)
    if by is GroupBy.DAY:
        return count.day.isoformat()
    return None  # sends are not per reason or owner


def overlap(day: datetime.date, window: Window) -> float:
    """The share of a UTC day inside ``window``: send counts are per day, so a window that
    covers part of a day counts that part of its sends."""
    start = datetime.datetime.combine(day, datetime.time(), datetime.UTC)
    end = start + datetime.timedelta(days=1)
    inside = (min(end, window.end) - max(start, window.start)).total_seconds()
    return max(0.0, inside) / 86400


def summarize(
    tallies: Sequence[Tally],
    sends: Sequence[SendCount],
    by: GroupBy,
    providers: Mapping[str, str],
    window: Window,
) -> tuple[Counts, tuple[Group, ...]]:
    """The totals and the rows per ``by``, the largest first (by day: oldest first)."""
    total = _Sum()
    rows: dict[str, _Sum] = {}
    for tally in tallies:
        total.add(tally)
        rows.setdefault(_key(tally, by, providers), _Sum()).add(tally)
    for count in sends:
        share = overlap(count.day, window)
        if share == 0:
            continue
        attempted, delivered = count.attempted * share, count.delivered * share
        total.add_sends(attempted, delivered)
        key = _send_key(count, by, providers)
        if key is not None:
            rows.setdefault(key, _Sum()).add_sends(attempted, delivered)
    if by is GroupBy.DAY:
        # Every day of the window, with or without events: a chart's gaps are days too.
        day = window.start.date()
        while datetime.datetime.combine(day, datetime.time(), datetime.UTC) < window.end:
            rows.setdefault(day.isoformat(), _Sum())
            day += datetime.timedelta(days=1)
    groups = [
        Group(key, row.freeze(), provider_name(key) if by is GroupBy.PROVIDER else None)
        for key, row in rows.items()
    ]
    if by is GroupBy.DAY:
        groups.sort(key=lambda group: group.key)
    else:
        groups.sort(
            key=lambda group: (-group.counts.events, -(group.counts.attempted or 0), group.key)
        )
    return total.freeze(), tuple(groups)
