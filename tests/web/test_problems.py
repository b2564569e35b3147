"""Requests the API cannot use: 422 with a sentence and a bounded excerpt, never a 500 and
never the whole input sent back."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from bouncekit.web.problems import EXCERPT_CHARS

HUGE = "x" * 200_000


def post(client: TestClient, path: str, body: str) -> tuple[int, dict[str, object], int]:
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    return response.status_code, response.json(), len(response.content)


def test_a_lone_surrogate_in_an_address_is_422_with_a_sentence(client: TestClient) -> None:
    body = '{"addresses": ["\\ud800@example.com"], "offline": true}'
    status, answer, _ = post(client, "/api/v1/verify", body)
    assert status == 422
    assert answer["error"] == "invalid_request"
    message = str(answer["message"])
    assert message.startswith("The request cannot be used: addresses.0: ")
    assert "lone surrogate" in message
    assert "send UTF-8 text" in message


def test_a_valid_address_beside_it_changes_nothing(client: TestClient) -> None:
    body = '{"addresses": ["ann@example.com", "b\\udfff@example.com"], "offline": true}'
    status, answer, _ = post(client, "/api/v1/verify", body)
    assert status == 422
    assert "addresses.1" in str(answer["message"])


# Every API route that reads JSON, with a value of the wrong kind that is also huge.
WRONG = [
    ("/api/v1/verify", json.dumps({"addresses": HUGE})),
    ("/api/v1/verify", json.dumps({"addresses": [HUGE, 5]})),
    ("/api/v1/verify", json.dumps({"addresses": [], "offline": HUGE})),
    ("/api/v1/verify", json.dumps({HUGE: 1})),
    ("/api/v1/verify", '{"addresses": ["' + HUGE),  # not JSON at all
    ("/api/v1/explain", json.dumps({"text": [HUGE] * 3})),
    ("/api/v1/explain", json.dumps({"message": HUGE})),
    ("/api/v1/explain", json.dumps([HUGE])),
]


@pytest.mark.parametrize(("path", "body"), WRONG)
def test_a_422_shows_an_excerpt_not_the_input(client: TestClient, path: str, body: str) -> None:
    status, answer, size = post(client, path, body)
    assert status == 422
    assert size < 4_000  # the input was over 200 KB
    assert HUGE[: EXCERPT_CHARS + 1] not in json.dumps(answer)
    assert str(answer["message"]).startswith("The request cannot be used: ")
    assert str(answer["message"]).endswith("for the shape of each request.")


def test_the_excerpt_says_how_much_was_left_out(client: TestClient) -> None:
    _, answer, _ = post(client, "/api/v1/verify", json.dumps({"addresses": HUGE}))
    problems = answer["problems"]
    assert isinstance(problems, list)
    assert problems[0]["where"] == "addresses"
    assert problems[0]["excerpt"].endswith(f"(first {EXCERPT_CHARS} of 200,000 characters)")


def test_explain_still_reads_text_with_a_lone_surrogate(client: TestClient) -> None:
    body = '{"text": "550 5.1.1 <a@example.com>: User unknown \\ud800"}'
    status, answer, _ = post(client, "/api/v1/explain", body)
    assert status == 200  # replaced, as a pasted text with a broken character is still a text
    assert answer["diagnoses"]
