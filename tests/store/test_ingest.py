"""Bounce files into the store, re-judging, and the commands, on SQLite and PostgreSQL: every
event once, whatever is read twice or killed halfway."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

from bouncekit.ingest.files import ingest_paths
from bouncekit.replies.model import Owner, Reason, Verdict
from bouncekit.store import IngestBatch, Store, open_store, schema
from bouncekit.store.rejudge import rejudge
from bouncekit.suppressions.policy import SuppressionReason
from tests.bounces.messages import dsn
from tests.support.cli import bouncekit

REPO = Path(__file__).resolve().parents[2]
BLOCK = "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org"


def mbox(*messages: bytes) -> bytes:
    return b"".join(b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n" + m + b"\n" for m in messages)


def bounces(folder: Path, count: int) -> Path:
    """``count`` bounce files: every third one a sender-side block, the others unknown users."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        reply = BLOCK if number % 3 == 0 else "550 5.1.1 <{recipient}>: User unknown"
        (folder / f"{number:05d}.eml").write_bytes(dsn(f"user{number}@example.net", reply))
    return folder


def test_a_folder_read_twice_is_stored_once(store: Store, tmp_path: Path) -> None:
    folder = bounces(tmp_path / "in", 9)
    (folder / "broken.eml").write_bytes(b"\xff\xfe not a message")
    first = ingest_paths(store, [folder])
    assert (first.messages, first.new_events) == (10, 9)
    assert sorted(first.suppressed) == sorted(
        f"user{n}@example.net" for n in range(9) if n % 3 != 0
    )
    again = ingest_paths(store, [folder])
    assert (again.new_events, again.seen_events, again.suppressed) == (0, 9, [])
    assert store.count_events() == 9
    assert all(stored.payload is not None for stored in store.events())
    (source,) = store.sources()
    assert source["reference"] == str(folder)
    assert source["cursor"] == {"messages": 10}


