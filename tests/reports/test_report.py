"""Reports and alerts over a real store (SQLite and PostgreSQL), fed with generated bounces
ingested through the bounce-file reader and send counts written as a log source writes them:
each alert fires when it must and not otherwise, once however often the report runs."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bouncekit.reports import AlertKind, GroupBy, Report, Severity, build_report
from bouncekit.reports.html import render
from bouncekit.reports.queries import stored_alerts
from bouncekit.resolver import DnsResolver
from bouncekit.store import Store
from tests.reports.history import (
    FULL,
    NOW,
    OUTLOOK_BLOCK,
    SPAMHAUS,
    UNKNOWN,
    YESTERDAY,
    History,
    bounce,
)
from tests.support.cli import bouncekit
from tests.support.dns_server import ZoneServer

REPO = Path(__file__).resolve().parents[2]
DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def history(store: Store, tmp_path: Path) -> History:
    return History(store, tmp_path / "bounces")


def kinds(report: Report) -> dict[AlertKind, list[Severity]]:
    found: dict[AlertKind, list[Severity]] = {}
    for alert in report.alerts:
        found.setdefault(alert.finding.kind, []).append(alert.finding.severity)
    return found


def week_of_sends(history: History, domain: str, attempted: int, delivered: int) -> None:
    for days_back in range(1, 8):
        history.sends(NOW - days_back * DAY, domain, attempted, delivered)


@pytest.mark.parametrize(
    ("unknown", "expected"),
    [(15, None), (20, None), (30, Severity.WARNING), (60, Severity.CRITICAL)],
)
def test_the_hard_bounce_rate_alert(
    store: Store, history: History, unknown: int, expected: Severity | None
) -> None:
    history.sends(YESTERDAY, "example.net", 1000, 1000)
    history.bounces(unknown, UNKNOWN, YESTERDAY + HOUR)
    # SES's way: blocks of your IP and full mailboxes are no hard bounces, however many.
    history.bounces(50, SPAMHAUS, YESTERDAY + HOUR)
    history.bounces(50, FULL, YESTERDAY + HOUR)
    history.ingest()
    report = build_report(store, since=DAY, now=NOW)
    assert (report.totals.hard_bounces, report.totals.attempted) == (unknown, 1000)
    assert report.totals.bounce_rate == pytest.approx(unknown / 1000)
    got = kinds(report).get(AlertKind.HARD_BOUNCE_RATE, [])
    assert got == ([expected] if expected else [])


def test_the_hard_bounce_rate_fires_warning_and_critical(store: Store, history: History) -> None:
    history.sends(YESTERDAY, "example.net", 1000, 1000)
    history.bounces(30, UNKNOWN, YESTERDAY + HOUR)
    history.ingest()
    report = build_report(store, since=DAY, now=NOW)
    (alert,) = [a for a in report.alerts if a.finding.kind is AlertKind.HARD_BOUNCE_RATE]
    assert alert.finding.severity is Severity.WARNING
    assert "3.0%" in alert.finding.summary
    assert "30 of 1000" in alert.finding.summary
    assert len(alert.event_ids) == 20  # the first 20 of 30; the counts say 30
    assert alert.finding.counts["hard_bounces"] == 30
    assert alert.card is not None
    assert alert.card["reason"] == "userunknown"
    history.bounces(30, UNKNOWN, YESTERDAY + 2 * HOUR)
    history.ingest()
    (alert,) = [
        a
        for a in build_report(store, since=DAY, now=NOW).alerts
        if a.finding.kind is AlertKind.HARD_BOUNCE_RATE
    ]
    assert alert.finding.severity is Severity.CRITICAL
    assert alert.new  # escalated: raised again


@pytest.mark.parametrize(
    ("complaints", "expected"), [(1, None), (2, Severity.WARNING), (5, Severity.CRITICAL)]
)
def test_the_complaint_rate_alert(
    store: Store, history: History, complaints: int, expected: Severity | None
) -> None:
    history.sends(YESTERDAY, "example.net", 1000, 1000)
    history.complaints(complaints, YESTERDAY + HOUR)
    history.ingest()
    report = build_report(store, since=DAY, now=NOW)
    assert report.totals.complaints == complaints
    assert report.totals.complaint_rate == pytest.approx(complaints / 1000)
    assert kinds(report).get(AlertKind.COMPLAINT_RATE, []) == ([expected] if expected else [])
    if expected:
        (alert,) = [a for a in report.alerts if a.finding.kind is AlertKind.COMPLAINT_RATE]
        assert len(alert.event_ids) == complaints


def test_no_rates_and_no_rate_alerts_without_send_counts(store: Store, history: History) -> None:
    history.bounces(50, UNKNOWN, YESTERDAY)
    history.ingest()
    report = build_report(store, now=NOW)
    assert report.totals.attempted is None
    assert report.totals.bounce_rate is None
    assert AlertKind.HARD_BOUNCE_RATE not in kinds(report)
    assert any("No send counts" in note for note in report.notes)


def test_events_without_a_date_are_named_not_dropped_silently(
    store: Store, history: History
) -> None:
    history.bounces(2, UNKNOWN, YESTERDAY)
    (history.folder / "undated.eml").write_bytes(
        bounce("nodate@example.net", UNKNOWN, YESTERDAY).replace(b"Date: ", b"X-Date: ", 1)
    )
    history.ingest()
    assert store.count_events() == 3
    report = build_report(store, now=NOW, save=False)
    assert report.totals.events == 2
    assert any(note.startswith("1 stored event has no date") for note in report.notes)


def test_a_provider_blocking_your_ip_against_its_own_baseline(
    store: Store, history: History
) -> None:
    week_of_sends(history, "hotmail.com", 100, 100)
    week_of_sends(history, "example.net", 1000, 1000)
    history.bounces(1, OUTLOOK_BLOCK, NOW - 4 * DAY, domain="hotmail.com")  # the baseline
    history.bounces(38, OUTLOOK_BLOCK, YESTERDAY + 3 * HOUR, domain="hotmail.com")
    history.bounces(5, UNKNOWN, YESTERDAY)
    history.ingest()
    report = build_report(store, now=NOW, by=GroupBy.PROVIDER)
    (alert,) = [a for a in report.alerts if a.finding.kind is AlertKind.PROVIDER_BLOCK]
    assert alert.finding.provider == "microsoft"
    assert alert.finding.severity is Severity.CRITICAL
    assert alert.finding.summary.startswith(
        "Outlook.com / Microsoft 365 rejected 38% of your mail in the last 24 h with blocklist "
        "codes: this is your IP, not your list"
    )
    assert alert.finding.counts["refused"] == 38
    assert alert.finding.window.start == YESTERDAY
    assert alert.card is not None
    assert alert.card["owner"] == "sender"
    assert alert.card["provider"] == "microsoft"
    assert "S3150" in (alert.typical_reply or "")
    events = {stored.event.event_id: stored.event for stored in store.events()}
    assert all(events[i].provider == "microsoft" for i in alert.event_ids)
    rows = {group.key: group for group in report.groups}
    assert rows["microsoft"].counts.attempted == 700
    assert rows["microsoft"].counts.sender_side == 39
    # Blocks never count as hard bounces.
    assert rows["microsoft"].counts.hard_bounces == 0


def test_a_provider_that_always_refuses_as_much_raises_nothing_new(
    store: Store, history: History
) -> None:
    week_of_sends(history, "hotmail.com", 100, 100)
    for days_back in range(1, 8):
        history.bounces(15, OUTLOOK_BLOCK, NOW - days_back * DAY + HOUR, domain="hotmail.com")
    history.ingest()
    report = build_report(store, now=NOW)
    assert AlertKind.PROVIDER_BLOCK not in kinds(report)
    assert AlertKind.REASON_JUMP not in kinds(report)


def test_a_provider_block_without_send_counts_compares_counts(
    store: Store, history: History
) -> None:
    history.bounces(12, OUTLOOK_BLOCK, YESTERDAY + HOUR, domain="outlook.com")
    history.ingest()
    (alert,) = [
        a for a in build_report(store, now=NOW).alerts if a.finding.kind is AlertKind.PROVIDER_BLOCK
    ]
    assert alert.finding.severity is Severity.WARNING
    assert "rejected 12 of your messages in the last 24 h" in alert.finding.summary
    assert "share is unknown" in alert.finding.summary


def test_a_workspace_domain_counts_as_google_by_its_mx(
    store: Store, history: History, dns_zone: Callable[..., ZoneServer]
) -> None:
    server = dns_zone(
        "corp.test. 300 IN MX 1 aspmx.l.google.com.\n"
        "corp.test. 300 IN MX 5 alt1.aspmx.l.google.com.\n"
        "plain.test. 300 IN MX 10 mx.plain.test.\n"
        "mx.plain.test. 300 IN A 192.0.2.25"
    )
    history.sends(YESTERDAY, "corp.test", 50, 50)
    history.sends(YESTERDAY, "plain.test", 50, 50)
    history.bounces(20, SPAMHAUS, YESTERDAY + HOUR, domain="corp.test")
    history.bounces(2, UNKNOWN, YESTERDAY + HOUR, domain="plain.test")
    history.ingest()
    resolver = DnsResolver(server.address, timeout=2)
    report = build_report(store, since=2 * DAY, now=NOW, by=GroupBy.PROVIDER, resolver=resolver)
    rows = {group.key: group for group in report.groups}
    assert rows["google"].name == "Gmail / Google Workspace"
    assert (rows["google"].counts.events, rows["google"].counts.attempted) == (20, 50)
    assert (rows["other"].counts.events, rows["other"].counts.attempted) == (2, 50)
    (alert,) = [a for a in report.alerts if a.finding.kind is AlertKind.PROVIDER_BLOCK]
    assert alert.finding.provider == "google"
    assert "40% of your mail" in alert.finding.summary
    assert len(alert.event_ids) == 20
    # Without DNS the domain's provider is unknown: no provider to name, no provider alert.
    offline = build_report(store, since=2 * DAY, now=NOW, by=GroupBy.PROVIDER, save=False)
    assert {group.key for group in offline.groups} == {"other"}
    assert AlertKind.PROVIDER_BLOCK not in kinds(offline)


def test_a_blocklist_named_for_the_first_time(store: Store, history: History) -> None:
    history.bounces(3, SPAMHAUS, YESTERDAY)
    history.ingest()
    report = build_report(store, now=NOW)
    (alert,) = [a for a in report.alerts if a.finding.kind is AlertKind.NEW_BLOCKLIST]
    assert alert.finding.subject == "spamhaus-zen"
    assert "for the first time" in alert.finding.summary
    assert len(alert.event_ids) == 3
    assert alert.card is not None
    assert alert.card["blocklists"][0]["key"] == "spamhaus-zen"


def test_a_blocklist_named_before_the_window_is_not_new(store: Store, history: History) -> None:
    history.bounces(1, SPAMHAUS, NOW - 20 * DAY)
    history.bounces(3, SPAMHAUS, YESTERDAY)
    history.ingest()
    assert AlertKind.NEW_BLOCKLIST not in kinds(build_report(store, now=NOW))


def test_a_jump_in_one_reason(store: Store, history: History) -> None:
    for days_back in range(2, 8):
        history.bounces(1, FULL, NOW - days_back * DAY)
    history.bounces(25, FULL, YESTERDAY + HOUR)
    history.bounces(3, UNKNOWN, YESTERDAY + HOUR)  # too few to be a jump
    history.ingest()
    report = build_report(store, now=NOW, by=GroupBy.REASON)
    (alert,) = [a for a in report.alerts if a.finding.kind is AlertKind.REASON_JUMP]
    assert alert.finding.subject == "mailboxfull"
    assert alert.finding.severity is Severity.CRITICAL  # 25 against 1 a day
    assert alert.finding.counts["recent"] == 25
    rows = {group.key: group.counts for group in report.groups}
    assert (rows["mailboxfull"].events, rows["mailboxfull"].soft_bounces) == (31, 31)
    assert rows["userunknown"].hard_bounces == 3


def test_alerts_are_stored_once_however_often_the_report_runs(
    store: Store, history: History
) -> None:
    history.sends(YESTERDAY, "example.net", 1000, 1000)
    history.bounces(30, UNKNOWN, YESTERDAY + HOUR)
    history.bounces(3, SPAMHAUS, YESTERDAY + HOUR)
    history.ingest()
    first = build_report(store, now=NOW)
    assert first.alerts
    assert all(alert.new for alert in first.alerts)
    stored = stored_alerts(store.engine)
    assert sorted(row["key"] for row in stored) == sorted(a.finding.key for a in first.alerts)
    again = build_report(store, now=NOW + HOUR)
    assert [a.finding.key for a in again.alerts] == [a.finding.key for a in first.alerts]
    assert not any(alert.new for alert in again.alerts)
    assert len(stored_alerts(store.engine)) == len(stored)
    row = stored[0]
    assert set(row["evidence"]) >= {"event_ids", "counts", "window"}


def test_rows_per_domain_owner_and_day(store: Store, history: History) -> None:
    history.sends(YESTERDAY, "example.net", 200, 190)
    history.sends(NOW - 2 * DAY, "example.net", 100, 100)
    history.bounces(4, UNKNOWN, YESTERDAY + HOUR)
    history.bounces(2, SPAMHAUS, NOW - 2 * DAY + HOUR, domain="example.com")
    history.ingest()
    by_domain = {g.key: g.counts for g in build_report(store, now=NOW, save=False).groups}
    assert by_domain["example.net"].attempted == 300
    assert by_domain["example.net"].bounce_rate == pytest.approx(4 / 300)
    assert by_domain["example.com"].attempted is None
    by_owner = {
        g.key: g.counts.events for g in build_report(store, now=NOW, by=GroupBy.OWNER).groups
    }
    assert by_owner == {"recipient": 4, "sender": 2}
    days = build_report(store, now=NOW, by=GroupBy.DAY, save=False).groups
    # Every day of the window, those without events or sends too.
    assert [(g.key, g.counts.events, g.counts.attempted) for g in days] == [
        *((f"2026-03-0{day}", 0, None) for day in range(3, 8)),
        ("2026-03-08", 2, 100),
        ("2026-03-09", 4, 200),
    ]


def test_the_html_report_is_one_self_contained_file(store: Store, history: History) -> None:
    history.sends(YESTERDAY, "example.net", 1000, 1000)
    history.bounces(30, UNKNOWN, YESTERDAY + HOUR)
    history.bounces(3, "550 5.7.1 <script>alert(1)</script> blocked using zen.spamhaus.org",
                    YESTERDAY + HOUR)  # fmt: skip
    history.ingest()
    page = render(build_report(store, now=NOW))
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") == 3  # events per day, bounce rate per day, rows
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<(?:script|link|img|iframe|object)\b", page, re.I)
    assert "&lt;script&gt;" in page
    assert "Hard-bounce rate 3.0%" in page


def test_the_command_prints_json_tables_and_writes_html(
    store: Store, store_url: str, history: History, tmp_path: Path
) -> None:
    now = datetime.datetime.now(datetime.UTC)
    history.sends(now - DAY, "example.net", 500, 500)
    history.sends(now, "example.net", 500, 500)
    history.bounces(30, UNKNOWN, now - 3 * HOUR)
    history.ingest()
    page = tmp_path / "report.html"
    done = bouncekit("report", "--json", "--no-dns", "--html", str(page), database=store_url)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"since", "totals", "by", "alerts"}
    assert data["totals"]["hard_bounces"] == 30
    assert data["by"][0]["key"] == "example.net"
    (rate,) = [alert for alert in data["alerts"] if alert["kind"] == "hard_bounce_rate"]
    assert set(rate) >= {"kind", "severity", "provider", "summary", "evidence"}
    assert rate["severity"] in ("warning", "critical")
    assert len(rate["evidence"]) == 20
    assert rate["new"] is True
    assert rate["evidence_events"] == 30
    assert "<svg" in page.read_text()
    shown = bouncekit("report", "--no-dns", "--by", "reason", database=store_url)
    assert shown.returncode == 0, shown.stderr
    assert "userunknown" in shown.stdout
    assert "hard_bounce_rate" in shown.stdout
    assert "(raised before)" in shown.stdout
    wrong = bouncekit("report", "--by", "color", database=store_url)
    assert wrong.returncode == 2
    assert "not a grouping" in wrong.stderr
