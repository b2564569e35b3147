"""Amazon SES event notifications through Amazon SNS (``POST /api/v1/webhooks/ses``).

The body is the SNS envelope (sent as ``text/plain``): a ``SubscriptionConfirmation``, an
``UnsubscribeConfirmation`` or a ``Notification`` whose ``Message`` is the SES document as a
JSON string. Configuration-set event publishing names the kind ``eventType``, the identity's
notifications ``notificationType``: both are read.
https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html

Verification: the topic must be one of ``BOUNCEKIT_SES_TOPIC_ARNS`` (PostHog#61644: a valid
signature only proves that *some* AWS account sent it), then the SNS signature (``sns.py``).

- One bounce may name several recipients, with different statuses: one event each.
- ``OnAccountSuppressionList`` and ``Suppressed`` bounces (SES did not even try: the address is
  on its suppression list) and complaints with ``complaintSubType`` ``OnAccountSuppressionList``
  are mirrored as suppressions, not judged as bounces.
- Deliveries, and bounces that end a message, count as sends; ``DeliveryDelay`` recipients
  become delayed events.
"""

from __future__ import annotations

import json
from typing import Any

from bouncekit.bounces import dsn
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
    judge,
    load_json,
    mapping,
    text,
    when_of,
)
from bouncekit.ingest.webhooks.sns import verify_signature
from bouncekit.replies.model import Reason
from bouncekit.store import SentMessage

TITLE = "Amazon SES"
_SUPPRESSED_BOUNCES = frozenset({"OnAccountSuppressionList", "Suppressed"})


def _envelope(body: bytes) -> dict[str, Any]:
    envelope = load_json(body, TITLE)
    if not isinstance(envelope, dict) or not isinstance(envelope.get("Type"), str):
        raise MalformedWebhook(
            "The Amazon SES webhook body is not an SNS message (a JSON object with a Type)."
        )
    return envelope


def verify(body: bytes, headers: Headers, settings: WebhookSettings) -> None:
    envelope = _envelope(body)
    if not settings.ses_topic_arns:
        raise WebhookRefused(
            "Amazon SES webhooks are not configured here: set BOUNCEKIT_SES_TOPIC_ARNS to the "
            "ARNs of your SNS topics."
        )
    topic = envelope.get("TopicArn")
    if topic not in settings.ses_topic_arns:
        raise WebhookRefused(
            f"The SNS topic {str(topic)[:200]!r} is not one of BOUNCEKIT_SES_TOPIC_ARNS: "
            "messages of other topics are refused."
        )
    url = envelope.get("SigningCertURL")
    if not isinstance(url, str):
        raise WebhookRefused("The SNS message has no SigningCertURL.", missing=True)
    verify_signature(envelope, settings.certificates.certificate(url))


def _original(mail: dict[str, Any]) -> dict[str, str | None]:
    common = mapping(mail.get("commonHeaders"))
    sender = text(mail.get("source"))
    senders = common.get("from")
    if isinstance(senders, list) and senders:
        sender = text(senders[0]) or sender
    return {
        "message-id": text(common.get("messageId")),
        "from": sender,
        "subject": text(common.get("subject")),
    }


def _sent(mail: dict[str, Any], recipient: str, date: str | None, delivered: bool) -> Sent:
    common = mapping(mail.get("commonHeaders"))
    message = SentMessage(
        transport_id=text(mail.get("messageId")),
        message_id=text(common.get("messageId")),
        sender=text(mail.get("source")),
        recipient=recipient,
        sent_at=when_of(date),
    )
    return Sent(message, delivered)


