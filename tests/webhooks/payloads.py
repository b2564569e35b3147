"""Webhook payloads written from each ESP's documentation (field names and shapes as the
docs give them; the values are ours), and the signing each ESP does, with keys of the tests'
own.

- Amazon SES: docs.aws.amazon.com/ses/latest/dg/notification-contents.html (bounce, complaint,
  delivery), .../event-publishing-retrieving-sns-contents.html (eventType, DeliveryDelay);
  SNS: docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html and
  .../sns-verify-signature-of-message.html.
- SendGrid: twilio.com/docs/sendgrid/for-developers/tracking-events/event.
- Mailgun: documentation.mailgun.com, "Tracking Messages" and "Securing Webhooks".
- Postmark: postmarkapp.com/developer/webhooks/, the bounce, delivery, spam-complaint and
  subscription-change webhooks.
- SparkPost: developers.sparkpost.com/api/webhooks/ (event samples).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import time
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

TOPIC = "arn:aws:sns:eu-central-1:123456789012:bouncekit-events"
OTHER_TOPIC = "arn:aws:sns:eu-central-1:210987654321:someone-else"


# --- Amazon SES through SNS -------------------------------------------------------------


class SnsSigner:
    """An RSA key and a self-signed certificate standing in for SNS's signing certificate."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
        now = datetime.datetime.now(datetime.UTC)
        self.certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(self.key, hashes.SHA256())
        )
        self.pem = self.certificate.public_bytes(serialization.Encoding.PEM)

    def sign(self, envelope: dict[str, Any], version: str = "1") -> dict[str, Any]:
        """The envelope with SignatureVersion and Signature, per AWS's documented recipe."""
        if envelope["Type"] == "Notification":
            keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
        else:
            keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn"]
            keys.append("Type")
        canonical = "".join(f"{key}\n{envelope[key]}\n" for key in keys if key in envelope)
        algorithm = hashes.SHA1() if version == "1" else hashes.SHA256()
        signature = self.key.sign(canonical.encode(), padding.PKCS1v15(), algorithm)
        return {
            **envelope,
            "SignatureVersion": version,
            "Signature": base64.b64encode(signature).decode(),
        }


def sns_notification(
    message: dict[str, Any],
    *,
    cert_url: str,
    message_id: str = "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324",
    topic: str = TOPIC,
    subject: str | None = "Amazon SES Email Event Notification",
) -> dict[str, Any]:
    envelope = {
        "Type": "Notification",
        "MessageId": message_id,
        "TopicArn": topic,
        "Message": json.dumps(message),
        "Timestamp": "2026-12-01T10:15:02.000Z",
        "SigningCertURL": cert_url,
        "UnsubscribeURL": "https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe&x=1",
    }
    if subject is not None:
        envelope["Subject"] = subject
    return envelope


def sns_subscription(*, cert_url: str, subscribe_url: str, topic: str = TOPIC) -> dict[str, Any]:
    return {
        "Type": "SubscriptionConfirmation",
        "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b",
        "Token": "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a",
        "TopicArn": topic,
        "Message": f"You have chosen to subscribe to the topic {topic}.\nTo confirm the "
        "subscription, visit the SubscribeURL included in this message.",
        "SubscribeURL": subscribe_url,
        "Timestamp": "2026-12-01T10:00:00.000Z",
        "SigningCertURL": cert_url,
    }


SES_MAIL = {
    "timestamp": "2026-12-01T10:14:58.000Z",
    "source": "news@sender.example",
    "messageId": "0107018c1a2b3c4d-aaaa-bbbb-cccc-000000",
    "destination": ["gone@example.com", "busy@example.net"],
    "headersTruncated": False,
    "commonHeaders": {
        "from": ["News <news@sender.example>"],
        "to": ["gone@example.com", "busy@example.net"],
        "messageId": "<20261201101458.1@sender.example>",
        "subject": "December news",
    },
}

