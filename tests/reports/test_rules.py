"""The pure parts of the reports: spans, day shares, provider names, blocklists named, and the
alert rules over hand-made tallies (no store)."""

from __future__ import annotations

import datetime

import pytest

from bouncekit.errors import InputError
from bouncekit.replies.model import Owner, Reason
from bouncekit.reports import DEFAULT_RULES, AlertKind, Counts, Severity, Tally, Window
from bouncekit.reports.aggregate import overlap
from bouncekit.reports.providers import ProviderLookup, provider_of_host
from bouncekit.reports.rules import blocklists_named, rate_alerts, reason_jumps
from bouncekit.reports.run import parse_span
from bouncekit.reports.thresholds import COMPLAINT_RATE, HARD_BOUNCE_RATE

UTC = datetime.UTC
NOW = datetime.datetime(2026, 3, 10, tzinfo=UTC)
WEEK = Window(NOW - datetime.timedelta(days=7), NOW)


def test_spans_read_as_people_write_them() -> None:
    assert parse_span("7d") == datetime.timedelta(days=7)
    assert parse_span("24h") == datetime.timedelta(hours=24)
    assert parse_span(" 2W ") == datetime.timedelta(days=14)
    for bad in ("", "7", "0d", "seven days", "-1d"):
        with pytest.raises(InputError, match="not a span of time"):
            parse_span(bad)


def test_a_window_counts_the_share_of_each_day_it_covers() -> None:
    window = Window(NOW - datetime.timedelta(hours=36), NOW)
    assert overlap(datetime.date(2026, 3, 9), window) == 1.0
    assert overlap(datetime.date(2026, 3, 8), window) == 0.5
    assert overlap(datetime.date(2026, 3, 10), window) == 0.0


def test_providers_are_known_by_their_mx_host_names_and_their_own_domains() -> None:
    google = provider_of_host("aspmx.l.google.com.")
    microsoft = provider_of_host("corp-com.mail.protection.outlook.com")
    assert google is not None
    assert google.key == "google"
    assert microsoft is not None
    assert microsoft.key == "microsoft"
    assert provider_of_host("mx.example.net") is None
    lookup = ProviderLookup(None)  # --no-dns: the name only
    assert (lookup("gmail.com"), lookup("hotmail.com"), lookup("corp.example")) == (
        "google",
        "microsoft",
        None,
    )


def test_blocklists_are_counted_from_the_replies_that_name_them() -> None:
    replies = [
        ("550 5.7.1 client host [192.0.2.1] blocked using zen.spamhaus.org", 3),
        ("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
         "b.barracudacentral.org", 2),
        ("550 5.1.1 User unknown", 9),
    ]  # fmt: skip
    named = blocklists_named(replies)
    assert named.get("spamhaus-zen") == 3
    assert sum(named.values()) == 5


def test_the_thresholds_name_their_sources() -> None:
    assert (HARD_BOUNCE_RATE.warning, HARD_BOUNCE_RATE.critical) == (0.02, 0.05)
    assert (COMPLAINT_RATE.warning, COMPLAINT_RATE.critical) == (0.001, 0.003)
    assert "SES" in HARD_BOUNCE_RATE.source
    assert "Gmail" in COMPLAINT_RATE.source


@pytest.mark.parametrize(
    ("hard", "attempted", "expected"),
    [
        (15, 1000, None),  # 1.5%
        (20, 1000, None),  # 2% is the limit, not over it
        (21, 1000, Severity.WARNING),
        (50, 1000, Severity.CRITICAL),
        (30, 99, None),  # too few sends to judge
    ],
)
def test_the_hard_bounce_rate_rule(hard: int, attempted: int, expected: Severity | None) -> None:
    totals = Counts(events=hard, hard_bounces=hard, attempted=attempted, delivered=attempted)
    found = [
        f for f in rate_alerts(totals, WEEK, DEFAULT_RULES) if f.kind is AlertKind.HARD_BOUNCE_RATE
    ]
    assert [f.severity for f in found] == ([expected] if expected else [])


@pytest.mark.parametrize(
    ("complaints", "delivered", "expected"),
    [(1, 1000, None), (2, 1000, Severity.WARNING), (3, 1000, Severity.CRITICAL), (1, 50, None)],
)
def test_the_complaint_rate_rule(
    complaints: int, delivered: int, expected: Severity | None
) -> None:
    totals = Counts(
        events=complaints, complaints=complaints, attempted=delivered, delivered=delivered
    )
    found = [
        f for f in rate_alerts(totals, WEEK, DEFAULT_RULES) if f.kind is AlertKind.COMPLAINT_RATE
    ]
    assert [f.severity for f in found] == ([expected] if expected else [])


def _tally(day_offset: int, reason: Reason, events: int, *, recent: bool) -> Tally:
    day = (NOW - datetime.timedelta(days=day_offset)).date()
    return Tally(day, "example.net", None, reason, Owner.RECIPIENT, False, False, recent, events)


@pytest.mark.parametrize(
    ("before_per_day", "recent", "expected"),
    [
        (0, 19, None),  # below the minimum
        (0, 20, Severity.WARNING),  # from nothing
        (4, 30, Severity.WARNING),  # 7.5 times the daily average
        (2, 30, Severity.CRITICAL),  # 15 times
        (25, 30, None),  # steady
    ],
)
def test_the_reason_jump_rule(before_per_day: int, recent: int, expected: Severity | None) -> None:
    tallies = [_tally(n, Reason.MAILBOXFULL, before_per_day, recent=False) for n in range(2, 8)]
    tallies.append(_tally(1, Reason.MAILBOXFULL, recent, recent=True))
    found = reason_jumps([t for t in tallies if t.events], WEEK, DEFAULT_RULES)
    assert [f.severity for f in found] == ([expected] if expected else [])


def test_no_jump_without_a_baseline() -> None:
    day = Window(NOW - datetime.timedelta(hours=24), NOW)
    assert reason_jumps([_tally(1, Reason.MAILBOXFULL, 500, recent=True)], day, DEFAULT_RULES) == []
