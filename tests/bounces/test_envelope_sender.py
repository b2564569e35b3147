"""A bounce whose remote reply is about the envelope sender never condemns the recipient.

A bounce goes back to the envelope sender of the message it returns (RFC 3464 2), so its To:
names that sender. When the remote server's reply names that address, and not the recipient's,
"user unknown" is said of the sender: a sender verification, not a dead mailbox.
"""

from __future__ import annotations

from bouncekit import Owner, Reason, Verdict, parse_bounce
from bouncekit.bounces import BounceRecord

DSN = """\
From: MAILER-DAEMON@mx.example.net
To: {to}
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

This is the mail system at host mx.example.net.

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; user@example.org
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <bounce@sender.example>... User unknown

--b--
"""


def _only_record(to: str) -> BounceRecord:
    (record,) = parse_bounce(DSN.format(to=to).encode()).records
    return record


def test_the_reply_names_the_envelope_sender() -> None:
    record = _only_record("bounce@sender.example")
    assert (record.reason, record.owner, record.verdict) == (Reason.REJECTED, Owner.SENDER, None)


def test_without_the_envelope_the_words_read_as_the_recipients() -> None:
    record = _only_record("someone.else@sender.example")
    assert record.reason is Reason.USERUNKNOWN
    assert record.verdict is Verdict.INVALID
