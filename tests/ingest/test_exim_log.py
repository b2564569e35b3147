"""Exim's main log into events and deliveries. Lines from Exim's specification ("Log files",
"Log line flags", "Delivery failures") and research/ingest.md 2.2."""

from __future__ import annotations

import datetime
from pathlib import Path

from bouncekit.events.model import SourceKind
from bouncekit.ingest.logs import detect_format, ingest_log
from bouncekit.ingest.logs.exim import EximLog, looks_like_exim
from bouncekit.ingest.logs.model import LogDelivery, LogEvent, LogProblem, LogRecord
from bouncekit.ingest.sources import IngestOptions
from bouncekit.replies.model import Command, Owner, Reason
from bouncekit.store import Store

ARRIVAL = (
    "2016-06-03 17:07:57 [28168] 1b8rdd-0007KK-8q <= authority@example.com H=localhost "
    "[127.0.0.1]:39362 I=[127.0.0.1]:25 P=esmtp S=99310 "
    'id=fd14e1d536e94486b1de551709543fc3@PDC5EXC108.example.com T="Freedom of Information '
    'request - Some information please" from <authority@example.com> for user@example.net'
)
DELIVERY = (
    "2016-06-03 17:07:58 [17817] 1b8rdd-0007KK-8q => user@example.net "
    "F=<authority@example.com> P=<authority@example.com> R=dnslookup T=remote_smtp S=2297 "
    "H=cluster2.gsi.messagelabs.com [192.0.2.10]:25 X=TLS1.2:DHE_RSA_AES_128_CBC_SHA1:128 "
    'CV=no C="250 ok 1446233056 qp 26062 server-4.tower-221.messagelabs.com!1446233056!7679409!1" '
    "QT=1s DT=0s"
)
DEFERRAL = (
    "2016-06-03 11:03:18 [13879] 1b8lwj-0003bo-6W == authority@example.com R=dnslookup "
    "T=remote_smtp defer (-44): SMTP error from remote mail server after RCPT "
    "TO:<authority@example.com>: host eu-smtp-inbound-1.mimecast.com [195.130.217.211]: 451 "
    "Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451"
)
UNROUTEABLE = (
    "2016-06-03 01:21:52 [22942] 1b8cs4-0005xz-6g ** invalid@example.com "
    "F=<do-not-reply-to-this-address@example.net>: Unrouteable address"
)
ADDRESSEE_UNKNOWN = (
    "2002-07-11 07:14:17 17SXDU-000189-00 ** ace400@pb.example R=dnslookup T=remote_smtp: SMTP "
    "error from remote mailer after pipelined RCPT TO:<ace400@pb.example>: host "
    "pbmail3.py.example [192.168.63.111]: 553 5.3.0 <ace400@pb.example>...Addressee unknown"
)
BOUNCE_ARRIVAL = (
    "2016-04-06 12:01:08 [14935] 1anlCu-0003st-1p <= <> R=1anlCt-0003sm-LG U=Debian-exim "
    'P=local S=2934 T="Mail delivery failed: returning message to sender" from <> for '
    "request-326806-hk82iwn7@localhost"
)


def feed(parser: EximLog, lines: list[str]) -> list[LogRecord]:
    return [record for number, line in enumerate(lines, 1) for record in parser.feed(line, number)]


def parser() -> EximLog:
    return EximLog("/var/log/exim4/mainlog", zone=datetime.UTC)


def test_a_delivery_is_joined_to_its_arrival() -> None:
    log = parser()
    (record,) = feed(log, [ARRIVAL, DELIVERY, "2016-06-03 17:07:58 1b8rdd-0007KK-8q Completed"])
    assert isinstance(record, LogDelivery)
    message = record.message
    assert message.transport_id == "1b8rdd-0007KK-8q"
    assert message.sender == "authority@example.com"
    assert message.message_id == "<fd14e1d536e94486b1de551709543fc3@PDC5EXC108.example.com>"
    assert message.recipient == "user@example.net"
    assert message.sent_at == datetime.datetime(2016, 6, 3, 17, 7, 58, tzinfo=datetime.UTC)
    assert (record.attempt.attempted, record.attempt.delivered) == (1, 1)
    assert log.open_messages == 0  # closed at Completed


