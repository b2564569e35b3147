"""Findings: one record per thing checked about the sender's setup."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"  # could not be checked (a DNS timeout, a list's error answer)
    NEEDS_INPUT = "needs-input"  # cannot be judged from the DNS: needs a message or other data


@dataclass(frozen=True, slots=True)
class Finding:
    """One check of the sender's setup and what it found.

    ``why`` names the rejections the problem causes (Gmail 550 5.7.26, Outlook 550 5.7.515 ...);
    ``fix`` says what to change, with a corrected DNS record where one can be built.
    """

    area: str  # "mx", "spf", "dkim", "dmarc", "ptr", "blocklist", "tls", "requirements"
    check: str  # a short name, e.g. "spf.lookup-limit", "dmarc.policy"
    status: Status
    summary: str  # one sentence: what was found
    why: str = ""
    fix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "check": self.check,
            "status": self.status.value,
            "summary": self.summary,
            "why": self.why,
            "fix": self.fix,
        }
