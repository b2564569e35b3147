"""MTA logs into the store, on SQLite and PostgreSQL: plain, gzip and rotated series, read
again from the cursor, followed across a rotation, each event once."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import threading
import time
from pathlib import Path

import pytest

from bouncekit.errors import InputError
from bouncekit.events.model import SourceKind
from bouncekit.ingest.logs import READER, detect_format, ingest_log, series
from bouncekit.ingest.sources import IngestOptions, reader_for
from bouncekit.replies.model import Reason
from bouncekit.store import Store
from tests.ingest.postfix_lines import expected, log
from tests.store.test_ingest import bouncekit

UTC = datetime.UTC


def ingest(store: Store, path: Path, **options: object) -> object:
    return ingest_log(store, str(path), IngestOptions(**options), zone=UTC)  # type: ignore[arg-type]


def counts(store: Store) -> tuple[int, int, int]:
    """(failures, deferrals, deliveries) in the store."""
    events = [stored.event for stored in store.events()]
    failed = sum(1 for event in events if event.reported_action == "failed")
    delayed = sum(1 for event in events if event.reported_action == "delayed")
    delivered = sum(count.delivered for count in store.sends())
    return failed, delayed, delivered


def test_a_log_is_read_once_and_then_only_what_is_new(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mail.log"
    path.write_text(log(0, 30))
    first = ingest_log(store, str(path), IngestOptions(batch_size=40), zone=UTC)
    assert counts(store) == expected(0, 30)
    assert first.new_events == sum(expected(0, 30)[:2])
    assert first.messages == 30 * 7 + expected(0, 30)[1]  # lines
    assert first.errors == []
    (sent,) = store.sent_messages(message_id="<m1@app.example.com>")
    assert (sent.sender, sent.recipient, sent.transport_id) == (
        "news@example.com",
        "user1@example.net",
        "A00001",
    )
    (send,) = store.sends()
    assert (send.recipient_domain, send.attempted) == ("example.net", 30)
    bounce = next(s.event for s in store.events() if s.event.reason is Reason.USERUNKNOWN)
    assert bounce.message_id == "<m0@app.example.com>"
    assert bounce.source.kind is SourceKind.LOG
    assert bounce.source.reference == f"{path}:6"
    assert store.suppression("user0@example.net") is not None
    stored = next(s for s in store.events() if s.event.event_id == bounce.event_id)
    assert stored.payload is not None
    assert b"status=bounced" in stored.payload

    again = ingest_log(store, str(path), zone=UTC)
    assert (again.messages, again.new_events) == (0, 0)
    with path.open("a") as appended:
        appended.write(log(30, 10))
    more = ingest_log(store, str(path), zone=UTC)
    assert more.messages == 10 * 7 + expected(30, 10)[1]
    assert counts(store) == expected(0, 40)
    assert sum(count.attempted for count in store.sends()) == 40


def test_a_line_still_being_written_waits_for_its_end(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mail.log"
    text = log(0, 3)
    cut = text.index("status=bounced") + 5
    path.write_text(text[:cut])
    ingest(store, path)
    assert counts(store) == (0, 0, 0)
    path.write_text(text)
    ingest(store, path)
    assert counts(store) == expected(0, 3)


def test_a_rotated_series_is_read_oldest_first_and_a_rotation_is_recognised(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "mail.log"
    with gzip.open(tmp_path / "mail.log.2.gz", "wt") as oldest:
        oldest.write(log(0, 10))
    (tmp_path / "mail.log.1").write_text(log(10, 10))
    path.write_text(log(20, 10))
    (tmp_path / "mail.log.bak").write_text("not part of the series\n")
    assert series(str(path)) == [
        str(tmp_path / "mail.log.2.gz"),
        str(tmp_path / "mail.log.1"),
        str(path),
    ]
    ingest(store, path)
    assert counts(store) == expected(0, 30)
    # logrotate: .2.gz -> .3.gz, .1 -> .2.gz (compressed), mail.log -> .1, a new mail.log;
    # the old mail.log had grown before it was rotated.
    with path.open("a") as appended:
        appended.write(log(30, 5))
    os.rename(tmp_path / "mail.log.2.gz", tmp_path / "mail.log.3.gz")
    with gzip.open(tmp_path / "mail.log.2.gz", "wb") as compressed:
        compressed.write((tmp_path / "mail.log.1").read_bytes())
    os.remove(tmp_path / "mail.log.1")
    os.rename(path, tmp_path / "mail.log.1")
    path.write_text(log(35, 5))
    summary = ingest(store, path)
    assert summary.messages == 10 * 7 + expected(30, 10)[1]  # only the new lines
    assert counts(store) == expected(0, 40)
    cursor = store.cursor(SourceKind.LOG, str(path))
    assert cursor is not None
    assert len(cursor["files"]) == 4


def test_a_gzip_file_alone_and_the_format_recognised(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mail.log.4.gz"
    with gzip.open(path, "wt") as compressed:
        compressed.write(log(0, 6))
    assert series(str(path)) == [str(path)]
    found = detect_format(str(path))
    assert found is not None
    assert found.name == "postfix"
    ingest(store, path)
    assert counts(store) == expected(0, 6)


def test_the_reader_claims_logs_before_the_bounce_files(tmp_path: Path) -> None:
    path = tmp_path / "mail.log"
    path.write_text(log(0, 2))
    bounce = tmp_path / "bounce.eml"
    bounce.write_text("From: MAILER-DAEMON@example.net\nSubject: failure\n\nhello\n")
    assert reader_for(str(path)) is READER
    assert reader_for(str(bounce)).name == "bounce files"
    assert reader_for(str(tmp_path)).name == "bounce files"
    assert not READER.claims("imap://u@h/INBOX")
    unknown = tmp_path / "relay.log"  # a log by its name: --log-format will read it
    unknown.write_text("hello\n")
    assert reader_for(str(unknown)) is READER


def test_a_missing_log_or_an_unknown_format_is_a_sentence(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such log"):
        ingest(store, tmp_path / "missing.log")
    other = tmp_path / "other.log"
    other.write_text("hello\n")
    with pytest.raises(InputError, match="--log-format"):
        ingest(store, other)
    with pytest.raises(InputError, match="not a log format"):
        ingest(store, other, log_format="qmail")
    assert ingest(store, other, log_format="postfix").messages == 1  # type: ignore[attr-defined]


def test_malformed_lines_are_named_and_the_rest_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mail.log"
    bad = "Mar  2 10:00:00 mx1 postfix/smtp[2]: 0F5383D: relay=none, status=bounced (x)\n"
    path.write_text(log(0, 2) + bad + "\xff\n" + log(2, 2))
    summary = ingest_log(store, str(path), zone=UTC)
    assert len(summary.errors) == 1
    assert summary.errors[0].startswith(f"{path}:15: ")
    assert counts(store) == expected(0, 4)
    (source,) = store.sources()
    assert source["errors"] == 1


def test_follow_reads_a_growing_log_across_a_rotation(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mail.log"
    path.write_text(log(0, 5))
    stop = threading.Event()
    result: list[object] = []

    def follow() -> None:
        options = IngestOptions(follow=True, batch_size=7)
        result.append(ingest_log(store, str(path), options, stop=stop, poll_seconds=0.05, zone=UTC))

    thread = threading.Thread(target=follow)
    thread.start()
    try:
        wait_for(lambda: counts(store) == expected(0, 5))
        with path.open("a") as appended:
            appended.write(log(5, 5))
        wait_for(lambda: counts(store) == expected(0, 10))
        with path.open("a") as appended:  # written just before the rotation
            appended.write(log(10, 5))
        os.rename(path, tmp_path / "mail.log.1")
        path.write_text(log(15, 5))
        wait_for(lambda: counts(store) == expected(0, 20))
        with path.open("a") as appended:
            appended.write(log(20, 5))
        wait_for(lambda: counts(store) == expected(0, 25))
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    ids = [stored.event.event_id for stored in store.events()]
    assert len(ids) == len(set(ids)) == sum(expected(0, 25)[:2])
    assert sum(count.attempted for count in store.sends()) == 25
    assert len(store.sent_messages(transport_id=None)) == 25 - expected(0, 25)[0]


def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("the followed log was not read in time")


def test_the_command_ingests_a_log(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "mail.log"
    path.write_text(log(0, 9))
    done = bouncekit("ingest", str(path), "--json", database=store_url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new_events"] == sum(expected(0, 9)[:2])
    again = bouncekit("ingest", str(path), "--json", database=store_url)
    assert json.loads(again.stdout)["new_events"] == 0


def test_a_message_quoting_log_lines_is_not_taken_for_a_log(tmp_path: Path) -> None:
    bounce = tmp_path / "quoted.eml"
    bounce.write_text(
        "Return-Path: <>\nFrom: MAILER-DAEMON@example.net\nSubject: failure\n\n" + log(0, 1)
    )
    assert detect_format(str(bounce)) is None
    assert reader_for(str(bounce)).name == "bounce files"


def test_journalctl_output_and_the_log_format_option(store_url: str, tmp_path: Path) -> None:
    exported = tmp_path / "postfix-journal.txt"  # journalctl -u postfix > ...
    exported.write_text("-- Logs begin at Mon 2026-03-02 09:00:00 UTC. --\n" + log(0, 3))
    found = detect_format(str(exported))
    assert found is not None
    assert found.name == "postfix"
    odd = tmp_path / "relay.log"  # a first line no format knows; named by --log-format
    odd.write_text("starting relay logging\n" + log(0, 3))
    refused = bouncekit("ingest", str(odd), "--json", database=store_url)
    assert refused.returncode != 0
    assert "--log-format" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = bouncekit("ingest", str(odd), "--log-format", "postfix", "--json", database=store_url)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new_events"] == sum(expected(0, 3)[:2])
