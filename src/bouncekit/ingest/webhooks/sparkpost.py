"""SparkPost event webhooks (``POST /api/v1/webhooks/sparkpost``), guarded by basic auth.

https://developers.sparkpost.com/api/webhooks/
https://support.sparkpost.com/docs/deliverability/bounce-classification-codes

The body is a JSON array of ``{"msys": {"message_event": {...}}}`` (other keys:
``track_event``, ``unsubscribe_event``, ``relay_event``, ``gen_event``), keyed by ``event_id``.
Set the webhook's authentication to basic auth and ``BOUNCEKIT_SPARKPOST_AUTH`` to
``USER:PASSWORD``. SparkPost's test request is an empty array.

- ``bounce`` and ``out_of_band`` are failures, ``delay`` a delay, ``spam_complaint`` a
  complaint (``fbtype``), ``delivery`` a send. The ``raw_reason`` is judged; ``reason`` is
  redacted.
- ``bounce_class`` 25 (Admin Failure: the address is on SparkPost's suppression list or its
  policy refused it) is mirrored as an ESP suppression, not judged.
"""

from __future__ import annotations

from typing import Any

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.events.model import BounceEvent
from bouncekit.ingest.webhooks import (
    Esp,
    EspSuppression,
    Headers,
    MalformedWebhook,
    Parsed,
    Sent,
    Skipped,
    WebhookSettings,
    basic_auth,
    epoch_time,
    judge,
    load_json,
    mapping,
    text,
    when_of,
)
from bouncekit.replies.model import Reason
from bouncekit.store import SentMessage

TITLE = "SparkPost"
_ADMIN_FAILURE = "25"
_FAILURES = frozenset({"bounce", "out_of_band", "policy_rejection"})


def verify(body: bytes, headers: Headers, settings: WebhookSettings) -> None:
    basic_auth(headers, settings.sparkpost_auth, TITLE, "BOUNCEKIT_SPARKPOST_AUTH")


def _sent(item: dict[str, Any], recipient: str, date: str | None, delivered: bool) -> Sent:
    message = SentMessage(
        transport_id=text(item.get("transmission_id")),
        message_id=None,
        sender=text(item.get("msg_from")) or text(item.get("friendly_from")),
        recipient=recipient,
        sent_at=when_of(date),
    )
    return Sent(message, delivered)


def parse(body: bytes, headers: Headers) -> Parsed:
    batch = load_json(body, TITLE)
    if not isinstance(batch, list):
        raise MalformedWebhook("The SparkPost webhook body is not a JSON array of events.")
    events: list[tuple[BounceEvent, bytes]] = []
    sent: list[Sent] = []
    suppressions: list[EspSuppression] = []
    skipped: list[Skipped] = []
    references: list[str] = []
    ignored = 0
    for number, wrapper in enumerate(batch, 1):
        msys = mapping(mapping(wrapper).get("msys"))
        if not msys:
            skipped.append(Skipped(f"event #{number}", 'not an {"msys": {...}} object'))
            continue
        item = mapping(msys.get("message_event"))
        if not item:
            ignored += 1  # opens, clicks, unsubscribes, relay and generation events
            continue
        reference = text(item.get("event_id"))
        kind = text(item.get("type"))
        recipient = text(item.get("raw_rcpt_to")) or text(item.get("rcpt_to"))
        where = f"event #{number}" + (f" (event_id {reference})" if reference else "")
        if reference is None or kind is None:
            skipped.append(Skipped(where, "no event_id or no type"))
            continue
        references.append(reference)
        if recipient is None or "@" not in recipient:
            skipped.append(Skipped(where, "no rcpt_to address"))
            continue
        date = epoch_time(item.get("timestamp"))
        original = {"from": text(item.get("friendly_from")), "subject": text(item.get("subject"))}
        if kind == "delivery":
            sent.append(_sent(item, recipient, date, delivered=True))
            continue
        if kind in _FAILURES and text(item.get("bounce_class")) == _ADMIN_FAILURE:
            note = f"{TITLE}: {kind}, bounce class 25 (admin failure)"
            suppressions.append(EspSuppression(recipient, note))
            continue
        if kind in _FAILURES or kind == "delay":
            delayed = kind == "delay"
            code = text(item.get("error_code"))
            reply = text(item.get("raw_reason")) or text(item.get("reason")) or ""
            decoded = DecodedRecipient(
                recipient=recipient,
                diagnostic=reply,
                action="delayed" if delayed else "failed",
                replycode=code,
                date=date,
            )
            if not delayed:
                sent.append(_sent(item, recipient, date, delivered=False))
        elif kind == "spam_complaint":
            decoded = DecodedRecipient(
                recipient=recipient,
                date=date,
                reason=Reason.FEEDBACK,
                feedback_type=text(item.get("fbtype")) or "abuse",
            )
        else:
            ignored += 1  # injection, generation_failure and the like
            continue
        events.append((judge(TITLE, reference, decoded, original=original), body))
    return Parsed(
        "sparkpost",
        events=tuple(events),
        sent=tuple(sent),
        suppressions=tuple(suppressions),
        skipped=tuple(skipped),
        references=tuple(references),
        ignored=ignored,
    )


ESP = Esp("sparkpost", TITLE, verify, parse)
