"""Records of a parsed bounce: one per recipient, and the report for the whole message."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from bouncekit.replies.classify import Judgement
from bouncekit.replies.model import Diagnosis, Owner, Reason, Verdict


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


@dataclass(frozen=True, slots=True)
class BounceRecord:
    """One recipient of one bounce, judged."""

    index: int  # 1-based position of the record within its message
    recipient: str
    original_recipient: str | None
    action: str | None
    status: str | None
    replycode: str | None
    diagnostic: str
    command: str | None
    remote_mta: str | None
    reporting_mta: str | None
    date: str | None
    reason: Reason
    owner: Owner
    hard: bool
    verdict: Verdict | None
    decoded_by: str
    message_id: str | None  # of the bounced (original) message
    sender: str | None  # the From of the bounced message
    subject: str | None  # the Subject of the bounced message
    feedback_type: str | None = None
    file: str | None = None
    # The explain engine's decision; ``diagnosis`` puts it into words when asked.
    judgement: Judgement | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple[type[BounceRecord], tuple[Any, ...]]:
        # Pickled as its constructor's arguments: loading is then one call, where the default
        # for a frozen slots dataclass sets each field in Python. With worker processes, the
        # parent loads every record of the batch. The judgement stays behind: it is large, and
        # parse_paths(with_diagnosis=True) sends it separately when it is wanted.
        return (BounceRecord, _record_values(self))

    @property
    def diagnosis(self) -> Diagnosis | None:
        """The whole explanation (headline, summary, actions), written on each call."""
        return self.judgement.diagnosis() if self.judgement is not None else None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``bouncekit parse``: flat, one object per recipient."""
        return {
            "file": self.file,
            "index": self.index,
            "recipient": self.recipient,
            "original_recipient": self.original_recipient,
            "action": self.action,
            "status": self.status,
            "replycode": self.replycode,
            "diagnostic": self.diagnostic,
            "command": self.command,
            "remote_mta": self.remote_mta,
            "reporting_mta": self.reporting_mta,
            "date": self.date,
            "reason": self.reason.value,
            "owner": self.owner.value,
            "hard": self.hard,
            "verdict": self.verdict.value if self.verdict else None,
            "decoded_by": self.decoded_by,
            "message_id": self.message_id,
            "from": self.sender,
            "subject": self.subject,
            "feedback_type": self.feedback_type,
        }


_record_values = operator.attrgetter(
    *(f.name for f in fields(BounceRecord) if f.name != "judgement")
)

FIELDS: tuple[str, ...] = (
    "file", "index", "recipient", "original_recipient", "action", "status", "replycode",
    "diagnostic", "command", "remote_mta", "reporting_mta", "date", "reason", "owner", "hard",
    "verdict", "decoded_by", "message_id", "from", "subject", "feedback_type",
)  # fmt: skip


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
