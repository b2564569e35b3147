"""The report as ONE self-contained HTML file: inline CSS, charts drawn here as inline SVG,
no script, no font, no image and no link to fetch, so it opens the same offline, in a mail
attachment or from an archive years later. Every text from outside (domains, replies) is
escaped."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from html import escape

from bouncekit.reports.model import Alert, Counts, Group, Report
from bouncekit.reports.thresholds import HARD_BOUNCE_RATE

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}
th,td{padding:.25em .7em;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}
.alert{border-left:5px solid #d9a400;padding:.5em 1em;margin:1em 0;background:#fffbea}
.alert.critical{border-color:#c62828;background:#fdecea}
.alert p{margin:.3em 0}.small{font-size:.85em;color:#555;word-break:break-all}
code{white-space:pre-wrap;word-break:break-word}
.legend span{display:inline-block;margin-right:1.2em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
"""

# The series of the charts, each with its colour.
_SERIES = (
    ("hard bounces", "#c62828"),
    ("soft bounces", "#f9a825"),
    ("sender-side", "#6a1b9a"),
    ("complaints", "#1565c0"),
    ("other", "#9e9e9e"),
)


def _parts(counts: Counts) -> tuple[int, ...]:
    other = counts.events - counts.hard_bounces - counts.soft_bounces
    other -= counts.sender_side + counts.complaints
    return (
        counts.hard_bounces,
        counts.soft_bounces,
        counts.sender_side,
        counts.complaints,
        max(other, 0),
    )


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def _number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}"


def _legend() -> str:
    items = "".join(
        f'<span><i style="background:{colour}"></i>{escape(name)}</span>'
        for name, colour in _SERIES
    )
    return f'<p class="legend">{items}</p>'


def day_chart(days: Sequence[Group]) -> str:
    """Events per day, stacked by kind, as an inline SVG."""
    if not days:
        return "<p>No events in this window.</p>"
    width, height, left, bottom = 760, 240, 48, 40
    top = max(max(group.counts.events for group in days), 1)
    step = (width - left) / len(days)
    bar = max(step * 0.7, 1.0)
    shapes = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'stroke="#999"/>',
        f'<text x="{left - 6}" y="14" text-anchor="end" font-size="11">{top:,}</text>',
        f'<text x="{left - 6}" y="{height - bottom}" text-anchor="end" font-size="11">0</text>',
    ]
    scale = (height - bottom - 10) / top
    for index, group in enumerate(days):
        x = left + index * step + (step - bar) / 2
        y = float(height - bottom)
        for value, (name, colour) in zip(_parts(group.counts), _SERIES, strict=True):
            if not value:
                continue
            tall = value * scale
            y -= tall
            shapes.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{tall:.1f}" '
                f'fill="{colour}"><title>{escape(group.key)}: {value:,} {escape(name)}</title>'
                "</rect>"
            )
        if len(days) <= 16 or index % max(len(days) // 16, 1) == 0:
            shapes.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'font-size="10">{escape(group.key[5:])}</text>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="events per day">{"".join(shapes)}</svg>'
        + _legend()
    )


def rate_chart(days: Sequence[Group], warning: float, critical: float) -> str:
    """The hard-bounce rate per day where sends are known, with the warning and critical
    lines, as an inline SVG; nothing when no day has sends."""
    rates = [(group.key, group.counts.bounce_rate) for group in days]
    known = [rate for _, rate in rates if rate is not None]
    if not known:
        return "<p>No send counts in this window: no bounce rate per day.</p>"
    width, height, left, bottom = 760, 180, 48, 30
    top = max(max(known), critical) * 1.15
    step = (width - left) / len(rates)

    def y(rate: float) -> float:
        return (height - bottom) - rate / top * (height - bottom - 10)

    shapes = [
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'stroke="#999"/>',
        f'<text x="{left - 6}" y="{height - bottom + 4}" text-anchor="end" font-size="10">'
        "0%</text>",
    ]
    for limit, colour in ((warning, "#f9a825"), (critical, "#c62828")):
        shapes.append(
            f'<line x1="{left}" y1="{y(limit):.1f}" x2="{width}" y2="{y(limit):.1f}" '
            f'stroke="{colour}" stroke-dasharray="4 3"/>'
            f'<text x="{left - 6}" y="{y(limit) + 4:.1f}" text-anchor="end" font-size="10">'
            f"{limit * 100:g}%</text>"
        )
    points = []
    for index, (key, rate) in enumerate(rates):
        x = left + index * step + step / 2
        if rate is None:
            continue
        points.append(f"{x:.1f},{y(rate):.1f}")
        shapes.append(
            f'<circle cx="{x:.1f}" cy="{y(rate):.1f}" r="3" fill="#c62828">'
            f"<title>{escape(key)}: {rate * 100:.2f}%</title></circle>"
        )
    if len(points) > 1:
        shapes.insert(1, f'<polyline points="{" ".join(points)}" fill="none" stroke="#c62828"/>')
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="hard-bounce rate per day">'
        f"{''.join(shapes)}</svg>"
    )


