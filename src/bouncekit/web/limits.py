"""Input limits and response headers, as plain ASGI middleware.

A pasted reply or bounce is never near a megabyte; the limits keep one request from holding
the server's memory. The text limit is checked where the text is decoded (it is what a person
can act on: "your text is over 1 MB"); the body limit here is a coarse guard set above it,
because JSON and form encoding can make a body several times longer than its text.
"""

from __future__ import annotations

import json

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_TEXT_BYTES = 1_048_576  # 1 MiB of UTF-8 text to explain
# JSON escapes a control character as six bytes (\u0001): six times the text, plus room.
MAX_BODY_BYTES = 8 * MAX_TEXT_BYTES

TOO_LARGE_MESSAGE = (
    "The text is larger than 1 MB; paste only the rejection, the log lines around it, "
    "or the bounce message without its attachments."
)

# Everything the pages use comes from this server: no CDN, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class _BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Answer 413 to a request whose body is over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length" and value.isdigit() and int(value) > self.max_bytes:
                await _send_too_large(send)
                return

        received = 0
        exceeded = False  # the body went over the limit while the app read it
        replaced = False  # the app's response was replaced by the 413
        started = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # A framework may catch the exception from receive() and answer 400 "error parsing
            # the body"; the person is better served by the 413 that says what was wrong.
            nonlocal started, replaced
            if message["type"] == "http.response.start":
                if exceeded and not started:
                    replaced = True
                    started = True
                    await _send_too_large(send)
                    return
                started = True
            if replaced:
                return
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _BodyTooLarge:
            if replaced:
                return
            if started:
                raise
            await _send_too_large(send)


async def _send_too_large(send: Send) -> None:
    body = json.dumps({"error": "too_large", "message": TOO_LARGE_MESSAGE}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add a strict Content-Security-Policy and related headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
            await send(message)

        await self.app(scope, receive, send_with_headers)
