"""Notices the generic reader must still call bounces: one that names its recipient by display
name only (Exchange 5.5 and X.400), and one whose only failure words are a reply's."""

from __future__ import annotations

from bouncekit.bounces import BounceKind, parse_bounce
from bouncekit.bounces.batch import Parsed, Summary
from bouncekit.replies.model import Owner, Reason

EXCHANGE_55_BY_NAME = b"""\
Return-Path: <>
From: System Administrator <postmaster@example.lv>
To: sender@example.org
Subject: Undeliverable: lecture on Friday
Date: Fri, 14 Sep 2007 18:53:01 +0300
MIME-Version: 1.0
X-Mailer: Internet Mail Service (5.5.2657.72)
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset="us-ascii"

Your message

  To:      Team
  Subject: lecture on Friday
  Sent:    Fri, 14 Sep 2007 18:52:08 +0300

did not reach the following recipient(s):

Jane Doe on Fri, 14 Sep 2007 18:52:54 +0300
    The recipient was unavailable to take delivery of the message
    MSEXCH:MSExchangeMTA:SITE:SERVER

--b1
Content-Type: message/rfc822

From: Sender <sender@example.org>
To: team@example.lv
Subject: lecture on Friday

Hello.
--b1--
"""

REPLY_WORDS_ONLY = b"""\
Return-Path: <>
From: <>
To: bounces+1234@example.org
In-Reply-To: <20091229121253.615A116581D3@example.org>
Auto-Submitted: auto-replied
Date: Tue, 29 Dec 2009 12:12:54 +0000

You sent mail to nobody@example.net. That's not a valid user here.
"""


def test_a_notice_naming_no_address_is_a_bounce_without_records() -> None:
    report = parse_bounce(EXCHANGE_55_BY_NAME)
    assert report.kind is BounceKind.FAILURE
    # The returned message's To is never taken for the failed recipient.
    assert report.records == ()
    assert "names no recipient address" in report.note


def test_a_notice_whose_failure_is_said_in_a_reply_is_read() -> None:
    report = parse_bounce(REPLY_WORDS_ONLY)
    assert report.kind is BounceKind.FAILURE
    (record,) = report.records
    assert record.recipient == "nobody@example.net"
    # Sisimai's convention: "user unknown" said at no known SMTP stage is a filter's wording.
    assert record.reason in (Reason.USERUNKNOWN, Reason.FILTERED)
    assert record.owner is Owner.RECIPIENT


def test_a_person_writing_about_an_undeliverable_message_is_no_bounce() -> None:
    letter = (
        b"From: Jane <jane@example.org>\nTo: joe@example.net\n"
        b"Subject: Undeliverable: lecture on Friday\n\n"
        b"Joe, my message did not reach the following recipient(s): the whole team.\n"
    )
    assert parse_bounce(letter).kind is BounceKind.NOT_BOUNCE


def test_the_batch_summary_counts_a_notice_naming_no_address_apart() -> None:
    summary = Summary()
    summary.add(Parsed("exchange.eml", parse_bounce(EXCHANGE_55_BY_NAME), 1))
    summary.add(Parsed("reply.eml", parse_bounce(REPLY_WORDS_ONLY), 1))
    assert summary.sentence() == (
        "2 messages read: 1 bounce (1 record), 1 failure notice naming no recipient address, "
        "0 not bounces, 0 errors."
    )


POSTFIX_TEXT_ONLY = b"""\
Return-Path: <>
From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
To: sender@example.com
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

                   The mail system

<ann@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1 <ann@example.net>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)

<bob@example.net>: host mx.example.net[192.0.2.25] said: 552 5.2.2 <bob@example.net>:
    Mailbox full (in reply to RCPT TO command)

<carl@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1 <carl@example.net>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)
"""


def test_a_postfix_notice_without_delivery_status_gives_every_recipient() -> None:
    report = parse_bounce(POSTFIX_TEXT_ONLY)
    assert [record.recipient for record in report.records] == [
        "ann@example.net",
        "bob@example.net",
        "carl@example.net",
    ]
    assert [record.reason for record in report.records] == [
        Reason.USERUNKNOWN,
        Reason.MAILBOXFULL,
        Reason.USERUNKNOWN,
    ]
