"""Records of a parsed bounce: what a format decodes for one recipient, the judged record
(a :class:`~bouncekit.events.model.BounceEvent`), and the report for the whole message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bouncekit.events import codec
from bouncekit.events.model import BounceEvent
from bouncekit.replies.model import Reason


class BounceKind(StrEnum):
    """What kind of message it is."""

    FAILURE = "failure"  # a delivery status notification for failed or delayed recipients
    DELIVERED = "delivered"  # a success DSN
    FEEDBACK = "feedback"  # an abuse or complaint report (ARF, RFC 5965)
    VACATION = "vacation"  # an automatic reply (RFC 3834)
    NOT_BOUNCE = "not-bounce"  # anything else


@dataclass(frozen=True, slots=True)
class DecodedRecipient:
    """What a format module reads from a bounce for one recipient, before any judgement.

    ``diagnostic`` is the remote server's reply or the MTA's error text as it appears. A
    format that knows the reason better than the text does (qmail's own error messages, an
    ESP's bounce type) sets ``reason``.
    """

    recipient: str
    diagnostic: str = ""
    original_recipient: str | None = None
    action: str | None = None  # failed, delayed, delivered, relayed, expanded
    status: str | None = None
    replycode: str | None = None
    command: str | None = None
    remote_mta: str | None = None
    reporting_mta: str | None = None
    date: str | None = None
    reason: Reason | None = None
    feedback_type: str | None = None
    # The type before the ";" of Diagnostic-Code ("smtp", "x-unix", "x-postfix"): a local
    # program's error is not a remote server's reply.
    diagnostic_type: str | None = None


# One record for every source (bouncekit.events): a bounce's recipient is a BounceEvent. The
# name BounceRecord stays for the code and the users that know the parser by it.
BounceRecord = BounceEvent

# The columns of ``bouncekit parse`` (JSON keys and CSV header), from the events' one schema.
FIELDS: tuple[str, ...] = codec.FIELDS


@dataclass(frozen=True, slots=True)
class BounceReport:
    """Everything read from one message."""

    kind: BounceKind
    records: tuple[BounceRecord, ...]
    decoded_by: str | None
    note: str  # one sentence: what was found, or why nothing was

    def __reduce__(self) -> tuple[type[BounceReport], tuple[Any, ...]]:
        # As BounceRecord's: constructor arguments load faster than the default.
        return (BounceReport, (self.kind, self.records, self.decoded_by, self.note))
