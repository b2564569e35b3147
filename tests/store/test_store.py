"""The store on SQLite and PostgreSQL: the schema its migrations build, events written once
whatever happens, the suppression policy applied in the same transaction, the cursor kept."""

from __future__ import annotations

import dataclasses
import datetime
import email.utils
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from bouncekit.bounces import parse_bounce
from bouncekit.errors import StoreError
from bouncekit.events.model import BounceEvent, EventSource, SourceKind
from bouncekit.store import IngestBatch, SendCount, SentMessage, Store, open_store, schema
from bouncekit.store.store import migrate
from bouncekit.suppressions.policy import SuppressionReason
from tests.bounces.messages import dsn

UTC = datetime.UTC
START = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def failure(
    recipient: str,
    reply: str = "550 5.1.1 <{recipient}>: User unknown",
    when: datetime.datetime = START,
) -> BounceEvent:
    """The event of a real RFC 3464 bounce for ``recipient``, as if it came at ``when``."""
    (record,) = parse_bounce(dsn(recipient, reply)).records
    source = EventSource(SourceKind.FILE, f"bounce-{recipient}-{when.isoformat()}.eml")
    return dataclasses.replace(record, source=source, date=email.utils.format_datetime(when))


def batch(*events: BounceEvent, cursor: dict[str, object] | None = None) -> IngestBatch:
    return IngestBatch(SourceKind.FILE, "/var/bounces", [(e, b"raw \xff") for e in events], cursor)


def test_the_migrations_build_exactly_the_tables_the_code_uses(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), schema.metadata)
    assert differences == []
    with store.engine.connect() as connection:
        version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    assert version == schema.HEAD


def test_opening_a_migrated_store_again_runs_no_migration(store_url: str) -> None:
    with open_store(store_url) as first:
        assert not migrate(first.engine)


def test_an_event_is_stored_once_and_comes_back_equal(store: Store) -> None:
    events = [failure("gone@example.net"), failure("full@example.net", "552 5.2.2 Mailbox full")]
    first = store.write_batch(batch(*events, events[0]), "v1")
    assert (first.new_events, first.seen_events) == (2, 0)
    again = store.write_batch(batch(*events), "v1")
    assert (again.new_events, again.seen_events) == (0, 2)
    stored = {item.event.event_id: item for item in store.events()}
    assert store.count_events() == 2
    with store.engine.connect() as connection:
        payloads = connection.scalar(sa.select(sa.func.count()).select_from(schema.payloads))
    assert payloads == 1  # the same bytes are kept once
    for event in events:
        assert stored[event.event_id].event == event
        assert stored[event.event_id].payload == b"raw \xff"
        assert stored[event.event_id].classifier_version == "v1"


def test_a_failed_batch_writes_nothing_not_even_its_cursor(store: Store) -> None:
    good = failure("gone@example.net")
    broken = dataclasses.replace(failure("other@example.net"), decoded_by=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="Nothing of this batch was written"):
        store.write_batch(batch(good, broken, cursor={"offset": 10}), "v1")
    assert store.count_events() == 0
    assert store.cursor(SourceKind.FILE, "/var/bounces") is None
    assert store.suppression("gone@example.net") is None


def test_the_cursor_and_the_counts_of_a_source_are_kept(store: Store) -> None:
    store.write_batch(batch(failure("a@example.net"), cursor={"offset": 10}), "v1")
    store.write_batch(batch(failure("b@example.net"), cursor={"offset": 20}), "v1")
    assert store.cursor(SourceKind.FILE, "/var/bounces") == {"offset": 20}
    (source,) = store.sources()
    assert source["events"] == 2
    assert source["cursor"] == {"offset": 20}


def test_an_unknown_user_is_suppressed_for_good_with_its_evidence(store: Store) -> None:
    event = failure("Gone@Example.NET")
    result = store.write_batch(batch(event), "v1")
    assert result.suppressed == ("Gone@example.net",)
    entry = store.suppression("gone@example.net")  # the local part as stored
    assert entry is None
    entry = store.suppression("Gone@EXAMPLE.net")
    assert entry is not None
    assert entry.reason is SuppressionReason.HARD
    assert entry.expires_at is None
    assert entry.event_id == event.event_id
    assert entry.first_at == START


