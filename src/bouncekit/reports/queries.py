"""The store queries of the reports: SQLAlchemy Core over ``store/schema.py``'s tables, the
same on SQLite and PostgreSQL.

Events are counted in SQL (:func:`tallies`: one row per distinct cell, not per event), so a
report over millions of events reads thousands of rows. Only an alert's evidence reads
events one by one, at most ``limit`` of them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bouncekit.replies.model import Owner, Reason
from bouncekit.reports.model import Alert, EvidenceQuery, Severity, Tally, Window
from bouncekit.store import schema

_events = schema.events
UTC = datetime.UTC


def _day(engine: sa.Engine) -> sa.ColumnElement[Any]:
    """The UTC day of an event's time, in each database's words."""
    if engine.dialect.name == "postgresql":
        return sa.func.date(sa.func.timezone("UTC", _events.c.occurred_at))
    return sa.func.date(_events.c.occurred_at)  # SQLite keeps the time in UTC, as text


def _as_date(value: object) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _in(window: Window) -> sa.ColumnElement[bool]:
    return sa.and_(
        _events.c.occurred_at >= window.start.astimezone(UTC),
        _events.c.occurred_at < window.end.astimezone(UTC),
    )


def _is_complaint() -> sa.ColumnElement[bool]:
    return sa.or_(_events.c.reason == Reason.FEEDBACK.value, _events.c.feedback_type.is_not(None))


def tallies(engine: sa.Engine, window: Window, recent_start: datetime.datetime) -> list[Tally]:
    """The window's events counted per day, domain, named provider, reason, owner, hard,
    complaint and recent (at or after ``recent_start``). Events whose time could not be read
    have no place in a window and are not counted."""
    complaint = sa.case((_is_complaint(), 1), else_=0)
    recent = sa.case((_events.c.occurred_at >= recent_start.astimezone(UTC), 1), else_=0)
    query = (
        sa.select(
            _day(engine).label("day"),
            _events.c.recipient_domain,
            _events.c.provider,
            _events.c.reason,
            _events.c.owner,
            _events.c.hard,
            complaint.label("complaint"),
            recent.label("recent"),
            sa.func.count().label("events"),
        )
        .where(_in(window))
        # By position: the CASE expressions carry bound parameters, which PostgreSQL would
        # not recognise as the same expressions in a GROUP BY written out again.
        .group_by(sa.text("1, 2, 3, 4, 5, 6, 7, 8"))
    )
    with engine.connect() as connection:
        return [
            Tally(
                day=_as_date(row.day),
                domain=row.recipient_domain,
                named_provider=row.provider,
                reason=Reason(row.reason),
                owner=Owner(row.owner),
                hard=bool(row.hard),
                complaint=bool(row.complaint),
                recent=bool(row.recent),
                events=int(row.events),
            )
            for row in connection.execute(query)
        ]


def undated(engine: sa.Engine) -> int:
    """How many stored events have no time that could be read: no window holds them."""
    query = sa.select(sa.func.count()).select_from(_events).where(_events.c.occurred_at.is_(None))
    with engine.connect() as connection:
        return int(connection.scalar(query) or 0)


def sender_side_replies(engine: sa.Engine, window: Window) -> list[tuple[str, int]]:
    """The distinct replies of the window's sender-side failures, with how many events gave
    each: what the blocklists named are read from."""
    query = (
        sa.select(_events.c.diagnostic, sa.func.count())
        .where(_in(window), _events.c.owner == Owner.SENDER.value)
        .group_by(_events.c.diagnostic)
    )
    with engine.connect() as connection:
        return [(str(text), int(count)) for text, count in connection.execute(query)]


def _escape(marker: str) -> str:
    return marker.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _names_any(markers: Iterable[str]) -> sa.ColumnElement[bool]:
    lowered = sa.func.lower(_events.c.diagnostic)
    return sa.or_(*(lowered.like(f"%{_escape(m)}%", escape="\\") for m in markers))


def named_before(
    engine: sa.Engine, markers: Mapping[str, Iterable[str]], before: datetime.datetime
) -> frozenset[str]:
    """The keys whose markers a sender-side failure before ``before`` names."""
    seen: set[str] = set()
    with engine.connect() as connection:
        for key, words in markers.items():
            query = (
                sa.select(_events.c.event_id)
                .where(
                    _events.c.occurred_at < before.astimezone(UTC),
                    _events.c.owner == Owner.SENDER.value,
                    _names_any(words),
                )
                .limit(1)
            )
            if connection.scalar(query) is not None:
                seen.add(key)
    return frozenset(seen)


def _evidence_filter(query: EvidenceQuery) -> list[sa.ColumnElement[bool]]:
    conditions = [_in(query.window)]
    if query.owners:
        conditions.append(_events.c.owner.in_([owner.value for owner in query.owners]))
    if query.reasons:
        conditions.append(_events.c.reason.in_([reason.value for reason in query.reasons]))
    if query.hard_bounces:
        conditions += [
            _events.c.hard.is_(True),
            _events.c.owner == Owner.RECIPIENT.value,
            _events.c.reason != Reason.SUPPRESSED.value,
        ]
    if query.complaints:
        conditions.append(_is_complaint())
    if query.providers or query.domains:
        by_provider = _events.c.provider.in_(query.providers)
        if query.domains:
            by_domain = sa.and_(
                _events.c.provider.is_(None), _events.c.recipient_domain.in_(query.domains)
            )
            conditions.append(sa.or_(by_provider, by_domain))
        else:
            conditions.append(by_provider)
    if query.markers:
        conditions.append(_names_any(query.markers))
    return conditions


def evidence(
    engine: sa.Engine, query: EvidenceQuery, limit: int
) -> tuple[tuple[str, ...], int, str | None]:
    """The first ``limit`` event ids behind an alert (oldest first), how many there are in
    all, and their most frequent reply."""
    conditions = _evidence_filter(query)
    ids = (
        sa.select(_events.c.event_id)
        .where(*conditions)
        .order_by(_events.c.occurred_at, _events.c.event_id)
        .limit(limit)
    )
    count = sa.func.count().label("events")
    typical = (
        sa.select(_events.c.diagnostic, count)
        .where(*conditions)
        .group_by(_events.c.diagnostic)
        .order_by(count.desc(), _events.c.diagnostic)
        .limit(1)
    )
    total = sa.select(sa.func.count()).select_from(_events).where(*conditions)
    with engine.connect() as connection:
        found = tuple(str(event_id) for event_id in connection.scalars(ids))
        reply = connection.execute(typical).first()
        events = int(connection.scalar(total) or 0)
    return found, events, (str(reply[0]) if reply is not None and reply[0] else None)


def known_alerts(engine: sa.Engine, keys: Iterable[str]) -> dict[str, Severity]:
    """The alerts already stored under these keys, with their severity."""
    table = schema.alerts
    wanted = list(keys)
    if not wanted:
        return {}
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(table.c.alert_key, table.c.severity).where(table.c.alert_key.in_(wanted))
        )
        return {key: Severity(severity) for key, severity in rows}


def save_alerts(engine: sa.Engine, alerts: Iterable[Alert], now: datetime.datetime) -> None:
    """Store alerts by key in one transaction: a key stored before is updated (severity,
    summary, evidence), keeping when it was first raised."""
    table = schema.alerts
    insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
    with engine.begin() as connection:
        for alert in alerts:
            finding = alert.finding
            values = {
                "kind": finding.kind.value,
                "severity": finding.severity.value,
                "provider": finding.provider,
                "summary": finding.summary,
                "evidence": json.dumps(alert.evidence_json(), sort_keys=True),
            }
            statement = insert(table).values(
                alert_key=finding.key, raised_at=now.astimezone(UTC), **values
            )
            connection.execute(
                statement.on_conflict_do_update(index_elements=["alert_key"], set_=values)
            )


def stored_alerts(engine: sa.Engine) -> list[dict[str, Any]]:
    """Every stored alert, oldest first, as the table keeps it."""
    table = schema.alerts
    with engine.connect() as connection:
        rows = connection.execute(sa.select(table).order_by(table.c.alert_id))
        return [
            {
                "key": row.alert_key,
                "kind": row.kind,
                "severity": row.severity,
                "provider": row.provider,
                "summary": row.summary,
                "evidence": json.loads(row.evidence),
                "raised_at": row.raised_at,
            }
            for row in rows
        ]
