"""The records of a report: the counts it groups, the alerts it raises, the report itself.

A :class:`Tally` is one cell of the store's events counted in SQL (day, recipient domain, the
provider the engine named, reason, owner, hard, complaint, recent or not): a report is built
from these and the send counts, never from one row per event, so its cost follows the number
of distinct cells and not the number of events.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bouncekit.replies.model import Owner, Reason


class GroupBy(StrEnum):
    """What the rows of a report are per."""

    DOMAIN = "domain"
    PROVIDER = "provider"
    REASON = "reason"
    OWNER = "owner"
    DAY = "day"


class Severity(StrEnum):
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        """Higher is worse: an alert raised again at a higher rank is news."""
        return 1 if self is Severity.CRITICAL else 0


class AlertKind(StrEnum):
    HARD_BOUNCE_RATE = "hard_bounce_rate"
    COMPLAINT_RATE = "complaint_rate"
    PROVIDER_BLOCK = "provider_block"  # a provider refusing your mail for sender-side reasons
    NEW_BLOCKLIST = "new_blocklist"  # a blocklist named in bounces for the first time
    REASON_JUMP = "reason_jump"


@dataclass(frozen=True, slots=True)
class Window:
    """A span of time, ``start`` included, ``end`` excluded, in UTC."""

    start: datetime.datetime
    end: datetime.datetime

    @property
    def days(self) -> float:
        return (self.end - self.start).total_seconds() / 86400

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Tally:
    """How many stored events share these values (one row of the SQL count)."""

    day: datetime.date
    domain: str | None
    named_provider: str | None  # the provider whose rules judged the reply, if any
    reason: Reason
    owner: Owner
    hard: bool
    complaint: bool
    recent: bool  # within the rules' recent window (the last 24 h by default)
    events: int

    @property
    def hard_bounce(self) -> bool:
        """A hard bounce as SES counts it: permanent and about the address. A blocked IP or a
        full mailbox is not one (SES enforcement FAQ)."""
        return self.hard and self.owner is Owner.RECIPIENT and self.reason is not Reason.SUPPRESSED

    @property
    def sender_side(self) -> bool:
        return self.owner is Owner.SENDER


@dataclass(frozen=True, slots=True)
class Counts:
    """The counts and rates of one row of a report (or of all of it).

    ``bounce_rate`` is hard bounces over attempts, ``complaint_rate`` complaints over
    deliveries; both are ``None`` where no send counts are known for the row.
    """

    events: int = 0
    hard_bounces: int = 0
    soft_bounces: int = 0  # failures about the address that are not permanent
    sender_side: int = 0
    complaints: int = 0
    attempted: int | None = None
    delivered: int | None = None

    @property
    def bounce_rate(self) -> float | None:
        return self.hard_bounces / self.attempted if self.attempted else None

    @property
    def complaint_rate(self) -> float | None:
        return self.complaints / self.delivered if self.delivered else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "hard_bounces": self.hard_bounces,
            "soft_bounces": self.soft_bounces,
            "sender_side": self.sender_side,
            "complaints": self.complaints,
            "attempted": self.attempted,
            "delivered": self.delivered,
            "bounce_rate": self.bounce_rate,
            "complaint_rate": self.complaint_rate,
        }


@dataclass(frozen=True, slots=True)
class Group:
    """One row of a report: the counts of one domain, provider, reason, owner or day."""

    key: str
    counts: Counts
    name: str | None = None  # a provider's name ("Gmail / Google Workspace")

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, **self.counts.to_dict()}


@dataclass(frozen=True, slots=True)
class EvidenceQuery:
    """Which stored events are an alert's evidence: the query layer reads their ids and the
    most frequent reply among them. Empty fields do not narrow."""

    window: Window
    owners: tuple[Owner, ...] = ()
    reasons: tuple[Reason, ...] = ()
    hard_bounces: bool = False
    complaints: bool = False
    # Events whose provider column is one of these, or empty and whose domain is one of these
    # (providers found by MX).
    providers: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    markers: tuple[str, ...] = ()  # lowercase words, one of which the reply names


@dataclass(frozen=True, slots=True)
class Finding:
    """What an alert rule found, before its evidence is read from the store."""

    kind: AlertKind
    severity: Severity
    subject: str  # what it is about: a provider, a reason, a blocklist; "" for all mail
    provider: str | None
    summary: str
    window: Window
    window_label: str  # the window as the alert's key names it (re-running updates it)
    counts: dict[str, Any]
    evidence: EvidenceQuery

    @property
    def key(self) -> str:
        return f"{self.kind.value}|{self.subject}|{self.window_label}"


@dataclass(frozen=True, slots=True)
class Alert:
    """A finding with its evidence: event ids, the counts, the window, and the explain card of
    a typical reply among them."""

    finding: Finding
    event_ids: tuple[str, ...]  # the first ``Rules.evidence_ids`` of them, oldest first
    evidence_events: int  # how many events are its evidence in all
    typical_reply: str | None
    card: dict[str, Any] | None
    new: bool = True  # False when the same key was raised before at this severity

    def listed(self) -> str:
        """How many of the evidence's events :attr:`event_ids` lists: all, or the first N."""
        shown, total = len(self.event_ids), self.evidence_events
        return f"{total} events" if shown >= total else f"{total} events, the first {shown}"

    def to_dict(self) -> dict[str, Any]:
        finding = self.finding
        return {
            "key": finding.key,
            "kind": finding.kind.value,
            "severity": finding.severity.value,
            "provider": finding.provider,
            "subject": finding.subject or None,
            "summary": finding.summary,
            "evidence": list(self.event_ids),
            "evidence_events": self.evidence_events,
            "counts": finding.counts,
            "window": finding.window.to_dict(),
            "typical_reply": self.typical_reply,
            "card": self.card,
            "new": self.new,
        }

    def evidence_json(self) -> dict[str, Any]:
        """What the alerts table keeps as the evidence."""
        return {
            "event_ids": list(self.event_ids),
            "events": self.evidence_events,
            "counts": self.finding.counts,
            "window": self.finding.window.to_dict(),
            "typical_reply": self.typical_reply,
        }


@dataclass(frozen=True, slots=True)
class Report:
    since: datetime.datetime
    until: datetime.datetime
    by: GroupBy
    totals: Counts
    groups: tuple[Group, ...]
    alerts: tuple[Alert, ...]
    days: tuple[Group, ...] = ()  # per day, for the charts
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "group_by": self.by.value,
            "totals": self.totals.to_dict(),
            "by": [group.to_dict() for group in self.groups],
            "alerts": [alert.to_dict() for alert in self.alerts],
            "notes": list(self.notes),
        }
