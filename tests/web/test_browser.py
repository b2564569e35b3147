"""The explain page in a real Chromium, against the app served by uvicorn on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

USER_UNKNOWN = (
    "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in local recipient table"
)

pytestmark = pytest.mark.browser


def test_paste_and_explain(page: Page, tmp_path: Path) -> None:
    page.goto("/")
    expect(page).to_have_url(f"{_base(page)}/explain")
    expect(page.get_by_role("heading", name="Explain a rejection")).to_be_visible()

    page.get_by_label("Reply, log lines or bounce message").fill(USER_UNKNOWN)
    page.get_by_role("button", name="Explain").click()

    card = page.locator("article.card").first
    expect(card).to_be_visible()
    expect(card).to_have_attribute("data-reason", "userunknown")
    expect(card.locator("code.reason")).to_have_text("userunknown")
    expect(card.locator(".badge")).to_have_text("recipient")
    expect(card.locator(".badge")).to_have_class("badge badge-recipient")
    # The badge is colour-coded: its colour is not the page's text colour.
    badge_colour = card.locator(".badge").evaluate("el => getComputedStyle(el).color")
    body_colour = page.locator("body").evaluate("el => getComputedStyle(el).color")
    assert badge_colour != body_colour
    # The pasted text is kept for editing.
    expect(page.locator("textarea#text")).to_have_value(USER_UNKNOWN)

    shot = tmp_path / "explain-userunknown.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_example_link(page: Page, tmp_path: Path) -> None:
    page.goto("/explain")
    page.get_by_role("link", name="Message too big").click()

    expect(page.locator("textarea#text")).to_have_value(
        "552 5.3.4 Message size exceeds fixed maximum message size"
    )
    card = page.locator("article.card").first
    expect(card).to_be_visible()
    expect(card.locator("dl.facts")).to_contain_text("5.3.4")
    expect(card.locator("dl.facts")).to_contain_text("552")
    expect(card.locator(".badge")).to_be_visible()
    expect(page.get_by_role("link", name="Message too big")).to_have_attribute(
        "aria-current", "true"
    )
    page.screenshot(path=str(tmp_path / "explain-example.png"), full_page=True)


def test_no_reply_found(page: Page) -> None:
    page.goto("/explain")
    page.get_by_label("Reply, log lines or bounce message").fill("hello world")
    page.get_by_role("button", name="Explain").click()
    expect(page.get_by_role("status")).to_contain_text("No SMTP reply found")
    expect(page.locator("article.card")).to_have_count(0)


def _base(page: Page) -> str:
    url = page.url
    return url[: url.index("/", len("http://"))]
