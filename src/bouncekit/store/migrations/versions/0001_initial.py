"""The first schema: events, payloads, messages, sends, suppressions, ingest sources, alerts.

Revision ID: 0001
Revises:
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_Time = sa.DateTime(timezone=True)
_Enum = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "events",
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
        sa.Column("occurred_at", _Time),
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
        sa.Column("payload_id", sa.String(32)),
        sa.Column("classifier_version", sa.String(64), nullable=False),
        sa.Column("ingested_at", _Time, nullable=False),
    )
    op.create_index("events_occurred_at", "events", ["occurred_at"])
    op.create_index("events_recipient", "events", ["recipient"])
    op.create_index("events_domain_time", "events", ["recipient_domain", "occurred_at"])
    op.create_index("events_provider_time", "events", ["provider", "occurred_at"])
    op.create_index("events_message_id", "events", ["message_id"])

    op.create_table(
        "payloads",
        sa.Column("payload_id", sa.String(32), primary_key=True),
        sa.Column("body", sa.LargeBinary, nullable=False),
    )

    op.create_table(
        "messages",
        sa.Column("message_key", sa.String(32), primary_key=True),
        sa.Column("source_kind", _Enum, nullable=False),
        sa.Column("transport_id", sa.Text),
        sa.Column("message_id", sa.Text),
        sa.Column("sender", sa.Text),
        sa.Column("recipient", sa.Text),
        sa.Column("sent_at", _Time),
    )
    op.create_index("messages_transport_id", "messages", ["transport_id"])
    op.create_index("messages_message_id", "messages", ["message_id"])

    op.create_table(
        "sends",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("recipient_domain", sa.Text, primary_key=True),
        sa.Column("source_kind", _Enum, primary_key=True),
        sa.Column("attempted", sa.Integer, nullable=False),
        sa.Column("delivered", sa.Integer, nullable=False),
    )

    op.create_table(
        "suppressions",
        sa.Column("address", sa.Text, primary_key=True),
        sa.Column("reason", _Enum, nullable=False),
        sa.Column("first_at", _Time, nullable=False),
        sa.Column("last_at", _Time, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("expires_at", _Time),
        sa.Column("event_id", sa.String(32)),
        sa.Column("source", sa.Text),
        sa.Column("note", sa.Text),
    )

    op.create_table(
        "ingest_sources",
        sa.Column("source_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", _Enum, nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("cursor", sa.Text),
        sa.Column("last_run_at", _Time),
        sa.Column("events_total", sa.Integer, nullable=False),
        sa.Column("errors_total", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("kind", "reference", name="ingest_sources_kind_reference"),
    )

    op.create_table(
        "alerts",
        sa.Column("alert_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("alert_key", sa.Text, nullable=False, unique=True),
        sa.Column("kind", _Enum, nullable=False),
        sa.Column("severity", _Enum, nullable=False),
        sa.Column("provider", sa.String(64)),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("raised_at", _Time, nullable=False),
        sa.Column("resolved_at", _Time),
    )


def downgrade() -> None:
    for table in (
        "alerts",
        "ingest_sources",
        "suppressions",
        "sends",
        "messages",
        "payloads",
        "events",
    ):
        op.drop_table(table)
