"""The report of check-message, and how its findings quote the message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bouncekit.sender.model import Finding


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


def excerpt(value: str, limit: int = _EXCERPT) -> str:
    """A value of the message, quoted and bounded: a header may be megabytes long."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value) - limit:,} more characters)"
