"""ESP webhooks: one module per ESP, found by walking this package, and what they share.

Each module defines ``ESP``, an :class:`Esp`: ``verify`` checks the request's signature or
credentials against the :class:`WebhookSettings` (raising :class:`WebhookRefused`), and
``parse`` reads the body into a :class:`Parsed` (raising :class:`MalformedWebhook` for a body
it cannot read at all; a malformed item of a batch is skipped and named, the rest goes on).
Both are pure but for Amazon SES's signing certificate, which comes through the
:class:`~bouncekit.ingest.webhooks.sns.SigningCertificates` seam in the settings.

The reply text of every failure is judged by our engine (:func:`judge`): the ESP's own
category is at most a hint for an event that has no text. Deliveries become sent messages and
send counts, complaints events with their ``feedback_type``, and the ESP's "already
suppressed" events mirrored suppressions (:func:`write_parsed` writes them all).

    BouncekitError
    ├── InputError
    │   └── MalformedWebhook: the body is not the ESP's format (HTTP 400)
    ├── WebhookRefused: a missing (401) or wrong (403) signature or credential
    ├── sns.CertificateUnavailable: SNS's certificate cannot be fetched now (503: sent again)
    ├── sns.SubscriptionNotConfirmed: the SubscribeURL visit failed (502: sent again)
    └── StoreError: the store cannot be written (503: sent again)
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import hmac
import importlib
import json
import os
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.errors import BouncekitError, InputError, StoreError
from bouncekit.events.judge import MessageContext, judge_recipient
from bouncekit.events.model import BounceEvent, EventSource, SourceKind, recipient_domain
from bouncekit.store import IngestBatch, SendCount, SentMessage, Store
from bouncekit.suppressions.policy import SuppressionReason

if TYPE_CHECKING:
    from bouncekit.ingest.webhooks.sns import SigningCertificates

__all__ = [
    "ENVIRONMENT",
    "Esp",
    "EspSuppression",
    "MalformedWebhook",
    "Parsed",
    "Sent",
    "Skipped",
    "WebhookRefused",
    "WebhookSettings",
    "WrittenWebhook",
    "esp",
    "esps",
    "judge",
    "write_parsed",
]

Headers = Mapping[str, str]  # header names in lower case


class MalformedWebhook(InputError):
    """The body is not what the ESP sends: not JSON, or not its shape."""


class WebhookRefused(BouncekitError):
    """The request does not prove it comes from the ESP. ``missing`` tells a request without
    any signature or credential (401) from one with a wrong one (403)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True, slots=True)
class Skipped:
    """One item of a batch that could not be read: where it is and why."""

    where: str  # "event #3 (sg_event_id lC0Rc...)"
    why: str

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "why": self.why}


@dataclass(frozen=True, slots=True)
class Sent:
    """A message that reached its final outcome for one recipient: delivered, or failed for
    good. Each counts once as an attempt (and a delivery when delivered)."""

    message: SentMessage
    delivered: bool


@dataclass(frozen=True, slots=True)
class EspSuppression:
    """An address the ESP itself suppresses ("already suppressed" events): mirrored."""

    address: str
    note: str  # the ESP's words: "SES: OnAccountSuppressionList"


