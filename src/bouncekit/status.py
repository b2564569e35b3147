"""How a check came out: the one pass/warn/fail vocabulary of bouncekit.

``check-sender``, ``check-message`` and ``check-smtp`` findings and ``verify``'s checks of an
address all say it with :class:`Status`. The values are the strings that the JSON output, the
API and the verify CSV carry; they do not change.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Status"]


class Status(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    UNKNOWN = "unknown"  # could not be checked (a DNS timeout, a list's error answer)
    NEEDS_INPUT = "needs-input"  # cannot be judged from the DNS: needs a message or other data
    SKIPPED = "skipped"  # not run: an earlier check decided (verify: the syntax is wrong)
