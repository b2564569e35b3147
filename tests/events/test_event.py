"""The event record: its stable id, its time, and what survives worker processes."""

from __future__ import annotations

import datetime
import email.utils
from pathlib import Path

import pytest

from bouncekit.bounces import parse_bounce
from bouncekit.bounces.batch import Parsed, Result, parse_paths
from bouncekit.events import codec
from bouncekit.events.model import (
    EventSource,
    SourceKind,
    event_id,
    occurred_at,
    recipient_domain,
)
from tests.bounces.messages import dsn

GMAIL_UNKNOWN = (
    "550 5.1.1 The email account that you tried to reach does not exist. Please try "
    "double-checking the recipient's email address for typos or unnecessary spaces. Learn more "
    "at https://support.google.com/mail/?p=NoSuchUser"
)
TWO_RECIPIENTS = (
    b"From: MAILER-DAEMON@mx.example.org\nTo: sender@example.org\n"
    b"Subject: Undelivered Mail Returned to Sender\nDate: Tue, 3 Mar 2026 08:00:00 +0100\n"
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n"
    b"Content-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
    b"Final-Recipient: rfc822; one@example.net\nAction: failed\nStatus: 5.1.1\n"
    b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
    b"Final-Recipient: rfc822; two@example.net\nAction: failed\nStatus: 5.1.1\n"
    b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n--b--\n"
)


def test_the_same_failure_read_twice_is_the_same_event(tmp_path: Path) -> None:
    path = tmp_path / "a.eml"
    path.write_bytes(dsn("ann@example.net"))
    (first,) = parse_bounce(path.read_bytes(), source=str(path)).records
    (second,) = parse_bounce(path.read_bytes(), source=str(path)).records
    assert first.event_id == second.event_id
    assert len(first.event_id) == 32
    assert int(first.event_id, 16) >= 0


def test_the_same_bytes_under_another_name_differ_only_by_source(tmp_path: Path) -> None:
    (here,) = parse_bounce(dsn("ann@example.net"), source="a.eml").records
    (there,) = parse_bounce(dsn("ann@example.net"), source="copy/a.eml").records
    assert here.event_id != there.event_id
    # The recipe without the source gives one id: nothing else set them apart.
    date = "Mon, 2 Mar 2026 10:00:00 +0000"  # the bounce's Date: its fields give none
    assert here.event_id == event_id(
        EventSource(SourceKind.FILE, "a.eml"), there.recipient, date, there.diagnostic
    )
    imap = parse_bounce(dsn("ann@example.net"), source=EventSource(SourceKind.IMAP, "a.eml"))
    assert imap.records[0].event_id != here.event_id  # the kind counts too
    assert imap.records[0].file is None
    assert imap.records[0].source.kind is SourceKind.IMAP


def test_two_recipients_of_one_message_are_two_events() -> None:
    one, two = parse_bounce(TWO_RECIPIENTS, source="b.eml").records
    assert one.event_id != two.event_id
    assert (one.recipient_domain, two.recipient_domain) == ("example.net", "example.net")
    # No Arrival-Date: the time is the bounce's own Date.
    assert one.occurred_at == datetime.datetime(2026, 3, 3, 7, 0, tzinfo=datetime.UTC)
    assert one.date is None  # the report's own field, as it was


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (("Fri, 29 Apr 2011 23:34:45 +0900",), "2011-04-29T23:34:45+09:00"),
        (("Fri, 29 Apr 2011 23:34:45 -0000",), "2011-04-29T23:34:45+00:00"),  # zone unknown
        (("2016-10-21T00:06:40.502Z",), "2016-10-21T00:06:40.502000+00:00"),  # an ESP's ISO
        (("2012-10-31 04-46-42", "Mon, 2 Mar 2026 10:00:00 +0000"), "2026-03-02T10:00:00+00:00"),
    ],
)
def test_a_date_is_read_aware(dates: tuple[str, ...], expected: str) -> None:
    when = occurred_at(*dates)
    assert when is not None
    assert when.tzinfo is not None
    assert when.isoformat() == expected


@pytest.mark.parametrize(
    "date",
    [
        "Fri, 29 Apr 2011 23:34:45 +0900",
        "Fri,29 Apr 2011 23:34:45 -0930 (XYZ)",
        "  1 jan 2020 00:00 +0130",
        "Mon, 2 March 2026 10:00:00 +0000",  # a whole month name: email.utils reads it
        "Mon, 2 Mar 26 10:00:00 +0000",  # a two-digit year
        "Mon, 2 Mar 2026 10:00:00 EST",
        "Mon, 31 Feb 2026 10:00:00 +0000",
        "Mon, 2 Foo 2026 10:00:00 +0000",
    ],
)
def test_the_quick_reading_of_a_date_agrees_with_email_utils(date: str) -> None:
    try:
        expected: datetime.datetime | None = email.utils.parsedate_to_datetime(date)
    except (TypeError, ValueError):
        expected = None
    if expected is not None and expected.tzinfo is None:
        expected = expected.replace(tzinfo=datetime.UTC)
    got = occurred_at(date)
    assert got == expected
    if got is not None and expected is not None:
        assert got.utcoffset() == expected.utcoffset()


@pytest.mark.parametrize(
    "date", ["", "yesterday", "2012-10-31 04-46-42", "Fri, 99 Foo 99999 99:99:99 +9999", "\0"]
)
def test_a_date_that_cannot_be_read_is_none(date: str) -> None:
    assert occurred_at(date) is None
    assert occurred_at(None) is None


def test_an_unreadable_date_in_a_bounce_gives_no_time() -> None:
    data = dsn("ann@example.net").replace(
        b"Date: Mon, 2 Mar 2026 10:00:00 +0000", b"Date: the day before yesterday"
    )
    (event,) = parse_bounce(data).records
    assert event.occurred_at is None
    assert codec.to_json(event)["occurred_at"] is None


@pytest.mark.parametrize(
    ("address", "domain"),
    [("a@Example.NET", "example.net"), ("a@b@c.org", "c.org"), ("local", None), ("a@", None)],
)
def test_recipient_domain(address: str, domain: str | None) -> None:
    assert recipient_domain(address) == domain


def _records(results: list[Result]) -> list[tuple[object, ...]]:
    return [
        codec.to_tuple(record)
        for result in results
        if isinstance(result, Parsed)
        for record in result.report.records
    ]


def test_worker_processes_keep_every_field(tmp_path: Path) -> None:
    for number in range(120):
        reply = GMAIL_UNKNOWN if number % 2 else "452 4.2.2 {recipient}: Mailbox full"
        (tmp_path / f"{number:03}.eml").write_bytes(dsn(f"user{number}@gmail.com", reply))
    one = list(parse_paths([tmp_path], jobs=1))
    two = list(parse_paths([tmp_path], jobs=2))
    from_workers = [
        record
        for result in two
        if isinstance(result, Parsed)
        for record in result.report.records
        if record.judgement is None  # a worker's: the judgement stays behind
    ]
    assert from_workers, "no record came from a worker process"
    assert _records(two) == _records(one)  # every field, in order, provider included
    assert {record.provider for record in from_workers} == {"google", None}
    assert all(record.rule_id and record.retry and record.verdict for record in from_workers)
