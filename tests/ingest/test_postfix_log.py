"""Postfix's log lines into events and deliveries: every status, both time stamps, both
queue ids, joined by queue id. Lines from Postfix's documentation and research/ingest.md 2.1."""

from __future__ import annotations

import datetime

import pytest

from bouncekit.ingest.logs.model import (
    SNAPSHOT_MESSAGES,
    LogDelivery,
    LogEvent,
    LogProblem,
    LogRecord,
)
from bouncekit.ingest.logs.postfix import PostfixLog, looks_like_postfix
from bouncekit.replies.model import Command, Owner, Reason

MESSAGE = [
    "Sep 07 13:35:40 mail postfix/cleanup[26537]: 81EE0980F16: "
    "message-id=<00b7479e-5c0c-985f-1076-e6b833f9d66d@example.com>",
    "Sep 07 13:35:40 mail postfix/qmgr[119]: 81EE0980F16: from=<user@example.com>, size=615, "
    "nrcpt=1 (queue active)",
    "Sep 07 13:35:41 mail postfix/lmtp[26538]: 81EE0980F16: to=<doesnotexist@example.com>, "
    "relay=172.19.0.7[172.19.0.7]:2525, delay=0.72, delays=0.54/0.09/0.05/0.04, dsn=5.1.1, "
    "status=bounced (host 172.19.0.7[172.19.0.7] said: 550 5.1.1 <doesnotexist@example.com> "
    "User doesn't exist: doesnotexist@example.com (in reply to RCPT TO command))",
    "Sep 07 13:35:41 mail postfix/qmgr[119]: 81EE0980F16: removed",
]


def feed(parser: PostfixLog, lines: list[str]) -> list[LogRecord]:
    return [record for number, line in enumerate(lines, 1) for record in parser.feed(line, number)]


def parser() -> PostfixLog:
    return PostfixLog("/var/log/mail.log", year=2026, zone=datetime.UTC)


def test_a_bounce_is_joined_to_its_message_id_and_sender() -> None:
    log = parser()
    (record,) = feed(log, MESSAGE)
    assert isinstance(record, LogEvent)
    event = record.event
    assert event.recipient == "doesnotexist@example.com"
    assert event.message_id == "<00b7479e-5c0c-985f-1076-e6b833f9d66d@example.com>"
    assert event.sender == "user@example.com"
    assert (event.reason, event.owner, event.hard) == (Reason.USERUNKNOWN, Owner.RECIPIENT, True)
    assert (event.status, event.replycode, event.command) == ("5.1.1", "550", Command.RCPT)
    assert event.remote_mta == "172.19.0.7"
    assert event.reporting_mta == "mail"
    assert event.reported_action == "failed"
    assert str(event.source) == "log:/var/log/mail.log:3"
    assert event.occurred_at == datetime.datetime(2026, 9, 7, 13, 35, 41, tzinfo=datetime.UTC)
    assert event.diagnostic.startswith("host 172.19.0.7[172.19.0.7] said: 550 5.1.1")
    assert record.attempt is not None
    assert (record.attempt.recipient_domain, record.attempt.attempted) == ("example.com", 1)
    assert record.attempt.delivered == 0
    assert log.open_messages == 0  # dropped at "removed"


def test_a_delivery_is_a_sent_message_and_a_send() -> None:
    line = (
        "Mar  2 10:00:01 mx1 postfix/smtp[4242]: 0D9633D: to=<jos@example.com>, "
        "orig_to=<bestuur@example.com>, relay=mail1.example.net[10.74.103.11]:25, delay=11, "
        "delays=5.4/0.06/5.1/0.03, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as F12DF84004)"
    )
    log = parser()
    (record,) = feed(
        log, ["Mar  2 10:00:00 mx1 postfix/cleanup[1]: 0D9633D: message-id=<m@x>", line]
    )
    assert isinstance(record, LogDelivery)
    assert record.message.transport_id == "0D9633D"
    assert record.message.message_id == "<m@x>"
    assert record.message.recipient == "jos@example.com"
    assert record.message.sent_at == datetime.datetime(2026, 3, 2, 10, 0, 1, tzinfo=datetime.UTC)
    assert (record.attempt.day, record.attempt.attempted, record.attempt.delivered) == (
        datetime.date(2026, 3, 2),
        1,
        1,
    )


