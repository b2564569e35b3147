"""The JSON API of the bounce and verification jobs, through the real application."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.corpus import CORPUS as SHARED_CORPUS
from tests.support.corpus import require_shared

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
