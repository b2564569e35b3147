"""The bounce store: events, suppressions, sources and their cursors, on SQLite or PostgreSQL.

One code path (SQLAlchemy Core) for both. Every write of a batch (its events, the suppressions
they cause, the source's cursor) is one transaction, and every event is keyed by its id, so a
batch written twice, or cut by a crash and written again, leaves each event once.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bouncekit.errors import StoreError
from bouncekit.events.model import BounceEvent, EventSource, SourceKind
from bouncekit.replies.model import Command, Owner, Reason, Retry, Verdict
from bouncekit.store import schema
from bouncekit.suppressions.policy import (
    DEFAULT_POLICY,
    Decision,
    Policy,
    PriorEvent,
    SuppressionReason,
    address_key,
    decide,
)

__all__ = [
    "IngestBatch",
    "SendCount",
    "SentMessage",
    "Store",
    "StoredEvent",
    "Suppression",
    "default_url",
    "open_store",
]

UTC = datetime.UTC


def default_url() -> str:
    """``$BOUNCEKIT_DB``, else a SQLite file in the user's data directory
    (``$XDG_DATA_HOME/bouncekit/bouncekit.db``, ``~/.local/share`` by default)."""
    configured = os.environ.get("BOUNCEKIT_DB")
    if configured:
        return configured
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'bouncekit' / 'bouncekit.db'}"


@dataclass(frozen=True, slots=True)
class Suppression:
    """One address on the suppression list."""

    address: str
    reason: SuppressionReason
    first_at: datetime.datetime
    last_at: datetime.datetime
    count: int
    expires_at: datetime.datetime | None
    event_id: str | None
    source: str | None
    note: str | None

    def active(self, now: datetime.datetime) -> bool:
        return self.expires_at is None or self.expires_at > now

    def to_dict(self) -> dict[str, Any]:
        return {
            "address": self.address,
            "reason": self.reason.value,
            "since": self.first_at.isoformat(),
            "last": self.last_at.isoformat(),
            "count": self.count,
            "expires": self.expires_at.isoformat() if self.expires_at else None,
            "event_id": self.event_id,
            "source": self.source,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the store keeps it: the event, the bytes it was read from (None when the
    source kept none), and the classifier version that judged it."""

    event: BounceEvent
    payload: bytes | None
    classifier_version: str


@dataclass(frozen=True, slots=True)
class SentMessage:
    """One message sent to one recipient, as a log or an ESP tells it: what complaints and
    late bounces that name only one of these join to."""

    transport_id: str | None  # a queue id, an ESP's message id
    message_id: str | None  # the RFC 5322 Message-ID
    sender: str | None
    recipient: str | None
    sent_at: datetime.datetime | None


@dataclass(frozen=True, slots=True)
class SendCount:
    """Attempts and deliveries to one recipient domain on one day (UTC): the denominators of
    the rates. A source that sees them (a log's sent and bounced lines, an ESP's delivery
    events) counts each attempt once, in the batch that reads it."""

    day: datetime.date
    recipient_domain: str
    attempted: int
    delivered: int


