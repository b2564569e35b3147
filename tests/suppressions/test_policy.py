"""Each rule of the suppression policy, on events the engine judged from real reply texts."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from bouncekit.bounces import parse_bounce
from bouncekit.events.model import BounceEvent
from bouncekit.replies.model import Owner
from bouncekit.suppressions.policy import (
    Policy,
    PriorEvent,
    SuppressionReason,
    address_key,
    decide,
)
from tests.bounces.messages import dsn

NOW = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
DAY = datetime.timedelta(days=1)


def judged(reply: str, recipient: str = "user@example.net") -> BounceEvent:
    (record,) = parse_bounce(dsn(recipient, reply)).records
    return record


def prior(days_ago: int, *, owner: Owner = Owner.RECIPIENT, delivered: bool = False) -> PriorEvent:
    return PriorEvent(NOW - days_ago * DAY, owner, delivered=delivered, delayed=False)


@pytest.mark.parametrize(
    "reply",
    [
        "550 5.1.1 <{recipient}>: Recipient address rejected: User unknown in local "
        "recipient table",
        "550-5.1.1 The email account that you tried to reach does not exist. - gsmtp",
        "550 5.1.2 Host unknown (Name server: example.net: host not found)",
    ],
)
def test_a_permanent_failure_that_says_the_address_is_gone_suppresses_for_good(
    reply: str,
) -> None:
    decision = decide(judged(reply), [], NOW)
    assert decision.suppress
    assert decision.reason is SuppressionReason.HARD
    assert decision.expires_at is None


@pytest.mark.parametrize(
    "reply",
    [
        "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org",
        "550 5.7.26 Unauthenticated email from example.org is not accepted due to domain's "
        "DMARC policy. - gsmtp",
        "421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating "
        "from your IP address. - gsmtp",
        "550 5.7.1 Relaying denied",
        "554 5.7.1 Message rejected as spam by Content Filtering.",
    ],
)
def test_a_failure_of_the_sender_or_the_message_never_suppresses(reply: str) -> None:
    event = judged(reply)
    assert event.owner is not Owner.RECIPIENT
    history = [prior(days) for days in (1, 2, 3, 4)]  # however often it happened
    decision = decide(event, history, NOW)
    assert not decision.suppress
    assert "never suppresses" in decision.why


def test_a_complaint_suppresses_for_good() -> None:
    event = dataclasses.replace(judged("550 5.1.1 User unknown"), feedback_type="abuse")
    decision = decide(event, [], NOW)
    assert decision.reason is SuppressionReason.COMPLAINT
    assert decision.expires_at is None


def test_a_reply_judged_only_risky_counts_toward_the_threshold_instead() -> None:
    event = judged("550 5.5.0 Requested action not taken: mailbox unavailable")
    assert not decide(event, [], NOW).suppress
    decision = decide(event, [prior(3), prior(9)], NOW)
    assert decision.reason is SuppressionReason.SOFT_THRESHOLD
    assert decision.expires_at == NOW + 30 * DAY


def test_the_soft_count_is_limited_to_its_window_and_restarts_after_a_delivery() -> None:
    full = judged("552 5.2.2 <{recipient}>: Mailbox full")
    assert decide(full, [prior(10), prior(20)], NOW).suppress
    assert not decide(full, [prior(10), prior(40)], NOW).suppress  # one is too old
    assert not decide(
        full, [prior(10), prior(12, delivered=False), prior(11, delivered=True)], NOW
    ).suppress
    assert not decide(full, [prior(10), prior(20, owner=Owner.SENDER)], NOW).suppress
    assert decide(full, [prior(1)], NOW, Policy(soft_limit=2)).suppress


def test_a_delay_never_counts() -> None:
    delayed = dataclasses.replace(judged("452 4.2.2 Mailbox full"), reported_action="delayed")
    assert not decide(delayed, [prior(1), prior(2)], NOW).suppress


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("User@Example.NET", "User@example.net"),
        (" <user@example.net> ", "user@example.net"),
        ('"odd@local"@Example.net', '"odd@local"@example.net'),
    ],
)
def test_addresses_compare_by_their_domain_in_lower_case(address: str, key: str) -> None:
    assert address_key(address) == key
