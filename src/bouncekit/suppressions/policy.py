"""When a failure suppresses its recipient: a pure function of the event, the address's recent
history and a policy.

The rules (``research/ingest.md`` §5; the complaints users file against listmonk, Mautic and
Postal are the reason for the third):

1. A complaint (an ARF report, an ESP's complaint) suppresses at once, for good.
2. A failure about the address (owner ``recipient``) whose verdict is ``invalid`` and which is
   permanent (userunknown, hostunknown, notaccept, suspend, hasmoved: the words say the
   address is gone) suppresses at once, for good.
3. A failure whose owner is not the recipient (the sender's IP, domain or authentication, the
   message, the receiving system, or unknown) **never** suppresses: the address is fine and
   the sender has a problem to fix. The reports raise those as alerts.
4. Any other failure about the address (a full mailbox, a disabled account, a reply judged
   only ``risky``: "mailbox unavailable", "access denied") counts. ``soft_limit`` of them
   within ``soft_window``, with no delivery to the address in between, suppress it for
   ``soft_expiry``; a delivery starts the count again. A delay notice (the server is still
   trying) does not count.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bouncekit.events.model import BounceEvent, DeliveryAction
from bouncekit.replies.model import Owner, Reason, Verdict

__all__ = [
    "DEFAULT_POLICY",
    "Decision",
    "Policy",
    "PriorEvent",
    "SuppressionReason",
    "address_key",
    "decide",
]


class SuppressionReason(StrEnum):
    """Why an address is on the suppression list."""

    HARD = "hard"  # a permanent failure that says the address is gone
    COMPLAINT = "complaint"  # the recipient reported the mail as spam
    SOFT_THRESHOLD = "soft_threshold"  # repeated failures about the address
    MANUAL = "manual"  # added by a person
    ESP_IMPORT = "esp_import"  # mirrored from an ESP's own suppression list
    UNSUBSCRIBE = "unsubscribe"
    VERIFY_INVALID = "verify_invalid"  # verification found the address invalid


@dataclass(frozen=True, slots=True)
class Policy:
    """The thresholds of rule 4; the defaults are Keila's, Sendy's and Postal's, with the
    reset on delivery that listmonk's users ask for (#2770)."""

    soft_limit: int = 3
    soft_window: datetime.timedelta = datetime.timedelta(days=30)
    soft_expiry: datetime.timedelta = datetime.timedelta(days=30)


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class PriorEvent:
    """What the policy needs of an earlier event of the same address."""

    occurred_at: datetime.datetime
    owner: Owner
    delivered: bool
    delayed: bool

    @classmethod
    def of(cls, event: BounceEvent, when: datetime.datetime) -> PriorEvent:
        return cls.read(event.reported_action, event.reason, event.owner, when)

    @classmethod
    def read(
        cls, action_word: str | None, reason: Reason, owner: Owner, when: datetime.datetime
    ) -> PriorEvent:
        """From the fields alone, as the store keeps them (the report's action word)."""
        action = DeliveryAction.read(action_word)
        return cls(
            occurred_at=when,
            owner=owner,
            delivered=action is DeliveryAction.DELIVERED or reason is Reason.DELIVERED,
            delayed=action is DeliveryAction.DELAYED,
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with the recipient of one event, and why (one sentence)."""

    suppress: bool
    reason: SuppressionReason | None
    expires_at: datetime.datetime | None  # None: never (or nothing to expire)
    why: str


def address_key(address: str) -> str:
    """The address as suppressions compare it: the domain in lower case, the local part as
    given (RFC 5321 leaves its case to the receiving host), surrounding ``<>`` and spaces
    removed."""
    address = address.strip().strip("<>").strip()
    local, at, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}" if at else address


def _is_complaint(event: BounceEvent) -> bool:
    return event.reason is Reason.FEEDBACK or event.feedback_type is not None


def decide(
    event: BounceEvent,
    history: Iterable[PriorEvent],
    when: datetime.datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Decision:
    """Whether ``event`` (at ``when``) suppresses its recipient, given the address's earlier
    events (``history``, any order)."""
    if _is_complaint(event):
        return Decision(True, SuppressionReason.COMPLAINT, None, "The recipient complained.")
    action = event.action
    if action is DeliveryAction.DELIVERED or event.reason is Reason.DELIVERED:
        return Decision(False, None, None, "The message was delivered.")
    if event.owner is not Owner.RECIPIENT:
        return Decision(
            False,
            None,
            None,
            f"The failure is the {event.owner.value}'s ({event.reason.value}), not the "
            "address's: it never suppresses the recipient.",
        )
    if event.verdict is Verdict.INVALID and event.hard:
        return Decision(
            True,
            SuppressionReason.HARD,
            None,
            f"A permanent failure says the address is gone ({event.reason.value}).",
        )
    if action is DeliveryAction.DELAYED:
        return Decision(False, None, None, "The server is still trying: a delay does not count.")
    since = when - policy.soft_window
    count = 1
    for prior in sorted(history, key=lambda p: p.occurred_at, reverse=True):
        if prior.occurred_at > when or prior.occurred_at < since:
            continue
        if prior.delivered:
            break  # a delivery since starts the count again
        if prior.owner is Owner.RECIPIENT and not prior.delayed:
            count += 1
    days = policy.soft_window.days
    if count >= policy.soft_limit:
        return Decision(
            True,
            SuppressionReason.SOFT_THRESHOLD,
            when + policy.soft_expiry,
            f"{count} failures about the address within {days} days with no delivery between "
            f"({event.reason.value} the last).",
        )
    return Decision(
        False,
        None,
        None,
        f"{count} of {policy.soft_limit} failures about the address within {days} days: "
        "not suppressed yet.",
    )
