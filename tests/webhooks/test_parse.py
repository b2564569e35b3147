"""Each ESP's payloads read into judged events, sends and ESP suppressions (pure: no I/O)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bouncekit.events.model import SourceKind
from bouncekit.ingest.webhooks import MalformedWebhook, Parsed, esp, esps
from bouncekit.replies.model import Owner, Reason
from tests.webhooks.payloads import (
    MAILGUN_COMPLAINED,
    MAILGUN_DELIVERED,
    MAILGUN_FAILED,
    MAILGUN_SUPPRESSED,
    MAILGUN_TEMPORARY,
    POSTMARK_BOUNCE,
    POSTMARK_COMPLAINT,
    POSTMARK_DELIVERY,
    POSTMARK_SUBSCRIPTION_CHANGE,
    SENDGRID_EVENTS,
    SES_BOUNCE,
    SES_COMPLAINT_EVENT,
    SES_DELAY,
    SES_DELIVERY,
    SES_SUPPRESSED,
    SPARKPOST_BATCH,
    dumps,
    mailgun,
    sns_notification,
)

CERT = "https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-0.pem"


def _ses(message: dict[str, Any]) -> bytes:
    return dumps(sns_notification(message, cert_url=CERT))


def _summary(parsed: Parsed) -> dict[str, Any]:
    """What a request holds, in a shape the table below can state."""
    return {
        "events": [
            (event.recipient, event.reason.value, event.owner.value, event.reported_action)
            for event, _ in parsed.events
        ],
        "sent": [(item.message.recipient, item.delivered) for item in parsed.sent],
        "suppressed": [entry.address for entry in parsed.suppressions],
    }


CASES = [
    ("ses", _ses(SES_BOUNCE), {
        "events": [("gone@example.com", "userunknown", "recipient", "failed"),
                   ("busy@example.net", "mailboxfull", "recipient", "delayed")],
        "sent": [("gone@example.com", False)], "suppressed": []}),
    ("ses", _ses(SES_COMPLAINT_EVENT), {
        "events": [("angry@example.org", "feedback", "recipient", None)],
        "sent": [], "suppressed": []}),
    ("ses", _ses(SES_DELIVERY), {"events": [], "sent": [("happy@example.com", True)],
                                 "suppressed": []}),
    ("ses", _ses(SES_SUPPRESSED), {"events": [], "sent": [],
                                   "suppressed": ["listed@example.com"]}),
    ("ses", _ses(SES_DELAY), {"events": [("slow@example.com", "expired", "receiver", "delayed")],
                              "sent": [], "suppressed": []}),
    ("sendgrid", dumps(SENDGRID_EVENTS), {
        "events": [("gone@example.com", "userunknown", "recipient", "failed"),
                   ("slow@example.com", "expired", "receiver", "delayed"),
                   ("angry@example.org", "feedback", "recipient", None)],
        "sent": [("gone@example.com", False), ("happy@example.com", True)],
        "suppressed": ["listed@example.com"]}),
    ("mailgun", dumps(mailgun(MAILGUN_FAILED, "t1")), {
        "events": [("gone@example.com", "userunknown", "recipient", "failed")],
        "sent": [("gone@example.com", False)], "suppressed": []}),
    ("mailgun", dumps(mailgun(MAILGUN_TEMPORARY, "t2")), {
        "events": [("someone@nomx.example.com", "expired", "receiver", "delayed")],
        "sent": [], "suppressed": []}),
    ("mailgun", dumps(mailgun(MAILGUN_SUPPRESSED, "t3")), {
        "events": [], "sent": [], "suppressed": ["listed@example.com"]}),
    ("mailgun", dumps(mailgun(MAILGUN_DELIVERED, "t4")), {
        "events": [], "sent": [("happy@example.com", True)], "suppressed": []}),
    ("mailgun", dumps(mailgun(MAILGUN_COMPLAINED, "t5")), {
        "events": [("angry@example.org", "feedback", "recipient", None)],
        "sent": [], "suppressed": []}),
    ("postmark", dumps(POSTMARK_BOUNCE), {
        "events": [("gone@example.com", "userunknown", "recipient", "failed")],
        "sent": [("gone@example.com", False)], "suppressed": []}),
    ("postmark", dumps(POSTMARK_COMPLAINT), {
        "events": [("angry@example.org", "feedback", "recipient", None)],
        "sent": [], "suppressed": []}),
    ("postmark", dumps(POSTMARK_DELIVERY), {
        "events": [], "sent": [("happy@example.com", True)], "suppressed": []}),
    ("postmark", dumps(POSTMARK_SUBSCRIPTION_CHANGE), {
        "events": [], "sent": [], "suppressed": ["listed@example.com"]}),
    ("sparkpost", dumps(SPARKPOST_BATCH), {
        "events": [("gone@example.com", "userunknown", "recipient", "failed"),
                   ("angry@example.org", "feedback", "recipient", None)],
        "sent": [("gone@example.com", False), ("happy@example.com", True)],
        "suppressed": ["listed@example.com"]}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "body", "expected"), CASES)
def test_payloads_read_as_documented(name: str, body: bytes, expected: dict[str, Any]) -> None:
    found = esp(name)
    assert found is not None
    parsed = found.parse(body, {})
    assert _summary(parsed) == expected
    for event, payload in parsed.events:
        assert event.source.kind is SourceKind.WEBHOOK
        assert event.source.reference in parsed.references
        assert payload == body  # the raw request is kept beside each event


def test_every_esp_is_registered() -> None:
    assert sorted(esps()) == ["mailgun", "postmark", "sendgrid", "ses", "sparkpost"]


def test_the_reply_text_is_judged_not_the_esp_category() -> None:
    # SES says Transient; the reply says the mailbox does not exist (listmonk#1463's shape).
    bounce = json.loads(json.dumps(SES_BOUNCE))
    bounce["bounce"]["bounceType"] = "Transient"
    bounce["bounce"]["bouncedRecipients"] = [bounce["bounce"]["bouncedRecipients"][0]]
    ((event, _),) = esp("ses").parse(_ses(bounce), {}).events  # type: ignore[union-attr]
    assert (event.reason, event.owner, event.hard) == (Reason.USERUNKNOWN, Owner.RECIPIENT, True)
    # SendGrid calls a block a bounce; the reply says it is the sender's IP.
    blocked = {**SENDGRID_EVENTS[0], "type": "blocked", "status": "5.7.1",
               "reason": "550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked "
               "using zen.spamhaus.org"}  # fmt: skip
    ((event, _),) = esp("sendgrid").parse(dumps([blocked]), {}).events  # type: ignore[union-attr]
    assert event.owner is Owner.SENDER


def test_one_sns_message_with_two_recipients_gives_two_events_with_distinct_ids() -> None:
    parsed = esp("ses").parse(_ses(SES_BOUNCE), {})  # type: ignore[union-attr]
    ids = {event.event_id for event, _ in parsed.events}
    assert len(ids) == 2
    assert [event.index for event, _ in parsed.events] == [1, 2]


def test_a_malformed_item_is_named_and_the_rest_read() -> None:
    batch = [SENDGRID_EVENTS[0], "not an event", {"event": "bounce", "email": "x@example.com"}]
    parsed = esp("sendgrid").parse(dumps(batch), {})  # type: ignore[union-attr]
    assert len(parsed.events) == 1
    assert [item.where for item in parsed.skipped] == ["event #2", "event #3"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("ses", b"not json"),
        ("ses", b'{"no": "Type"}'),
        ("ses", dumps({**sns_notification(SES_BOUNCE, cert_url=CERT), "Message": "{oops"})),
        ("sendgrid", b'{"event": "bounce"}'),
        ("mailgun", b'{"signature": {}}'),
        ("postmark", b"[]"),
        ("sparkpost", b"\xff\xfe"),
    ],
)
def test_a_malformed_body_is_an_error_naming_the_esp(name: str, body: bytes) -> None:
    found = esp(name)
    assert found is not None
    with pytest.raises(MalformedWebhook, match=found.title.split()[-1]):
        found.parse(body, {})
