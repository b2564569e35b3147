"""Addresses as bounces write them: clean ones, look-alikes, and the malformed ones that bounced."""

from __future__ import annotations

import pytest

from bouncekit.bounces import address


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("<userx@example.com>;", "userx@example.com"),
        ('rfc822; "john smith"@example.com', '"john smith"@example.com'),
        ("mx.example.com", None),
        ("recipient@#example.net", None),
    ],
)
def test_clean(field: str, expected: str | None) -> None:
    assert address.clean(field) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # What a sender typed and got a bounce for: kept as written, without its brackets.
        ("<recipient@#example.net>", "recipient@#example.net"),
        ("rfc822; user@exa mple.com", None),  # two words: not one address
        ("mx.example.com", None),  # no "@": a host name is never an address
        ("a@b@c", None),
    ],
)
def test_malformed(field: str, expected: str | None) -> None:
    assert address.malformed(field) == expected


def test_a_dsn_for_a_malformed_address_is_a_bounce() -> None:
    from bouncekit.bounces import dsn

    (record,) = dsn.recipients(
        "Reporting-MTA: dns; mx.example.net\n\n"
        "Final-Recipient: RFC822; recipient@#example.net\nAction: failed\nStatus: 5.1.2\n"
    )
    assert record.recipient == "recipient@#example.net"
