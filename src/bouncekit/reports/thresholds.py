"""The alert thresholds, as data, each with where its numbers come from.

The rates are the ones mailbox providers and Amazon SES publish (``research/ingest.md`` §0.9
and §5): a hard-bounce rate over 2% is a warning and 5% puts an SES account under review; a
complaint rate over 0.1% is a warning (Gmail, SES review) and Gmail gives no mitigation at
0.3%. The provider-block, blocklist and reason-jump rules have no published figure: theirs are
ours, chosen so that a handful of stray rejections does not raise an alert, and named here so
they can be changed in one place.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Threshold:
    """A rate that raises a warning at ``warning`` and a critical alert at ``critical``."""

    warning: float
    critical: float
    source: str  # where the numbers come from


HARD_BOUNCE_RATE = Threshold(
    0.02,
    0.05,
    "Amazon SES enforcement FAQ: below 2% recommended, 5% puts the account under review "
    "(research/ingest.md §0.9, §5)",
)
COMPLAINT_RATE = Threshold(
    0.001,
    0.003,
    "Gmail bulk-sender guidelines: keep the spam rate below 0.10%, never reach 0.30%; SES "
    "reviews at 0.1% (research/ingest.md §0.9, §1.11)",
)
PROVIDER_BLOCK_SHARE = Threshold(
    0.10,
    0.25,
    "bouncekit: a provider refusing one message in ten for sender-side reasons is a block "
    "of your IP or domain, not noise (research/ingest.md §5, 'provider-wide block')",
)


@dataclass(frozen=True, slots=True)
class Rules:
    """Every number the alert rules use. ``DEFAULT_RULES`` holds the defaults."""

    hard_bounce_rate: Threshold = HARD_BOUNCE_RATE
    complaint_rate: Threshold = COMPLAINT_RATE
    provider_block_share: Threshold = PROVIDER_BLOCK_SHARE
    # Rates over fewer attempts (deliveries, for complaints) than this say nothing yet: SES
    # itself judges over a "representative volume".
    minimum_attempts: int = 100
    # The recent window that the provider-block and reason-jump rules compare with the rest
    # of the report's window (their baseline).
    recent: datetime.timedelta = field(default=datetime.timedelta(hours=24))
    # A provider's recent share of sender-side rejections must be this many times its own
    # baseline share (or the baseline must be empty) to count as a change.
    baseline_factor: float = 3.0
    # The fewest sender-side rejections from one provider in the recent window that can
    # raise a provider alert.
    minimum_rejections: int = 10
    # A reason "jumps" when its recent count is at least this many and this many times its
    # average count per recent window over the baseline.
    minimum_jump: int = 20
    jump_factor: float = 3.0
    # A jump of this many times the baseline is critical.
    critical_jump_factor: float = 10.0
    # Event ids kept as each alert's evidence (the counts cover all of them).
    evidence_ids: int = 20


DEFAULT_RULES = Rules()
