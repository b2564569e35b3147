"""Mailgun webhooks, JSON ("new style") (``POST /api/v1/webhooks/mailgun``).

https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#webhooks
https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks

One event per request: ``{"signature": {"timestamp", "token", "signature"}, "event-data": {...}}``.
The signature is the hex HMAC-SHA256 of ``timestamp + token`` under the webhook signing key
(``BOUNCEKIT_MAILGUN_SIGNING_KEY``). The ``token`` is the dedupe id: ``event-data.id`` is
unique only per day.

The signature does not cover the event itself, so a captured request's signature could be
sent with another event. Mailgun's advice is to refuse stale timestamps: a signature older
than :data:`MAX_AGE` (beyond Mailgun's 8 hours of retries) is refused.

- ``failed`` with ``severity`` ``permanent`` is a failure, ``temporary`` a delay; a ``reason``
  of ``suppress-bounce``, ``suppress-complaint`` or ``suppress-unsubscribe`` means Mailgun did
  not send because the address is on its lists: mirrored.
- ``complained`` is a complaint; ``delivered`` a send.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from typing import Any

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.ingest.webhooks import (
    Esp,
    EspSuppression,
    Headers,
    MalformedWebhook,
    Parsed,
    Sent,
    WebhookRefused,
    WebhookSettings,
    epoch_time,
    judge,
    load_json,
    mapping,
    text,
    when_of,
)
from bouncekit.replies.model import Reason
from bouncekit.store import SentMessage

TITLE = "Mailgun"
MAX_AGE = datetime.timedelta(hours=24)


def _document(body: bytes) -> dict[str, Any]:
    document = load_json(body, TITLE)
    if not isinstance(document, dict) or not isinstance(document.get("event-data"), dict):
        raise MalformedWebhook(
            "The Mailgun webhook body is not a JSON object with event-data: configure the "
            "webhook for JSON (the current webhooks, not the legacy form-encoded ones)."
        )
    return document


def verify(
    body: bytes,
    headers: Headers,
    settings: WebhookSettings,
    now: datetime.datetime | None = None,
) -> None:
    if settings.mailgun_signing_key is None:
        raise WebhookRefused(
            "Mailgun webhooks are not configured here: set BOUNCEKIT_MAILGUN_SIGNING_KEY to "
            "the HTTP webhook signing key."
        )
    signature = mapping(_document(body).get("signature"))
    timestamp, token = text(signature.get("timestamp")), text(signature.get("token"))
    given = text(signature.get("signature"))
    if timestamp is None or token is None or given is None:
        raise WebhookRefused("The Mailgun request carries no signature.", missing=True)
    expected = hmac.new(
        settings.mailgun_signing_key.encode("utf-8"),
        (timestamp + token).encode("utf-8"),
        hashlib.sha256,
    ).hexdigest()
    if not hmac.compare_digest(expected, given.lower()):
        raise WebhookRefused("The Mailgun signature does not match the request.")
    signed_at = epoch_time(timestamp)
    now = now or datetime.datetime.now(datetime.UTC)
    if signed_at is None or abs(now - datetime.datetime.fromisoformat(signed_at)) > MAX_AGE:
        raise WebhookRefused(
            f"The Mailgun signature's timestamp {timestamp[:20]!r} is more than a day from now: "
            "a replayed request, or this server's clock is wrong."
        )


def _reply(status: dict[str, Any]) -> str:
    """The remote server's reply: "550 5.1.1 The email account ..." from code and message."""
    message = text(status.get("message")) or text(status.get("description")) or ""
    code = text(status.get("code"))
    if code and not message.startswith(code):
        return f"{code} {message}".strip()
    return message


def parse(body: bytes, headers: Headers) -> Parsed:
    document = _document(body)
    reference = text(mapping(document.get("signature")).get("token"))
    if reference is None:
        raise MalformedWebhook("The Mailgun webhook has no signature.token to know it by.")
    data = mapping(document.get("event-data"))
    kind = text(data.get("event"))
    recipient = text(data.get("recipient"))
    if kind is None:
        raise MalformedWebhook(f"Mailgun event {reference} has no event name.")
    done = Parsed("mailgun", references=(reference,), ignored=1)
    if kind not in ("failed", "complained", "delivered"):
        return done  # accepted, rejected, opened, clicked, unsubscribed, stored
    if recipient is None or "@" not in recipient:
        raise MalformedWebhook(f"Mailgun event {reference} ({kind}) has no recipient.")
    message_headers = mapping(mapping(data.get("message")).get("headers"))
    message_id = text(message_headers.get("message-id"))
    original = {
        "message-id": message_id,
        "from": text(message_headers.get("from")),
        "subject": text(message_headers.get("subject")),
    }
    date = epoch_time(data.get("timestamp"))
    status = mapping(data.get("delivery-status"))
    sent_message = SentMessage(message_id, message_id, original["from"], recipient, when_of(date))
    if kind == "delivered":
        return Parsed("mailgun", sent=(Sent(sent_message, True),), references=(reference,))
    reason = text(data.get("reason")) or ""
    if kind == "failed" and reason.startswith("suppress-"):
        note = f"{TITLE}: {reason}"
        return Parsed(
            "mailgun", suppressions=(EspSuppression(recipient, note),), references=(reference,)
        )
    sent: tuple[Sent, ...] = ()
    if kind == "complained":
        decoded = DecodedRecipient(
            recipient=recipient, date=date, reason=Reason.FEEDBACK, feedback_type="abuse"
        )
    else:
        temporary = text(data.get("severity")) == "temporary"
        decoded = DecodedRecipient(
            recipient=recipient,
            diagnostic=_reply(status),
            action="delayed" if temporary else "failed",
            remote_mta=text(status.get("mx-host")),
            date=date,
        )
        sent = () if temporary else (Sent(sent_message, False),)
    event = judge(TITLE, reference, decoded, original=original)
    return Parsed("mailgun", events=((event, body),), sent=sent, references=(reference,))


ESP = Esp("mailgun", TITLE, verify, parse)