@dataclass(frozen=True, slots=True)
class Parsed:
    """What one webhook request holds. ``events`` carry the bytes they were read from;
    ``references`` are the ESP's ids of every item read, in order (the last is the cursor);
    ``confirm_url`` is the SubscribeURL of an SNS subscription to confirm."""

    esp: str
    events: tuple[tuple[BounceEvent, bytes], ...] = ()
    sent: tuple[Sent, ...] = ()
    suppressions: tuple[EspSuppression, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    references: tuple[str, ...] = ()
    confirm_url: str | None = None
    ignored: int = 0  # items read that are not ours to store (opens, clicks, "processed")


def _environment_list(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").replace(",", " ").split() if part)


# The environment variable of each setting.
ENVIRONMENT = {
    "sendgrid_public_key": "BOUNCEKIT_SENDGRID_PUBLIC_KEY",
    "mailgun_signing_key": "BOUNCEKIT_MAILGUN_SIGNING_KEY",
    "postmark_auth": "BOUNCEKIT_POSTMARK_AUTH",
    "sparkpost_auth": "BOUNCEKIT_SPARKPOST_AUTH",
    "ses_topic_arns": "BOUNCEKIT_SES_TOPIC_ARNS",
}


def _no_certificates() -> SigningCertificates:
    from bouncekit.ingest.webhooks.sns import SigningCertificates

    return SigningCertificates()


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """The secrets each ESP's requests are checked against; an ESP without its secret is
    refused. Read from the environment by :meth:`from_environment` (the names in
    :data:`ENVIRONMENT`).

    ``sendgrid_public_key`` is the verification key SendGrid shows (base64 DER, or PEM);
    ``postmark_auth`` and ``sparkpost_auth`` are ``user:password`` for HTTP basic auth;
    ``ses_topic_arns`` the SNS topics whose messages are taken (any other is refused).
    """

    sendgrid_public_key: str | None = None
    mailgun_signing_key: str | None = None
    postmark_auth: str | None = None
    sparkpost_auth: str | None = None
    ses_topic_arns: frozenset[str] = frozenset()
    certificates: SigningCertificates = field(default_factory=_no_certificates)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> WebhookSettings:
        env = os.environ if environ is None else environ
        names = ENVIRONMENT
        return cls(
            sendgrid_public_key=env.get(names["sendgrid_public_key"]) or None,
            mailgun_signing_key=env.get(names["mailgun_signing_key"]) or None,
            postmark_auth=env.get(names["postmark_auth"]) or None,
            sparkpost_auth=env.get(names["sparkpost_auth"]) or None,
            ses_topic_arns=_environment_list(env.get(names["ses_topic_arns"])),
        )


@dataclass(frozen=True, slots=True)
class Esp:
    """One ESP's webhook."""

    name: str  # the last part of the URL: /api/v1/webhooks/{name}
    title: str  # "Amazon SES", in messages
    verify: Callable[[bytes, Headers, WebhookSettings], None]
    parse: Callable[[bytes, Headers], Parsed]


@functools.cache
def esps() -> dict[str, Esp]:
    """Every ESP of the package, by name."""
    found: dict[str, Esp] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared = getattr(module, "ESP", None)
        if isinstance(declared, Esp):
            found[declared.name] = declared
    return found


def esp(name: str) -> Esp | None:
    """The ESP of that name; None for one we do not read."""
    return esps().get(name)


# --- what the ESP modules share ----------------------------------------------------------


def load_json(body: bytes, title: str) -> Any:
    """The body as JSON, or :class:`MalformedWebhook` naming what is wrong."""
    try:
        return json.loads(body)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise MalformedWebhook(
            f"The {title} webhook body is not JSON ({error.__class__.__name__}: "
            f"{str(error)[:120]}); point the webhook at the URL of its own ESP."
        ) from None


def text(value: object) -> str | None:
    """A JSON scalar as text; None for anything else or an empty string."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value) if value != "" else None


def mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def epoch_time(value: object) -> str | None:
    """A Unix time (a number or its text) as ISO 8601 in UTC; None when it is not one."""
    try:
        seconds = float(value) if isinstance(value, (str, int, float)) else None
    except ValueError:
        return None
    if seconds is None or not 0 < seconds < 1e11:
        return None
    return datetime.datetime.fromtimestamp(seconds, datetime.UTC).isoformat()


def when_of(date: str | None) -> datetime.datetime | None:
    from bouncekit.events.model import occurred_at

    return occurred_at(date)


def judge(
    esp_title: str,
    reference: str,
    decoded: DecodedRecipient,
    *,
    index: int = 1,
    original: Mapping[str, str | None] | None = None,
) -> BounceEvent:
    """One recipient of one ESP event, judged by our engine; the source is the webhook and
    the ESP's id of the event."""
    context = MessageContext(
        decoded_by=esp_title,
        source=EventSource(SourceKind.WEBHOOK, reference),
        original={key: value for key, value in (original or {}).items() if value},
    )
    return judge_recipient(index, decoded, context)


def basic_auth(headers: Headers, expected: str | None, title: str, variable: str) -> None:
    """Check HTTP basic auth (RFC 7617) against ``user:password``."""
    if expected is None:
        raise WebhookRefused(
            f"{title} webhooks are not configured here: set {variable} to the user:password "
            "of the webhook URL."
        )
    scheme, _, encoded = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic" or not encoded.strip():
        raise WebhookRefused(
            f"The {title} webhook request has no basic-auth credentials: put them in the "
            "webhook URL (https://USER:PASSWORD@host/...).",
            missing=True,
        )
    try:
        given = base64.b64decode(encoded.strip(), validate=True)
    except (binascii.Error, ValueError):
        given = b""
    if not hmac.compare_digest(given, expected.encode("utf-8")):
        raise WebhookRefused(f"The {title} webhook credentials are wrong.")


# --- writing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WrittenWebhook:
    """What storing one request changed."""

    new_events: int
    seen_events: int
    suppressed: tuple[str, ...]  # by our policy
    mirrored: tuple[str, ...]  # ESP suppressions newly put on the list
    skipped: tuple[Skipped, ...]
    ignored: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "events_added": self.new_events,
            "duplicates": self.seen_events,
            "suppressed": len(self.suppressed) + len(self.mirrored),
            "ignored": self.ignored,
            "skipped": [item.to_dict() for item in self.skipped],
        }


def _seen(store: Store, message: SentMessage) -> bool:
    """Whether this message's outcome for this recipient was counted already (a replay)."""
    if message.transport_id is not None:
        known = store.sent_messages(transport_id=message.transport_id)
    elif message.message_id is not None:
        known = store.sent_messages(message_id=message.message_id)
    else:
        return False
    wanted = (message.recipient or "").lower()
    return any((entry.recipient or "").lower() == wanted for entry in known)


def _send_counts(sent: Iterable[Sent], now: datetime.datetime) -> list[SendCount]:
    counts: dict[tuple[datetime.date, str], list[int]] = {}
    for item in sent:
        domain = recipient_domain(item.message.recipient or "")
        if domain is None:
            continue
        day = (item.message.sent_at or now).astimezone(datetime.UTC).date()
        total = counts.setdefault((day, domain), [0, 0])
        total[0] += 1
        total[1] += int(item.delivered)
    return [SendCount(day, domain, a, d) for (day, domain), (a, d) in counts.items()]


def write_parsed(
    store: Store,
    parsed: Parsed,
    classifier_version: str,
    now: datetime.datetime | None = None,
) -> WrittenWebhook:
    """Store what a request held: its events, messages and send counts in one transaction
    (events keyed by id, so a replayed request adds nothing), then the ESP's suppressions
    (an address already on the list keeps its entry and evidence).

    A message whose outcome is already stored counts no second send. That check reads before
    the transaction: two deliveries of one event at the same instant could both count (ESPs
    retry after a timeout, not at once).
    """
    now = now or datetime.datetime.now(datetime.UTC)
    try:
        return _write(store, parsed, classifier_version, now)
    except sa.exc.SQLAlchemyError as error:  # the reads and the suppressions' own writes
        raise StoreError(
            f"Could not store the {parsed.esp} webhook in the store at {store.url}: "
            f"{error.__class__.__name__}. Nothing is lost: the ESP sends it again."
        ) from error


def _message_key(message: SentMessage) -> tuple[str | None, str | None, str]:
    return (message.transport_id, message.message_id, (message.recipient or "").lower())


def _write(
    store: Store, parsed: Parsed, classifier_version: str, now: datetime.datetime
) -> WrittenWebhook:
    fresh: dict[tuple[str | None, str | None, str], Sent] = {}
    for item in parsed.sent:
        key = _message_key(item.message)
        if key not in fresh and not _seen(store, item.message):
            fresh[key] = item
    last_error = parsed.skipped[-1].why if parsed.skipped else None
    result = store.write_batch(
        IngestBatch(
            SourceKind.WEBHOOK,
            parsed.esp,
            parsed.events,
            cursor={"last_event": parsed.references[-1]} if parsed.references else None,
            errors=len(parsed.skipped),
            last_error=last_error,
            messages=[item.message for item in parsed.sent],
            sends=_send_counts(fresh.values(), now),
        ),
        classifier_version,
        now,
    )
    mirrored = []
    skipped = list(parsed.skipped)
    for entry in parsed.suppressions:
        existing = store.suppression(entry.address)
        if existing is not None and existing.active(now):
            continue
        try:
            store.add_suppression(
                entry.address,
                SuppressionReason.ESP_IMPORT,
                note=entry.note,
                source=parsed.esp,
                now=now,
            )
        except StoreError as refused:  # not an address: said, and the rest goes on
            skipped.append(Skipped(f"suppression of {entry.address[:80]!r}", str(refused)))
            continue
        mirrored.append(entry.address)
    return WrittenWebhook(
        result.new_events,
        result.seen_events,
        result.suppressed,
        tuple(mirrored),
        tuple(skipped),
        parsed.ignored,
    )
