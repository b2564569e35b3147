"""Reports and alerts over the bounce store: counts and rates per recipient domain, mailbox
provider (by MX), reason, owner and day, and the alerts a sender must act on, each with its
evidence and the explain card of a typical reply.

The core is pure: :mod:`.aggregate` and :mod:`.rules` are functions over tallies (events
counted in SQL by :mod:`.queries`) and send counts, with the thresholds as data in
:mod:`.thresholds`. :func:`build_report` runs the queries and the rules; :mod:`.html` writes
the report as one self-contained HTML file.
"""

from __future__ import annotations

from bouncekit.reports.model import (
    Alert,
    AlertKind,
    Counts,
    Group,
    GroupBy,
    Report,
    Severity,
    Tally,
    Window,
)
from bouncekit.reports.run import build_report, parse_span
from bouncekit.reports.thresholds import DEFAULT_RULES, Rules, Threshold

__all__ = [
    "DEFAULT_RULES",
    "Alert",
    "AlertKind",
    "Counts",
    "Group",
    "GroupBy",
    "Report",
    "Rules",
    "Severity",
    "Tally",
    "Threshold",
    "Window",
    "build_report",
    "parse_span",
]
