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
import re
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from bouncekit.replies.model import Command, Owner, Reason, Retry, Verdict

if TYPE_CHECKING:
    from bouncekit.replies.classify import Judgement
    from bouncekit.replies.model import Diagnosis


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

    ``date`` is the date of the recipient's failure as the report wrote it (``Last-Attempt-
    Date``, ``Arrival-Date``); ``report_date`` is the report's own ``Date``. From them and the
    rest come, on each reading, :attr:`event_id`, :attr:`occurred_at` and
    :attr:`recipient_domain`: the parser does not pay for what its reader may never ask, and
    a record read back from JSON or CSV gives the same values. ``reported_action`` is the
    ``Action`` word as the report wrote it; :attr:`action` is the RFC 3464 action it names.
    ``index`` is the record's 1-based position among the recipients of its message.
    """

    source: EventSource
    index: int
    recipient: str
    original_recipient: str | None
    reported_action: str | None
    status: str | None
    replycode: str | None
    diagnostic: str  # the reply or error text, its whitespace collapsed
    command: Command | None
    remote_mta: str | None
    reporting_mta: str | None
    date: str | None
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
    report_date: str | None = None  # the Date of the report (the bounce message) itself
    # The explain engine's decision; ``diagnosis`` puts it into words when asked. It stays
    # behind when the event crosses a process boundary (large; see bounces/batch.py).
    judgement: Judgement | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[type[BounceEvent], tuple[Any, ...]]:
        # Pickled as its constructor's arguments (the codec's flat tuple): loading is then one
        # call, where the default for a frozen slots dataclass sets each field in Python. Every
        # field travels but the judgement.
        return (BounceEvent, _event_values(self))

    @property
    def event_id(self) -> str:
        """The stable id of this event (:func:`event_id`): source, recipient, time, reply."""
        return event_id(self.source, self.recipient, self.date or self.report_date, self.diagnostic)

    @property
    def occurred_at(self) -> datetime.datetime | None:
        """When it happened, timezone-aware: ``date`` read, else ``report_date``; ``None``
        when neither reads as a date (:func:`occurred_at`)."""
        return occurred_at(self.date, self.report_date)

    @property
    def recipient_domain(self) -> str | None:
        """The recipient's domain in lower case; ``None`` for an address without one."""
        return recipient_domain(self.recipient)

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
    case, the time (a bounce's date as written: the recipient's own, else the message's
    ``Date``; a source that has a datetime gives it in ISO 8601 in UTC; empty when there is
    none) and the reply text with its whitespace collapsed — written as its first 32 hex
    digits.

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
    """The first of ``dates`` that reads as a date, timezone-aware; ``None`` when none does
    (absent, garbled, out of range): never an exception.

    A date is RFC 5322's (3.3), or ISO 8601 as some ESPs write it. One without a zone, or
    with ``-0000`` (the zone is unknown, RFC 5322 3.3), is taken as UTC.
    """
    for text in dates:
        if text and (when := _read_date(text)) is not None:
            return when
    return None


def _read_date(text: str) -> datetime.datetime | None:
    found = _COMMON_DATE.match(text)
    month = _MONTHS.get(found.group(2).lower(), 0) if found is not None else 0
    if found is not None and month:
        # "Fri, 29 Apr 2011 23:34:45 +0900": most dates, read here directly
        day, _, year, hour, minute, second, zone = found.groups()
        try:
            return datetime.datetime(
                int(year),
                month,
                int(day),
                int(hour),
                int(minute),
                int(second) if second else 0,
                tzinfo=_ZONES_BY_TEXT.get(zone) or _zone_of(zone),
            )
        except (ValueError, OverflowError):
            return None  # a day or hour out of range: email.utils would not read it either
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        # Some ESPs write ISO 8601 ("2016-10-21T00:06:40.502Z") where RFC 3464 wants
        # an RFC 5322 date.
        try:
            when = datetime.datetime.fromisoformat(text.strip())
        except ValueError:
            return None
    known = when.utcoffset()
    return when.replace(tzinfo=_zone(known if known is not None else _NO_OFFSET))


# The usual shape of an RFC 5322 date, with a numeric zone: email.utils reads it the same way,
# four times slower. Anything else (a named zone, a two-digit year) goes to email.utils.
_COMMON_DATE = re.compile(
    r"[ \t]*(?:[A-Za-z]{3},[ \t]*)?(\d{1,2})[ \t]+([A-Za-z]{3})[ \t]+(\d{4})[ \t]+"
    r"(\d{1,2}):(\d{2})(?::(\d{2}))?[ \t]+([+-]\d{4})(?![\d:])",
    re.ASCII,
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_NO_OFFSET = datetime.timedelta(0)
_ZONES: dict[datetime.timedelta, datetime.tzinfo] = {_NO_OFFSET: datetime.UTC}


_ZONES_BY_TEXT: dict[str, datetime.tzinfo] = {}


def _zone_of(text: str) -> datetime.tzinfo:
    """The zone of an RFC 5322 offset ("+0900", "-0000"), kept for the next date."""
    offset = datetime.timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))
    zone = _ZONES_BY_TEXT[text] = _zone(-offset if text[0] == "-" else offset)
    return zone


def _zone(offset: datetime.timedelta) -> datetime.tzinfo:
    """One shared timezone object per offset: each parse makes a new one, and pickle then
    writes it out again for every event, where a shared one is written once per batch (three
    times less to pickle across ``-j N``)."""
    zone = _ZONES.get(offset)
    if zone is None:
        zone = _ZONES.setdefault(offset, datetime.timezone(offset))
    return zone


def recipient_domain(recipient: str) -> str | None:
    """The domain of an address, in lower case; ``None`` for an address without one."""
    _, at, domain = recipient.rpartition("@")
    return domain.strip().rstrip(">").lower() or None if at else None
