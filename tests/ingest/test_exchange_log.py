"""Exchange's message tracking log into events and deliveries. The header is the documented
one (Exchange Server "Message tracking", research/ingest.md 2.3); the rows are built from the
documented field order and example values (no public verbatim FAIL row was found)."""

from __future__ import annotations

import datetime
from pathlib import Path

from bouncekit.ingest.logs import detect_format, ingest_log
from bouncekit.ingest.logs.exchange import ExchangeLog, looks_like_exchange
from bouncekit.ingest.logs.model import LogDelivery, LogEvent, LogProblem, LogRecord
from bouncekit.ingest.sources import IngestOptions
from bouncekit.replies.model import Owner, Reason
from bouncekit.store import Store

FIELDS = (
    "#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,"
    "connector-id,source,event-id,internal-message-id,message-id,network-message-id,"
    "recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,"
    "reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,"
    "original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,"
    "schema-version"
)
HEADER = [
    "\ufeff#Software: Microsoft Exchange Server",
    "#Version: 15.02.1544.004",
    "#Log-type: Message Tracking Log",
    "#Date: 2026-03-04T00:00:01.052Z",
    FIELDS,
]
FAIL = (
    "2026-03-04T10:15:22.123Z,10.0.0.5,MBX01,,,,,ROUTING,FAIL,73014444033,"
    "<4867a3d78a50438bad95c0f6d072fca5@mailbox01.contoso.com>,1341ac7b13fb42ab4d4408cf7f55890f,"
    "nobody@contoso.com,550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found,8123,1,,,"
    "Quarterly figures,alice@contoso.com,alice@contoso.com,,Originating,,,,,Email,7f0c11,"
    "15.02.1544.004"
)
EXPIRED_TWO = (
    '2026-03-04T11:00:00.000Z,10.0.0.5,MBX01,,,"Queue expired, 2 recipients",,QUEUE,FAIL,'
    "73014444034,<m2@contoso.com>,abc,a@fabrikam.example;b@fabrikam.example,"
    "550 4.4.7 QUEUE.Expired; message expired;550 4.4.7 QUEUE.Expired; message expired,900,2,,,"
    "Hello,alice@contoso.com,alice@contoso.com,,Originating,,,,,Email,7f0c12,15.02.1544.004"
)
SEND = (
    "2026-03-04T10:16:00.000Z,10.0.0.5,MBX01,203.0.113.25,mx.fabrikam.example,"
    '"250 2.6.0 <m3@contoso.com> [InternalId=1] Queued mail for delivery",Outbound,SMTP,SEND,'
    "73014444035,<m3@contoso.com>,def,c@fabrikam.example,250 2.1.5 Recipient OK,900,1,,,Hi,"
    "alice@contoso.com,alice@contoso.com,,Originating,,,,,Email,7f0c13,15.02.1544.004"
)
RECEIVE = SEND.replace(",SMTP,SEND,", ",SMTP,RECEIVE,")


def feed(lines: list[str]) -> list[LogRecord]:
    parser = ExchangeLog("MSGTRK2026030400-1.LOG")
    return [record for number, line in enumerate(lines, 1) for record in parser.feed(line, number)]


def test_a_fail_row_is_a_judged_failure() -> None:
    (record,) = feed([*HEADER, FAIL])
    assert isinstance(record, LogEvent)
    event = record.event
    assert event.recipient == "nobody@contoso.com"
    assert (event.replycode, event.status) == ("550", "5.1.1")
    assert event.reason is Reason.USERUNKNOWN
    assert event.owner is Owner.RECIPIENT
    assert event.message_id == "<4867a3d78a50438bad95c0f6d072fca5@mailbox01.contoso.com>"
    assert event.sender == "alice@contoso.com"
    assert event.subject == "Quarterly figures"
    assert event.occurred_at == datetime.datetime(
        2026, 3, 4, 10, 15, 22, 123000, tzinfo=datetime.UTC
    )
    assert str(event.source) == "log:MSGTRK2026030400-1.LOG:6"


def test_parallel_recipients_and_statuses_with_semicolons_inside() -> None:
    first, second = feed([*HEADER, EXPIRED_TWO])
    assert isinstance(first, LogEvent)
    assert isinstance(second, LogEvent)
    assert [first.event.recipient, second.event.recipient] == [
        "a@fabrikam.example",
        "b@fabrikam.example",
    ]
    assert first.event.diagnostic == "550 4.4.7 QUEUE.Expired; message expired"


def test_send_is_a_delivery_and_other_events_give_nothing() -> None:
    (record,) = feed([*HEADER, RECEIVE, SEND])
    assert isinstance(record, LogDelivery)
    assert record.message.transport_id == "73014444035"
    assert record.message.recipient == "c@fabrikam.example"


def test_a_row_without_its_header_or_with_other_columns_is_named() -> None:
    (record,) = feed([FAIL])
    assert isinstance(record, LogProblem)
    assert "#Fields:" in record.why
    (record,) = feed([*HEADER, FAIL + ",extra"])
    assert isinstance(record, LogProblem)
    assert record.why.startswith("MSGTRK2026030400-1.LOG:6: 31 columns")


def test_an_exchange_log_into_the_store(store: Store, tmp_path: Path) -> None:
    assert looks_like_exchange(HEADER[0])
    path = tmp_path / "MSGTRK2026030400-1.LOG"
    path.write_text("\r\n".join([*HEADER, RECEIVE, SEND, FAIL]) + "\r\n", encoding="utf-8")
    found = detect_format(str(path))
    assert found is not None
    assert found.name == "exchange"
    summary = ingest_log(store, str(path), IngestOptions(), zone=datetime.UTC)
    assert (summary.new_events, summary.errors) == (1, [])
    assert store.suppression("nobody@contoso.com") is not None
    with path.open("a", encoding="utf-8", newline="") as appended:
        appended.write(EXPIRED_TWO + "\r\n")
    more = ingest_log(store, str(path), IngestOptions(), zone=datetime.UTC)
    assert (more.messages, more.new_events) == (1, 2)  # resumed past the header, still read
