"""``bouncekit report``: counts, rates and alerts over the bounce store.

The library builds the report (:func:`bouncekit.reports.build_report`) and writes the HTML
(:mod:`bouncekit.reports.html`); this module parses the options and prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bouncekit.cli import _render
from bouncekit.errors import InputError

if TYPE_CHECKING:
    from bouncekit.cli import Settings
    from bouncekit.reports import Counts, Report


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.2f}%"


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _cells(name: str, counts: Counts) -> list[str]:
    return [
        name,
        str(counts.events),
        str(counts.hard_bounces),
        str(counts.soft_bounces),
        str(counts.sender_side),
        str(counts.complaints),
        _number(counts.attempted),
        _number(counts.delivered),
        _rate(counts.bounce_rate),
        _rate(counts.complaint_rate),
    ]


def _print(report: Report) -> None:
    out = _render.stdout
    out.print(
        f"Report {report.since:%Y-%m-%d %H:%M} – {report.until:%Y-%m-%d %H:%M} UTC, "
        f"per {report.by.value}:"
    )
    columns = [_render.Column(report.by.value, wrap=True)]
    columns += [
        _render.Column(name, justify="right")
        for name in (
            "events",
            "hard",
            "soft",
            "sender-side",
            "complaints",
            "attempted",
            "delivered",
            "bounce rate",
            "complaint rate",
        )
    ]
    rows = [_cells("all", report.totals)]
    for group in report.groups:
        name = (
            f"{group.key} ({group.name})" if group.name and group.name != group.key else group.key
        )
        rows.append(_cells(name, group.counts))
    _render.print_rows(out, columns, [[_render.text(cell) for cell in row] for row in rows])
    if not report.alerts:
        out.print("No alerts.")
    for alert in report.alerts:
        finding = alert.finding
        style = "bold red" if finding.severity.value == "critical" else "bold yellow"
        label = f"{finding.severity.value.upper()} {finding.kind.value}"
        label += "" if alert.new else " (raised before)"
        out.print()
        out.print(_render.text(label, style))
        out.print(_render.text(finding.summary), soft_wrap=True, crop=False)
        out.print(
            _render.text(
                f"window {finding.window.start:%Y-%m-%d %H:%M} – "
                f"{finding.window.end:%Y-%m-%d %H:%M} UTC"
            )
        )
        if alert.card is not None:
            out.print(
                _render.text(f"typical reply: {alert.card.get('headline', '')}"),
                soft_wrap=True,
                crop=False,
            )
        if alert.typical_reply:
            out.print(_render.text(f"  {alert.typical_reply}", "dim"), soft_wrap=True, crop=False)
        if alert.event_ids:
            out.print(
                _render.text(f"{alert.listed()}: {' '.join(alert.event_ids)}", "dim"),
                soft_wrap=True,
                crop=False,
            )
    for note in report.notes:
        _render.note(note)


def report_command(
    context: typer.Context,
    since: Annotated[
        str, typer.Option("--since", help="How far back: 24h, 7d, 2w.", show_default=True)
    ] = "7d",
    by: Annotated[
        str,
        typer.Option(
            "--by", help="Rows per domain, provider, reason, owner or day.", show_default=True
        ),
    ] = "domain",
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the report, with charts, as one HTML file."),
    ] = None,
    no_dns: Annotated[
        bool,
        typer.Option("--no-dns", help="Find providers without MX lookups (by reply and name)."),
    ] = False,
    json_output: _render.JsonOption = False,
) -> None:
    """Counts and rates per domain, provider, reason, owner or day, and the alerts to act on,
    each with its evidence.

    Bounce rate is hard bounces over attempts, complaint rate complaints over deliveries,
    where send counts are known (logs and ESP delivery events give them). Alerts: hard-bounce
    rate over 2% (critical at 5%), complaint rate over 0.1% (critical at 0.3%), a provider
    refusing your mail for sender-side reasons against its own baseline, a blocklist named
    for the first time, a jump in one reason. They are stored by kind, subject and window,
    so running the report again raises none twice."""
    from bouncekit.cli.store import _open
    from bouncekit.reports import GroupBy, build_report, parse_span
    from bouncekit.reports.html import render

    try:
        group_by = GroupBy(by.lower())
    except ValueError:
        choices = ", ".join(member.value for member in GroupBy)
        raise InputError(f"--by {by!r} is not a grouping; give one of {choices}.") from None
    span = parse_span(since)
    settings: Settings = context.obj
    with _open(context) as store:
        report = build_report(
            store, since=span, by=group_by, resolver=None if no_dns else settings.resolver
        )
    if html is not None:
        try:
            html.write_text(render(report), encoding="utf-8")
        except OSError as error:
            raise InputError(f"Cannot write {html}: {error.strerror}.") from error
    if _render.json_wanted(context, json_output):
        _render.print_json(report.to_dict())
        return
    _print(report)
    if html is not None:
        _render.note(f"HTML report written to {html}.")