def test_a_block_of_the_sender_never_suppresses_the_recipient(store: Store) -> None:
    blocked = failure(
        "alive@example.net",
        "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org",
    )
    result = store.write_batch(batch(blocked), "v1")
    assert result.suppressed == ()
    assert store.suppression("alive@example.net") is None


def test_three_full_mailboxes_in_a_month_suppress_for_thirty_days(store: Store) -> None:
    full = "552 5.2.2 <{recipient}>: Mailbox full"
    days = [START + datetime.timedelta(days=n) for n in (0, 10, 20)]
    for number, when in enumerate(days, 1):
        result = store.write_batch(batch(failure("busy@example.net", full, when)), "v1")
        assert bool(result.suppressed) == (number == 3)
    entry = store.suppression("busy@example.net")
    assert entry is not None
    assert entry.reason is SuppressionReason.SOFT_THRESHOLD
    assert entry.expires_at == days[-1] + datetime.timedelta(days=30)
    assert store.suppressions(now=days[-1]) == [entry]
    assert store.suppressions(now=days[-1] + datetime.timedelta(days=31)) == []


def test_a_manual_entry_can_be_added_checked_and_removed(store: Store) -> None:
    entry = store.add_suppression("Someone@Example.org", note="asked by phone")
    assert entry.address == "Someone@example.org"
    assert entry.reason is SuppressionReason.MANUAL
    assert store.suppression("Someone@EXAMPLE.ORG") == entry
    assert store.remove_suppression("Someone@example.org")
    assert not store.remove_suppression("Someone@example.org")
    with pytest.raises(StoreError, match="not an email address"):
        store.add_suppression("no-at-sign")


def test_a_store_that_cannot_be_opened_says_where_and_what_to_do(tmp_path: object) -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("not a url")
    with pytest.raises(StoreError, match="SQLite and PostgreSQL"):
        open_store("mysql://user@localhost/db")
    with pytest.raises(StoreError, match="Cannot open the store"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_sqlite_runs_in_wal_mode(tmp_path: object) -> None:
    path = f"{tmp_path}/wal.db"
    with open_store(f"sqlite:///{path}") as opened:
        opened.write_batch(batch(failure("a@example.net")), "v1")
        with sqlite3.connect(path) as connection:
            (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    assert mode == "wal"


def test_send_counts_add_up_and_a_message_is_kept_once(store: Store) -> None:
    day = START.date()
    sent = SentMessage("4Q8xyz", "<m1@example.org>", "news@example.org", "a@example.net", START)
    for _ in range(2):
        store.write_batch(
            IngestBatch(
                SourceKind.LOG,
                "/var/log/mail.log",
                [],
                messages=[sent, sent],
                sends=[SendCount(day, "Example.NET", 3, 2), SendCount(day, "example.net", 1, 1)],
            ),
            "v1",
        )
    assert store.sends() == [SendCount(day, "example.net", 8, 6)]
    assert store.sent_messages(message_id="<m1@example.org>") == [sent]


def test_a_failed_batch_counts_no_sends(store: Store) -> None:
    broken = dataclasses.replace(failure("other@example.net"), decoded_by=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.write_batch(
            IngestBatch(
                SourceKind.LOG,
                "/var/log/mail.log",
                [(broken, None)],
                sends=[SendCount(START.date(), "example.net", 5, 5)],
            ),
            "v1",
        )
    assert store.sends() == []


def test_a_store_of_the_first_schema_is_migrated_on_open_and_keeps_its_data(
    store_url: str,
) -> None:
    from alembic import command
    from alembic.config import Config

    from bouncekit.store.store import _engine, _event_row

    engine = _engine(store_url)
    config = Config()
    config.set_main_option("script_location", str(Path(schema.__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    event = failure("old@example.net")
    with engine.begin() as connection:  # a row written by the first schema's code
        connection.execute(sa.insert(schema.events).values(_event_row(event, None, "0", START)))
    engine.dispose()
    with open_store(store_url) as opened:
        (stored,) = opened.events()
        assert stored.event == event
        assert opened.record_verifications([("a@example.net", "deliverable", "accepted", "ok")])
        with opened.engine.connect() as connection:
            version = connection.scalar(sa.text("SELECT version_num FROM alembic_version"))
    assert version == schema.HEAD
