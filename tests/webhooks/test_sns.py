"""SNS signatures: the host rule for certificates, versions 1 and 2, forgeries, the topic pin."""

from __future__ import annotations

import json

import pytest

from bouncekit.ingest.webhooks import WebhookRefused, WebhookSettings
from bouncekit.ingest.webhooks.ses import verify
from bouncekit.ingest.webhooks.sns import (
    CertificateUnavailable,
    SigningCertificates,
    is_sns_url,
    string_to_sign,
)
from tests.webhooks.conftest import SnsHost
from tests.webhooks.payloads import (
    OTHER_TOPIC,
    SES_BOUNCE,
    TOPIC,
    SnsSigner,
    dumps,
    sns_notification,
    sns_subscription,
)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", True),
        ("https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-abc.pem", True),
        ("https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem", True),
        ("http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", False),
        ("https://sns.us-east-1.amazonaws.com.evil.example/cert.pem", False),
        ("https://evil.example/sns.us-east-1.amazonaws.com/cert.pem", False),
        ("https://sns.us-east-1.amazonaws.com@evil.example/cert.pem", False),
        ("https://user@sns.us-east-1.amazonaws.com/cert.pem", False),
        ("https://sns.us-east-1.amazonaws.com:8443/cert.pem", False),
        ("https://sqs.us-east-1.amazonaws.com/cert.pem", False),
        ("https://evilsns.us-east-1.amazonaws.com/cert.pem", False),
        ("https://sns.us-east-1.amazonaws.com/cert.txt", False),
        ("https://sns.us-east-1.amazonaws.com\\@evil.example/cert.pem", False),
    ],
)
def test_only_sns_hosts_serve_certificates(url: str, allowed: bool) -> None:
    assert is_sns_url(url, path_suffix=".pem") is allowed


def test_production_fetcher_refuses_a_loopback_certificate(sns_host: SnsHost) -> None:
    # Without the tests' parameter the loopback server is just another host: refused, unasked.
    before = len(sns_host.requests)
    with pytest.raises(WebhookRefused, match="not an https://sns"):
        SigningCertificates().certificate(sns_host.cert_url)
    assert len(sns_host.requests) == before


def test_string_to_sign_follows_the_documented_order() -> None:
    message = {
        "Type": "Notification",
        "MessageId": "m",
        "TopicArn": "t",
        "Message": "hi",
        "Timestamp": "2026-12-01T00:00:00Z",
        "SigningCertURL": "x",
        "Subject": "s",
    }
    assert string_to_sign(message) == (
        b"Message\nhi\nMessageId\nm\nSubject\ns\nTimestamp\n2026-12-01T00:00:00Z\n"
        b"TopicArn\nt\nType\nNotification\n"
    )
    del message["Subject"]  # no Subject: not in the string at all
    assert b"Subject" not in string_to_sign(message)


def _settings(sns_host: SnsHost, topics: frozenset[str] = frozenset({TOPIC})) -> WebhookSettings:
    return WebhookSettings(ses_topic_arns=topics, certificates=sns_host.certificates())


@pytest.mark.parametrize("version", ["1", "2"])
@pytest.mark.parametrize("subject", ["Amazon SES Email Event Notification", None])
def test_signature_versions_verify(
    sns_host: SnsHost, sns_signer: SnsSigner, version: str, subject: str | None
) -> None:
    envelope = sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url, subject=subject)
    verify(dumps(sns_signer.sign(envelope, version)), {}, _settings(sns_host))


def test_subscription_confirmation_verifies(sns_host: SnsHost, sns_signer: SnsSigner) -> None:
    envelope = sns_subscription(cert_url=sns_host.cert_url, subscribe_url=sns_host.subscribe_url)
    verify(dumps(sns_signer.sign(envelope, "2")), {}, _settings(sns_host))


def test_a_changed_message_is_refused(sns_host: SnsHost, sns_signer: SnsSigner) -> None:
    signed = sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url))
    forged = json.loads(signed["Message"])
    forged["bounce"]["bouncedRecipients"][0]["emailAddress"] = "victim@example.com"
    signed["Message"] = json.dumps(forged)
    with pytest.raises(WebhookRefused, match="does not match"):
        verify(dumps(signed), {}, _settings(sns_host))


def test_a_version_1_signature_claimed_as_2_is_refused(
    sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    signed = sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url), "1")
    signed["SignatureVersion"] = "2"
    with pytest.raises(WebhookRefused):
        verify(dumps(signed), {}, _settings(sns_host))


def test_another_key_is_refused(sns_host: SnsHost) -> None:
    stranger = SnsSigner()  # signs well, but the certificate served is not its own
    signed = stranger.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url))
    with pytest.raises(WebhookRefused, match="does not match"):
        verify(dumps(signed), {}, _settings(sns_host))


def test_a_topic_not_pinned_is_refused_before_any_fetch(
    sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    before = len(sns_host.requests)
    envelope = sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url, topic=OTHER_TOPIC)
    with pytest.raises(WebhookRefused, match="not one of BOUNCEKIT_SES_TOPIC_ARNS"):
        verify(dumps(sns_signer.sign(envelope)), {}, _settings(sns_host))
    assert len(sns_host.requests) == before


def test_no_topics_configured_refuses(sns_host: SnsHost, sns_signer: SnsSigner) -> None:
    envelope = sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url))
    with pytest.raises(WebhookRefused, match="not configured"):
        verify(dumps(envelope), {}, _settings(sns_host, frozenset()))


def test_unsigned_message_is_refused_as_missing(sns_host: SnsHost) -> None:
    envelope = sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url)
    envelope["SignatureVersion"] = "1"
    with pytest.raises(WebhookRefused) as refused:
        verify(dumps(envelope), {}, _settings(sns_host))
    assert refused.value.missing


def test_the_certificate_is_fetched_once(sns_host: SnsHost, sns_signer: SnsSigner) -> None:
    settings = _settings(sns_host)
    body = dumps(sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=sns_host.cert_url)))
    before = len(sns_host.requests)
    verify(body, {}, settings)
    verify(body, {}, settings)
    assert len(sns_host.requests) == before + 1


def test_an_unreachable_certificate_is_neither_accepted_nor_refused(
    sns_host: SnsHost, sns_signer: SnsSigner
) -> None:
    # A network failure is not a forgery: SNS must send the message again (503, not 403).
    missing = sns_host.origin + "/SimpleNotificationService-gone.pem"  # the server answers 404
    body = dumps(sns_signer.sign(sns_notification(SES_BOUNCE, cert_url=missing)))
    with pytest.raises(CertificateUnavailable, match="send the message again"):
        verify(body, {}, _settings(sns_host))
