"""Findings: one record per thing checked about the sender's setup, and the one way to make one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bouncekit.status import Status

__all__ = ["FINDING_STATUSES", "Area", "Finding", "Status", "finding"]

# The statuses a finding can have, in the order a report counts them (a finding is never
# "skipped": a check that cannot run says why, as "unknown" or "needs-input").
FINDING_STATUSES: tuple[Status, ...] = (
    Status.PASS,
    Status.WARN,
    Status.FAIL,
    Status.UNKNOWN,
    Status.NEEDS_INPUT,
)


class Area(StrEnum):
    """What part of the sender's setup a finding is about; the first word of its check name."""

    # check-sender
    MX = "mx"
    SPF = "spf"
    DKIM = "dkim"
    DMARC = "dmarc"
    PTR = "ptr"
    BLOCKLIST = "blocklist"
    TLS = "tls"
    REQUIREMENTS = "requirements"
    # check-smtp
    SMTP = "smtp"
    # check-message (with SPF, DKIM and DMARC above)
    HEADERS = "headers"
    UNSUBSCRIBE = "unsubscribe"
    SIZE = "size"
    CONTENT = "content"
    LINKS = "links"
    ATTACHMENTS = "attachments"
    SPAMASSASSIN = "spamassassin"


@dataclass(frozen=True, slots=True)
class Finding:
    """One check of the sender's setup and what it found.

    ``why`` names the rejections the problem causes (Gmail 550 5.7.26, Outlook 550 5.7.515 ...);
    ``fix`` says what to change, with a corrected DNS record where one can be built.
    """

    area: Area
    check: str  # "AREA.NAME", e.g. "spf.lookup-limit", "dmarc.policy"
    status: Status
    summary: str  # one sentence: what was found
    why: str = ""
    fix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area.value,
            "check": self.check,
            "status": self.status.value,
            "summary": self.summary,
            "why": self.why,
            "fix": self.fix,
        }


_MAX_TEXT = 2_000  # characters of a finding's sentence: the longest of ours is far shorter


def _bounded(text: str) -> str:
    if len(text) <= _MAX_TEXT:
        return text
    return f"{text[:_MAX_TEXT]}… ({len(text) - _MAX_TEXT:,} more characters)"


def finding(
    area: Area, check: str, status: Status, summary: str, why: str = "", fix: str = ""
) -> Finding:
    """The finding of check ``AREA.CHECK``.

    Its sentences are bounded, whatever a check quotes (a message header, a TXT record can be
    megabytes long): printing such a sentence takes minutes in a terminal, and nobody reads it.
    """
    return Finding(area, f"{area}.{check}", status, _bounded(summary), _bounded(why), _bounded(fix))