def test_an_mbox_and_a_message_are_read_alike(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bounces.mbox"
    path.write_bytes(mbox(dsn("a@example.net"), dsn("b@example.net")))
    summary = ingest_paths(store, [path])
    assert summary.new_events == 2
    references = sorted(stored.event.source.reference or "" for stored in store.events())
    assert references == [f"{path}#1", f"{path}#2"]


def test_a_missing_input_is_named_and_the_rest_is_read(store: Store, tmp_path: Path) -> None:
    folder = bounces(tmp_path / "in", 2)
    summary = ingest_paths(store, [tmp_path / "missing", folder])
    assert summary.new_events == 2
    assert len(summary.errors) == 1
    assert "missing" in summary.errors[0]


def test_rejudging_changes_what_an_older_engine_said_and_the_list_follows(
    store: Store, tmp_path: Path
) -> None:
    folder = bounces(tmp_path / "in", 2)  # user0: a block (kept); user1: unknown (suppressed)
    ingest_paths(store, [folder])
    # As an older engine would have stored them: the block judged an unknown user, the
    # unknown user judged a block.
    stored = {item.event.recipient: item for item in store.events()}
    wrong_block = dataclasses.replace(
        stored["user0@example.net"].event,
        reason=Reason.USERUNKNOWN,
        owner=Owner.RECIPIENT,
        hard=True,
        verdict=Verdict.INVALID,
    )
    with store.engine.begin() as connection:
        connection.execute(sa.delete(schema.events))
        connection.execute(sa.delete(schema.suppressions))
    old = [(wrong_block, stored["user0@example.net"].payload)]
    store.write_batch(IngestBatch(stored["user0@example.net"].event.source.kind, "old", old), "0")
    assert store.suppression("user0@example.net") is not None  # the old engine's mistake
    summary = rejudge(store)
    assert summary.examined == 1
    (change,) = summary.changes
    assert change.fields["reason"] == (Reason.USERUNKNOWN, Reason.BLOCKED)
    assert change.fields["owner"] == (Owner.RECIPIENT, Owner.SENDER)
    assert summary.unsuppressed == ["user0@example.net"]
    assert store.suppression("user0@example.net") is None
    (item,) = store.events()
    assert item.event.reason is Reason.BLOCKED
    assert item.classifier_version == summary.version
    assert rejudge(store).examined == 0  # nothing is stale any more


def test_the_commands_ingest_list_check_export_and_rejudge(store_url: str, tmp_path: Path) -> None:
    folder = bounces(tmp_path / "in", 3)
    done = bouncekit("ingest", str(folder), "--json", database=store_url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new_events"] == 3
    listed = bouncekit("--json", "suppressions", "list", database=store_url)
    entries = json.loads(listed.stdout)["suppressions"]
    assert sorted(entry["address"] for entry in entries) == [
        "user1@example.net",
        "user2@example.net",
    ]
    checked = bouncekit("suppressions", "check", "user1@example.net", "--json", database=store_url)
    assert checked.returncode == 1  # suppressed: scripts can test it
    assert json.loads(checked.stdout)["reason"] == "hard"
    alive = bouncekit("suppressions", "check", "user0@example.net", database=store_url)
    assert alive.returncode == 0
    assert "not suppressed" in alive.stdout
    added = bouncekit("suppressions", "add", "=cmd@example.org", database=store_url)
    assert added.returncode == 0, added.stderr
    exported = bouncekit("suppressions", "export", "--format", "csv", database=store_url)
    assert "'=cmd@example.org,manual" in exported.stdout  # a spreadsheet runs no formula
    ses = bouncekit("suppressions", "export", "--format", "ses", database=store_url)
    assert ses.stdout.splitlines()[0] == "EMAIL_ADDRESS,REASON"
    removed = bouncekit("suppressions", "remove", "=cmd@example.org", database=store_url)
    assert removed.returncode == 0
    again = bouncekit("rejudge", "--all", "--json", database=store_url)
    assert json.loads(again.stdout)["examined"] == 3


def test_a_bad_store_url_is_a_sentence_and_exit_2(tmp_path: Path) -> None:
    result = bouncekit("suppressions", "list", database="mysql://nobody@localhost/db")
    assert result.returncode == 2
    assert "SQLite and PostgreSQL" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_ingest_killed_at_random_points_stores_every_event_exactly_once(
    store_url: str, tmp_path: Path
) -> None:
    folder = bounces(tmp_path / "in", 600)
    rng = random.Random(7)
    command = [sys.executable, "-c", _INGEST_SCRIPT, store_url, str(folder)]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for _ in range(4):
        process = subprocess.Popen(command, env=environment)
        time.sleep(rng.uniform(0.3, 1.5))
        process.send_signal(signal.SIGKILL)
        process.wait()
    finished = subprocess.run(command, env=environment, timeout=300, check=False)
    assert finished.returncode == 0
    with open_store(store_url) as opened:
        ids = [stored.event.event_id for stored in opened.events()]
        assert len(ids) == 600
        assert len(set(ids)) == 600
        suppressed = opened.suppressions()
    assert len(suppressed) == 400  # the unknown users; none of the blocked 200
    assert {entry.reason for entry in suppressed} == {SuppressionReason.HARD}


# Small batches, so that a kill lands between commits as well as inside one.
_INGEST_SCRIPT = """
import sys
from bouncekit.ingest.files import ingest_paths
from bouncekit.store import open_store
with open_store(sys.argv[1]) as store:
    ingest_paths(store, [sys.argv[2]], batch_messages=25)
"""


def test_verify_reports_a_suppressed_address_without_checking_it(
    store_url: str, tmp_path: Path
) -> None:
    folder = bounces(tmp_path / "in", 3)  # user1 and user2 are suppressed (unknown users)
    assert bouncekit("ingest", str(folder), database=store_url).returncode == 0
    listing = tmp_path / "list.txt"
    listing.write_text("user0@example.net\nuser1@example.net\nnew@example.org\n")
    done = bouncekit("--json", "verify", "--offline", str(listing), database=store_url)
    results = {row["input"]: row for row in map(json.loads, done.stdout.splitlines())}
    assert results["user1@example.net"]["reason"] == "suppressed"
    assert results["user1@example.net"]["verdict"] == "invalid"
    assert "hard" in results["user1@example.net"]["detail"]
    assert results["user0@example.net"]["reason"] == "not_checked"  # blocked: not suppressed
    assert results["new@example.org"]["reason"] == "not_checked"
    with open_store(store_url) as opened:  # the verdicts are kept beside the events
        kept = opened.verification("new@example.org")
        assert kept is not None
        assert kept["verdict"] == "unknown"
        assert opened.verification("user1@example.net") is None  # suppressed: not verified
