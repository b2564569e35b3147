"""SendGrid's Event Webhook (``POST /api/v1/webhooks/sendgrid``).

https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event
https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features

The body is a JSON array of events, keyed by ``sg_event_id``. The Signed Event Webhook signs
``timestamp || body`` with ECDSA P-256 and SHA-256: the signature (base64 DER) is in
``X-Twilio-Email-Event-Webhook-Signature``, the timestamp in ``...-Timestamp``, and the key
SendGrid shows for it (base64 DER, or PEM) goes in ``BOUNCEKIT_SENDGRID_PUBLIC_KEY``. A missing
header is a refusal, not a parse error (listmonk#725).

- ``bounce`` (``type`` bounce or blocked) is a failure; ``deferred`` a delay; ``spamreport`` a
  complaint; ``delivered`` a send.
- ``dropped`` for "Bounced Address", "Spam Reporting Address", "Unsubscribed Address" or
  "Invalid" means SendGrid has the address on one of its suppression lists: mirrored.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

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
    WebhookRefused,
    WebhookSettings,
    epoch_time,
    judge,
    load_json,
    text,
    when_of,
)
from bouncekit.replies.model import Reason
from bouncekit.store import SentMessage

TITLE = "SendGrid"
SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature"
TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp"
_SUPPRESSED_DROPS = frozenset(
    {"Bounced Address", "Spam Reporting Address", "Unsubscribed Address", "Invalid"}
)
_IGNORED = frozenset(
    {"processed", "open", "click", "unsubscribe", "group_unsubscribe", "group_resubscribe"}
)


def public_key(configured: str) -> ec.EllipticCurvePublicKey:
    """The verification key as SendGrid shows it (base64 DER), or as PEM."""
    try:
        if "BEGIN PUBLIC KEY" in configured:
            key = serialization.load_pem_public_key(configured.encode("ascii"))
        else:
            der = base64.b64decode("".join(configured.split()), validate=True)
            key = serialization.load_der_public_key(der)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        key = None
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise WebhookRefused(
            "BOUNCEKIT_SENDGRID_PUBLIC_KEY is not an ECDSA public key: copy the verification "
            "key SendGrid shows for the Signed Event Webhook."
        )
    return key


def verify(body: bytes, headers: Headers, settings: WebhookSettings) -> None:
    if settings.sendgrid_public_key is None:
        raise WebhookRefused(
            "SendGrid webhooks are not configured here: turn on the Signed Event Webhook and "
            "set BOUNCEKIT_SENDGRID_PUBLIC_KEY to its verification key."
        )
    signature_text = headers.get(SIGNATURE_HEADER)
    timestamp = headers.get(TIMESTAMP_HEADER)
    if not signature_text or not timestamp:
        raise WebhookRefused(
            "The SendGrid request is not signed: turn on the Signed Event Webhook.", missing=True
        )
    try:
        signature = base64.b64decode(signature_text, validate=True)
    except (binascii.Error, ValueError):
        raise WebhookRefused("The SendGrid signature is not base64.") from None
    key = public_key(settings.sendgrid_public_key)
    try:
        key.verify(signature, timestamp.encode("utf-8") + body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise WebhookRefused("The SendGrid signature does not match the request.") from None


def _sent(item: dict[str, Any], recipient: str, date: str | None, delivered: bool) -> Sent:
    message = SentMessage(
        transport_id=text(item.get("sg_message_id")),
        message_id=text(item.get("smtp-id")),
        sender=None,
        recipient=recipient,
        sent_at=when_of(date),
    )
    return Sent(message, delivered)


def parse(body: bytes, headers: Headers) -> Parsed:
    items = load_json(body, TITLE)
    if not isinstance(items, list):
        raise MalformedWebhook("The SendGrid webhook body is not a JSON array of events.")
    events: list[tuple[BounceEvent, bytes]] = []
    sent: list[Sent] = []
    suppressions: list[EspSuppression] = []
    skipped: list[Skipped] = []
    references: list[str] = []
    ignored = 0
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            skipped.append(Skipped(f"event #{number}", "not a JSON object"))
            continue
        reference = text(item.get("sg_event_id"))
        kind = text(item.get("event"))
        recipient = text(item.get("email"))
        where = f"event #{number}" + (f" (sg_event_id {reference})" if reference else "")
        if reference is None or kind is None:
            skipped.append(Skipped(where, "no sg_event_id or no event"))
            continue
        references.append(reference)
        if kind in _IGNORED:
            ignored += 1
            continue
        if recipient is None or "@" not in recipient:
            skipped.append(Skipped(where, "no email address"))
            continue
        date = epoch_time(item.get("timestamp"))
        original = {"message-id": text(item.get("smtp-id"))}
        if kind == "delivered":
            sent.append(_sent(item, recipient, date, delivered=True))
            continue
        if kind == "dropped":
            reason = text(item.get("reason")) or ""
            if reason in _SUPPRESSED_DROPS:
                suppressions.append(EspSuppression(recipient, f"{TITLE}: dropped, {reason}"))
            else:
                ignored += 1
            continue
        if kind == "bounce":
            decoded = DecodedRecipient(
                recipient=recipient,
                diagnostic=text(item.get("reason")) or "",
                action="failed",
                status=text(item.get("status")),
                date=date,
            )
            sent.append(_sent(item, recipient, date, delivered=False))
        elif kind == "deferred":
            decoded = DecodedRecipient(
                recipient=recipient,
                diagnostic=text(item.get("response")) or text(item.get("reason")) or "",
                action="delayed",
                date=date,
            )
        elif kind == "spamreport":
            decoded = DecodedRecipient(
                recipient=recipient,
                date=date,
                reason=Reason.FEEDBACK,
                feedback_type="abuse",
            )
        else:
            ignored += 1  # an event type SendGrid may add later
            continue
        events.append((judge(TITLE, reference, decoded, original=original), body))
    return Parsed(
        "sendgrid",
        events=tuple(events),
        sent=tuple(sent),
        suppressions=tuple(suppressions),
        skipped=tuple(skipped),
        references=tuple(references),
        ignored=ignored,
    )


ESP = Esp("sendgrid", TITLE, verify, parse)