@pytest.mark.parametrize(
    ("line", "status", "reason", "owner"),
    [
        (
            "Nov  3 18:06:25 mail postfix/smtp[1436]: 81571C2D: to=<root@mail.mydomain.com>, "
            "orig_to=<root>, relay=none, delay=50784, delays=50754/0.01/30/0, dsn=4.4.1, "
            "status=deferred (connect to mail.mydomain.com[192.0.2.123]:25: Connection timed "
            "out)",
            "4.4.1",
            None,
            None,
        ),
        (
            "2026-11-18T19:46:14.588448+01:00 mx postfix/smtp[128]: A0E85200BD: "
            "to=<whatever-user@lists.example.org>, relay=open.example.nl[10.49.140.10]:25, "
            "delay=2.3, delays=0.25/0.05/2/0.04, dsn=4.2.0, status=deferred (host "
            "open.example.nl[10.49.140.10] said: 450 4.2.0 <whatever-user@lists.example.org>: "
            "Recipient address rejected: Greylisted, see "
            "http://postgrey.schweikert.ch/help/lists.example.org.html (in reply to RCPT TO "
            "command))",
            "4.2.0",
            None,
            None,
        ),
        (
            # soft_bounce = yes: a 5xx reply is logged with a 4.x.x dsn and kept in the queue
            "Mar  2 10:00:05 mx1 postfix/smtp[77]: 4JfcC62DS0z1c1C: to=<gone@example.org>, "
            "relay=mx.example.org[192.0.2.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=4.1.1, "
            "status=SOFTBOUNCE (host mx.example.org[192.0.2.7] said: 550 5.1.1 <gone@example.org>: "
            "Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT "
            "TO command))",
            "5.1.1",  # the server's own status, more specific than the 4.1.1 Postfix logs
            Reason.USERUNKNOWN,
            Owner.RECIPIENT,
        ),
    ],
    ids=["connection-timeout", "greylisted-rfc3339", "softbounce-long-queue-id"],
)
def test_deferrals_are_delayed_events_that_count_no_send(
    line: str, status: str, reason: Reason | None, owner: Owner | None
) -> None:
    (record,) = feed(parser(), [line])
    assert isinstance(record, LogEvent)
    assert record.event.reported_action == "delayed"
    assert record.attempt is None
    assert record.event.status == status
    if reason is not None:
        assert (record.event.reason, record.event.owner) == (reason, owner)


def test_rfc3339_time_keeps_its_zone() -> None:
    line = (
        "2026-11-18T19:46:14.588448+01:00 mx postfix/smtp[128]: A0E85200BD: to=<a@example.org>, "
        "relay=none, delay=2, dsn=4.4.1, status=deferred (connect to example.org: timed out)"
    )
    (record,) = feed(parser(), [line])
    assert isinstance(record, LogEvent)
    assert record.event.occurred_at == datetime.datetime(
        2026, 11, 18, 18, 46, 14, 588448, tzinfo=datetime.UTC
    )


def test_an_expired_message_fails_its_deferred_recipients_with_their_last_reply() -> None:
    lines = [
        "Mar  1 09:00:00 mx1 postfix/qmgr[9]: 66C15648577B: from=<news@example.com>, size=9, "
        "nrcpt=2 (queue active)",
        "Mar  1 09:00:01 mx1 postfix/smtp[10]: 66C15648577B: to=<a@example.tw>, relay=none, "
        "delay=1, dsn=4.4.1, status=deferred (connect to mx.example.tw[192.0.2.9]:25: "
        "Connection refused)",
        "Mar  1 09:00:01 mx1 postfix/smtp[10]: 66C15648577B: to=<b@example.tw>, relay=none, "
        "delay=1, dsn=4.4.1, status=deferred (connect to mx.example.tw[192.0.2.9]:25: "
        "Connection refused)",
        "Mar  6 09:00:02 mx1 postfix/qmgr[9]: 66C15648577B: from=<news@example.com>, "
        "status=expired, returned to sender",
        "Mar  6 09:00:02 mx1 postfix/bounce[11]: 66C15648577B: sender non-delivery "
        "notification: ADD2F8052",
        "Mar  6 09:00:02 mx1 postfix/qmgr[9]: 66C15648577B: removed",
    ]
    records = feed(parser(), lines)
    expired = [
        r for r in records if isinstance(r, LogEvent) and r.event.reported_action == "failed"
    ]
    assert [r.event.recipient for r in expired] == ["a@example.tw", "b@example.tw"]
    assert {r.event.reason for r in expired} == {Reason.EXPIRED}
    assert all(r.event.sender == "news@example.com" for r in expired)
    assert all(r.attempt is not None and r.attempt.attempted == 1 for r in expired)
    assert str(expired[0].event.source) == "log:/var/log/mail.log:4"
    assert expired[0].event.event_id != expired[1].event.event_id


