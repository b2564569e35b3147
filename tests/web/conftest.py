"""Fixtures for the web layer: a TestClient on the real app, and a real server plus Chromium.

The browser tests drive Debian's Chromium (``/usr/bin/chromium``) through Playwright; nothing
is downloaded. Without Chromium they skip on a developer's machine and fail in CI, where a
skipped browser test would hide a missing install step (``scripts/install-system-deps.sh``).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import uvicorn
from fastapi.testclient import TestClient

from bouncekit.web import create_app
from bouncekit.web.guard import WebAccess

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture
def client() -> Iterator[TestClient]:
    # The base URL is the server's own loopback address: the app answers no other Host.
    with TestClient(create_app(), base_url="http://127.0.0.1:8550") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    reason = (
        f"Chromium is not installed at {CHROMIUM}: run scripts/install-system-deps.sh as root, "
        "or 'apt-get install chromium', to run the browser tests."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The real app served by uvicorn in a thread on 127.0.0.1 and a free port; its base URL."""
    # Binding here and handing the socket to uvicorn leaves no window for another process to
    # take the port between choosing it and listening on it.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(WebAccess(port=port)), log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 10 seconds")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")  # a running Playwright holds an event loop: not past its tests
def browser(chromium_path: Path) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server, viewport={"width": 1200, "height": 900})
    # Nothing the page loads may come from outside the test server.
    outside: list[str] = []

    def note_outside(request: Request) -> None:
        if not request.url.startswith((live_server, "data:")):
            outside.append(request.url)

    context.on("request", note_outside)
    new_page = context.new_page()
    yield new_page
    context.close()
    assert outside == [], f"the page fetched from outside the server: {outside}"
