"""Sendmail's log into events and deliveries. Lines in the shapes of sendmail's "Log entry
format" (Installation and Operation Guide) and Costales' *sendmail* 14.5 ("stat=")."""

from __future__ import annotations

import datetime
from pathlib import Path

from bouncekit.ingest.logs import detect_format, ingest_log
from bouncekit.ingest.logs.model import LogDelivery, LogEvent, LogRecord
from bouncekit.ingest.logs.sendmail import SendmailLog, looks_like_sendmail
from bouncekit.ingest.sources import IngestOptions
from bouncekit.replies.model import Owner, Reason
from bouncekit.store import Store

RECEIVED = (
    "Feb  6 12:14:43 mx sendmail[65623]: g16HEgs9065623: from=<user@example.com>, size=5, "
    "class=0, nrcpts=3, msgid=<200202061714.g16HEgik065622@example.com>, proto=ESMTP, "
    "daemon=MTA, relay=localhost [127.0.0.1]"
)
SENT = (
    "Feb  6 12:14:46 mx sendmail[65625]: g16HEgs9065623: to=<dest@example.net>, "
    "ctladdr=<user@example.com> (153/126), delay=00:00:03, xdelay=00:00:03, mailer=esmtp, "
    "pri=120377, relay=mx.example.net. [192.0.2.1], dsn=2.0.0, stat=Sent (g16HNwC810485863 "
    "Message accepted for delivery)"
)
HOST_UNKNOWN = (
    "Feb  6 12:14:47 mx sendmail[65625]: g16HEgs9065623: to=<joost@magnum.example.org>, "
    "delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=30551, relay=frigga.example.org. "
    "[192.0.2.3], dsn=5.1.2, stat=Host unknown (Name server: magnum.example.org.: host not found)"
)
DEFERRED = (
    "Feb  6 12:14:48 mx sendmail[65625]: g16HEgs9065623: to=<later@example.org>, "
    "delay=00:00:05, xdelay=00:00:05, mailer=esmtp, pri=30551, relay=mx.example.org. "
    "[192.0.2.4], dsn=4.0.0, stat=Deferred: Connection refused by mx.example.org."
)
HANDED_OVER = (
    "Feb  6 12:14:43 mx sm-msp-queue[65622]: g16HEgik065622: to=dest@example.net, "
    "ctladdr=USER (153/126), delay=00:00:01, xdelay=00:00:01, mailer=relay, pri=30091, "
    "relay=localhost [127.0.0.1], dsn=2.0.0, stat=Sent (g16HEgs9065623 Message accepted for "
    "delivery)"
)
USER_UNKNOWN_TWO = (
    "Feb  6 12:15:00 mx sm-mta[70000]: g16HEgs9065699: to=<a@example.net>,<b@example.net>, "
    "delay=00:00:01, mailer=esmtp, pri=30551, relay=mx.example.net. [192.0.2.1], dsn=5.1.1, "
    "stat=User unknown"
)


def feed(lines: list[str]) -> list[LogRecord]:
    parser = SendmailLog("/var/log/maillog", year=2026, zone=datetime.UTC)
    return [record for number, line in enumerate(lines, 1) for record in parser.feed(line, number)]


def test_a_delivery_is_joined_to_its_sender_and_message_id() -> None:
    records = feed([RECEIVED, HANDED_OVER, SENT])
    (delivery,) = records  # the hand-over to the local MTA is no send
    assert isinstance(delivery, LogDelivery)
    assert delivery.message.sender == "user@example.com"
    assert delivery.message.message_id == "<200202061714.g16HEgik065622@example.com>"
    assert delivery.message.recipient == "dest@example.net"
    assert delivery.message.sent_at == datetime.datetime(
        2026, 2, 6, 12, 14, 46, tzinfo=datetime.UTC
    )


def test_failures_and_deferrals_are_judged() -> None:
    failed, deferred = feed([RECEIVED, HOST_UNKNOWN, DEFERRED])
    assert isinstance(failed, LogEvent)
    assert failed.event.recipient == "joost@magnum.example.org"
    assert failed.event.reason is Reason.HOSTUNKNOWN
    assert failed.event.status == "5.1.2"
    assert failed.event.remote_mta == "frigga.example.org"
    assert failed.event.sender == "user@example.com"
    assert failed.attempt is not None
    assert isinstance(deferred, LogEvent)
    assert deferred.event.reported_action == "delayed"
    assert deferred.event.diagnostic == "Connection refused by mx.example.org."
    assert deferred.attempt is None


def test_one_attempt_to_two_recipients_is_two_events() -> None:
    first, second = feed([USER_UNKNOWN_TWO])
    assert isinstance(first, LogEvent)
    assert isinstance(second, LogEvent)
    assert [first.event.recipient, second.event.recipient] == ["a@example.net", "b@example.net"]
    assert first.event.reason is second.event.reason is Reason.USERUNKNOWN
    assert first.event.owner is Owner.RECIPIENT
    assert first.event.event_id != second.event.event_id


def test_a_message_is_forgotten_when_every_recipient_is_final() -> None:
    parser = SendmailLog("m", year=2026, zone=datetime.UTC)
    for number, line in enumerate([RECEIVED, SENT, HOST_UNKNOWN, DEFERRED], 1):
        parser.feed(line, number)
    assert parser.open_messages == 1  # one recipient is still deferred
    parser.feed(DEFERRED.replace("dsn=4.0.0, stat=Deferred: Connection refused by "
                                 "mx.example.org.", "dsn=2.0.0, stat=Sent (ok)"), 5)  # fmt: skip
    assert parser.open_messages == 0


def test_recognising_sendmail_lines(store: Store, tmp_path: Path) -> None:
    assert looks_like_sendmail(RECEIVED)
    assert not looks_like_sendmail("Mar  2 10:00:00 mx1 postfix/qmgr[1]: 81EE0980F16: removed")
    path = tmp_path / "maillog"
    path.write_text("\n".join([RECEIVED, SENT, HOST_UNKNOWN, DEFERRED, USER_UNKNOWN_TWO]) + "\n")
    found = detect_format(str(path))
    assert found is not None
    assert found.name == "sendmail"
    summary = ingest_log(store, str(path), IngestOptions(), zone=datetime.UTC)
    assert (summary.new_events, summary.errors) == (4, [])
    assert store.suppression("a@example.net") is not None
