"""Postmark webhooks (``POST /api/v1/webhooks/postmark``), guarded by HTTP basic auth.

https://postmarkapp.com/developer/webhooks/webhooks-overview
https://postmarkapp.com/developer/webhooks/bounce-webhook
https://postmarkapp.com/developer/webhooks/spam-complaint-webhook

Postmark signs nothing: put ``https://USER:PASSWORD@host/api/v1/webhooks/postmark`` in the
webhook settings and ``USER:PASSWORD`` in ``BOUNCEKIT_POSTMARK_AUTH``. One record per request.

- ``Bounce`` (dedupe id ``ID``): the ``Details`` text is judged; the ``Type`` is only a hint.
- ``SpamComplaint``: a complaint. ``Delivery``: a send (keyed by ``MessageID`` and recipient).
- ``SubscriptionChange`` with ``SuppressSending`` true: Postmark suppresses the address.
"""

from __future__ import annotations

from typing import Any

from bouncekit.bounces import dsn
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.ingest.webhooks import (
    Esp,
    EspSuppression,
    Headers,
    MalformedWebhook,
    Parsed,
    Sent,
    WebhookSettings,
    basic_auth,
    judge,
    load_json,
    text,
    when_of,
)
from bouncekit.replies.model import Reason
from bouncekit.store import SentMessage

TITLE = "Postmark"
# Bounce types that are not failures of delivery (an auto-reply, a subscription request):
# their text is judged with the type's meaning as the known reason.
_NOT_FAILURES = {"AutoResponder": Reason.VACATION}
_HARD_TYPES = frozenset({"HardBounce", "BadEmailAddress", "ManuallyDeactivated", "Blocked"})


def verify(body: bytes, headers: Headers, settings: WebhookSettings) -> None:
    basic_auth(headers, settings.postmark_auth, TITLE, "BOUNCEKIT_POSTMARK_AUTH")


def _record(body: bytes) -> dict[str, Any]:
    record = load_json(body, TITLE)
    if not isinstance(record, dict) or not isinstance(record.get("RecordType"), str):
        raise MalformedWebhook("The Postmark webhook body is not a JSON object with RecordType.")
    return record


def parse(body: bytes, headers: Headers) -> Parsed:
    record = _record(body)
    kind = record["RecordType"]
    message_id = text(record.get("MessageID"))
    if kind == "Delivery":
        recipient = text(record.get("Recipient"))
        if recipient is None or message_id is None:
            raise MalformedWebhook("The Postmark Delivery has no Recipient or MessageID.")
        date = text(record.get("DeliveredAt"))
        message = SentMessage(message_id, None, None, recipient, when_of(date))
        return Parsed("postmark", sent=(Sent(message, True),), references=(message_id,))
    if kind == "SubscriptionChange":
        recipient = text(record.get("Recipient"))
        change = f"{message_id}/{text(record.get('ChangedAt'))}"
        if recipient is None or record.get("SuppressSending") is not True:
            return Parsed("postmark", references=(change,), ignored=1)
        note = f"{TITLE}: {text(record.get('SuppressionReason')) or 'suppressed'}"
        return Parsed(
            "postmark", suppressions=(EspSuppression(recipient, note),), references=(change,)
        )
    if kind not in ("Bounce", "SpamComplaint"):
        return Parsed("postmark", references=(message_id or kind,), ignored=1)  # Open, Click
    reference = text(record.get("ID"))
    recipient = text(record.get("Email"))
    if reference is None or recipient is None or "@" not in recipient:
        raise MalformedWebhook(f"The Postmark {kind} has no ID or no Email.")
    date = text(record.get("BouncedAt"))
    original = {
        "from": text(record.get("From")),
        "subject": text(record.get("Subject")),
    }
    bounce_type = text(record.get("Type")) or ""
    sent: tuple[Sent, ...] = ()
    if kind == "SpamComplaint" or bounce_type == "SpamComplaint":
        decoded = DecodedRecipient(
            recipient=recipient, date=date, reason=Reason.FEEDBACK, feedback_type="abuse"
        )
    else:
        decoded = DecodedRecipient(
            recipient=recipient,
            diagnostic=dsn.after_type(text(record.get("Details")) or ""),
            date=date,
            reason=_NOT_FAILURES.get(bounce_type),
        )
        if bounce_type in _HARD_TYPES and message_id is not None:
            message = SentMessage(message_id, None, original["from"], recipient, when_of(date))
            sent = (Sent(message, False),)
    event = judge(TITLE, reference, decoded, original=original)
    return Parsed("postmark", events=((event, body),), sent=sent, references=(reference,))


ESP = Esp("postmark", TITLE, verify, parse)
