"""The report of check-message, and the one way its modules make a finding."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bouncekit.sender.model import Finding, Status


@dataclass(frozen=True, slots=True)
class MessageReport:
    """Every check of one message, in the order: headers, authentication, content, spamd."""

    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [finding.to_dict() for finding in self.findings]}

    def by_area(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.area, []).append(finding)
        return grouped


_EXCERPT = 120  # characters of a value quoted from the message
_MAX_TEXT = 2_000  # characters of a finding's sentence: the longest of ours is far shorter


def excerpt(value: str, limit: int = _EXCERPT) -> str:
    """A value of the message, quoted and bounded: a header may be megabytes long."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value) - limit:,} more characters)"


def _bounded(text: str) -> str:
    if len(text) <= _MAX_TEXT:
        return text
    return f"{text[:_MAX_TEXT]}… ({len(text) - _MAX_TEXT:,} more characters)"


def _finding(
    area: str, check: str, status: Status, summary: str, why: str = "", fix: str = ""
) -> Finding:
    # Bounded here too, whatever a check quotes: printing a sentence megabytes long takes
    # minutes in a terminal, and nobody reads it.
    return Finding(area, f"{area}.{check}", status, _bounded(summary), _bounded(why), _bounded(fix))