# A bounce with two recipients and two outcomes, as the notification-contents doc shows.
SES_BOUNCE = {
    "notificationType": "Bounce",
    "bounce": {
        "bounceType": "Permanent",
        "bounceSubType": "General",
        "bouncedRecipients": [
            {
                "emailAddress": "gone@example.com",
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": "smtp; 550 5.1.1 <gone@example.com>: Recipient address "
                "rejected: User unknown in virtual mailbox table",
            },
            {
                "emailAddress": "busy@example.net",
                "action": "delayed",
                "status": "4.2.2",
                "diagnosticCode": "smtp; 452 4.2.2 Mailbox full",
            },
        ],
        "timestamp": "2026-12-01T10:15:00.000Z",
        "feedbackId": "0107018c1a2b3c4d-1111-2222-3333-000000",
        "reportingMTA": "dns; a1-2.smtp-out.eu-central-1.amazonses.com",
        "remoteMtaIp": "192.0.2.25",
    },
    "mail": SES_MAIL,
}

# Configuration-set event publishing: eventType, not notificationType.
SES_COMPLAINT_EVENT = {
    "eventType": "Complaint",
    "complaint": {
        "complainedRecipients": [{"emailAddress": "angry@example.org"}],
        "timestamp": "2026-12-01T11:00:00.000Z",
        "feedbackId": "0107018c1a2b3c4d-4444-5555-6666-000000",
        "userAgent": "ExampleCorp Feedback Loop (V0.01)",
        "complaintFeedbackType": "abuse",
        "arrivalDate": "2026-12-01T10:59:00.000Z",
    },
    "mail": SES_MAIL,
}

SES_DELIVERY = {
    "notificationType": "Delivery",
    "delivery": {
        "timestamp": "2026-12-01T10:15:01.000Z",
        "processingTimeMillis": 546,
        "recipients": ["happy@example.com"],
        "smtpResponse": "250 ok:  Message 64111812 accepted",
        "reportingMTA": "a8-70.smtp-out.amazonses.com",
        "remoteMtaIp": "127.0.2.0",
    },
    "mail": SES_MAIL,
}

SES_SUPPRESSED = {
    "eventType": "Bounce",
    "bounce": {
        "bounceType": "Permanent",
        "bounceSubType": "OnAccountSuppressionList",
        "bouncedRecipients": [
            {
                "emailAddress": "listed@example.com",
                "action": "failed",
                "status": "5.1.1",
                "diagnosticCode": "Amazon SES did not send the message to this address because "
                "it is on the suppression list for your account.",
            }
        ],
        "timestamp": "2026-12-01T12:00:00.000Z",
        "feedbackId": "0107018c1a2b3c4d-7777-8888-9999-000000",
        "reportingMTA": "dns; amazonses.com",
    },
    "mail": SES_MAIL,
}

SES_DELAY = {
    "eventType": "DeliveryDelay",
    "deliveryDelay": {
        "timestamp": "2026-12-01T13:00:00.000Z",
        "delayType": "TransientCommunicationFailure",
        "expirationTime": "2026-12-02T10:15:00.000Z",
        "delayedRecipients": [
            {
                "emailAddress": "slow@example.com",
                "status": "4.4.1",
                "diagnosticCode": "smtp; 421 4.4.1 Connection timed out",
            }
        ],
    },
    "mail": SES_MAIL,
}


# --- SendGrid --------------------------------------------------------------------------


