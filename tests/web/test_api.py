"""The JSON API, through the real app and the real explain engine."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

import bouncekit
from bouncekit.web.limits import MAX_BODY_BYTES, MAX_TEXT_BYTES

USER_UNKNOWN = (
    "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in local recipient table"
)


def test_health(client: TestClient) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": bouncekit.__version__}


def test_explain_user_unknown(client: TestClient) -> None:
    response = client.post("/api/v1/explain", json={"text": USER_UNKNOWN})
    assert response.status_code == 200
    diagnoses = response.json()["diagnoses"]
    assert len(diagnoses) == 1
    diagnosis = diagnoses[0]
    assert diagnosis["reason"] == "userunknown"
    assert diagnosis["owner"] == "recipient"
    assert diagnosis["hard"] is True
    assert diagnosis["verdict"] == "invalid"
    assert diagnosis["status"] == "5.1.1"
    assert diagnosis["replycode"] == "550"
    assert diagnosis["headline"]


def test_explain_matches_the_library(client: TestClient) -> None:
    # The API adds nothing and drops nothing: it is Diagnosis.to_dict() of each diagnosis.
    response = client.post("/api/v1/explain", json={"text": USER_UNKNOWN})
    expected = [d.to_dict() for d in bouncekit.explain(USER_UNKNOWN)]
    assert response.json() == {"diagnoses": expected}


@pytest.mark.parametrize("text", ["hello world", "", "   \n"])
def test_no_reply_found_is_422(client: TestClient, text: str) -> None:
    response = client.post("/api/v1/explain", json={"text": text})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "no_reply_found"
    assert body["message"].endswith(".")


def test_text_over_1_mb_is_413(client: TestClient) -> None:
    text = USER_UNKNOWN + "\n" + "x" * MAX_TEXT_BYTES
    response = client.post("/api/v1/explain", json={"text": text})
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_text_over_1_mb_in_multibyte_characters_is_413(client: TestClient) -> None:
    text = USER_UNKNOWN + "é" * (MAX_TEXT_BYTES // 2)  # fewer characters than bytes
    response = client.post("/api/v1/explain", json={"text": text})
    assert response.status_code == 413


def test_body_over_the_limit_is_413_before_parsing(client: TestClient) -> None:
    body = b'{"text": "' + b"x" * MAX_BODY_BYTES + b'"}'
    response = client.post(
        "/api/v1/explain", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_streamed_body_over_the_limit_is_413(client: TestClient) -> None:
    # No Content-Length: the limit is found while the body is read.
    chunk = b"x" * 65_536
    chunks = [b'{"text": "', *[chunk] * (MAX_BODY_BYTES // len(chunk) + 1), b'"}']
    response = client.post(
        "/api/v1/explain", content=iter(chunks), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["error"] == "too_large"


def test_missing_text_is_a_validation_error(client: TestClient) -> None:
    response = client.post("/api/v1/explain", json={"message": USER_UNKNOWN})
    assert response.status_code == 422


def test_lone_surrogate_does_not_break_the_response(client: TestClient) -> None:
    body = '{"text": "' + USER_UNKNOWN + ' \\ud800"}'
    response = client.post(
        "/api/v1/explain", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code in (200, 422)


def test_openapi_schema_is_served_and_documents_the_request(client: TestClient) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/explain" in schema["paths"]
    assert "ExplainRequest" in schema["components"]["schemas"]


def test_no_docs_page_that_loads_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
