"""``BounceEvent``: one judged failure of one recipient, whatever source saw it.

Every source produces this record: bounce files now; IMAP folders, MTA logs, webhooks and
``explain`` later. The store keys on :attr:`BounceEvent.event_id`, the reports group on
``reason``, ``owner`` and ``recipient_domain``, and :mod:`bouncekit.events.codec` writes it as
JSON, CSV and the flat tuple that crosses a process boundary, from one schema.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import operator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bouncekit.replies.model import Command, Owner, Reason, Retry, Verdict

if TYPE_CHECKING:
    from bouncekit.replies.classify import Judgement
    from bouncekit.replies.model import Diagnosis

__all__ = [
    "EVENT_FIELDS",
    "BounceEvent",
    "DeliveryAction",
    "EventSource",
    "SourceKind",
    "event_id",
    "occurred_at",
    "recipient_domain",
]


class SourceKind(StrEnum):
    """Where an event was seen."""

    FILE = "file"  # a message file, or the Nth message of an mbox ("path#N")
    IMAP = "imap"  # a message in a mailbox folder
    LOG = "log"  # a line of an MTA log ("path:line")
    WEBHOOK = "webhook"  # an ESP's delivery event (its delivery id)
    EXPLAIN = "explain"  # text a person pasted


@dataclass(frozen=True, slots=True)
class EventSource:
    """The kind of source and the reference that finds the event in it again.

    ``reference`` is ``path`` or ``path#N`` for a file, ``path:line`` for a log, the delivery
    id for a webhook; ``None`` where there is nothing to point at (pasted text, bytes handed
    to :func:`~bouncekit.bounces.parse_bounce` without a name).
    """

    kind: SourceKind
    reference: str | None = None

    def __reduce__(self) -> tuple[type[EventSource], tuple[SourceKind, str | None]]:
        # Constructor arguments: loading is one call (see BounceEvent.__reduce__).
        return (EventSource, (self.kind, self.reference))

    def __str__(self) -> str:
        return f"{self.kind.value}:{self.reference or ''}"

    @classmethod
    def parse(cls, text: str) -> EventSource:
        """The source written by ``str()``: ``kind:reference``.

        Raises ValueError when the kind is not a :class:`SourceKind`.
        """
        kind, _, reference = text.partition(":")
        return cls(SourceKind(kind), reference or None)


class DeliveryAction(StrEnum):
    """The ``Action`` of a recipient in a delivery status notification (RFC 3464 2.3.3)."""

    FAILED = "failed"
    DELAYED = "delayed"
    DELIVERED = "delivered"
    RELAYED = "relayed"
    EXPANDED = "expanded"

    @classmethod
    def read(cls, word: str | None) -> DeliveryAction | None:
        """The action a report's word names; ``None`` for no word or one RFC 3464 lacks
        ("failure", "deliverable": some MTAs write them)."""
        return _ACTIONS.get(word.lower()) if word else None


_ACTIONS = {action.value: action for action in DeliveryAction}


@dataclass(frozen=True, slots=True)
class BounceEvent:
    """One recipient of one bounce (or log line, or webhook event), judged.

    ``date`` is the date as the report wrote it; ``occurred_at`` is that date read as a
    timezone-aware time (the message's own ``Date`` where the report gives none), ``None``
    when neither can be read. ``reported_action`` is the ``Action`` word as the report wrote
    it; :attr:`action` is the RFC 3464 action it names. ``index`` is the record's 1-based
    position among the recipients of its message.
    """

    event_id: str  # see event_id()
    source: EventSource
    index: int
    recipient: str
    recipient_domain: str | None
    original_recipient: str | None
    reported_action: str | None
    status: str | None
    replycode: str | None
    diagnostic: str
    command: Command | None
    remote_mta: str | None
    reporting_mta: str | None
    date: str | None
    occurred_at: datetime.datetime | None
    reason: Reason
    owner: Owner
    hard: bool
    retry: Retry
    verdict: Verdict | None
    provider: str | None  # the key of the provider whose rules judged the reply ("google")
    rule_id: str | None  # the rule that decided the reason, where one did
    decoded_by: str
    message_id: str | None  # of the bounced (original) message
    sender: str | None  # the From of the bounced message
    subject: str | None  # the Subject of the bounced message
    feedback_type: str | None = None
    # The explain engine's decision; ``diagnosis`` puts it into words when asked. It stays
    # behind when the event crosses a process boundary (large; see bounces/batch.py).
    judgement: Judgement | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[type[BounceEvent], tuple[Any, ...]]:
        # Pickled as its constructor's arguments (the codec's flat tuple): loading is then one
        # call, where the default for a frozen slots dataclass sets each field in Python. Every
        # field travels but the judgement.
        return (BounceEvent, _event_values(self))

    @property
    def action(self) -> DeliveryAction | None:
        """The RFC 3464 action of ``reported_action``; ``None`` for a word it does not name."""
        return DeliveryAction.read(self.reported_action)

    @property
    def file(self) -> str | None:
        """The path (``path#N`` in an mbox) of a file source; ``None`` for other sources."""
        return self.source.reference if self.source.kind is SourceKind.FILE else None

    @property
    def diagnosis(self) -> Diagnosis | None:
        """The whole explanation (headline, summary, actions), written on each call."""
        return self.judgement.diagnosis() if self.judgement is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``bouncekit parse``: flat, one object per recipient."""
        from bouncekit.events.codec import to_json

        return to_json(self)


# Every field but the judgement, in the constructor's order: the flat tuple of the codec.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(BounceEvent) if f.name != "judgement")
_event_values = operator.attrgetter(*EVENT_FIELDS)


def event_id(
    source: EventSource, recipient: str, when: datetime.datetime | str | None, reply: str
) -> str:
    """The stable id of an event: the same failure read again gets the same id.

    The recipe: SHA-256 of the UTF-8 bytes of five fields joined by a unit separator
    (U+001F) — the source kind, the source reference (empty when none), the recipient in lower
    case, the time (``occurred_at`` in ISO 8601 in UTC; else the date as written; else empty)
    and the reply text with its whitespace collapsed — written as its first 32 hex digits.

    So the same file parsed twice gives the same ids, two recipients of one message get two,
    and the same bytes under another name (or from another kind of source) get other ids:
    the source is part of what was seen. A store that wants to match one failure across
    sources compares recipient, time and reply instead.
    """
    if isinstance(when, datetime.datetime):
        when = when.astimezone(datetime.UTC).isoformat()
    parts = (
        source.kind.value,
        source.reference or "",
        recipient.lower(),
        when or "",
        " ".join(reply.split()),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def occurred_at(*dates: str | None) -> datetime.datetime | None:
    """The first of ``dates`` that reads as an RFC 5322 date, timezone-aware; ``None`` when
    none does (absent, garbled, out of range): never an exception.

    A date without a zone, or with ``-0000`` (RFC 5322 3.3: the zone is unknown), is taken
    as UTC.
    """
    for text in dates:
        if not text:
            continue
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            # Some ESPs write ISO 8601 ("2016-10-21T00:06:40.502Z") where RFC 3464 wants
            # an RFC 5322 date.
            try:
                when = datetime.datetime.fromisoformat(text.strip())
            except ValueError:
                continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        return when
    return None


def recipient_domain(recipient: str) -> str | None:
    """The domain of an address, in lower case; ``None`` for an address without one."""
    _, at, domain = recipient.rpartition("@")
    return domain.strip().rstrip(">").lower() or None if at else None
