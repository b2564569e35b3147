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


def _finding(
    area: str, check: str, status: Status, summary: str, why: str = "", fix: str = ""
) -> Finding:
    return Finding(area, f"{area}.{check}", status, summary, why, fix)