@dataclass(frozen=True, slots=True)
class IngestBatch:
    """What one transaction writes: events (each with the bytes it was read from, or None),
    the messages and send counts the source saw, and the source's cursor after them (``None``
    to leave it). A batch is written whole or not at all, cursor included, so a source read
    again from its cursor counts nothing twice."""

    source_kind: SourceKind
    source_reference: str
    events: Sequence[tuple[BounceEvent, bytes | None]]
    cursor: dict[str, Any] | None = None
    errors: int = 0
    last_error: str | None = None
    messages: Sequence[SentMessage] = ()
    sends: Sequence[SendCount] = ()


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch changed."""

    new_events: int
    seen_events: int  # already stored: a batch read twice
    suppressed: tuple[str, ...]  # addresses added to (or renewed on) the suppression list


@dataclass(frozen=True, slots=True)
class RejudgeResult:
    """How new judgements changed the suppression list."""

    unsuppressed: tuple[str, ...]
    suppressed: tuple[str, ...]


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """A time read back from the database, in UTC (SQLite keeps no zone)."""
    return _aware_time(value) if value is not None else None


def _aware_time(value: datetime.datetime) -> datetime.datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _utc(value: datetime.datetime | None) -> datetime.datetime | None:
    return value.astimezone(UTC) if value is not None else None


_SOURCE_KINDS = {kind.value: kind for kind in SourceKind}


def payload_id(body: bytes) -> str:
    """The key of a payload: the first 32 hex digits of its SHA-256."""
    return hashlib.sha256(body).hexdigest()[:32]


def _event_row(
    event: BounceEvent, payload: str | None, version: str, now: datetime.datetime
) -> dict[str, Any]:
    return {
        "event_id": event.event_id,
        "source_kind": event.source.kind.value,
        "source_reference": event.source.reference,
        "index": event.index,
        "recipient": event.recipient,
        "recipient_domain": event.recipient_domain,
        "original_recipient": event.original_recipient,
        "action": event.reported_action,
        "status": event.status,
        "replycode": event.replycode,
        "diagnostic": event.diagnostic,
        "command": event.command.value if event.command else None,
        "remote_mta": event.remote_mta,
        "reporting_mta": event.reporting_mta,
        "date": event.date,
        "report_date": event.report_date,
        "occurred_at": _utc(event.occurred_at),
        "reason": event.reason.value,
        "owner": event.owner.value,
        "hard": event.hard,
        "retry": event.retry.value,
        "verdict": event.verdict.value if event.verdict else None,
        "provider": event.provider,
        "rule_id": event.rule_id,
        "decoded_by": event.decoded_by,
        "message_id": event.message_id,
        "sender": event.sender,
        "subject": event.subject,
        "feedback_type": event.feedback_type,
        "payload_id": payload,
        "classifier_version": version,
        "ingested_at": now,
    }


def _event_of(row: Any) -> BounceEvent:
    return BounceEvent(
        source=EventSource(_SOURCE_KINDS[row.source_kind], row.source_reference),
        index=row.index,
        recipient=row.recipient,
        original_recipient=row.original_recipient,
        reported_action=row.action,
        status=row.status,
        replycode=row.replycode,
        diagnostic=row.diagnostic,
        command=Command(row.command) if row.command else None,
        remote_mta=row.remote_mta,
        reporting_mta=row.reporting_mta,
        date=row.date,
        reason=Reason(row.reason),
        owner=Owner(row.owner),
        hard=bool(row.hard),
        retry=Retry(row.retry),
        verdict=Verdict(row.verdict) if row.verdict else None,
        provider=row.provider,
        rule_id=row.rule_id,
        decoded_by=row.decoded_by,
        message_id=row.message_id,
        sender=row.sender,
        subject=row.subject,
        feedback_type=row.feedback_type,
        report_date=row.report_date,
    )


def _suppression_of(row: Any) -> Suppression:
    return Suppression(
        address=row.address,
        reason=SuppressionReason(row.reason),
        first_at=_aware_time(row.first_at),
        last_at=_aware_time(row.last_at),
        count=row.count,
        expires_at=_aware(row.expires_at),
        event_id=row.event_id,
        source=row.source,
        note=row.note,
    )


class Store:
    """An open store. Build it with :func:`open_store`; close it with :meth:`close` (or use it
    as a context manager)."""

    def __init__(self, engine: sa.Engine, policy: Policy = DEFAULT_POLICY) -> None:
        self.engine = engine
        self.policy = policy
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # --- events --------------------------------------------------------------------------

    def write_batch(
        self,
        batch: IngestBatch,
        classifier_version: str,
        now: datetime.datetime | None = None,
    ) -> BatchResult:
        """Store a batch in one transaction: its new events, the suppressions they cause, and
        the source's cursor. Events already stored are left as they are (and cause nothing)."""
        now = now or datetime.datetime.now(UTC)
        payloads: dict[str, bytes] = {}
        rows = []
        for event, body in batch.events:
            key = None
            if body is not None:
                key = payload_id(body)
                payloads[key] = body
            rows.append(_event_row(event, key, classifier_version, now))
        # One batch may hold the same event twice (a message read twice in one run).
        unique_rows = list({row["event_id"]: row for row in rows}.values())
        try:
            with self.engine.begin() as connection:
                new_ids: set[str] = set()
                if payloads:
                    connection.execute(
                        self._insert(schema.payloads).on_conflict_do_nothing(
                            index_elements=["payload_id"]
                        ),
                        [{"payload_id": key, "body": body} for key, body in payloads.items()],
                    )
                if unique_rows:
                    statement = (
                        self._insert(schema.events)
                        .on_conflict_do_nothing(index_elements=["event_id"])
                        .returning(schema.events.c.event_id)
                    )
                    new_ids = set(connection.scalars(statement, unique_rows).all())
                new_events = [event for event, _ in batch.events if event.event_id in new_ids]
                new_events = list({event.event_id: event for event in new_events}.values())
                suppressed = self._apply_policy(connection, new_events, now)
                self._save_messages(connection, batch)
                self._save_sends(connection, batch)
                self._save_source(connection, batch, len(new_events), now)
        except sa.exc.SQLAlchemyError as error:
            raise StoreError(
                f"Could not write {len(rows)} events from {batch.source_reference} to the "
                f"store at {self.url}: {error.__class__.__name__}: {_cause(error)}. "
                "Nothing of this batch was written; run the command again."
            ) from error
        return BatchResult(len(new_events), len(unique_rows) - len(new_events), suppressed)

    def events(
        self,
        *,
        since: datetime.datetime | None = None,
        recipient: str | None = None,
        stale_for: str | None = None,
        limit: int | None = None,
    ) -> Iterator[StoredEvent]:
        """Stored events, oldest first (by time, then id); with ``stale_for``, only those
        another classifier version judged."""
        table = schema.events
        query = (
            sa.select(table, schema.payloads.c.body)
            .outerjoin(schema.payloads, table.c.payload_id == schema.payloads.c.payload_id)
            .order_by(table.c.occurred_at, table.c.event_id)
        )
        if since is not None:
            query = query.where(table.c.occurred_at >= _utc(since))
        if recipient is not None:
            query = query.where(table.c.recipient == recipient)
        if stale_for is not None:
            query = query.where(table.c.classifier_version != stale_for)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                body = bytes(row.body) if row.body is not None else None
                yield StoredEvent(_event_of(row), body, row.classifier_version)

    def count_events(self) -> int:
        with self.engine.connect() as connection:
            count = connection.scalar(sa.select(sa.func.count()).select_from(schema.events))
        return int(count or 0)

    def replace_judgements(
        self,
        judged: Sequence[tuple[str, BounceEvent]],
        unchanged: Sequence[str],
        version: str,
    ) -> RejudgeResult:
        """Store new judgements of stored events (``rejudge``), in one transaction, with the
        suppressions that follow; mark ``unchanged`` event ids as judged by ``version``."""
        table = schema.events
        now = datetime.datetime.now(UTC)
        unsuppressed: list[str] = []
        with self.engine.begin() as connection:
            for start in range(0, len(unchanged), 500):
                ids = unchanged[start : start + 500]
                connection.execute(
                    sa.update(table)
                    .where(table.c.event_id.in_(ids))
                    .values(classifier_version=version)
                )
            for stored_id, event in judged:
                row = _event_row(event, None, version, now)
                for kept in ("event_id", "payload_id", "ingested_at"):
                    del row[kept]
                connection.execute(
                    sa.update(table).where(table.c.event_id == stored_id).values(**row)
                )
            # Decided once every new judgement is stored: each sees the others' new ones.
            histories = self._histories(connection, [event for _, event in judged])
            for stored_id, event in judged:
                # An entry that this event put there, and that it no longer would, goes.
                when = event.occurred_at or now
                history = self._others(histories, event)
                if not decide(event, history, when, self.policy).suppress:
                    suppressions = schema.suppressions
                    removed = connection.execute(
                        sa.delete(suppressions).where(
                            suppressions.c.event_id == stored_id,
                            suppressions.c.source == "policy",
                        )
                    )
                    if removed.rowcount:
                        unsuppressed.append(address_key(event.recipient))
            suppressed = self._apply_policy(connection, [event for _, event in judged], now)
        return RejudgeResult(tuple(unsuppressed), suppressed)

    # --- suppressions --------------------------------------------------------------------

    def _histories(
        self, connection: sa.Connection, events: Sequence[BounceEvent]
    ) -> dict[str, list[tuple[str, PriorEvent]]]:
        """The stored events of these events' recipients (as written: parsers keep the case),
        by recipient, with their ids: one query per 500 recipients, reading only the columns
        the policy needs, where one query per event made a batch's cost its size times."""
        table = schema.events
        columns = (
            table.c.event_id,
            table.c.recipient,
            table.c.action,
            table.c.reason,
            table.c.owner,
            table.c.occurred_at,
            table.c.ingested_at,
        )
        wanted = sorted({event.recipient for event in events})
        found: dict[str, list[tuple[str, PriorEvent]]] = {}
        for start in range(0, len(wanted), 500):
            query = sa.select(*columns).where(table.c.recipient.in_(wanted[start : start + 500]))
            for row in connection.execute(query):
                when = _aware_time(row.occurred_at or row.ingested_at)
                prior = PriorEvent.read(row.action, Reason(row.reason), Owner(row.owner), when)
                found.setdefault(row.recipient, []).append((row.event_id, prior))
        return found

    @staticmethod
    def _others(
        histories: dict[str, list[tuple[str, PriorEvent]]], event: BounceEvent
    ) -> list[PriorEvent]:
        """The history of the event's recipient without the event itself."""
        own = event.event_id
        return [prior for key, prior in histories.get(event.recipient, ()) if key != own]

    def _apply_policy(
        self, connection: sa.Connection, events: Sequence[BounceEvent], now: datetime.datetime
    ) -> tuple[str, ...]:
        suppressed = []
        # Only a failure that counts needs the address's history (policy rule 4).
        counting = [e for e in events if e.owner is Owner.RECIPIENT and e.feedback_type is None]
        histories = self._histories(connection, counting) if counting else {}
        for event in events:
            when = event.occurred_at or now
            decision = decide(event, self._others(histories, event), when, self.policy)
            if decision.suppress:
                self._suppress(connection, event, decision, when)
                suppressed.append(address_key(event.recipient))
        return tuple(dict.fromkeys(suppressed))

    def _suppress(
        self,
        connection: sa.Connection,
        event: BounceEvent,
        decision: Decision,
        when: datetime.datetime,
    ) -> None:
        assert decision.reason is not None
        table = schema.suppressions
        address = address_key(event.recipient)
        existing = connection.execute(
            sa.select(table).where(table.c.address == address)
        ).one_or_none()
        when = when.astimezone(UTC)
        if existing is None:
            connection.execute(
                sa.insert(table).values(
                    address=address,
                    reason=decision.reason.value,
                    first_at=when,
                    last_at=when,
                    count=1,
                    expires_at=_utc(decision.expires_at),
                    event_id=event.event_id,
                    source="policy",
                    note=decision.why,
                )
            )
            return
        current = _suppression_of(existing)
        # A permanent entry stays permanent; an expiring one takes the later expiry, or none.
        expires = current.expires_at
        reason = current.reason
        if decision.expires_at is None or (expires is not None and not current.active(when)):
            expires, reason = decision.expires_at, decision.reason
        elif expires is not None and decision.expires_at > expires:
            expires = decision.expires_at
        connection.execute(
            sa.update(table)
            .where(table.c.address == address)
            .values(
                reason=reason.value,
                last_at=max(when, current.last_at),
                count=current.count + 1,
                expires_at=_utc(expires),
                event_id=event.event_id if reason is decision.reason else current.event_id,
                note=decision.why if reason is decision.reason else current.note,
            )
        )

    def suppression(self, address: str) -> Suppression | None:
        """The address's entry, active or expired; None when it has none."""
        table = schema.suppressions
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(table).where(table.c.address == address_key(address))
            ).one_or_none()
        return _suppression_of(row) if row is not None else None

    def suppressed_among(
        self, addresses: Iterable[str], *, now: datetime.datetime | None = None
    ) -> dict[str, Suppression]:
        """The active entries of these addresses, keyed by the address as given."""
        now = now or datetime.datetime.now(UTC)
        keys: dict[str, list[str]] = {}
        for address in addresses:
            keys.setdefault(address_key(address), []).append(address)
        found: dict[str, Suppression] = {}
        table = schema.suppressions
        wanted = list(keys)
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), 500):
                query = sa.select(table).where(table.c.address.in_(wanted[start : start + 500]))
                for row in connection.execute(query):
                    entry = _suppression_of(row)
                    if entry.active(now):
                        for address in keys[entry.address]:
                            found[address] = entry
        return found

    def suppressions(
        self, *, now: datetime.datetime | None = None, include_expired: bool = False
    ) -> list[Suppression]:
        """The list, by address; expired entries only when asked."""
        now = now or datetime.datetime.now(UTC)
        table = schema.suppressions
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(table).order_by(table.c.address))
            found = [_suppression_of(row) for row in rows]
        return [entry for entry in found if include_expired or entry.active(now)]

    def add_suppression(
        self,
        address: str,
        reason: SuppressionReason = SuppressionReason.MANUAL,
        *,
        note: str | None = None,
        source: str = "manual",
        expires_at: datetime.datetime | None = None,
        now: datetime.datetime | None = None,
    ) -> Suppression:
        """Put an address on the list by hand (or from an import); an entry already there
        takes the new reason and expiry."""
        now = (now or datetime.datetime.now(UTC)).astimezone(UTC)
        key = address_key(address)
        if "@" not in key or key.startswith("@") or key.endswith("@"):
            raise StoreError(f"{address!r} is not an email address; give it as local@domain.")
        table = schema.suppressions
        values = {
            "reason": reason.value,
            "last_at": now,
            "expires_at": _utc(expires_at),
            "source": source,
            "note": note,
            "event_id": None,
        }
        with self.engine.begin() as connection:
            statement = self._insert(table).values(address=key, first_at=now, count=1, **values)
            connection.execute(
                statement.on_conflict_do_update(index_elements=["address"], set_=values)
            )
        found = self.suppression(key)
        assert found is not None
        return found

    def remove_suppression(self, address: str) -> bool:
        """Take an address off the list; False when it was not on it."""
        table = schema.suppressions
        with self.engine.begin() as connection:
            result = connection.execute(
                sa.delete(table).where(table.c.address == address_key(address))
            )
        return bool(result.rowcount)

    # --- messages and send counts ----------------------------------------------------------

    def _save_messages(self, connection: sa.Connection, batch: IngestBatch) -> None:
        if not batch.messages:
            return
        rows = {}
        for message in batch.messages:
            key = hashlib.sha256(
                "\x1f".join(
                    (
                        batch.source_kind.value,
                        message.transport_id or "",
                        message.message_id or "",
                        (message.recipient or "").lower(),
                    )
                ).encode("utf-8", "surrogatepass")
            ).hexdigest()[:32]
            rows[key] = {
                "message_key": key,
                "source_kind": batch.source_kind.value,
                "transport_id": message.transport_id,
                "message_id": message.message_id,
                "sender": message.sender,
                "recipient": message.recipient,
                "sent_at": _utc(message.sent_at),
            }
        connection.execute(
            self._insert(schema.messages).on_conflict_do_nothing(index_elements=["message_key"]),
            list(rows.values()),
        )

    def _save_sends(self, connection: sa.Connection, batch: IngestBatch) -> None:
        totals: dict[tuple[datetime.date, str], list[int]] = {}
        for count in batch.sends:
            total = totals.setdefault((count.day, count.recipient_domain.lower()), [0, 0])
            total[0] += count.attempted
            total[1] += count.delivered
        table = schema.sends
        for (day, domain), (attempted, delivered) in totals.items():
            statement = self._insert(table).values(
                day=day,
                recipient_domain=domain,
                source_kind=batch.source_kind.value,
                attempted=attempted,
                delivered=delivered,
            )
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["day", "recipient_domain", "source_kind"],
                    set_={
                        "attempted": table.c.attempted + attempted,
                        "delivered": table.c.delivered + delivered,
                    },
                )
            )

    def sends(self, since: datetime.date | None = None) -> list[SendCount]:
        """Send counts per day and recipient domain (all sources together), oldest first."""
        table = schema.sends
        query = (
            sa.select(
                table.c.day,
                table.c.recipient_domain,
                sa.func.sum(table.c.attempted),
                sa.func.sum(table.c.delivered),
            )
            .group_by(table.c.day, table.c.recipient_domain)
            .order_by(table.c.day, table.c.recipient_domain)
        )
        if since is not None:
            query = query.where(table.c.day >= since)
        with self.engine.connect() as connection:
            return [
                SendCount(day, domain, int(attempted or 0), int(delivered or 0))
                for day, domain, attempted, delivered in connection.execute(query)
            ]

    def sent_messages(
        self, *, message_id: str | None = None, transport_id: str | None = None
    ) -> list[SentMessage]:
        """The messages with this Message-ID or transport id (a complaint's join)."""
        table = schema.messages
        query = sa.select(table)
        if message_id is not None:
            query = query.where(table.c.message_id == message_id)
        if transport_id is not None:
            query = query.where(table.c.transport_id == transport_id)
        with self.engine.connect() as connection:
            return [
                SentMessage(
                    row.transport_id, row.message_id, row.sender, row.recipient, _aware(row.sent_at)
                )
                for row in connection.execute(query)
            ]

    # --- verifications ---------------------------------------------------------------------

    def record_verifications(
        self,
        results: Iterable[tuple[str, str, str, str]],
        now: datetime.datetime | None = None,
    ) -> int:
        """Keep the verdict of each (address, verdict, reason, detail) a verify run gave,
        replacing an older one; one transaction. Returns how many were kept."""
        checked_at = (now or datetime.datetime.now(UTC)).astimezone(UTC)
        rows = {
            address_key(address): {
                "address": address_key(address),
                "verdict": verdict,
                "reason": reason,
                "detail": detail,
                "checked_at": checked_at,
            }
            for address, verdict, reason, detail in results
            if "@" in address
        }
        if not rows:
            return 0
        table = schema.verifications
        statement = self._insert(table)
        with self.engine.begin() as connection:
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["address"],
                    set_={
                        name: statement.excluded[name]
                        for name in ("verdict", "reason", "detail", "checked_at")
                    },
                ),
                list(rows.values()),
            )
        return len(rows)

    def verification(self, address: str) -> dict[str, Any] | None:
        """The last verdict kept for an address, or None."""
        table = schema.verifications
        with self.engine.connect() as connection:
            row = connection.execute(
                sa.select(table).where(table.c.address == address_key(address))
            ).one_or_none()
        if row is None:
            return None
        return {
            "address": row.address,
            "verdict": row.verdict,
            "reason": row.reason,
            "detail": row.detail,
            "checked_at": _aware_time(row.checked_at).isoformat(),
        }

    # --- sources -------------------------------------------------------------------------

    def _save_source(
        self,
        connection: sa.Connection,
        batch: IngestBatch,
        new_events: int,
        now: datetime.datetime,
    ) -> None:
        table = schema.ingest_sources
        key = {"kind": batch.source_kind.value, "reference": batch.source_reference}
        values: dict[str, Any] = {"last_run_at": now}
        if batch.cursor is not None:
            values["cursor"] = json.dumps(batch.cursor, sort_keys=True)
        if batch.last_error is not None:
            values["last_error"] = batch.last_error
        statement = self._insert(table).values(
            **key, events_total=new_events, errors_total=batch.errors, **values
        )
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["kind", "reference"],
                set_={
                    **values,
                    "events_total": table.c.events_total + new_events,
                    "errors_total": table.c.errors_total + batch.errors,
                },
            )
        )

    def cursor(self, kind: SourceKind, reference: str) -> dict[str, Any] | None:
        """The cursor a source was last left at; None for a source never read."""
        table = schema.ingest_sources
        with self.engine.connect() as connection:
            text = connection.scalar(
                sa.select(table.c.cursor).where(
                    table.c.kind == kind.value, table.c.reference == reference
                )
            )
        return json.loads(text) if text else None

    def sources(self) -> list[dict[str, Any]]:
        """Every source read, with its counts, last run and last error."""
        table = schema.ingest_sources
        with self.engine.connect() as connection:
            rows = connection.execute(sa.select(table).order_by(table.c.source_id))
            return [
                {
                    "kind": row.kind,
                    "reference": row.reference,
                    "cursor": json.loads(row.cursor) if row.cursor else None,
                    "last_run_at": (
                        last.isoformat() if (last := _aware(row.last_run_at)) else None
                    ),
                    "events": row.events_total,
                    "errors": row.errors_total,
                    "last_error": row.last_error,
                }
                for row in rows
            ]


