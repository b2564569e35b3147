"""TLS client contexts and what a certificate's dates say, shared by check-smtp and
check-sender."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta

import pytest

from bouncekit.smtp.tls import (
    EXPIRY_WARNING_DAYS,
    certificate_validity,
    client_context,
    describe_certificate,
)
from tests.support.certificates import make_certificate

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_client_contexts() -> None:
    verifying = client_context()
    assert (verifying.verify_mode, verifying.check_hostname) == (ssl.CERT_REQUIRED, True)
    names_apart = client_context(check_hostname=False)
    assert (names_apart.verify_mode, names_apart.check_hostname) == (ssl.CERT_REQUIRED, False)
    opportunistic = client_context(verify=False)
    assert (opportunistic.verify_mode, opportunistic.check_hostname) == (ssl.CERT_NONE, False)


@pytest.mark.parametrize(
    ("days_left", "expired", "expiring", "whole_days"),
    [
        (90, False, False, 90),
        (EXPIRY_WARNING_DAYS, False, False, EXPIRY_WARNING_DAYS),
        (EXPIRY_WARNING_DAYS - 0.5, False, True, EXPIRY_WARNING_DAYS - 1),
        (0.25, False, True, 0),
        (-0.25, True, False, -1),
    ],
)
def test_certificate_validity(
    days_left: float, expired: bool, expiring: bool, whole_days: int
) -> None:
    validity = certificate_validity(NOW + timedelta(days=days_left), now=NOW)
    assert (validity.expired, validity.expiring) == (expired, expiring)
    assert validity.whole_days_left == whole_days
    assert not validity.not_yet_valid


def test_a_certificate_not_valid_yet() -> None:
    facts = describe_certificate(make_certificate(days=30, issued_days_ago=-2).der)
    assert facts is not None
    assert certificate_validity(facts.not_after, not_before=facts.not_before).not_yet_valid
