"""The tables of the bounce store, in SQLAlchemy Core: one definition for SQLite and PostgreSQL.

The migrations in ``migrations/versions`` create exactly these tables; a test compares the
database they build with this metadata, so the two cannot drift. ``HEAD`` is the newest
migration's revision: opening a store that is already at it needs no Alembic at all.

- ``events``: every judged failure, one row per event id (events/codec.py's schema, the
  source as two columns), with the payload it was read from and the classifier version that
  judged it, so ``rejudge`` can run a newer engine over it.
- ``payloads``: the bytes each event was read from (a bounce message, a log line, a webhook
  body), once however many recipients it reports, keyed by their hash.
- ``messages``: what was sent (transport id, Message-ID, sender, recipient), so a complaint or
  a late DSN that names only one of them joins to the rest.
- ``sends``: attempts and deliveries per day, recipient domain and source, where a source
  tells them (logs, ESP delivery events): the denominators of the rates.
- ``suppressions``: one row per address, with the reason, the event that caused it and when
  it expires (never, for hard failures and complaints).
- ``ingest_sources``: each mailbox, log file or webhook read, with its cursor.
- ``alerts``: what the reports raised, with their evidence.
- ``verifications``: the last verdict a verify run gave each address (with the store
  configured), so a later bounce of an address verify accepted (a catch-all) is seen.
"""

from __future__ import annotations

import sqlalchemy as sa

HEAD = "0002"

metadata = sa.MetaData()

# Times are stored in UTC. SQLite keeps no zone: the store attaches UTC when it reads one back.
_Time = sa.DateTime(timezone=True)
_Enum = sa.String(32)  # an enum's value ("userunknown"): new members need no migration

events = sa.Table(
    "events",
    metadata,
    sa.Column("event_id", sa.String(32), primary_key=True),
    sa.Column("source_kind", _Enum, nullable=False),
    sa.Column("source_reference", sa.Text),
    sa.Column("index", sa.Integer, nullable=False),
    sa.Column("recipient", sa.Text, nullable=False),
    sa.Column("recipient_domain", sa.Text),
    sa.Column("original_recipient", sa.Text),
    sa.Column("action", sa.Text),
    sa.Column("status", sa.String(16)),
    sa.Column("replycode", sa.String(8)),
    sa.Column("diagnostic", sa.Text, nullable=False),
    sa.Column("command", _Enum),
    sa.Column("remote_mta", sa.Text),
    sa.Column("reporting_mta", sa.Text),
    sa.Column("date", sa.Text),
    sa.Column("report_date", sa.Text),
    sa.Column("occurred_at", _Time),  # read from date or report_date: for queries by time
    sa.Column("reason", _Enum, nullable=False),
    sa.Column("owner", _Enum, nullable=False),
    sa.Column("hard", sa.Boolean, nullable=False),
    sa.Column("retry", _Enum, nullable=False),
    sa.Column("verdict", _Enum),
    sa.Column("provider", sa.String(64)),
    sa.Column("rule_id", sa.String(128)),
    sa.Column("decoded_by", sa.Text, nullable=False),
    sa.Column("message_id", sa.Text),
    sa.Column("sender", sa.Text),
    sa.Column("subject", sa.Text),
    sa.Column("feedback_type", sa.String(32)),
    # The text the event was read from (payloads): a message's recipients share one copy.
    sa.Column("payload_id", sa.String(32)),
    sa.Column("classifier_version", sa.String(64), nullable=False),
    sa.Column("ingested_at", _Time, nullable=False),
    sa.Index("events_occurred_at", "occurred_at"),
    sa.Index("events_recipient", "recipient"),
    sa.Index("events_domain_time", "recipient_domain", "occurred_at"),
    sa.Index("events_provider_time", "provider", "occurred_at"),
    sa.Index("events_message_id", "message_id"),
)

payloads = sa.Table(
    "payloads",
    metadata,
    sa.Column("payload_id", sa.String(32), primary_key=True),  # SHA-256 of the body, 32 hex
    sa.Column("body", sa.LargeBinary, nullable=False),  # as read: a message's bytes, a line
)

messages = sa.Table(
    "messages",
    metadata,
    # A hash of (source kind, transport id, Message-ID, recipient): the same send read twice
    # is one row.
    sa.Column("message_key", sa.String(32), primary_key=True),
    sa.Column("source_kind", _Enum, nullable=False),
    sa.Column("transport_id", sa.Text),  # a queue id, an ESP's message id
    sa.Column("message_id", sa.Text),  # the RFC 5322 Message-ID
    sa.Column("sender", sa.Text),
    sa.Column("recipient", sa.Text),
    sa.Column("sent_at", _Time),
    sa.Index("messages_transport_id", "transport_id"),
    sa.Index("messages_message_id", "message_id"),
)

sends = sa.Table(
    "sends",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("recipient_domain", sa.Text, primary_key=True),
    sa.Column("source_kind", _Enum, primary_key=True),
    sa.Column("attempted", sa.Integer, nullable=False, default=0),
    sa.Column("delivered", sa.Integer, nullable=False, default=0),
)

suppressions = sa.Table(
    "suppressions",
    metadata,
    # The address as compared: the domain in lower case, the local part as given
    # (suppressions/policy.py's address_key).
    sa.Column("address", sa.Text, primary_key=True),
    sa.Column("reason", _Enum, nullable=False),
    sa.Column("first_at", _Time, nullable=False),
    sa.Column("last_at", _Time, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("expires_at", _Time),  # None: never
    sa.Column("event_id", sa.String(32)),  # the evidence; None for a manual or imported entry
    sa.Column("source", sa.Text),  # who put it there: "policy", "manual", "import FILE", an ESP
    sa.Column("note", sa.Text),
)

ingest_sources = sa.Table(
    "ingest_sources",
    metadata,
    sa.Column("source_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", _Enum, nullable=False),  # events.model.SourceKind
    sa.Column("reference", sa.Text, nullable=False),  # a path, an imap:// URL, a webhook name
    sa.Column("cursor", sa.Text),  # JSON: IMAP UIDVALIDITY and UID, file identity and offset
    sa.Column("last_run_at", _Time),
    sa.Column("events_total", sa.Integer, nullable=False, default=0),
    sa.Column("errors_total", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text),
    sa.UniqueConstraint("kind", "reference", name="ingest_sources_kind_reference"),
)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("alert_id", sa.Integer, primary_key=True, autoincrement=True),
    # What makes two raisings one alert (kind, provider and window): raising again updates it.
    sa.Column("alert_key", sa.Text, nullable=False, unique=True),
    sa.Column("kind", _Enum, nullable=False),
    sa.Column("severity", _Enum, nullable=False),
    sa.Column("provider", sa.String(64)),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),  # JSON
    sa.Column("raised_at", _Time, nullable=False),
    sa.Column("resolved_at", _Time),
)

verifications = sa.Table(
    "verifications",
    metadata,
    sa.Column("address", sa.Text, primary_key=True),  # as suppressions compare it
    sa.Column("verdict", _Enum, nullable=False),
    sa.Column("reason", _Enum, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("checked_at", _Time, nullable=False),
    sa.Index("verifications_verdict", "verdict"),
)
