"""Re-judging stored events with the current engine, and what changed.

An event read from a bounce message is judged again from the message itself (its payload),
so a better format reader counts too; one without a payload is judged again from the fields
the store kept (the reply text, its codes and the SMTP stage). Events whose judgement changes
are updated with the suppressions that follow: an address suppressed on the evidence of an
event that no longer condemns it comes off the list, and one that now does goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.bounces.parse import parse_bounce
from bouncekit.events.judge import MessageContext, judge_recipient
from bouncekit.events.model import BounceEvent, SourceKind
from bouncekit.events.version import classifier_version
from bouncekit.replies.model import Reason
from bouncekit.store.store import Store, StoredEvent

__all__ = ["Change", "RejudgeSummary", "rejudge"]

# What a judgement is: a change of any of these is reported and stored.
JUDGED = ("reason", "owner", "hard", "retry", "verdict", "provider", "rule_id", "status")


@dataclass(frozen=True, slots=True)
class Change:
    """One event whose judgement changed: the fields that did, as (old, new) values."""

    event_id: str
    recipient: str
    fields: dict[str, tuple[object, object]]

    def to_dict(self) -> dict[str, object]:
        return {
            "event_id": self.event_id,
            "recipient": self.recipient,
            "changed": {
                name: {"from": _plain(old), "to": _plain(new)}
                for name, (old, new) in self.fields.items()
            },
        }


def _plain(value: object) -> object:
    return getattr(value, "value", value)


@dataclass(slots=True)
class RejudgeSummary:
    """What a re-judging did."""

    version: str
    examined: int = 0
    changes: list[Change] = field(default_factory=list)
    unsuppressed: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)


def judge_again(stored: StoredEvent) -> BounceEvent:
    """The stored event, judged by the current engine (its id and source kept)."""
    event = stored.event
    if stored.payload is not None and event.source.kind in {SourceKind.FILE, SourceKind.IMAP}:
        records = parse_bounce(stored.payload, source=event.source).records
        for record in records:
            if record.index == event.index and record.recipient == event.recipient:
                return _keeping_identity(record, event)
    decoded = DecodedRecipient(
        recipient=event.recipient,
        diagnostic=event.diagnostic,
        original_recipient=event.original_recipient,
        action=event.reported_action,
        status=event.status,
        replycode=event.replycode,
        command=event.command.value if event.command else None,
        remote_mta=event.remote_mta,
        reporting_mta=event.reporting_mta,
        date=event.date,
        # A complaint has no reply text to judge: what makes it one is its feedback type.
        reason=Reason.FEEDBACK if event.feedback_type is not None else None,
        feedback_type=event.feedback_type,
    )
    original = {
        key: value
        for key, value in (
            ("message-id", event.message_id),
            ("from", event.sender),
            ("subject", event.subject),
        )
        if value is not None
    }
    context = MessageContext(event.decoded_by, event.source, original)
    return _keeping_identity(judge_recipient(event.index, decoded, context), event)


def _keeping_identity(new: BounceEvent, old: BounceEvent) -> BounceEvent:
    """The new judgement with the old event's source and times: it is the same event."""
    return dataclasses.replace(new, source=old.source, date=old.date, report_date=old.report_date)


def rejudge(
    store: Store,
    *,
    everything: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RejudgeSummary:
    """Judge again the events an older engine judged (every event with ``everything``)."""
    version = classifier_version()
    summary = RejudgeSummary(version)
    pending: list[tuple[str, BounceEvent]] = []
    unchanged: list[str] = []
    for stored in store.events(stale_for=None if everything else version):
        summary.examined += 1
        new = judge_again(stored)
        differing = {
            name: (getattr(stored.event, name), getattr(new, name))
            for name in JUDGED
            if getattr(stored.event, name) != getattr(new, name)
        }
        stored_id = stored.event.event_id
        if differing:
            summary.changes.append(Change(stored_id, new.recipient, differing))
            pending.append((stored_id, new))
        else:
            unchanged.append(stored_id)
        if progress is not None:
            progress(1)
    result = store.replace_judgements(pending, unchanged, version)
    summary.unsuppressed.extend(result.unsuppressed)
    summary.suppressed.extend(result.suppressed)
    return summary