class SendGridSigner:
    """An ECDSA P-256 key pair as the Signed Event Webhook uses."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        der = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.public_key = base64.b64encode(der).decode()  # as SendGrid shows it

    def headers(self, body: bytes, timestamp: str = "1764583200") -> dict[str, str]:
        signature = self.key.sign(timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
        return {
            "X-Twilio-Email-Event-Webhook-Signature": base64.b64encode(signature).decode(),
            "X-Twilio-Email-Event-Webhook-Timestamp": timestamp,
            "Content-Type": "application/json",
        }


SENDGRID_EVENTS: list[dict[str, Any]] = [
    {
        "email": "gone@example.com",
        "timestamp": 1764583200,
        "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
        "event": "bounce",
        "type": "bounce",
        "status": "5.1.1",
        "reason": "550 5.1.1 The email account that you tried to reach does not exist.",
        "sg_event_id": "6g4ZI7SA-xmRDv57GoPIPw==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
    },
    {
        "email": "slow@example.com",
        "timestamp": 1764583201,
        "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
        "event": "deferred",
        "response": "400 try again later",
        "attempt": "5",
        "sg_event_id": "t7LEShmowp86DTdUW8M-GQ==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.1",
    },
    {
        "email": "happy@example.com",
        "timestamp": 1764583202,
        "smtp-id": "<14c5d75ce93.dfd.64b469@ismtpd-555>",
        "event": "delivered",
        "response": "250 OK",
        "sg_event_id": "rWVYmVk90MjZJ9iohOBa3w==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.2",
    },
    {
        "email": "angry@example.org",
        "timestamp": 1764583203,
        "event": "spamreport",
        "sg_event_id": "37nvH5QBz858KGVYCM4uOA==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.3",
    },
    {
        "email": "listed@example.com",
        "timestamp": 1764583204,
        "event": "dropped",
        "reason": "Bounced Address",
        "status": "5.0.0",
        "sg_event_id": "zmzJhfJgAfUSOW80yEbPyw==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.4",
    },
    {
        "email": "reader@example.com",
        "timestamp": 1764583205,
        "event": "open",
        "sg_event_id": "FOTFFO0ecsBE-zxFXfs6WA==",
        "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.5",
    },
]


# --- Mailgun ---------------------------------------------------------------------------

MAILGUN_KEY = "key-of-the-tests-0123456789abcdef"


def mailgun(
    event_data: dict[str, Any], token: str, key: str = MAILGUN_KEY, timestamp: str | None = None
) -> dict[str, Any]:
    # Signed now, as Mailgun signs each request when it sends it.
    timestamp = timestamp or str(int(time.time()))
    signature = hmac.new(key.encode(), (timestamp + token).encode(), hashlib.sha256).hexdigest()
    return {
        "signature": {"timestamp": timestamp, "token": token, "signature": signature},
        "event-data": event_data,
    }


MAILGUN_FAILED = {
    "event": "failed",
    "id": "G9Bn5sl1TC6nu79C8C0bwg",
    "timestamp": 1764583200.389832,
    "log-level": "error",
    "severity": "permanent",
    "reason": "bounce",
    "recipient": "gone@example.com",
    "message": {
        "headers": {
            "to": "gone@example.com",
            "message-id": "20261201101458.1.0DF563D0B3597700@mg.sender.example",
            "from": "News <news@sender.example>",
            "subject": "December news",
        }
    },
    "delivery-status": {
        "tls": True,
        "mx-host": "mx.example.com",
        "attempt-no": 1,
        "description": "",
        "session-seconds": 0.43,
        "code": 550,
        "message": "5.1.1 The email account that you tried to reach does not exist. Please try "
        "5.1.1 double-checking the recipient's email address for typos",
    },
}

MAILGUN_TEMPORARY = {
    "event": "failed",
    "id": "czsjqFATSlC3QtAK-C80nw",
    "timestamp": 1764583300.1,
    "severity": "temporary",
    "reason": "generic",
    "recipient": "someone@nomx.example.com",
    "message": {"headers": {"message-id": "20261201101458.2@mg.sender.example"}},
    "delivery-status": {
        "code": 498,
        "message": "No MX for nomx.example.com",
        "description": "No MX for nomx.example.com",
        "retry-seconds": 600,
    },
}

MAILGUN_SUPPRESSED = {
    "event": "failed",
    "id": "pl271FzxTTmGRW8Uj3dUWw",
    "timestamp": 1764583400.0,
    "severity": "permanent",
    "reason": "suppress-bounce",
    "recipient": "listed@example.com",
    "message": {"headers": {"message-id": "20261201101458.3@mg.sender.example"}},
    "delivery-status": {
        "code": 605,
        "message": "",
        "description": "Not delivering to previously bounced address",
    },
}

MAILGUN_DELIVERED = {
    "event": "delivered",
    "id": "hK7mQVt1QtqRiOfQXta4sw",
    "timestamp": 1764583500.0,
    "recipient": "happy@example.com",
    "message": {"headers": {"message-id": "20261201101458.4@mg.sender.example"}},
    "delivery-status": {"code": 250, "message": "OK", "mx-host": "mx.example.com"},
}

MAILGUN_COMPLAINED = {
    "event": "complained",
    "id": "ncV2XwymRUKbPek_MIM-Gw",
    "timestamp": 1764583600.0,
    "recipient": "angry@example.org",
    "message": {"headers": {"message-id": "20261201101458.5@mg.sender.example"}},
}


# --- Postmark --------------------------------------------------------------------------

POSTMARK_AUTH = "bouncekit:postmark-password-of-the-tests"

POSTMARK_BOUNCE = {
    "RecordType": "Bounce",
    "MessageStream": "outbound",
    "ID": 4323372036854775807,
    "Type": "HardBounce",
    "TypeCode": 1,
    "Name": "Hard bounce",
    "Tag": "Newsletter",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
    "ServerID": 23,
    "Description": "The server was unable to deliver your message (ex: unknown user, mailbox "
    "not found).",
    "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    "Email": "gone@example.com",
    "From": "news@sender.example",
    "BouncedAt": "2026-12-01T10:15:00.0000000-05:00",
    "DumpAvailable": True,
    "Inactive": True,
    "CanActivate": True,
    "Subject": "December news",
    "Content": "Return-Path:<>\r\n...",
}

POSTMARK_COMPLAINT = {
    "RecordType": "SpamComplaint",
    "MessageStream": "outbound",
    "ID": 42,
    "Type": "SpamComplaint",
    "TypeCode": 512,
    "Name": "Spam complaint",
    "MessageID": "00000000-0000-0000-0000-000000000042",
    "ServerID": 23,
    "Details": "Test spam complaint details",
    "Email": "angry@example.org",
    "From": "news@sender.example",
    "BouncedAt": "2026-12-01T11:00:00.0000000Z",
    "Inactive": True,
    "CanActivate": False,
    "Subject": "December news",
}

POSTMARK_DELIVERY = {
    "RecordType": "Delivery",
    "ServerID": 23,
    "MessageStream": "outbound",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79484",
    "Recipient": "happy@example.com",
    "Tag": "Newsletter",
    "DeliveredAt": "2026-12-01T10:15:01.0000000Z",
    "Details": "Test delivery webhook details",
}

POSTMARK_SUBSCRIPTION_CHANGE = {
    "RecordType": "SubscriptionChange",
    "MessageID": "883953f4-6105-42a2-a16a-77a8eac79485",
    "ServerID": 23,
    "MessageStream": "outbound",
    "ChangedAt": "2026-12-01T12:00:00.0000000Z",
    "Recipient": "listed@example.com",
    "Origin": "Recipient",
    "SuppressSending": True,
    "SuppressionReason": "HardBounce",
    "Tag": "Newsletter",
}


def basic(credentials: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(credentials.encode()).decode()}


# --- SparkPost -------------------------------------------------------------------------

SPARKPOST_AUTH = "bouncekit:sparkpost-password-of-the-tests"


def sparkpost_event(**fields: Any) -> dict[str, Any]:
    event = {
        "customer_id": "1",
        "friendly_from": "news@sender.example",
        "message_id": "0e0d94b7-9085-4e3c-ab30-e3f2cd9c273e",
        "subject": "December news",
        "transmission_id": "65832150921904138",
        "timestamp": "1764583200",
        **fields,
    }
    return {"msys": {"message_event": event}}


SPARKPOST_BATCH = [
    sparkpost_event(
        type="bounce",
        bounce_class="10",
        error_code="550",
        event_id="92356927693813856",
        raw_rcpt_to="gone@example.com",
        rcpt_to="gone@example.com",
        raw_reason="550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown",
        reason="550 5.1.1 ...@... Recipient address rejected: ...",
    ),
    sparkpost_event(
        type="delivery",
        event_id="92356927693813857",
        raw_rcpt_to="happy@example.com",
        rcpt_to="happy@example.com",
    ),
    sparkpost_event(
        type="bounce",
        bounce_class="25",
        error_code="554",
        event_id="92356927693813858",
        raw_rcpt_to="listed@example.com",
        rcpt_to="listed@example.com",
        raw_reason="554 5.7.1 recipient address suppressed due to customer policy",
    ),
    sparkpost_event(
        type="spam_complaint",
        fbtype="abuse",
        event_id="92356927693813859",
        rcpt_to="angry@example.org",
        report_by="server.example.org",
    ),
    {"msys": {"track_event": {"type": "open", "event_id": "92356927693813860"}}},
]


def dumps(value: object) -> bytes:
    return json.dumps(value).encode()
