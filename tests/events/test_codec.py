"""The event codec: JSON, CSV and the flat tuple, each read back to the same event."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import json
import pickle

import pytest

from bouncekit.bounces import parse_bounce
from bouncekit.errors import InputError
from bouncekit.events import codec
from bouncekit.events.model import (
    EVENT_FIELDS,
    BounceEvent,
    DeliveryAction,
    EventSource,
    SourceKind,
)
from bouncekit.replies.model import Command, Owner, Reason, Retry, Verdict
from tests.bounces.messages import dsn

GMAIL_UNKNOWN = (
    "550 5.1.1 The email account that you tried to reach does not exist. Please try "
    "double-checking the recipient's email address for typos or unnecessary spaces. Learn more "
    "at https://support.google.com/mail/?p=NoSuchUser"
)
TOKYO = datetime.timezone(datetime.timedelta(hours=9))


def _parsed() -> BounceEvent:
    (event,) = parse_bounce(dsn("ann@gmail.com", GMAIL_UNKNOWN), source="in/a.mbox#2").records
    return event


def _every_field_set() -> BounceEvent:
    """An event with a value in every field, of every kind (enums, times, the source)."""
    return BounceEvent(
        source=EventSource(SourceKind.WEBHOOK, "delivery-42"),
        index=3,
        recipient="Bob@Example.NET",
        original_recipient="rfc822;bob@example.net",
        reported_action="failure",  # not an RFC 3464 word: kept as written
        status="5.7.1",
        replycode="554",
        diagnostic='554 5.7.1 Message rejected, "quoted", comma',
        command=Command.DATA,
        remote_mta="mx.example.net",
        reporting_mta="out.example.org",
        date="Fri, 29 Apr 2011 23:34:45 +0900",
        reason=Reason.SPAMDETECTED,
        owner=Owner.MESSAGE,
        hard=False,
        retry=Retry.AFTER_FIX,
        verdict=Verdict.DELIVERABLE,
        provider="google",
        rule_id="google.spam",
        decoded_by="RFC3464",
        message_id="<m@example.org>",
        sender="Sender <s@example.org>",
        subject="=?utf-8?q?Gr=C3=BC=C3=9Fe?= – ünïcode",
        feedback_type="abuse",
        report_date="Sat, 30 Apr 2011 00:00:00 +0900",
    )


def _events() -> list[BounceEvent]:
    return [_parsed(), _every_field_set()]


DERIVED = ("event_id", "occurred_at", "recipient_domain", "action", "file")


def _same(left: BounceEvent, right: BounceEvent) -> None:
    """Field for field, with the types too (an enum stays an enum, a time a time); and what
    the event derives from them."""
    for name in (*EVENT_FIELDS, *DERIVED):
        mine, theirs = getattr(left, name), getattr(right, name)
        assert mine == theirs, name
        assert type(mine) is type(theirs), name


def test_the_schema_covers_every_field_once() -> None:
    stored = [spec.attribute for spec in codec.SCHEMA if spec.stored]
    assert sorted(stored) == sorted(EVENT_FIELDS)
    assert len(set(codec.FIELDS)) == len(codec.FIELDS)
    derived = {spec.attribute for spec in codec.SCHEMA if not spec.stored}
    assert derived == {"file", "event_id", "occurred_at", "recipient_domain"}


def test_every_field_set_has_a_time_and_an_id() -> None:
    event = _every_field_set()
    assert event.occurred_at == datetime.datetime(2011, 4, 29, 23, 34, 45, tzinfo=TOKYO)
    assert event.recipient_domain == "example.net"
    assert len(event.event_id) == 32


@pytest.mark.parametrize("event", _events(), ids=["parsed", "every-field"])
def test_json_round_trip(event: BounceEvent) -> None:
    data = codec.to_json(event)
    assert list(data) == list(codec.FIELDS)
    through_text = json.loads(json.dumps(data))  # every value is a JSON value
    _same(codec.from_json(through_text), event)


@pytest.mark.parametrize("event", _events(), ids=["parsed", "every-field"])
def test_csv_round_trip(event: BounceEvent) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(codec.FIELDS)
    writer.writerow(codec.to_row(event))
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == codec.FIELDS
    _same(codec.from_row(row), event)


@pytest.mark.parametrize("event", _events(), ids=["parsed", "every-field"])
def test_flat_tuple_and_pickle_round_trip(event: BounceEvent) -> None:
    _same(codec.from_tuple(codec.to_tuple(event)), event)
    again = pickle.loads(pickle.dumps(event, protocol=pickle.HIGHEST_PROTOCOL))
    _same(again, event)
    assert again.judgement is None  # the one thing left behind: the explain engine's state


def test_empty_optional_fields_read_back_as_none() -> None:
    event = dataclasses.replace(
        _every_field_set(),
        original_recipient=None,
        date=None,
        report_date=None,
        command=None,
        verdict=None,
        provider=None,
        source=EventSource(SourceKind.EXPLAIN),
        diagnostic="",
    )
    _same(codec.from_row(codec.to_row(event)), event)
    _same(codec.from_json(codec.to_json(event)), event)


def test_the_readers_shape_of_a_file_event() -> None:
    data = codec.to_json(_parsed())
    assert data["file"] == "in/a.mbox#2"
    assert data["source"] == {"kind": "file", "reference": "in/a.mbox#2"}
    assert data["from"] == "Sender <sender@example.org>"
    assert data["occurred_at"] == "2026-03-02T10:00:00+00:00"
    assert (data["provider"], data["retry"], data["hard"]) == ("google", "never", True)
    assert codec.to_row(_parsed())[codec.FIELDS.index("source")] == "file:in/a.mbox#2"


def test_bad_input_is_named() -> None:
    data = codec.to_json(_parsed())
    del data["reason"]
    with pytest.raises(ValueError, match="'reason'"):
        codec.from_json(data)
    with pytest.raises(ValueError, match="cells"):
        codec.from_row(["x"])
    row = codec.to_row(_parsed())
    row[codec.FIELDS.index("hard")] = "maybe"
    with pytest.raises(ValueError, match="'hard'"):
        codec.from_row(row)


def test_action_is_the_rfc_3464_word_or_none() -> None:
    assert _parsed().action is DeliveryAction.FAILED
    assert _every_field_set().action is None  # "failure": an MTA's own word
    assert DeliveryAction.read("Delayed") is DeliveryAction.DELAYED
    assert DeliveryAction.read("deliverable") is None
    assert DeliveryAction.read(None) is None


def test_a_value_of_the_wrong_kind_names_its_field() -> None:
    data = codec.to_json(_parsed())
    data["reason"] = "bored"
    with pytest.raises(InputError, match=r"'reason'.*'bored'"):
        codec.from_json(data)
    row = codec.to_row(_parsed())
    row[codec.FIELDS.index("source")] = "carrier-pigeon:7"
    with pytest.raises(InputError, match="'source'"):
        codec.from_row(row)