class _Reader:
    """Collects one notification's events, sends, suppressions and skipped entries."""

    def __init__(self, reference: str, body: bytes, mail: dict[str, Any]) -> None:
        self.reference = reference
        self.body = body
        self.mail = mail
        self.original = _original(mail)
        self.events: list[tuple[BounceEvent, bytes]] = []
        self.sent: list[Sent] = []
        self.suppressions: list[EspSuppression] = []
        self.skipped: list[Skipped] = []

    def recipients(self, entries: object, where: str) -> list[tuple[str, dict[str, Any]]]:
        """(address, entry) of each entry with an address; the others named as skipped."""
        found = []
        for number, entry in enumerate(entries if isinstance(entries, list) else [], 1):
            address = text(entry.get("emailAddress")) if isinstance(entry, dict) else None
            if address is None or "@" not in address:
                self.skipped.append(
                    Skipped(f"SNS message {self.reference}: {where}[{number}]", "no emailAddress")
                )
                continue
            found.append((address, entry))
        return found

    def event(self, decoded: DecodedRecipient) -> None:
        index = len(self.events) + 1
        event = judge(TITLE, self.reference, decoded, index=index, original=self.original)
        self.events.append((event, self.body))

    def bounce(self, bounce: dict[str, Any]) -> None:
        kind, subkind = text(bounce.get("bounceType")), text(bounce.get("bounceSubType"))
        date = text(bounce.get("timestamp"))
        reporting = dsn.after_type(text(bounce.get("reportingMTA")) or "") or None
        remote = text(bounce.get("remoteMtaIp"))
        for address, entry in self.recipients(bounce.get("bouncedRecipients"), "bounce"):
            if subkind in _SUPPRESSED_BOUNCES:
                self.suppressions.append(EspSuppression(address, f"{TITLE}: {kind}/{subkind}"))
                continue
            action = text(entry.get("action"))
            self.event(
                DecodedRecipient(
                    recipient=address,
                    diagnostic=dsn.after_type(text(entry.get("diagnosticCode")) or ""),
                    action=action,
                    status=text(entry.get("status")),
                    remote_mta=remote,
                    reporting_mta=reporting,
                    date=date,
                )
            )
            if action != "delayed":
                self.sent.append(_sent(self.mail, address, date, delivered=False))

    def complaint(self, complaint: dict[str, Any]) -> None:
        date = text(complaint.get("timestamp"))
        suppressed = text(complaint.get("complaintSubType")) == "OnAccountSuppressionList"
        for address, _ in self.recipients(complaint.get("complainedRecipients"), "complaint"):
            if suppressed:
                self.suppressions.append(
                    EspSuppression(address, f"{TITLE}: complaint/OnAccountSuppressionList")
                )
                continue
            self.event(
                DecodedRecipient(
                    recipient=address,
                    diagnostic=text(complaint.get("userAgent")) or "",
                    date=date,
                    reason=Reason.FEEDBACK,
                    feedback_type=text(complaint.get("complaintFeedbackType")) or "other",
                )
            )

    def delivery(self, delivery: dict[str, Any]) -> None:
        date = text(delivery.get("timestamp"))
        recipients = delivery.get("recipients")
        for address in recipients if isinstance(recipients, list) else []:
            if isinstance(address, str) and "@" in address:
                self.sent.append(_sent(self.mail, address, date, delivered=True))

    def delay(self, delay: dict[str, Any]) -> None:
        date = text(delay.get("timestamp"))
        reporting = dsn.after_type(text(delay.get("reportingMTA")) or "") or None
        for address, entry in self.recipients(delay.get("delayedRecipients"), "deliveryDelay"):
            self.event(
                DecodedRecipient(
                    recipient=address,
                    diagnostic=dsn.after_type(text(entry.get("diagnosticCode")) or ""),
                    action="delayed",
                    status=text(entry.get("status")),
                    reporting_mta=reporting,
                    date=date,
                )
            )


def parse(body: bytes, headers: Headers) -> Parsed:
    envelope = _envelope(body)
    kind = envelope["Type"]
    reference = text(envelope.get("MessageId"))
    if reference is None:
        raise MalformedWebhook("The Amazon SES webhook's SNS message has no MessageId.")
    if kind == "SubscriptionConfirmation":
        url = text(envelope.get("SubscribeURL"))
        if url is None:
            raise MalformedWebhook(
                "The Amazon SES webhook's SubscriptionConfirmation has no SubscribeURL."
            )
        return Parsed("ses", references=(reference,), confirm_url=url)
    if kind != "Notification":  # UnsubscribeConfirmation: nothing to do (django-ses#199)
        return Parsed("ses", references=(reference,), ignored=1)
    try:
        document = json.loads(str(envelope.get("Message")))
    except (ValueError, RecursionError):
        raise MalformedWebhook(
            f"The Message of Amazon SES notification {reference} is not JSON: is the topic's "
            "'raw message delivery' on? It must be off."
        ) from None
    if not isinstance(document, dict):
        raise MalformedWebhook(
            f"The Message of Amazon SES notification {reference} is not an object."
        )
    event_type = text(document.get("eventType")) or text(document.get("notificationType"))
    reader = _Reader(reference, body, mapping(document.get("mail")))
    if event_type == "Bounce":
        reader.bounce(mapping(document.get("bounce")))
    elif event_type == "Complaint":
        reader.complaint(mapping(document.get("complaint")))
    elif event_type == "Delivery":
        reader.delivery(mapping(document.get("delivery")))
    elif event_type == "DeliveryDelay":
        reader.delay(mapping(document.get("deliveryDelay")))
    elif event_type is None:
        raise MalformedWebhook(
            f"Amazon SNS notification {reference} is not an Amazon SES event "
            "(no eventType or notificationType)."
        )
    else:  # Send, Reject, Open, Click, Rendering Failure, Subscription: not ours to store
        return Parsed("ses", references=(reference,), ignored=1)
    return Parsed(
        "ses",
        events=tuple(reader.events),
        sent=tuple(reader.sent),
        suppressions=tuple(reader.suppressions),
        skipped=tuple(reader.skipped),
        references=(reference,),
    )


ESP = Esp("ses", TITLE, verify, parse)