def test_a_remote_refusal_is_a_judged_failure() -> None:
    (record,) = feed(parser(), [ADDRESSEE_UNKNOWN])
    assert isinstance(record, LogEvent)
    event = record.event
    assert event.recipient == "ace400@pb.example"
    assert event.reported_action == "failed"
    assert (event.replycode, event.status, event.command) == ("553", "5.3.0", Command.RCPT)
    assert event.remote_mta == "pbmail3.py.example"
    assert event.reason is Reason.USERUNKNOWN
    assert event.owner is Owner.RECIPIENT
    assert str(event.source) == "log:/var/log/exim4/mainlog:1"
    assert record.attempt is not None
    assert record.attempt.delivered == 0


def test_an_unrouteable_address_is_a_failure_with_exims_own_text() -> None:
    (record,) = feed(parser(), [UNROUTEABLE])
    assert isinstance(record, LogEvent)
    assert record.event.recipient == "invalid@example.com"
    assert record.event.diagnostic == "Unrouteable address"
    assert record.event.reason is Reason.HOSTUNKNOWN


def test_a_deferral_is_delayed_and_a_retry_not_reached_gives_nothing() -> None:
    log = parser()
    (record,) = feed(log, [DEFERRAL])
    assert isinstance(record, LogEvent)
    assert record.event.reported_action == "delayed"
    assert record.event.replycode == "451"
    assert record.event.remote_mta == "eu-smtp-inbound-1.mimecast.com"
    assert record.attempt is None
    again = (
        "2016-06-03 11:33:18 1b8lwj-0003bo-6W == authority@example.com R=dnslookup "
        "T=remote_smtp defer (-53): retry time not reached for any host"
    )
    assert feed(log, [again]) == []


def test_the_new_long_ids_zones_and_other_lines() -> None:
    lines = [
        "2026-03-02 10:00:00.123 +0100 [77] 16VDhn-000000001bo-D342 <= <> P=local S=900",
        "2026-03-02 10:00:01.456 +0100 [78] 16VDhn-000000001bo-D342 => a@example.org "
        "R=dnslookup T=remote_smtp H=mx.example.org [192.0.2.2]",
        "2026-03-02 10:00:01 16VDhn-000000001bo-D342 *> b@example.org R=r T=t",
        "2026-03-02 10:00:01 SMTP connection from [192.0.2.9] lost",
        "2026-03-02 10:00:02 16VDhn-000000001bo-D342 ** <> R=r: bad",
    ]
    records = feed(parser(), lines)
    delivery, problem = records
    assert isinstance(delivery, LogDelivery)
    assert delivery.message.sender is None  # a bounce: its sender is <>
    assert delivery.message.sent_at == datetime.datetime(2026, 3, 2, 9, 0, 1, tzinfo=datetime.UTC)
    assert isinstance(problem, LogProblem)
    assert problem.why.startswith("/var/log/exim4/mainlog:5: ")


def test_recognising_exim_lines() -> None:
    assert looks_like_exim(ARRIVAL)
    assert looks_like_exim(BOUNCE_ARRIVAL)
    assert not looks_like_exim("Mar  2 10:00:00 mx1 postfix/qmgr[1]: 81EE0980F16: removed")


def test_an_exim_log_into_the_store(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mainlog"
    path.write_text("\n".join([ARRIVAL, DELIVERY, ADDRESSEE_UNKNOWN, UNROUTEABLE, DEFERRAL]) + "\n")
    found = detect_format(str(path))
    assert found is not None
    assert found.name == "exim"
    summary = ingest_log(store, str(path), IngestOptions(), zone=datetime.UTC)
    assert (summary.new_events, summary.errors) == (3, [])
    assert {stored.event.source.kind for stored in store.events()} == {SourceKind.LOG}
    assert store.suppression("ace400@pb.example") is not None
    assert sum(send.delivered for send in store.sends()) == 1
    again = ingest_log(store, str(path), IngestOptions(), zone=datetime.UTC)
    assert again.new_events == 0