def test_an_expiry_without_its_deferrals_is_reported_not_dropped() -> None:
    line = (
        "Mar  6 09:00:02 mx1 postfix/qmgr[9]: 66C15648577B: from=<uvnhbl@yahoo.com.tw>, "
        "status=expired, returned to sender"
    )
    (record,) = feed(parser(), [line])
    assert isinstance(record, LogProblem)
    assert "/var/log/mail.log:1" in record.why


def test_lines_that_say_nothing_of_a_delivery_give_nothing() -> None:
    lines = [
        "Mar  2 10:00:00 mx1 postfix/smtpd[1]: connect from unknown[192.0.2.1]",
        "Mar  2 10:00:00 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: "
        "554 5.7.1 <x@example.com>: Relay access denied; from=<s@example.org> "
        "to=<x@example.com> proto=ESMTP helo=<h>",
        "Mar  2 10:00:00 mx1 dovecot: imap(a@example.com): Logged out status=ok",
        "Mar  2 10:00:00 mx1 postfix/smtp[2]: 0F5383D: to=<v@example.com>, relay=none, "
        "delay=0, dsn=2.0.0, status=deliverable (address verification)",
        "Mar  2 10:00:00 mx1 postfix/bounce[3]: 17CCA8044: sender non-delivery notification: "
        "ADD2F8052",
        "",
        "garbage",
    ]
    assert feed(parser(), lines) == []


def test_a_status_line_without_a_recipient_is_named() -> None:
    line = "Mar  2 10:00:00 mx1 postfix/smtp[2]: 0F5383D: relay=none, status=bounced (x)"
    (record,) = feed(parser(), [line])
    assert isinstance(record, LogProblem)
    assert record.why.startswith("/var/log/mail.log:1: ")


def test_the_year_turns_with_the_log() -> None:
    template = (
        "{} mx1 postfix/smtp[2]: 0F5383D: to=<a@example.com>, relay=none, dsn=2.0.0, "
        "status=sent (250 ok)"
    )
    log = PostfixLog("m", year=2025, zone=datetime.UTC)
    first, second = feed(
        log, [template.format("Dec 31 23:59:59"), template.format("Jan  1 00:00:01")]
    )
    assert isinstance(first, LogDelivery)
    assert isinstance(second, LogDelivery)
    assert first.message.sent_at is not None
    assert second.message.sent_at is not None
    assert (first.message.sent_at.year, second.message.sent_at.year) == (2025, 2026)


def test_the_join_state_survives_a_snapshot() -> None:
    log = parser()
    feed(log, MESSAGE[:2])
    state = log.snapshot()
    resumed = parser()
    resumed.restore(state)
    (record,) = list(resumed.feed(MESSAGE[2], 3))
    assert isinstance(record, LogEvent)
    assert record.event.sender == "user@example.com"


def test_recognising_postfix_lines() -> None:
    assert looks_like_postfix(MESSAGE[0])
    assert looks_like_postfix("2026-11-18T19:46:14.5+01:00 INFO postfix/smtpd[128]: connect from x")
    assert not looks_like_postfix("Mar  2 10:00:00 mx1 dovecot[1]: imap: Logged out")
    assert not looks_like_postfix("From MAILER-DAEMON Mon Mar  2 10:00:00 2026")


def test_the_saved_join_state_keeps_the_newest_messages() -> None:
    log = parser()
    for number in range(SNAPSHOT_MESSAGES + 10):
        log.feed(
            f"Mar  2 10:00:00 mx1 postfix/cleanup[1]: {number + 0x100000:X}: message-id=<m>", 1
        )
    queue = log.snapshot()["queue"]
    assert len(queue) == SNAPSHOT_MESSAGES
    assert next(iter(queue)) == f"{10 + 0x100000:X}"  # the ten oldest are left out


def test_a_hand_over_to_a_content_filter_on_loopback_is_no_send() -> None:
    line = (
        "Mar  2 10:00:01 mx1 postfix/smtp[4242]: 0D9633D: to=<jos@example.com>, "
        "relay=127.0.0.1[127.0.0.1]:10024, delay=0.2, delays=0.1/0/0/0.1, dsn=2.0.0, "
        "status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as "
        "5B1F2C0)"
    )
    assert feed(parser(), [line]) == []
