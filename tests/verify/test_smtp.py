"""The SMTP probe: the sans-IO session with plain data, the reading of replies, and the asyncio
driver against scripted aiosmtpd peers on 127.0.0.x."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bouncekit.replies.model import Command, Verdict
from bouncekit.smtp.reply import Reply
from bouncekit.smtp.route import MailHost, MailRoute, RouteOutcome
from bouncekit.verify.model import VerifyOptions, VerifyReason
from bouncekit.verify.smtp import (
    Close,
    HostLimits,
    Next,
    ProbeOutcome,
    ProbeSession,
    Recipient,
    RecipientAnswered,
    Send,
    SessionFailed,
    StartTLS,
    judge_probe_reply,
    probe_domain,
)
from tests.support import smtp_peers
from tests.support.certificates import self_signed_context
from tests.support.smtp_peers import Peer, Script, free_port, start_peer

# -- the sans-IO session ---------------------------------------------------------------------


def _session(*addresses: str, **kwargs: object) -> ProbeSession:
    recipients = [Recipient(a) for a in addresses]
    return ProbeSession(recipients, helo="verifier.test", mail_from="", **kwargs)  # type: ignore[arg-type]


def _sends(events: Sequence[object]) -> list[str]:
    return [e.command for e in events if isinstance(e, Send)]


def test_session_asks_every_recipient_in_one_transaction_and_quits() -> None:
    session = _session("a@example.test", "b@example.test")
    assert _sends(session.receive("220 mx.example.test ESMTP")) == ["EHLO verifier.test"]
    assert session.receive("250-mx.example.test") == []  # a continuation: the reply goes on
    assert session.receive("250-SIZE 10240000") == []
    assert _sends(session.receive("250 8BITMIME")) == ["MAIL FROM:<>"]
    assert _sends(session.receive("250 2.1.0 Ok")) == ["RCPT TO:<a@example.test>"]
    events = session.receive("550 5.1.1 <a@example.test>: User unknown")
    assert events[0] == RecipientAnswered(
        Recipient("a@example.test"), Reply(550, ("550 5.1.1 <a@example.test>: User unknown",))
    )
    assert _sends(events) == ["RCPT TO:<b@example.test>"]
    assert _sends(session.receive("250 2.1.5 Ok")) == ["QUIT"]
    assert session.receive("221 2.0.0 Bye") == [Close()]
    assert session.done
    assert session.extensions == {"SIZE", "8BITMIME"}
    assert [reply.code for reply in session.answers.values()] == [550, 250]
    assert session.unanswered() == []


def test_session_multi_line_reply_keeps_every_line() -> None:
    session = _session("a@example.test")
    session.receive("220-mx.example.test ESMTP")
    assert session.receive("220-no UCE") == []
    assert _sends(session.receive("220 mx.example.test")) == ["EHLO verifier.test"]
    for line in ("250 mx", "250 Ok"):
        session.receive(line)
    for line in smtp_peers.GMAIL_UNKNOWN.split("\r\n")[:-1]:
        assert session.receive(line) == []
    events = session.receive(smtp_peers.GMAIL_UNKNOWN.split("\r\n")[-1])
    answered = events[0]
    assert isinstance(answered, RecipientAnswered)
    assert answered.reply.code == 550
    assert answered.reply.text == smtp_peers.GMAIL_UNKNOWN.replace("\r\n", "\n")


def test_session_falls_back_to_helo_when_ehlo_is_refused() -> None:
    session = _session("a@example.test")
    session.receive("220 old.example.test")
    assert _sends(session.receive("502 5.5.2 Error: command not recognized")) == [
        "HELO verifier.test"
    ]
    assert _sends(session.receive("250 old.example.test")) == ["MAIL FROM:<>"]


def test_session_upgrades_to_tls_when_offered_and_says_ehlo_again() -> None:
    session = _session("a@example.test")
    session.receive("220 mx")
    session.receive("250-mx")
    assert _sends(session.receive("250 STARTTLS")) == ["STARTTLS"]
    events = session.receive("220 2.0.0 Ready to start TLS")
    assert events == [StartTLS(), Send("EHLO verifier.test")]
    # After the handshake STARTTLS is offered no more (RFC 3207); MAIL follows.
    assert _sends(session.receive("250 mx")) == ["MAIL FROM:<>"]
    assert session.tls


def test_session_without_starttls_wanted_or_refused_goes_on_in_the_clear() -> None:
    plain = _session("a@example.test", starttls=False)
    plain.receive("220 mx")
    plain.receive("250-mx")
    assert _sends(plain.receive("250 STARTTLS")) == ["MAIL FROM:<>"]
    refused = _session("a@example.test")
    refused.receive("220 mx")
    refused.receive("250-mx")
    assert _sends(refused.receive("250 STARTTLS")) == ["STARTTLS"]
    assert _sends(refused.receive("454 4.7.0 TLS not available")) == ["MAIL FROM:<>"]


def test_session_rsets_when_the_transaction_is_full() -> None:
    session = _session("a@x.test", "b@x.test", "c@x.test", per_transaction=2)
    for line in ("220 mx", "250 mx", "250 Ok", "250 Ok"):
        session.receive(line)
    assert _sends(session.receive("250 Ok")) == ["RSET"]  # b answered; a, b filled it
    assert _sends(session.receive("250 Ok")) == ["MAIL FROM:<>"]
    assert _sends(session.receive("250 Ok")) == ["RCPT TO:<c@x.test>"]


def test_session_retries_a_recipient_after_452_too_many_recipients() -> None:
    session = _session("a@x.test", "b@x.test")
    for line in ("220 mx", "250 mx", "250 Ok", "250 Ok"):
        session.receive(line)
    assert _sends(session.receive("452 4.5.3 Error: too many recipients")) == ["RSET"]
    session.receive("250 Ok")
    assert _sends(session.receive("250 Ok")) == ["RCPT TO:<b@x.test>"]
    assert _sends(session.receive("250 Ok")) == ["QUIT"]
    assert session.answers[Recipient("b@x.test")].code == 250


# -- RFC 2920 PIPELINING in the sans-IO session ---------------------------------------------

FULL = "452 4.5.3 Error: too many recipients"


def _pipelining(*addresses: str, **kwargs: object) -> tuple[ProbeSession, list[str]]:
    """A session whose server advertised PIPELINING, and the commands of its first group."""
    session = _session(*addresses, **kwargs)
    for line in ("220 mx", "250-mx.example.test", "250-PIPELINING"):
        session.receive(line)
    return session, _sends(session.receive("250 8BITMIME"))


def _rcpt(*addresses: str) -> list[str]:
    return [f"RCPT TO:<{address}>" for address in addresses]


def _answered(events: Sequence[object]) -> list[tuple[str, int]]:
    return [(e.recipient.address, e.reply.code) for e in events if isinstance(e, RecipientAnswered)]


def test_session_pipelines_mail_and_the_rcpts_of_a_transaction() -> None:
    session, group = _pipelining("a@x.test", "b@x.test", "c@x.test")
    assert group == ["MAIL FROM:<>", *_rcpt("a@x.test", "b@x.test", "c@x.test")]
    assert session.pipelining
    assert session.receive("250 2.1.0 Ok") == []  # MAIL's reply; the RCPT replies follow
    assert session.receive("250 2.1.5 Ok") == [
        RecipientAnswered(Recipient("a@x.test"), Reply(250, ("250 2.1.5 Ok",)))
    ]
    # A multi-line reply in the middle of the group answers the second recipient alone.
    gmail = smtp_peers.GMAIL_UNKNOWN.split("\r\n")
    assert [session.receive(line) for line in gmail[:-1]] == [[]] * (len(gmail) - 1)
    assert session.receive(gmail[-1]) == [
        RecipientAnswered(Recipient("b@x.test"), Reply(550, tuple(gmail)))
    ]
    assert session.receive("250 2.1.5 Ok") == [
        RecipientAnswered(Recipient("c@x.test"), Reply(250, ("250 2.1.5 Ok",))),
        Send("QUIT"),  # sent only once every reply of the group is in
    ]
    assert session.receive("221 2.0.0 Bye") == [Close()]
    assert session.unanswered() == []


def test_session_pipelines_at_most_one_transaction_and_never_past_rset() -> None:
    session, group = _pipelining("a@x.test", "b@x.test", "c@x.test", per_transaction=2)
    assert group == ["MAIL FROM:<>", *_rcpt("a@x.test", "b@x.test")]
    assert session.receive("250 Ok") == []
    assert _sends(session.receive("250 Ok")) == []
    assert _sends(session.receive("250 Ok")) == ["RSET"]
    assert _sends(session.receive("250 Ok")) == ["MAIL FROM:<>", *_rcpt("c@x.test")]


def test_session_asks_again_in_a_new_transaction_whom_a_full_one_refused() -> None:
    everyone = ("a@x.test", "b@x.test", "c@x.test", "d@x.test")
    session, group = _pipelining(*everyone)
    assert group == ["MAIL FROM:<>", *_rcpt(*everyone)]
    events = [
        e for line in ("250 Ok", "250 Ok", "250 Ok", FULL, FULL) for e in session.receive(line)
    ]
    # RFC 5321 4.5.3.1.10: c and d are not answered by "too many recipients" but asked again.
    assert _answered(events) == [("a@x.test", 250), ("b@x.test", 250)]
    assert _sends(events) == ["RSET"]
    assert _sends(session.receive("250 Ok")) == ["MAIL FROM:<>", *_rcpt("c@x.test", "d@x.test")]
    events = [e for line in ("250 Ok", "250 Ok", FULL) for e in session.receive(line)]
    # Each is asked again once: a second "too many" for d is its answer.
    assert _answered(events) == [("c@x.test", 250), ("d@x.test", 452)]
    assert _sends(events) == ["QUIT"]
    assert session.unanswered() == []


def test_session_takes_too_many_recipients_for_the_first_rcpt_as_its_answer() -> None:
    # A transaction that is full at its first RCPT would be full again after RSET.
    session, _ = _pipelining("a@x.test", "b@x.test")
    events = [e for line in ("250 Ok", FULL, "250 Ok") for e in session.receive(line)]
    assert _answered(events) == [("a@x.test", 452), ("b@x.test", 250)]
    assert _sends(events) == ["QUIT"]


def test_session_pipelines_when_the_ehlo_after_starttls_advertises_it() -> None:
    session = _session("a@x.test", "b@x.test")
    for line in ("220 mx", "250-mx", "250 STARTTLS", "220 2.0.0 Ready to start TLS", "250-mx"):
        session.receive(line)
    assert _sends(session.receive("250 PIPELINING")) == [
        "MAIL FROM:<>",
        *_rcpt("a@x.test", "b@x.test"),
    ]


@pytest.mark.parametrize(
    ("opening", "commands"),
    [
        pytest.param(["250-mx", "250 8BITMIME"], ["EHLO verifier.test"], id="not-advertised"),
        pytest.param(
            ["502 5.5.2 Error: command not recognized", "250 mx"],
            ["EHLO verifier.test", "HELO verifier.test"],
            id="helo",
        ),
        pytest.param(
            # The extensions after STARTTLS are the second EHLO's (RFC 3207 4.2).
            ["250-mx", "250-PIPELINING", "250 STARTTLS", "220 Ready", "250 mx"],
            ["EHLO verifier.test", "STARTTLS", "EHLO verifier.test"],
            id="not-after-starttls",
        ),
    ],
)
def test_session_without_pipelining_sends_one_command_per_reply(
    opening: list[str], commands: list[str]
) -> None:
    session = _session("a@x.test", "b@x.test", "c@x.test", per_transaction=2)
    sent: list[list[str]] = []
    for line in ["220 mx", *opening, *["250 Ok"] * 6, "221 Bye"]:
        sent.append(_sends(session.receive(line)))
    assert all(len(group) <= 1 for group in sent)
    assert [command for group in sent for command in group] == [
        *commands,
        "MAIL FROM:<>",
        *_rcpt("a@x.test", "b@x.test"),
        "RSET",
        "MAIL FROM:<>",
        *_rcpt("c@x.test"),
        "QUIT",
    ]
    assert not session.pipelining
    assert session.done
    assert session.unanswered() == []


def test_session_reads_and_drops_the_rcpt_replies_after_a_refused_pipelined_mail() -> None:
    session, _ = _pipelining("a@x.test", "b@x.test")
    refusal = "553 5.1.8 <>: Sender address rejected: Domain not found"
    assert session.receive(refusal) == [SessionFailed(Command.MAIL, Reply(553, (refusal,)))]
    assert session.receive("503 5.5.1 Error: need MAIL command") == []
    assert session.receive("503 5.5.1 Error: need MAIL command") == [Send("QUIT")]
    assert session.receive("221 2.0.0 Bye") == [Close()]
    assert session.answers == {}
    assert session.unanswered() == [Recipient("a@x.test"), Recipient("b@x.test")]
    assert session.failure == SessionFailed(Command.MAIL, Reply(553, (refusal,)))


def test_session_keeps_the_mail_refusal_when_421_follows_it() -> None:
    session, _ = _pipelining("a@x.test", "b@x.test")
    session.receive("550 5.7.1 Sender rejected by policy")
    assert session.receive("421 4.7.0 Error: too many errors") == [Close()]
    assert session.done
    assert session.failure is not None
    assert (session.failure.stage, session.failure.reply.code) == (Command.MAIL, 550)


@pytest.mark.parametrize(
    "ending", ["421 4.3.2 Service shutting down", "HTTP/1.1 400 Bad Request", None]
)
def test_session_ended_in_the_middle_of_a_group_leaves_the_rest_unanswered(
    ending: str | None,
) -> None:
    session, _ = _pipelining("a@x.test", "b@x.test", "c@x.test")
    session.receive("250 Ok")
    session.receive("250 Ok")
    if ending is None:
        session.connection_lost()
    else:
        assert session.receive(ending)[-1] == Close()  # no QUIT after 421 (RFC 5321 3.8)
    assert session.done
    assert list(session.answers) == [Recipient("a@x.test")]
    assert session.unanswered() == [Recipient("b@x.test"), Recipient("c@x.test")]


@pytest.mark.parametrize(
    ("lines", "stage"),
    [
        (["554 5.7.1 blocked using zen.spamhaus.org"], Command.CONNECT),
        (["220 mx", "421 4.7.0 too many connections"], Command.EHLO),
        (["220 mx", "550 no", "550 no"], Command.HELO),
        (["220 mx", "250 mx", "553 5.1.8 sender refused"], Command.MAIL),
    ],
)
def test_session_refused_before_rcpt_leaves_every_recipient_unanswered(
    lines: list[str], stage: Command
) -> None:
    session = _session("a@x.test")
    events: list[object] = []
    for line in lines:
        events = list(session.receive(line))
    assert session.failure is not None
    assert session.failure.stage is stage
    assert isinstance(events[0], SessionFailed)
    # 421 closes at once (RFC 5321 3.8); other refusals are followed by QUIT.
    assert events[-1] == (Close() if lines[-1].startswith("421") else Send("QUIT"))
    assert session.unanswered() == [Recipient("a@x.test")]


def test_session_line_that_is_no_reply_is_a_protocol_error() -> None:
    session = _session("a@x.test")
    assert session.receive("HTTP/1.1 400 Bad Request") == [Close()]
    assert session.error is not None
    assert "no SMTP reply" in session.error


def test_session_needs_a_recipient() -> None:
    with pytest.raises(ValueError, match="at least one recipient"):
        ProbeSession([], helo="h", mail_from="")


# -- reading replies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "stage", "verdict", "reason", "next_step"),
    [
        ("250 2.1.5 Ok", Command.RCPT, Verdict.DELIVERABLE, VerifyReason.ACCEPTED, Next.FINAL),
        ("251 2.1.5 User not local; will forward", Command.RCPT, Verdict.DELIVERABLE,
         VerifyReason.ACCEPTED, Next.FINAL),
        (smtp_peers.UNKNOWN_USER, Command.RCPT, Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND,
         Next.FINAL),
        (smtp_peers.GMAIL_UNKNOWN, Command.RCPT, Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND,
         Next.FINAL),
        (smtp_peers.MAILBOX_FULL, Command.RCPT, Verdict.RISKY, VerifyReason.MAILBOX_FULL,
         Next.FINAL),
        ("552 5.2.2 Mailbox full", Command.RCPT, Verdict.RISKY, VerifyReason.MAILBOX_FULL,
         Next.FINAL),
        (smtp_peers.DISABLED, Command.RCPT, Verdict.INVALID, VerifyReason.DISABLED, Next.FINAL),
        (smtp_peers.GREYLISTED, Command.RCPT, Verdict.UNKNOWN, VerifyReason.GREYLISTED,
         Next.GREYLISTED),
        ("451 4.7.1 Please try again later", Command.RCPT, Verdict.UNKNOWN,
         VerifyReason.GREYLISTED, Next.GREYLISTED),
        (smtp_peers.TOO_MANY_CONNECTIONS, Command.CONNECT, Verdict.UNKNOWN,
         VerifyReason.BLOCKED_VERIFIER, Next.BUSY),
        (smtp_peers.SPAMHAUS, Command.RCPT, Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER,
         Next.FINAL),
        (smtp_peers.SPAMHAUS, Command.CONNECT, Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER,
         Next.FINAL),
        ("550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.9]",
         Command.RCPT, Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER, Next.FINAL),
        ("550 5.1.1 too many recipients this hour", Command.RCPT, Verdict.UNKNOWN,
         VerifyReason.BLOCKED_VERIFIER, Next.FINAL),
        ("553 5.1.8 <>: Sender address rejected: Domain not found", Command.MAIL,
         Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER, Next.FINAL),
        # A 5.1.1 at MAIL FROM is about the verifier's sender, not the mailbox.
        ("550 5.1.1 <probe@verifier.test>: Sender address rejected: User unknown", Command.MAIL,
         Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER, Next.FINAL),
        ("451 4.3.0 Temporary failure", Command.RCPT, Verdict.UNKNOWN, VerifyReason.SMTP_ERROR,
         Next.FINAL),
    ],
)  # fmt: skip
def test_judge_probe_reply(
    line: str, stage: Command, verdict: Verdict, reason: VerifyReason, next_step: Next
) -> None:
    lines = tuple(line.replace("{address}", "someone@example.test").split("\r\n"))
    judgement = judge_probe_reply(Reply(int(line[:3]), lines), stage)
    assert (judgement.verdict, judgement.reason, judgement.next) == (verdict, reason, next_step)


def test_judge_probe_reply_reads_the_servers_retry_delay() -> None:
    reply = Reply(450, ("450 4.7.1 Greylisted, try again in 2 minutes",))
    assert judge_probe_reply(reply, Command.RCPT).retry_after == 120.0


# -- the driver against scripted peers ------------------------------------------------------

DOMAIN = "example.test"


class Peers:
    """Peers of one test: each on its own 127.0.0.x, all on one port."""

    def __init__(self, tmp_path: Path) -> None:
        self.port = free_port()
        self.tmp_path = tmp_path
        self.started: list[Peer] = []

    def start(self, host: str, script: Script, *, tls: bool = False) -> Peer:
        context = None
        if tls:
            context = self_signed_context(self.tmp_path)
        peer = start_peer(host, self.port, script, tls_context=context)
        self.started.append(peer)
        return peer

    def options(self, **changes: object) -> VerifyOptions:
        settings: dict[str, object] = {
            "smtp_port": self.port,
            "allow_private": True,
            "connect_timeout": 1.0,
            "command_timeout": 1.0,
            "greylist_retry_after": 0.05,
            "greylist_max_wait": 0.5,
            "helo": "verifier.test",
            "mail_from": "probe@verifier.test",
        }
        settings.update(changes)
        return VerifyOptions(**settings)  # type: ignore[arg-type]


@pytest.fixture
def peers(tmp_path: Path) -> Iterator[Peers]:
    started = Peers(tmp_path)
    yield started
    for peer in started.started:
        peer.stop()
    for peer in started.started:
        assert peer.handler.data == 0, "the probe must never send DATA"


def route(*addresses: str, domain: str = DOMAIN) -> MailRoute:
    hosts = tuple(
        MailHost(f"mx{number}.{domain}", number * 10, (address,))
        for number, address in enumerate(addresses, start=1)
    )
    return MailRoute(domain, RouteOutcome.OK, hosts, False, "")


def probe(
    mail_route: MailRoute,
    addresses: Sequence[str],
    options: VerifyOptions,
    *,
    busy_backoff: Sequence[float] = (0.05, 0.05),
) -> list[ProbeOutcome]:
    async def run() -> list[ProbeOutcome]:
        limits = HostLimits(options, busy_backoff=busy_backoff)
        return await probe_domain(mail_route, addresses, options, limits)

    return asyncio.run(run())


def verdicts(outcomes: list[ProbeOutcome]) -> dict[str, tuple[Verdict, VerifyReason]]:
    return {o.address: (o.verdict, o.reason) for o in outcomes}


ALICE, BOB, NOBODY = "alice@example.test", "bob@example.test", "nobody@example.test"
# The aiosmtpd tests that take ``pipelining`` run once with a peer that advertises PIPELINING
# (RFC 2920) and once without: the outcomes must be the same.


@pytest.mark.parametrize("pipelining", [False, True], ids=["lockstep", "pipelining"])
def test_unknown_user_is_invalid_and_one_session_asks_for_every_address(
    peers: Peers, pipelining: bool
) -> None:
    peer = peers.start(
        "127.0.0.31", Script(rcpt=smtp_peers.mailboxes(ALICE, BOB), pipelining=pipelining)
    )
    outcomes = probe(route("127.0.0.31"), [ALICE, NOBODY, BOB], peers.options())
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        NOBODY: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
        BOB: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
    }
    assert outcomes[1].reply is not None
    assert outcomes[1].reply.startswith("550 5.1.1 <nobody@example.test>")
    handler = peer.handler
    assert handler.connections == 1
    assert handler.mails == ["probe@verifier.test"]
    assert handler.rcpts_to({ALICE, BOB, NOBODY}) == [ALICE, NOBODY, BOB]
    (random_address,) = handler.rcpts_not_to({ALICE, BOB, NOBODY})  # the catch-all probe
    assert random_address.endswith("@example.test")
    assert handler.helos == ["EHLO verifier.test"]


def test_catch_all_domain_makes_accepted_addresses_risky(peers: Peers) -> None:
    peer = peers.start("127.0.0.32", Script())
    outcomes = probe(route("127.0.0.32"), [ALICE, BOB], peers.options())
    assert verdicts(outcomes) == {
        ALICE: (Verdict.RISKY, VerifyReason.CATCH_ALL),
        BOB: (Verdict.RISKY, VerifyReason.CATCH_ALL),
    }
    assert "accepts every address" in outcomes[0].detail
    assert len(peer.handler.rcpts_not_to({ALICE, BOB})) == 1  # one probe for the domain


def test_catch_all_probe_can_be_turned_off(peers: Peers) -> None:
    peer = peers.start("127.0.0.32", Script())
    outcomes = probe(route("127.0.0.32"), [ALICE], peers.options(catch_all_probe=False))
    assert verdicts(outcomes) == {ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)}
    assert peer.handler.rcpts == [ALICE]


@pytest.mark.parametrize("pipelining", [False, True], ids=["lockstep", "pipelining"])
def test_many_addresses_share_sessions_up_to_the_session_limit(
    peers: Peers, pipelining: bool
) -> None:
    peer = peers.start("127.0.0.33", Script(rcpt=smtp_peers.mailboxes(), pipelining=pipelining))
    addresses = [f"user{n}@example.test" for n in range(25)]
    outcomes = probe(route("127.0.0.33"), addresses, peers.options(session_limit=10))
    assert {o.reason for o in outcomes} == {VerifyReason.MAILBOX_NOT_FOUND}
    # 25 addresses and the catch-all probe in sessions of at most 10: three sessions.
    assert peer.handler.connections == 3
    assert sorted(peer.handler.rcpts_to(set(addresses))) == sorted(addresses)
    assert len(peer.handler.rcpts_not_to(set(addresses))) == 1


def test_duplicate_addresses_are_asked_once(peers: Peers) -> None:
    peer = peers.start("127.0.0.33", Script(rcpt=smtp_peers.mailboxes(ALICE)))
    outcomes = probe(route("127.0.0.33"), [ALICE, ALICE], peers.options(catch_all_probe=False))
    assert [o.address for o in outcomes] == [ALICE, ALICE]
    assert peer.handler.rcpts == [ALICE]


@pytest.mark.parametrize("pipelining", [False, True], ids=["lockstep", "pipelining"])
def test_greylisting_that_clears_on_the_second_try(peers: Peers, pipelining: bool) -> None:
    peer = peers.start(
        "127.0.0.34",
        Script(
            rcpt=smtp_peers.greylisting(2, then=smtp_peers.mailboxes(ALICE)),
            pipelining=pipelining,
        ),
    )
    started = time.monotonic()
    outcomes = probe(route("127.0.0.34"), [ALICE, NOBODY], peers.options())
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        NOBODY: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
    }
    assert time.monotonic() - started >= 0.05  # it waited before asking again
    assert peer.handler.connections == 2
    assert peer.handler.attempts[ALICE] == 2


def test_greylisting_that_never_clears_is_unknown_after_the_wait(peers: Peers) -> None:
    peer = peers.start("127.0.0.35", Script(rcpt=smtp_peers.greylisting(None)))
    options = peers.options(greylist_retry_after=0.1, greylist_max_wait=0.35)
    started = time.monotonic()
    outcomes = probe(route("127.0.0.35"), [ALICE], options)
    assert verdicts(outcomes) == {ALICE: (Verdict.UNKNOWN, VerifyReason.GREYLISTED)}
    # Asked at 0, 0.1, 0.2 and 0.3 s; a fourth wait would pass 0.35 s.
    assert peer.handler.connections == 4
    assert 0.3 <= time.monotonic() - started < 2.0
    assert "Still greylisted after waiting 0.3 s" in outcomes[0].detail


def test_too_many_connections_backs_off_then_succeeds(peers: Peers) -> None:
    def first_refused(number: int) -> str | None:
        return smtp_peers.TOO_MANY_CONNECTIONS if number == 1 else None

    peer = peers.start(
        "127.0.0.36", Script(rcpt=smtp_peers.mailboxes(ALICE), greeting=first_refused)
    )
    outcomes = probe(route("127.0.0.36"), [ALICE], peers.options())
    assert verdicts(outcomes) == {ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)}
    assert peer.handler.connections == 2


def test_a_server_that_stays_busy_is_unknown_after_bounded_retries(peers: Peers) -> None:
    peer = peers.start(
        "127.0.0.36", Script(greeting=lambda number: smtp_peers.TOO_MANY_CONNECTIONS)
    )
    outcomes = probe(route("127.0.0.36"), [ALICE], peers.options(), busy_backoff=(0.02, 0.02))
    assert verdicts(outcomes) == {ALICE: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER)}
    assert peer.handler.connections == 3  # the first and one per backoff step
    assert "stayed busy" in outcomes[0].detail


def test_slow_banner_beyond_the_timeout_is_unknown_timeout(peers: Peers) -> None:
    peers.start("127.0.0.37", Script(greeting_delay=2.0))
    started = time.monotonic()
    outcomes = probe(route("127.0.0.37"), [ALICE], peers.options(command_timeout=0.3))
    assert verdicts(outcomes) == {ALICE: (Verdict.UNKNOWN, VerifyReason.TIMEOUT)}
    assert "did not answer the greeting within 0.3 s" in outcomes[0].detail
    assert time.monotonic() - started < 1.5


def test_a_server_that_never_answers_does_not_hang_the_verifier(peers: Peers) -> None:
    peer = peers.start("127.0.0.38", Script(hang=True))
    started = time.monotonic()
    outcomes = probe(route("127.0.0.38"), [ALICE, BOB], peers.options(command_timeout=0.3))
    assert verdicts(outcomes) == {
        ALICE: (Verdict.UNKNOWN, VerifyReason.TIMEOUT),
        BOB: (Verdict.UNKNOWN, VerifyReason.TIMEOUT),
    }
    assert peer.handler.connections == 1
    assert time.monotonic() - started < 1.5


def test_multi_line_replies_are_read_whole(peers: Peers) -> None:
    peers.start(
        "127.0.0.39",
        Script(
            rcpt=smtp_peers.mailboxes(ALICE, otherwise=smtp_peers.GMAIL_UNKNOWN),
            greeting_lines=("mx.example.test ESMTP", "no unsolicited mail"),
        ),
    )
    outcomes = probe(route("127.0.0.39"), [ALICE, NOBODY], peers.options(transcript=True))
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        NOBODY: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
    }
    assert outcomes[1].reply == smtp_peers.GMAIL_UNKNOWN.replace("\r\n", "\n")
    transcript = outcomes[0].transcript
    assert transcript[0].startswith("* connected to mx1.example.test [127.0.0.39]")
    assert "< 220-no unsolicited mail" in transcript
    assert "> RCPT TO:<alice@example.test>" in transcript
    assert not any("DATA" in line for line in transcript)


def test_no_transcript_unless_asked(peers: Peers) -> None:
    peers.start("127.0.0.39", Script())
    (outcome,) = probe(route("127.0.0.39"), [ALICE], peers.options())
    assert outcome.transcript == ()


@pytest.mark.parametrize("pipelining", [False, True], ids=["lockstep", "pipelining"])
def test_starttls_is_used_when_offered(peers: Peers, pipelining: bool) -> None:
    peer = peers.start(
        "127.0.0.40", Script(rcpt=smtp_peers.mailboxes(ALICE), pipelining=pipelining), tls=True
    )
    outcomes = probe(route("127.0.0.40"), [ALICE, NOBODY], peers.options(transcript=True))
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        NOBODY: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
    }
    assert peer.handler.tls_ehlos == 1  # EHLO again over TLS, and the rest with it
    assert peer.handler.connections == 1
    assert "* TLS handshake" in outcomes[0].transcript


def test_spamhaus_block_at_rcpt_is_never_invalid(peers: Peers) -> None:
    peers.start("127.0.0.41", Script(rcpt=smtp_peers.every(smtp_peers.SPAMHAUS)))
    outcomes = probe(route("127.0.0.41"), [ALICE, NOBODY], peers.options())
    assert verdicts(outcomes) == {
        ALICE: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER),
        NOBODY: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER),
    }
    assert outcomes[0].reply == smtp_peers.SPAMHAUS
    assert "aimed at the verifier" in outcomes[0].detail


def test_spamhaus_block_at_connect_and_refused_sender_are_blocked_verifier(
    peers: Peers,
) -> None:
    peers.start("127.0.0.42", Script(greeting=lambda number: smtp_peers.SPAMHAUS))
    at_connect = probe(route("127.0.0.42"), [ALICE], peers.options())
    assert verdicts(at_connect) == {ALICE: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER)}
    peers.start("127.0.0.43", Script(mail="550 5.7.1 Sender rejected by policy"))
    at_mail = probe(route("127.0.0.43"), [ALICE], peers.options())
    assert verdicts(at_mail) == {ALICE: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER)}


def test_mailbox_full_is_risky(peers: Peers) -> None:
    peers.start("127.0.0.44", Script(rcpt=smtp_peers.mailboxes(otherwise=smtp_peers.MAILBOX_FULL)))
    outcomes = probe(route("127.0.0.44"), [ALICE], peers.options())
    assert verdicts(outcomes) == {ALICE: (Verdict.RISKY, VerifyReason.MAILBOX_FULL)}


def test_disabled_account_is_invalid(peers: Peers) -> None:
    peers.start("127.0.0.45", Script(rcpt=smtp_peers.mailboxes(otherwise=smtp_peers.DISABLED)))
    outcomes = probe(route("127.0.0.45"), [ALICE], peers.options())
    assert verdicts(outcomes) == {ALICE: (Verdict.INVALID, VerifyReason.DISABLED)}


def test_helo_follows_a_refused_ehlo(peers: Peers) -> None:
    peer = peers.start(
        "127.0.0.46",
        Script(rcpt=smtp_peers.mailboxes(ALICE), ehlo="502 5.5.2 Error: command not recognized"),
    )
    outcomes = probe(route("127.0.0.46"), [ALICE], peers.options())
    assert verdicts(outcomes) == {ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)}
    assert peer.handler.helos == ["EHLO verifier.test", "HELO verifier.test"]


def test_connect_failure_moves_to_the_next_mx_host(peers: Peers) -> None:
    # Nothing listens on 127.0.0.47: the connection is refused, mx2 answers.
    peer = peers.start("127.0.0.48", Script(rcpt=smtp_peers.mailboxes(ALICE)))
    outcomes = probe(route("127.0.0.47", "127.0.0.48"), [ALICE], peers.options(transcript=True))
    assert verdicts(outcomes) == {ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)}
    assert peer.handler.connections == 1
    assert outcomes[0].transcript[0].startswith("* connected to mx2.example.test")


def test_no_host_accepting_a_connection_is_unknown(peers: Peers) -> None:
    outcomes = probe(route("127.0.0.47"), [ALICE], peers.options())
    assert verdicts(outcomes) == {ALICE: (Verdict.UNKNOWN, VerifyReason.SMTP_ERROR)}
    assert "Connecting to mx1.example.test [127.0.0.47]" in outcomes[0].detail


def test_private_addresses_are_refused_unless_allowed(peers: Peers) -> None:
    peer = peers.start("127.0.0.49", Script())
    outcomes = probe(route("127.0.0.49"), [ALICE], peers.options(allow_private=False))
    assert verdicts(outcomes) == {ALICE: (Verdict.UNKNOWN, VerifyReason.SMTP_ERROR)}
    assert "private, loopback or link-local" in outcomes[0].detail
    assert peer.handler.connections == 0


def test_per_host_limit_holds_across_domains(peers: Peers) -> None:
    peer = peers.start("127.0.0.50", Script(greeting_delay=0.05))
    options = peers.options(per_host=1, catch_all_probe=False)

    async def run() -> list[list[ProbeOutcome]]:
        limits = HostLimits(options)
        return await asyncio.gather(
            *(
                probe_domain(
                    route("127.0.0.50", domain=f"d{n}.test"), [f"a@d{n}.test"], options, limits
                )
                for n in range(4)
            )
        )

    results = asyncio.run(run())
    assert all(r[0].verdict is Verdict.DELIVERABLE for r in results)
    assert peer.handler.connections == 4
    assert peer.handler.most_open == 1


@pytest.mark.parametrize(
    ("outcome", "verdict", "reason"),
    [
        (RouteOutcome.NULL_MX, Verdict.INVALID, VerifyReason.NULL_MX),
        (RouteOutcome.NO_DOMAIN, Verdict.INVALID, VerifyReason.NO_MX),
        (RouteOutcome.NO_MAIL_HOST, Verdict.INVALID, VerifyReason.NO_MX),
        (RouteOutcome.DNS_ERROR, Verdict.UNKNOWN, VerifyReason.DNS_ERROR),
    ],
)
def test_routes_without_a_mail_host_are_answered_without_smtp(
    outcome: RouteOutcome, verdict: Verdict, reason: VerifyReason
) -> None:
    mail_route = MailRoute(DOMAIN, outcome, (), False, "What the DNS said.")
    (result,) = probe(mail_route, [ALICE], VerifyOptions())
    assert (result.verdict, result.reason, result.detail) == (verdict, reason, "What the DNS said.")


def test_connections_go_through_a_socks5_proxy(peers: Peers) -> None:
    peer = peers.start("127.0.0.51", Script(rcpt=smtp_peers.mailboxes(ALICE)))

    async def run() -> tuple[list[ProbeOutcome], list[tuple[str, int]]]:
        proxy = await smtp_peers.Socks5Proxy().start()
        try:
            options = peers.options(proxy=f"socks5://127.0.0.1:{proxy.port}")
            outcomes = await probe_domain(
                route("127.0.0.51"), [ALICE, NOBODY], options, HostLimits(options)
            )
        finally:
            await proxy.stop()
        return outcomes, proxy.targets

    outcomes, targets = asyncio.run(run())
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        NOBODY: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
    }
    assert targets == [("127.0.0.51", peers.port)]
    assert peer.handler.connections == 1


def test_a_proxy_that_is_down_is_a_connect_failure(peers: Peers) -> None:
    options = peers.options(proxy=f"socks5://127.0.0.1:{free_port()}")
    outcomes = probe(route("127.0.0.52"), [ALICE], options)
    assert verdicts(outcomes) == {ALICE: (Verdict.UNKNOWN, VerifyReason.SMTP_ERROR)}
    assert "Connecting to mx1.example.test [127.0.0.52]" in outcomes[0].detail


def test_a_failed_tls_handshake_is_retried_in_the_clear(peers: Peers) -> None:
    """A server that offers STARTTLS, says 220, then speaks no TLS (a broken middlebox)."""
    connections: list[list[str]] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen: list[str] = []
        connections.append(seen)
        writer.write(b"220 broken.example.test ESMTP\r\n")
        while line := (await reader.readline()).decode().strip():
            seen.append(line)
            if line.startswith("EHLO"):
                writer.write(b"250-broken.example.test\r\n250 STARTTLS\r\n")
            elif line == "STARTTLS":
                writer.write(b"220 Go ahead\r\nthis is not a TLS handshake\r\n")
            elif line == "QUIT":
                writer.write(b"221 Bye\r\n")
            else:
                writer.write(b"250 Ok\r\n")
            await writer.drain()
        writer.close()

    async def run() -> list[ProbeOutcome]:
        server = await asyncio.start_server(serve, "127.0.0.53", peers.port)
        try:
            options = peers.options(transcript=True, catch_all_probe=False)
            return await probe_domain(route("127.0.0.53"), [ALICE], options, HostLimits(options))
        finally:
            server.close()

    (outcome,) = asyncio.run(run())
    assert (outcome.verdict, outcome.reason) == (Verdict.DELIVERABLE, VerifyReason.ACCEPTED)
    assert len(connections) == 2
    assert "STARTTLS" in connections[0]
    assert connections[1] == ["EHLO verifier.test", "MAIL FROM:<probe@verifier.test>",
                              f"RCPT TO:<{ALICE}>", "QUIT"]  # fmt: skip
    assert any(line.startswith("* TLS failed") for line in outcome.transcript)


# -- RFC 2920 PIPELINING against peers -------------------------------------------------------


def _grouping_probe(
    peer: smtp_peers.GroupingPeer, host: str, addresses: list[str], options: VerifyOptions
) -> list[ProbeOutcome]:
    async def run() -> list[ProbeOutcome]:
        await peer.start(host, options.smtp_port)
        try:
            return await probe_domain(route(host), addresses, options, HostLimits(options))
        finally:
            await peer.stop()

    return asyncio.run(run())


def test_pipelined_commands_all_arrive_before_any_reply(peers: Peers) -> None:
    # The peer answers MAIL and the three RCPTs only once all four are in: a client that waited
    # for MAIL's reply first would time out instead.
    peer = smtp_peers.GroupingPeer(groups=(4,), rcpt=smtp_peers.mailboxes(ALICE), delay=0.02)
    options = peers.options(catch_all_probe=False)
    outcomes = _grouping_probe(peer, "127.0.0.54", [ALICE, NOBODY, BOB], options)
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        NOBODY: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
        BOB: (Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND),
    }
    group = ["MAIL FROM:<probe@verifier.test>", *_rcpt(ALICE, NOBODY, BOB)]
    assert peer.commands() == ["EHLO verifier.test", *group, "QUIT"]
    assert max(peer.arrived(c) for c in group) < min(peer.answered(c) for c in group)
    assert peer.arrived("QUIT") > peer.answered(f"RCPT TO:<{BOB}>")  # QUIT waits for them


def test_a_server_without_pipelining_gets_one_command_at_a_time(peers: Peers) -> None:
    peer = smtp_peers.GroupingPeer(extensions=("8BITMIME",), delay=0.02)
    options = peers.options(catch_all_probe=False)
    outcomes = _grouping_probe(peer, "127.0.0.55", [ALICE, BOB], options)
    assert verdicts(outcomes) == {
        ALICE: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
        BOB: (Verdict.DELIVERABLE, VerifyReason.ACCEPTED),
    }
    assert peer.commands() == [
        "EHLO verifier.test", "MAIL FROM:<probe@verifier.test>", *_rcpt(ALICE, BOB), "QUIT",
    ]  # fmt: skip
    # Every command after the first was sent only once the one before it was answered.
    arrivals = [at for at, _ in peer.received]
    answers = [at for at, _ in peer.replied]
    assert all(arrival > answer for arrival, answer in zip(arrivals[1:], answers[:-1], strict=True))


def test_too_many_recipients_in_a_pipelined_group_are_asked_again(peers: Peers) -> None:
    carol = "carol@example.test"
    # At most two recipients a transaction: the third of the group gets 452 4.5.3, RSET, and a
    # second group (MAIL and RCPT) asks for it again.
    peer = smtp_peers.GroupingPeer(groups=(4, 2), max_recipients=2)
    options = peers.options(catch_all_probe=False)
    outcomes = _grouping_probe(peer, "127.0.0.56", [ALICE, BOB, carol], options)
    assert {o.reason for o in outcomes} == {VerifyReason.ACCEPTED}
    mail = "MAIL FROM:<probe@verifier.test>"
    assert peer.commands() == [
        "EHLO verifier.test", mail, *_rcpt(ALICE, BOB, carol), "RSET", mail, *_rcpt(carol), "QUIT",
    ]  # fmt: skip


def test_a_refused_pipelined_mail_is_blocked_verifier_and_its_rcpt_replies_are_read(
    peers: Peers,
) -> None:
    peer = peers.start(
        "127.0.0.57", Script(mail="550 5.7.1 Sender rejected by policy", pipelining=True)
    )
    outcomes = probe(route("127.0.0.57"), [ALICE, BOB], peers.options(transcript=True))
    assert verdicts(outcomes) == {
        ALICE: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER),
        BOB: (Verdict.UNKNOWN, VerifyReason.BLOCKED_VERIFIER),
    }
    assert outcomes[0].reply == "550 5.7.1 Sender rejected by policy"
    transcript = outcomes[0].transcript
    # Both RCPTs and the catch-all probe went out with MAIL; aiosmtpd answered each 503, and
    # QUIT came after the last of them.
    assert sum(1 for line in transcript if line.startswith("> RCPT TO:")) == 3
    assert sum(1 for line in transcript if line.startswith("< 503")) == 3
    assert transcript.index("> QUIT") > max(
        i for i, line in enumerate(transcript) if line.startswith("< 503")
    )
    assert peer.handler.rcpts == []  # aiosmtpd refuses RCPT without MAIL before the hook
