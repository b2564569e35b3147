"""Whatever JSON arrives, each ESP's parser gives a result or a MalformedWebhook: never
another exception (which would be a 500, and the ESP would retry it for days)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouncekit.ingest.webhooks import MalformedWebhook, Parsed, esp, esps
from tests.webhooks.payloads import (
    MAILGUN_FAILED,
    POSTMARK_BOUNCE,
    SENDGRID_EVENTS,
    SES_BOUNCE,
    SPARKPOST_BATCH,
    mailgun,
    sns_notification,
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["a@example.com", "550 5.1.1 User unknown", "1764583200", "bounce"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)


def _parse(name: str, document: Any) -> None:
    found = esp(name)
    assert found is not None
    body = json.dumps(document).encode()  # NaN and Infinity too, as some senders write
    with contextlib.suppress(MalformedWebhook):
        assert isinstance(found.parse(body, {}), Parsed)


def _mutated(document: Any, path: list[Any], value: Any) -> Any:
    """The document with the value at ``path`` replaced (a path that does not fit: unchanged)."""
    copy = json.loads(json.dumps(document))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


SES_PATHS = [["bounce"], ["bounce", "bouncedRecipients"], ["bounce", "bouncedRecipients", 0],
             ["bounce", "bouncedRecipients", 0, "emailAddress"],
             ["bounce", "bouncedRecipients", 0, "diagnosticCode"], ["bounce", "timestamp"],
             ["mail"], ["mail", "commonHeaders"], ["notificationType"]]  # fmt: skip
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.sampled_from(sorted(esps())), values)
def test_any_json_body(name: str, document: Any) -> None:
    _parse(name, document)


@FAST
@given(st.sampled_from(SES_PATHS), values)
def test_ses_fields_of_any_type(path: list[Any], value: Any) -> None:
    message = _mutated(SES_BOUNCE, path, value)
    envelope = sns_notification(message, cert_url="https://sns.us-east-1.amazonaws.com/a.pem")
    _parse("ses", envelope)


@FAST
@given(
    st.sampled_from(["sendgrid", "mailgun", "postmark", "sparkpost"]),
    st.sampled_from(
        [
            "email",
            "timestamp",
            "event",
            "reason",
            "sg_event_id",
            "recipient",
            "delivery-status",
            "message",
            "severity",
            "Email",
            "ID",
            "Details",
            "RecordType",
            "BouncedAt",
            "rcpt_to",
            "raw_reason",
            "type",
            "event_id",
            "bounce_class",
        ]
    ),
    values,
)
def test_fields_of_any_type(name: str, key: str, value: Any) -> None:
    documents: dict[str, Any] = {
        "sendgrid": [{**SENDGRID_EVENTS[0], key: value}],
        "mailgun": mailgun({**MAILGUN_FAILED, key: value}, "t" * 50),
        "postmark": {**POSTMARK_BOUNCE, key: value},
        "sparkpost": [{"msys": {"message_event": {
            **SPARKPOST_BATCH[0]["msys"]["message_event"], key: value}}}],
    }  # fmt: skip
    _parse(name, documents[name])