def _cause(error: sa.exc.SQLAlchemyError) -> str:
    """The driver's own message where there is one: SQLAlchemy's wraps it with the SQL."""
    return str(getattr(error, "orig", None) or error).strip()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    # WAL lets readers (the web app) read while an ingest writes; NORMAL is durable across an
    # application crash in WAL mode; a writer waits up to 30 s for another instead of failing.
    cursor = connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "busy_timeout=30000",
        "foreign_keys=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _engine(url: str) -> sa.Engine:
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError as error:
        raise StoreError(
            f"{url!r} is not a database URL; give sqlite:///PATH or "
            "postgresql://USER@HOST/DB (also in BOUNCEKIT_DB)."
        ) from error
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            try:
                Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"Cannot create the directory of the store {database}: {error.strerror}. "
                    "Give another path with --db or BOUNCEKIT_DB."
                ) from error
        engine = sa.create_engine(parsed)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            return sa.create_engine(parsed, pool_pre_ping=True)
        except ModuleNotFoundError as error:
            raise StoreError(
                "PostgreSQL needs the psycopg driver: pip install 'bouncekit[postgres]'."
            ) from error
    raise StoreError(
        f"The store supports SQLite and PostgreSQL, not {backend!r} ({url}); give sqlite:///PATH "
        "or postgresql://USER@HOST/DB."
    )


def _current_revision(connection: sa.Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    revision = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    return str(revision) if revision is not None else None


def migrate(engine: sa.Engine) -> bool:
    """Bring the database to the newest schema; True when a migration ran."""
    with engine.connect() as connection:
        if _current_revision(connection) == schema.HEAD:
            return False  # the usual case: no Alembic to import
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True


def open_store(url: str | None = None, policy: Policy | None = None) -> Store:
    """Open (and create or migrate) the store at ``url`` (:func:`default_url` when None)."""
    url = url or default_url()
    engine = _engine(url)
    try:
        migrate(engine)
    except sa.exc.SQLAlchemyError as error:
        engine.dispose()
        shown = engine.url.render_as_string(hide_password=True)
        raise StoreError(
            f"Cannot open the store at {shown}: {error.__class__.__name__}: "
            f"{_cause(error)}. Check the URL and that the database "
            "is running and reachable."
        ) from error
    return Store(engine, policy or DEFAULT_POLICY)
