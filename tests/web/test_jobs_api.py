"""The JSON API of the bounce and verification jobs, through the real application."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from bouncekit.resolver import ENVIRONMENT_VARIABLE, DnsResolver
from bouncekit.web import create_app
from tests.support.corpus import CORPUS as SHARED_CORPUS
from tests.support.corpus import require_shared
from tests.support.dns_server import ZoneServer

CORPUS = SHARED_CORPUS / "sisimai"


def test_bounce_api_gives_one_record_per_recipient(client: TestClient) -> None:
    path = require_shared(CORPUS / "postfix" / "lhost-postfix-02.eml")
    response = client.post(
        "/api/v1/bounces", content=path.read_bytes(), headers={"content-type": "message/rfc822"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "failure"
    assert [r["recipient"] for r in body["records"]] == [
        "filtered@example.co.jp",
        "userunknown@example.co.jp",
    ]
    assert {r["reason"] for r in body["records"]} == {"userunknown"}


def test_bounce_api_says_when_it_is_not_a_bounce(client: TestClient) -> None:
    message = b"From: a@example.org\nTo: b@example.org\nSubject: hello\n\nJust a note.\n"
    body = client.post("/api/v1/bounces", content=message).json()
    assert body["kind"] == "not-bounce"
    assert body["records"] == []


def test_verify_api_offline(client: TestClient) -> None:
    response = client.post(
        "/api/v1/verify",
        json={
            "addresses": ["ann@gmial.com", "not an address", "sales@example.com"],
            "offline": True,
        },
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["verdict"] for r in results] == ["risky", "invalid", "risky"]
    assert results[0]["suggestion"] == "ann@gmail.com"
    assert results[2]["reason"] == "role"


def test_verify_api_refuses_huge_lists(client: TestClient) -> None:
    response = client.post("/api/v1/verify", json={"addresses": ["a@b.example"] * 1001})
    assert response.status_code == 413
    assert response.json()["error"] == "too_many"


def test_verify_api_asks_the_resolver_the_app_was_built_with(
    dns_zone: Callable[..., ZoneServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    # No process-wide resolver and no BOUNCEKIT_NAMESERVER: the app's own resolver is the
    # only one that knows these names.
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    server = dns_zone("nomail.bouncekit-tests.net. 300 IN A 192.0.2.1\n")
    app = create_app(resolver=DnsResolver(server.address, timeout=2.0))
    with TestClient(app, base_url="http://127.0.0.1:8550") as client:
        response = client.post(
            "/api/v1/verify",
            json={
                "addresses": ["someone@gone.bouncekit-tests.net", "a@nomail.bouncekit-tests.net"]
            },
        )
    assert response.status_code == 200
    results = response.json()["results"]
    # The first name does not exist; the second has only an A record (an implicit MX) on a
    # documentation network, which the verifier does not probe.
    assert [r["reason"] for r in results] == ["no_mx", "private_network"]
    assert ("gone.bouncekit-tests.net", "MX") in server.resolver.queries
    assert ("nomail.bouncekit-tests.net", "MX") in server.resolver.queries


def test_the_app_builds_its_resolver_from_the_settings(
    dns_zone: Callable[..., ZoneServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = dns_zone("")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, server.address)
    resolver = create_app().state.resolver
    assert isinstance(resolver, DnsResolver)
    assert resolver.nameserver == server.address
