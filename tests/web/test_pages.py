"""The server-rendered pages, through the real app; no JavaScript involved."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

import bouncekit
from bouncekit.web.examples import EXAMPLES, Example
from bouncekit.web.limits import MAX_TEXT_BYTES

USER_UNKNOWN = (
    "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in local recipient table"
)


def test_root_redirects_to_explain(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code in (302, 303, 307)
    assert response.headers["location"] == "/explain"


def test_explain_page_has_the_form_and_examples(client: TestClient) -> None:
    response = client.get("/explain")
    assert response.status_code == 200
    html = response.text
    assert '<form class="explain-form" method="post" action="/explain">' in html
    assert '<textarea id="text" name="text"' in html
    assert ">Explain</button>" in html
    for example in EXAMPLES:
        assert f'href="/explain?example={example.key}"' in html
    assert 'aria-current="page"' in html  # the navigation marks where we are


def test_post_renders_the_diagnosis_card(client: TestClient) -> None:
    response = client.post("/explain", data={"text": USER_UNKNOWN})
    assert response.status_code == 200
    html = response.text
    (diagnosis,) = bouncekit.explain(USER_UNKNOWN)
    assert _escaped(diagnosis.headline) in html
    assert 'data-reason="userunknown"' in html
    assert 'class="badge badge-recipient"' in html
    assert ">invalid</span>" in html
    assert "<code>5.1.1</code>" in html
    # The submitted text stays in the textarea, escaped.
    assert "&lt;a@example.com&gt;: Recipient address rejected" in html
    for number, action in enumerate(diagnosis.actions, 1):
        assert _escaped(action.text) in html, f"action {number} missing"


def test_post_without_a_reply_says_what_to_paste(client: TestClient) -> None:
    response = client.post("/explain", data={"text": "hello world"})
    assert response.status_code == 200
    assert "No SMTP reply found" in response.text
    assert "whole bounce message" in response.text
    assert 'class="card' not in response.text


def test_post_empty_asks_for_text(client: TestClient) -> None:
    response = client.post("/explain", data={"text": ""})
    assert "Paste a rejection" in response.text


def test_post_over_1_mb_is_413(client: TestClient) -> None:
    response = client.post("/explain", data={"text": "x" * (MAX_TEXT_BYTES + 1)})
    assert response.status_code == 413
    assert "larger than 1 MB" in response.text


def test_post_that_is_not_a_form_is_415(client: TestClient) -> None:
    response = client.post("/explain", json={"text": USER_UNKNOWN})
    assert response.status_code == 415


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.key for example in EXAMPLES])
def test_every_example_is_explained(client: TestClient, example: Example) -> None:
    key = example.key
    response = client.get(f"/explain?example={key}")
    assert response.status_code == 200
    assert response.text.count('<article class="card') >= 1, f"no diagnosis for {key}"
    assert f'href="/explain?example={key}" data-example="{key}" aria-current="true"' in (
        response.text
    )


def test_unknown_example_shows_the_empty_form(client: TestClient) -> None:
    response = client.get("/explain?example=nonesuch")
    assert response.status_code == 200
    assert '<article class="card' not in response.text


def test_pasted_text_cannot_inject_markup(client: TestClient) -> None:
    text = "550 5.1.1 <script>alert(1)</script> user unknown"
    response = client.post("/explain", data={"text": text})
    assert "<script>" not in response.text


def test_pages_forbid_outside_resources(client: TestClient) -> None:
    response = client.get("/explain")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert not re.search(r'(?:src|href)="(?:https?:)?//', _head(response.text))


def test_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")


def _escaped(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


def _head(html: str) -> str:
    return html.split("</head>", 1)[0]