def group_chart(groups: Sequence[Group], limit: int = 15) -> str:
    """The largest rows as horizontal stacked bars (the table below has them all)."""
    shown = [group for group in groups if group.counts.events][:limit]
    if not shown:
        return ""
    row, label, width = 22, 220, 760
    height = row * len(shown) + 10
    top = max(group.counts.events for group in shown)
    scale = (width - label - 60) / top
    shapes = []
    for index, group in enumerate(shown):
        y = 5 + index * row
        name = group.name or group.key
        shapes.append(
            f'<text x="{label - 8}" y="{y + 14}" text-anchor="end" font-size="12">'
            f"{escape(name[:34])}</text>"
        )
        x = float(label)
        for value, (part, colour) in zip(_parts(group.counts), _SERIES, strict=True):
            if not value:
                continue
            wide = value * scale
            shapes.append(
                f'<rect x="{x:.1f}" y="{y}" width="{wide:.1f}" height="{row - 6}" '
                f'fill="{colour}"><title>{escape(name)}: {value:,} {escape(part)}</title></rect>'
            )
            x += wide
        shapes.append(
            f'<text x="{x + 6:.1f}" y="{y + 14}" font-size="11">{group.counts.events:,}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="events per row">{"".join(shapes)}</svg>'
    )


def _table(report: Report) -> str:
    head = (
        f"<tr><th>{escape(report.by.value)}</th><th>events</th><th>hard</th><th>soft</th>"
        "<th>sender-side</th><th>complaints</th><th>attempted</th><th>delivered</th>"
        "<th>bounce rate</th><th>complaint rate</th></tr>"
    )
    rows = []
    for group in (Group("all", report.totals), *report.groups):
        counts = group.counts
        name = group.key if not group.name or group.name == group.key else f"{group.name}"
        rows.append(
            f"<tr><td>{escape(name)}</td><td>{counts.events:,}</td>"
            f"<td>{counts.hard_bounces:,}</td><td>{counts.soft_bounces:,}</td>"
            f"<td>{counts.sender_side:,}</td><td>{counts.complaints:,}</td>"
            f"<td>{_number(counts.attempted)}</td><td>{_number(counts.delivered)}</td>"
            f"<td>{_rate(counts.bounce_rate)}</td><td>{_rate(counts.complaint_rate)}</td></tr>"
        )
    return f"<table>{head}{''.join(rows)}</table>"


def _when(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _alert(alert: Alert) -> str:
    finding = alert.finding
    parts = [
        f'<div class="alert {escape(finding.severity.value)}">',
        f"<p><b>{escape(finding.severity.value.upper())}</b> · {escape(finding.kind.value)}"
        + (" · new" if alert.new else " · raised before")
        + "</p>",
        f"<p>{escape(finding.summary)}</p>",
        f'<p class="small">window {_when(finding.window.start)} – '
        f"{_when(finding.window.end)} UTC</p>",
    ]
    if alert.card is not None:
        parts.append(f"<p><b>Typical reply:</b> {escape(str(alert.card.get('headline', '')))}</p>")
        parts.append(f"<p>{escape(str(alert.card.get('summary', '')))}</p>")
        steps = [escape(str(action.get("text", ""))) for action in alert.card.get("actions", [])]
        if steps:
            parts.append("<ul>" + "".join(f"<li>{step}</li>" for step in steps) + "</ul>")
    if alert.typical_reply:
        parts.append(f"<p><code>{escape(alert.typical_reply)}</code></p>")
    if alert.event_ids:
        parts.append(
            f'<p class="small">{escape(alert.listed())}: {escape(" ".join(alert.event_ids))}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def render(report: Report) -> str:
    """The whole report as one HTML document."""
    title = f"bouncekit report {_when(report.since)} – {_when(report.until)} UTC"
    body = [
        f"<h1>{escape(title)}</h1>",
        "<h2>Alerts</h2>",
        "".join(_alert(alert) for alert in report.alerts) or "<p>No alerts.</p>",
        "<h2>Per day</h2>",
        day_chart(report.days),
        "<h3>Hard-bounce rate per day</h3>",
        rate_chart(report.days, HARD_BOUNCE_RATE.warning, HARD_BOUNCE_RATE.critical),
        f"<h2>Per {escape(report.by.value)}</h2>",
        group_chart(report.groups),
        _table(report),
    ]
    if report.notes:
        body.append("<h2>Notes</h2><ul>")
        body += [f"<li>{escape(note)}</li>" for note in report.notes]
        body.append("</ul>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )
