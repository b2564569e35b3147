"""Pulling facts out of reply text: codes, stage, hosts, IPs, addresses, URLs."""

from __future__ import annotations

import pytest

from bouncekit.replies.model import Command
from bouncekit.replies.parse import parse_reply, split_replies


@pytest.mark.parametrize(
    ("text", "replycode", "status"),
    [
        ("550 5.1.1 User unknown", "550", "5.1.1"),
        ("550-5.1.1 The email account 550-5.1.1 does not exist 550 5.1.1 gsmtp", "550", "5.1.1"),
        ("smtp; 552 5.2.2 Mailbox full", "552", "5.2.2"),
        ("host mx[192.0.2.1] said: 421 4.7.0 Try again later", "421", "4.7.0"),
        ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", "550", "5.1.1"),
        ("5.1.0 Unknown address error 550-'Mailbox is inactive'", "550", "5.1.0"),
        ("550 No such user here", "550", None),
        ("Status: 5.2.2", None, "5.2.2"),
        # An IP address is not a status code, nor is a code of another class.
        ("550 Client host [5.7.1.20] blocked", "550", None),
        ("451 5.7.1 Greylisted", "451", None),
    ],
)
def test_codes(text: str, replycode: str | None, status: str | None) -> None:
    reply = parse_reply(text)
    assert reply is not None
    assert (reply.replycode, reply.status) == (replycode, status)


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("said: 550 x (in reply to RCPT TO command)", Command.RCPT),
        ("said: 550 x (in reply to end of DATA command)", Command.DATA),
        ("said: 550 x (in reply to MAIL FROM command)", Command.MAIL),
        ("SMTP error from remote mail server after MAIL FROM:<a@b.example>: 550 x", Command.MAIL),
        ("SMTP error from remote mail server after initial connection: 554 x", Command.CONNECT),
        (">>> DATA\n<<< 554 5.7.1 rejected", Command.DATA),
        ("550 5.1.1 User unknown", None),
    ],
)
def test_stage(text: str, command: Command | None) -> None:
    reply = parse_reply(text)
    assert reply is not None
    assert reply.command is command


def test_hosts_ips_addresses_and_urls() -> None:
    reply = parse_reply(
        "host mx.example.net[192.0.2.25] said: 554 5.7.1 Service unavailable; Client host "
        "[203.0.113.9] blocked using zen.spamhaus.org; "
        "https://www.spamhaus.org/query/ip/203.0.113.9. (in reply to RCPT TO:<a@example.net>)"
    )
    assert reply is not None
    assert (reply.remote_host, reply.remote_ip) == ("mx.example.net", "192.0.2.25")
    assert reply.sender_ip == "203.0.113.9"
    assert reply.addresses == ("a@example.net",)
    assert reply.urls == ("https://www.spamhaus.org/query/ip/203.0.113.9",)


def test_ipv6_sender() -> None:
    reply = parse_reply(
        "550 5.7.1 [2001:db8::25] The IP you're using to send mail is not authorized"
    )
    assert reply is not None
    assert reply.sender_ip == "2001:db8::25"


def test_split_keeps_continuations_together_and_separates_replies() -> None:
    chunks = split_replies(
        "host mx.example.net[192.0.2.25] said:\n"
        "550-5.1.1 first line\n550 5.1.1 second line\n"
        "452 4.2.2 another recipient's mailbox is full\n"
        "    wrapped text of the second reply\n"
    )
    assert len(chunks) == 2
    assert chunks[0].startswith("host mx.example.net")
    assert "second line" in chunks[0]
    assert chunks[1].endswith("wrapped text of the second reply")


def test_a_programs_error_tuple_carries_the_code() -> None:
    # Python's smtplib prints a refusal as a tuple; people paste it as it is.
    reply = parse_reply(
        "smtplib.SMTPRecipientsRefused: {'user@example.org': (550, b'5.1.1 <user@example.org>: "
        "Recipient address rejected: User unknown in virtual mailbox table')}"
    )
    assert reply is not None
    assert (reply.replycode, reply.status) == ("550", "5.1.1")
    # A number in brackets that no quote follows is not a reply code.
    assert parse_reply("the queue held it (550 days) and gave up") is None
