"""``POST /api/v1/webhooks/{esp}`` through the real app, on SQLite and a real PostgreSQL: stored
before the 2xx, a replay stores nothing twice, a forgery stores nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bouncekit.events.model import SourceKind
from bouncekit.ingest.webhooks import WebhookSettings
from bouncekit.store import Store, open_store
from bouncekit.suppressions.policy import SuppressionReason
from bouncekit.web import create_app
from bouncekit.web.guard import WebAccess
from tests.webhooks.conftest import SnsHost
from tests.webhooks.payloads import (
    MAILGUN_DELIVERED,
    MAILGUN_FAILED,
    MAILGUN_SUPPRESSED,
    OTHER_TOPIC,
    POSTMARK_AUTH,
    POSTMARK_BOUNCE,
    POSTMARK_COMPLAINT,
    POSTMARK_SUBSCRIPTION_CHANGE,
    SENDGRID_EVENTS,
    SES_BOUNCE,
    SES_COMPLAINT_EVENT,
    SES_DELIVERY,
    SES_SUPPRESSED,
    SPARKPOST_AUTH,
    SPARKPOST_BATCH,
    SendGridSigner,
    SnsSigner,
    basic,
    dumps,
    mailgun,
    sns_notification,
    sns_subscription,
)


@pytest.fixture
def stored(store_url: str) -> Iterator[Store]:
    """The store the app writes to, opened by the test to look at it."""
    with open_store(store_url) as opened:
        yield opened


def _post(client: TestClient, esp: str, body: bytes, headers: dict[str, str] | None = None) -> Any:
    return client.post(f"/api/v1/webhooks/{esp}", content=body, headers=headers or {})


def _sns(client: TestClient, body: dict[str, Any]) -> Any:
    headers = {
        "Content-Type": "text/plain; charset=UTF-8",
        "x-amz-sns-message-type": body["Type"],
        "x-amz-sns-message-id": body["MessageId"],
        "x-amz-sns-topic-arn": body["TopicArn"],
    }
    return _post(client, "ses", dumps(body), headers)


def _nothing_stored(store: Store) -> None:
    assert store.count_events() == 0
    assert store.sends() == []
    assert store.suppressions() == []


# --- Amazon SES --------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["1", "2"])
def test_ses_bounce_stored_once(
    client: TestClient, stored: Store, sns_host: SnsHost, sns_signer: SnsSigner, version: str
) -> None:
    body = sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url), version)
    first = _sns(client, body)
    assert first.status_code == 200, first.text
    assert first.json()["events_added"] == 2
    again = _sns(client, body)  # SNS delivers again when it saw no 2xx in time
    assert again.status_code == 200
    assert (again.json()["events_added"], again.json()["duplicates"]) == (0, 2)
    events = {item.event.recipient: item for item in stored.events()}
    assert sorted(events) == ["busy@example.net", "gone@example.com"]
    assert events["gone@example.com"].payload == dumps(body)
    assert events["gone@example.com"].event.source.kind is SourceKind.WEBHOOK
    # The hard failure suppresses; the delayed full mailbox does not.
    assert [entry.address for entry in stored.suppressions()] == ["gone@example.com"]
    (count,) = stored.sends()
    assert (count.recipient_domain, count.attempted, count.delivered) == ("example.com", 1, 0)
    assert stored.cursor(SourceKind.WEBHOOK, "ses") == {"last_event": body["MessageId"]}


def test_ses_delivery_counts_one_send_however_often_it_comes(
    client: TestClient, stored: Store, sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    body = sns_signer.sign(sns_notification(SES_DELIVERY, cert_url=sns_host.cert_url))
    for _ in range(3):
        assert _sns(client, body).status_code == 200
    (count,) = stored.sends()
    assert (count.attempted, count.delivered) == (1, 1)
    (message,) = stored.sent_messages(transport_id=SES_DELIVERY["mail"]["messageId"])
    assert message.recipient == "happy@example.com"
    assert stored.count_events() == 0


def test_ses_complaint_suppresses_for_good(
    client: TestClient, stored: Store, sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    body = sns_signer.sign(sns_notification(SES_COMPLAINT_EVENT, cert_url=sns_host.cert_url))
    assert _sns(client, body).status_code == 200
    (stored_event,) = stored.events()
    assert stored_event.event.feedback_type == "abuse"
    entry = stored.suppression("angry@example.org")
    assert entry is not None
    assert (entry.reason, entry.expires_at) == (SuppressionReason.COMPLAINT, None)


def test_ses_account_suppression_is_mirrored(
    client: TestClient, stored: Store, sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    body = sns_signer.sign(sns_notification(SES_SUPPRESSED, cert_url=sns_host.cert_url))
    assert _sns(client, body).status_code == 200
    entry = stored.suppression("listed@example.com")
    assert entry is not None
    assert (entry.reason, entry.source) == (SuppressionReason.ESP_IMPORT, "ses")
    assert stored.count_events() == 0  # SES never tried: not a bounce


def test_ses_forged_notification_stores_nothing(
    client: TestClient, stored: Store, sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    body = sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url))
    body["Message"] = body["Message"].replace("gone@example.com", "victim@example.com")
    response = _sns(client, body)
    assert response.status_code == 403
    assert set(response.json()) == {"error", "message"}
    _nothing_stored(stored)


def test_ses_certificate_from_another_host_is_refused(
    client: TestClient, stored: Store, sns_signer: SnsSigner
) -> None:
    url = "https://sns.eu-central-1.amazonaws.com.evil.example/SimpleNotificationService-1.pem"
    body = sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=url))
    assert _sns(client, body).status_code == 403
    _nothing_stored(stored)


def test_subscription_is_confirmed_for_a_pinned_topic_only(
    client: TestClient, sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    pinned = sns_subscription(cert_url=sns_host.cert_url, subscribe_url=sns_host.subscribe_url)
    response = _sns(client, sns_signer.sign(pinned, "2"))
    assert response.status_code == 200, response.text
    assert response.json()["subscription"] == "confirmed"
    assert sns_host.requests[-1].startswith("/?Action=ConfirmSubscription")

    visits = len(sns_host.requests)
    other = sns_subscription(
        cert_url=sns_host.cert_url, subscribe_url=sns_host.subscribe_url, topic=OTHER_TOPIC
    )
    assert _sns(client, sns_signer.sign(other, "2")).status_code == 403
    assert len(sns_host.requests) == visits  # neither the certificate nor the URL fetched


# --- SendGrid ----------------------------------------------------------------------------


def test_sendgrid_batch_stored_once(
    client: TestClient, stored: Store, sendgrid_signer: SendGridSigner
) -> None:
    body = dumps(SENDGRID_EVENTS)
    headers = sendgrid_signer.headers(body)
    first = _post(client, "sendgrid", body, headers)
    assert first.status_code == 200, first.text
    assert first.json() == {
        "esp": "sendgrid",
        "events_added": 3,
        "duplicates": 0,
        "suppressed": 3,  # gone (hard), angry (complaint), listed (mirrored)
        "ignored": 1,
        "skipped": [],
    }
    again = _post(client, "sendgrid", body, headers)
    assert (again.json()["events_added"], again.json()["duplicates"]) == (0, 3)
    assert stored.count_events() == 3
    (count,) = stored.sends()
    assert (count.attempted, count.delivered) == (2, 1)
    listed = stored.suppression("listed@example.com")
    assert listed is not None
    assert listed.reason is SuppressionReason.ESP_IMPORT


@pytest.mark.parametrize("tamper", ["unsigned", "other body", "other timestamp", "other key"])
def test_sendgrid_bad_signature_stores_nothing(
    client: TestClient, stored: Store, sendgrid_signer: SendGridSigner, tamper: str
) -> None:
    body = dumps(SENDGRID_EVENTS)
    headers = sendgrid_signer.headers(body)
    if tamper == "unsigned":
        headers = {"Content-Type": "application/json"}
    elif tamper == "other body":
        body = body.replace(b"gone@example.com", b"victim@example.com")
    elif tamper == "other timestamp":
        headers["X-Twilio-Email-Event-Webhook-Timestamp"] = "1764583999"
    else:
        headers = SendGridSigner().headers(body)
    response = _post(client, "sendgrid", body, headers)
    assert response.status_code == (401 if tamper == "unsigned" else 403)
    _nothing_stored(stored)


# --- Mailgun -----------------------------------------------------------------------------


def test_mailgun_events_stored_once_by_token(client: TestClient, stored: Store) -> None:
    failed = dumps(mailgun(MAILGUN_FAILED, "a" * 50))
    for _ in range(2):
        assert _post(client, "mailgun", failed).status_code == 200
    assert _post(client, "mailgun", dumps(mailgun(MAILGUN_DELIVERED, "b" * 50))).status_code == 200
    assert _post(client, "mailgun", dumps(mailgun(MAILGUN_SUPPRESSED, "c" * 50))).status_code == 200
    assert stored.count_events() == 1
    assert sorted(entry.address for entry in stored.suppressions()) == [
        "gone@example.com",
        "listed@example.com",
    ]
    (count,) = stored.sends()
    assert (count.attempted, count.delivered) == (2, 1)


def test_mailgun_wrong_signing_key_stores_nothing(client: TestClient, stored: Store) -> None:
    body = dumps(mailgun(MAILGUN_FAILED, "d" * 50, key="not-the-key"))
    assert _post(client, "mailgun", body).status_code == 403
    _nothing_stored(stored)


# --- Postmark and SparkPost ------------------------------------------------------------


def test_postmark_basic_auth(client: TestClient, stored: Store) -> None:
    body = dumps(POSTMARK_BOUNCE)
    missing = _post(client, "postmark", body)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Basic")
    assert _post(client, "postmark", body, basic("bouncekit:wrong")).status_code == 403
    _nothing_stored(stored)
    for _ in range(2):
        assert _post(client, "postmark", body, basic(POSTMARK_AUTH)).status_code == 200
    assert _post(client, "postmark", dumps(POSTMARK_COMPLAINT), basic(POSTMARK_AUTH)).is_success
    reasons = {entry.address: entry.reason for entry in stored.suppressions()}
    assert reasons == {
        "gone@example.com": SuppressionReason.HARD,
        "angry@example.org": SuppressionReason.COMPLAINT,
    }
    assert stored.count_events() == 2


def test_sparkpost_batch(client: TestClient, stored: Store) -> None:
    body = dumps(SPARKPOST_BATCH)
    assert _post(client, "sparkpost", body).status_code == 401
    for _ in range(2):
        response = _post(client, "sparkpost", body, basic(SPARKPOST_AUTH))
        assert response.status_code == 200, response.text
    assert stored.count_events() == 2
    (count,) = stored.sends()
    assert (count.attempted, count.delivered) == (2, 1)
    listed = stored.suppression("listed@example.com")
    assert listed is not None
    assert (listed.reason, listed.source) == (SuppressionReason.ESP_IMPORT, "sparkpost")
    # SparkPost's test request when the webhook is created: an empty batch.
    assert _post(client, "sparkpost", b"[]", basic(SPARKPOST_AUTH)).status_code == 200


# --- the edges ---------------------------------------------------------------------------


def test_an_esp_mirror_keeps_an_existing_entry_and_its_evidence(
    client: TestClient, stored: Store
) -> None:
    assert _post(client, "mailgun", dumps(mailgun(MAILGUN_FAILED, "e" * 50))).status_code == 200
    before = stored.suppression("gone@example.com")
    assert before is not None
    assert before.reason is SuppressionReason.HARD
    again = {**MAILGUN_SUPPRESSED, "recipient": "gone@example.com"}
    assert _post(client, "mailgun", dumps(mailgun(again, "f" * 50))).status_code == 200
    assert stored.suppression("gone@example.com") == before


def test_malformed_body_is_a_400_in_the_api_shape(client: TestClient, stored: Store) -> None:
    response = _post(client, "postmark", b"{not json", basic(POSTMARK_AUTH))
    assert response.status_code == 400
    assert response.json()["error"] == "malformed_payload"
    assert "Postmark" in response.json()["message"]
    _nothing_stored(stored)


def test_a_malformed_item_is_reported_and_the_rest_stored(
    client: TestClient, stored: Store, sendgrid_signer: SendGridSigner
) -> None:
    body = dumps([SENDGRID_EVENTS[0], {"event": "bounce"}])
    response = _post(client, "sendgrid", body, sendgrid_signer.headers(body))
    assert response.status_code == 200
    assert response.json()["skipped"] == [
        {"where": "event #2", "why": "no sg_event_id or no event"}
    ]
    assert stored.count_events() == 1
    (source,) = stored.sources()
    assert (source["kind"], source["reference"], source["errors"]) == ("webhook", "sendgrid", 1)


def test_unknown_esp_is_a_404(client: TestClient) -> None:
    response = _post(client, "mailchimp", b"{}")
    assert response.status_code == 404
    assert "sendgrid" in response.json()["message"]


def test_an_esp_without_its_secret_is_refused(store_url: str, stored: Store) -> None:
    app = create_app()
    app.state.store_url = store_url
    app.state.webhook_settings = WebhookSettings()  # nothing configured
    with TestClient(app, base_url="http://127.0.0.1:8550") as client:
        response = _post(client, "mailgun", dumps(mailgun(MAILGUN_FAILED, "g" * 50)))
    assert response.status_code == 403
    assert "BOUNCEKIT_MAILGUN_SIGNING_KEY" in response.json()["message"]
    _nothing_stored(stored)


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, store_url: str, stored: Store
) -> None:
    monkeypatch.setenv("BOUNCEKIT_DB", store_url)
    monkeypatch.setenv("BOUNCEKIT_POSTMARK_AUTH", POSTMARK_AUTH)
    with TestClient(create_app(), base_url="http://127.0.0.1:8550") as client:
        response = _post(client, "postmark", dumps(POSTMARK_BOUNCE), basic(POSTMARK_AUTH))
        client.app.state.webhook_store.close()  # type: ignore[attr-defined]
    assert response.status_code == 200, response.text
    assert json.loads(response.text)["events_added"] == 1
    assert stored.count_events() == 1


def test_an_esp_suppression_that_is_no_address_is_reported(
    client: TestClient, stored: Store
) -> None:
    change = {**POSTMARK_SUBSCRIPTION_CHANGE, "Recipient": "nobody@"}
    response = _post(client, "postmark", dumps(change), basic(POSTMARK_AUTH))
    assert response.status_code == 200
    (skipped,) = response.json()["skipped"]
    assert "not an email address" in skipped["why"]
    assert stored.suppressions() == []


def test_a_token_guarded_server_takes_webhooks_on_their_own_proof(
    store_url: str, stored: Store, settings: WebhookSettings
) -> None:
    # Served beyond loopback every request needs the token, but an ESP cannot send it: the
    # webhook's own signature stands in for it, and nothing else is opened.
    app = create_app(WebAccess(host="0.0.0.0", port=8550, token="k3Zq-very-secret-token-9xT"))
    app.state.store_url = store_url
    app.state.webhook_settings = settings
    with TestClient(app, base_url="http://hooks.example:8550") as client:
        assert client.get("/api/v1/health").status_code == 401
        assert client.get("/api/v1/webhooks/mailgun").status_code == 401
        good = dumps(mailgun(MAILGUN_FAILED, "h" * 50))
        assert _post(client, "mailgun", good).status_code == 200
        forged = dumps(mailgun(MAILGUN_FAILED, "i" * 50, key="not-the-key"))
        assert _post(client, "mailgun", forged).status_code == 403
        client.app.state.webhook_store.close()  # type: ignore[attr-defined]
    assert stored.count_events() == 1


def test_rejudging_webhook_events_changes_nothing(
    client: TestClient, stored: Store, sendgrid_signer: SendGridSigner
) -> None:
    # Stored webhook events are judged again from their fields: the same engine, the same answer.
    from bouncekit.store.rejudge import rejudge

    body = dumps(SENDGRID_EVENTS)
    assert _post(client, "sendgrid", body, sendgrid_signer.headers(body)).status_code == 200
    summary = rejudge(stored, everything=True)
    assert (summary.examined, summary.changes) == (3, [])


def test_an_unreachable_certificate_is_a_503_so_sns_retries(
    client: TestClient, stored: Store, sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    missing = sns_host.origin + "/SimpleNotificationService-gone.pem"
    response = _sns(client, sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=missing)))
    assert response.status_code == 503
    assert response.json()["error"] == "certificate_unavailable"
    _nothing_stored(stored)


def test_mailgun_stale_signature_is_refused(client: TestClient, stored: Store) -> None:
    # Mailgun's signature does not cover the event: an old one must not carry a new event.
    body = dumps(mailgun(MAILGUN_FAILED, "j" * 50, timestamp="1764583200"))
    response = _post(client, "mailgun", body)
    assert response.status_code == 403
    assert "more than a day" in response.json()["message"]
    _nothing_stored(stored)
