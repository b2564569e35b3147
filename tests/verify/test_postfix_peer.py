"""The real Postfix peer answers what the verifier's tests rely on, word for word.

These talk to it with smtplib only (EHLO, ``MAIL FROM:<>``, RCPT TO, never DATA except to show
that accepted mail goes nowhere), so a failure here is the peer's, not the verifier's.
"""

from __future__ import annotations

import smtplib
import time
import uuid

import pytest

from tests.support.postfix import (
    BANNER,
    BLOCKED,
    BLOCKING_HOST,
    CATCHALL_DOMAIN,
    DOMAIN,
    GREYLISTED,
    KNOWN_USERS,
    PostfixPeer,
    PostfixServer,
)

SPAMHAUS = (
    "Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/query/ip/127.0.0.1"
)


def rcpt_replies(host: str, port: int, *recipients: str) -> list[tuple[int, str]]:
    """One session: EHLO, MAIL FROM:<>, RCPT TO for each recipient, QUIT."""
    with smtplib.SMTP(host, port, local_hostname="verifier.bouncekit.test", timeout=10) as smtp:
        code, _ = smtp.ehlo()
        assert code == 250
        assert smtp.mail("") == (250, b"2.1.0 Ok")
        replies = [smtp.rcpt(recipient) for recipient in recipients]
    return [(code, text.decode()) for code, text in replies]


def test_banner_and_ehlo(postfix_peer: PostfixPeer) -> None:
    host, port = postfix_peer
    assert host == "127.0.0.1"
    smtp = smtplib.SMTP(timeout=10)
    try:
        assert smtp.connect(host, port) == (220, BANNER.encode())
        code, text = smtp.ehlo("verifier.bouncekit.test")
        assert code == 250
        assert text.decode().splitlines()[0] == "mx.example.test"
        for extension in ("pipelining", "size", "enhancedstatuscodes", "8bitmime", "smtputf8"):
            assert smtp.has_extn(extension), extension
        assert smtp.esmtp_features["size"] == "10240000"
        # No STARTTLS: the peer has no certificate.
        assert not smtp.has_extn("starttls")
    finally:
        smtp.quit()


@pytest.mark.parametrize("user", KNOWN_USERS)
def test_known_local_user_is_accepted(postfix_peer: PostfixPeer, user: str) -> None:
    assert rcpt_replies(*postfix_peer, f"{user}@{DOMAIN}") == [(250, "2.1.5 Ok")]


def test_local_part_and_domain_match_without_case(postfix_peer: PostfixPeer) -> None:
    assert rcpt_replies(*postfix_peer, "Alice@Example.TEST") == [(250, "2.1.5 Ok")]


def test_unknown_local_user_is_rejected_at_rcpt(postfix_peer: PostfixPeer) -> None:
    assert rcpt_replies(*postfix_peer, f"nosuchuser@{DOMAIN}") == [
        (
            550,
            "5.1.1 <nosuchuser@example.test>: Recipient address rejected: "
            "User unknown in local recipient table",
        )
    ]


def test_catchall_domain_accepts_every_address(postfix_peer: PostfixPeer) -> None:
    never_existing = f"bk-{uuid.uuid4().hex}@{CATCHALL_DOMAIN}"
    assert rcpt_replies(*postfix_peer, never_existing, f"alice@{CATCHALL_DOMAIN}") == [
        (250, "2.1.5 Ok"),
        (250, "2.1.5 Ok"),
    ]


def test_spamhaus_style_recipient_rule(postfix_peer: PostfixPeer) -> None:
    assert rcpt_replies(*postfix_peer, BLOCKED) == [
        (550, f"5.7.1 <blocked@example.test>: Recipient address rejected: {SPAMHAUS}")
    ]


def test_greylisting_rule_answers_450_every_time(postfix_peer: PostfixPeer) -> None:
    greylisted = (
        450,
        "4.7.1 <grey@example.test>: Recipient address rejected: Greylisted, please try again later",
    )
    assert rcpt_replies(*postfix_peer, GREYLISTED) == [greylisted]
    assert rcpt_replies(*postfix_peer, GREYLISTED) == [greylisted]


def test_other_domains_are_relay_denied(postfix_peer: PostfixPeer) -> None:
    assert rcpt_replies(*postfix_peer, "someone@elsewhere.test") == [
        (554, "5.7.1 <someone@elsewhere.test>: Relay access denied")
    ]


def test_blocking_host_rejects_the_client_for_every_recipient(
    postfix_peer: PostfixPeer,
) -> None:
    _, port = postfix_peer
    client_rejected = (554, f"5.7.1 <unknown[127.0.0.1]>: Client host rejected: {SPAMHAUS}")
    assert rcpt_replies(BLOCKING_HOST, port, f"alice@{DOMAIN}", f"x@{CATCHALL_DOMAIN}") == [
        client_rejected,
        client_rejected,
    ]


def test_every_case_in_one_session(postfix_peer: PostfixPeer) -> None:
    """The verifier sends all of a domain's RCPTs in one session; each keeps its own reply."""
    replies = rcpt_replies(
        *postfix_peer,
        f"alice@{DOMAIN}",
        f"nosuchuser@{DOMAIN}",
        f"anyone@{CATCHALL_DOMAIN}",
        BLOCKED,
        GREYLISTED,
        f"bob@{DOMAIN}",
    )
    assert [code for code, _ in replies] == [250, 550, 250, 550, 450, 250]
    assert replies[1][1].startswith("5.1.1 ")
    assert replies[3][1].startswith("5.7.1 ")
    assert replies[4][1].startswith("4.7.1 ")


def test_accepted_mail_is_discarded(postfix_server: PostfixServer) -> None:
    """Nothing leaves the peer: what it accepts goes to the discard transport."""
    message = "Subject: probe\r\n\r\nnot for delivery\r\n"
    with smtplib.SMTP(postfix_server.host, postfix_server.port, timeout=10) as smtp:
        refused = smtp.sendmail("", [f"alice@{DOMAIN}", f"x@{CATCHALL_DOMAIN}"], message)
    assert refused == {}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        log = postfix_server.log()
        if log.count("status=sent (test peer)") >= 2:
            break
        time.sleep(0.05)
    assert log.count("status=sent (test peer)") == 2, log[-2000:]
    assert "relay=none" in log
    assert "smtp[" not in log  # no SMTP client ever ran
