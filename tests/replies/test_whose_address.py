"""Whose address a reply is about, and the address never condemned for the sender's problem.

The worst mistake bouncekit can make is to call a good address invalid because of a block
aimed at the sender: a suppression list would delete a real person. These are the classes of
that mistake, each with real wording.
"""

from __future__ import annotations

import pytest

from bouncekit import Owner, Reason, Verdict, explain
from bouncekit.replies.classify import reply_subject
from bouncekit.replies.parse import parse_reply
from bouncekit.replies.subjects import MARKERS, SubjectMarker


@pytest.mark.parametrize(
    ("marker", "example"),
    [(marker, example) for marker in MARKERS for example in marker.examples],
    ids=lambda value: getattr(value, "phrase", ""),
)
def test_marker_example_names_its_subject(marker: SubjectMarker, example: str) -> None:
    assert marker.phrase in " ".join(example.lower().split())
    reply = parse_reply(example)
    assert reply is not None
    assert reply_subject(reply) is marker.subject


# Words that condemn an address, said of the sender's address, account or host.
ABOUT_THE_SENDER = [
    (
        "550 5.1.0 <bounce@example.com>: Sender address rejected: User unknown in virtual mailbox "
        "table",
        Reason.REJECTED,
    ),
    (
        "553 5.7.1 Sender address <bounce@example.com> is not allowed: your account has been "
        "disabled",
        Reason.REJECTED,
    ),
    ("550 5.7.1 Your account has been suspended for sending spam", Reason.REJECTED),
    (
        "550 5.1.1 <bounce@example.com>... User unknown (in reply to MAIL FROM command)",
        Reason.REJECTED,
    ),
    ("550 5.1.1 User unknown (in reply to HELO command)", Reason.BLOCKED),
]


@pytest.mark.parametrize(("text", "reason"), ABOUT_THE_SENDER)
def test_recipient_words_about_the_sender_are_the_senders(text: str, reason: Reason) -> None:
    (diagnosis,) = explain(text)
    assert (diagnosis.reason, diagnosis.owner, diagnosis.verdict) == (reason, Owner.SENDER, None)


def test_a_reply_naming_the_envelope_sender_is_about_the_sender() -> None:
    from bouncekit.replies.classify import judge_reply

    reply = parse_reply("550 5.1.1 <bounce@example.com>: no such user here")
    assert reply is not None
    about_recipient = judge_reply(reply, "user@example.org")
    assert about_recipient.verdict is Verdict.INVALID  # without the envelope, it reads so
    about_sender = judge_reply(reply, "user@example.org", sender="Bounce@Example.com")
    assert (about_sender.reason, about_sender.verdict) == (Reason.REJECTED, None)
    # The recipient's own address named beside the sender's: the reply is about the recipient.
    both = parse_reply(
        "550 5.1.1 <user@example.org>: no such user here (from <bounce@example.com>)"
    )
    assert both is not None
    assert judge_reply(both, "user@example.org", sender="bounce@example.com").verdict is (
        Verdict.INVALID
    )


# Replies whose words read as a missing address, but that also say the refusal is of the
# sender or the message: the reason may stay what the words say, the address is not judged.
NOT_JUDGED = [
    "554 5.7.1 <user@example.org>: Recipient address rejected: Access denied",
    "550 5.7.1 Connection refused - <192.0.2.1> - Too many invalid recipients",
    "550 5.1.1 <user@example.org>: Recipient address rejected: User unknown; Client host "
    "[192.0.2.1] blocked using zen.spamhaus.org",
]


@pytest.mark.parametrize("text", NOT_JUDGED)
def test_mixed_replies_do_not_condemn_the_address(text: str) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.verdict is not Verdict.INVALID, diagnosis.evidence


# A deferral or block that gives its cause is about that cause.
CAUSES = [
    (
        "550 5.7.1 Rejected: SPF check failed for user@example.com from 192.0.2.1",
        Reason.AUTHFAILURE,
    ),
    (
        "421 4.7.0 Temporarily rejected. Reverse DNS for this IP failed. IP: 192.0.2.1",
        Reason.REQUIREPTR,
    ),
    (
        "550 5.7.1 Recipient address rejected: message rejected due to DMARC policy of example.com",
        Reason.AUTHFAILURE,
    ),
    ("421 4.7.0 Too many messages from your IP; SPF check failed", Reason.AUTHFAILURE),
]


@pytest.mark.parametrize(("text", "reason"), CAUSES)
def test_the_stated_cause_wins(text: str, reason: Reason) -> None:
    (diagnosis,) = explain(text)
    assert (diagnosis.reason, diagnosis.owner, diagnosis.verdict) == (reason, Owner.SENDER, None)


# A code alone (no words that a rule knows, no enhanced status) does not condemn the address:
# RFC 5321's 550 and 553 cover "not found", "no access" and policy alike.
@pytest.mark.parametrize("text", ["553 sorry, not today", "550 Not a gateway"])
def test_a_code_alone_does_not_condemn_the_address(text: str) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.verdict is not Verdict.INVALID, diagnosis.evidence


def test_a_null_mx_of_the_sender_is_the_senders() -> None:
    # RFC 7505: 5.7.27 is the sender's null MX, 5.1.10 the recipient's.
    (sender,) = explain("550 5.7.27 Null MX")
    assert sender.verdict is not Verdict.INVALID
    (recipient,) = explain("556 5.1.10 Recipient address has null MX")
    assert (recipient.reason, recipient.verdict) == (Reason.NOTACCEPT, Verdict.INVALID)


def test_a_status_about_the_senders_address_is_the_senders() -> None:
    # RFC 3463: X.1.7 and X.1.8 are the sender's mailbox and system; Exchange says only
    # "Invalid address" with them.
    (diagnosis,) = explain("550 5.1.7 Invalid address")
    assert (diagnosis.reason, diagnosis.owner, diagnosis.verdict) == (
        Reason.REJECTED,
        Owner.SENDER,
        None,
    )


def test_the_senders_address_is_not_taken_for_the_recipient() -> None:
    (diagnosis,) = explain(
        "550 5.1.0 <bounce@example.com>: Sender address rejected: User unknown in virtual "
        "mailbox table"
    )
    assert diagnosis.recipient is None
    assert diagnosis.addresses == ("bounce@example.com",)
