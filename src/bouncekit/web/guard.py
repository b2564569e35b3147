"""Who may talk to the server: the loopback-or-token rule and the Host header check.

Served on a loopback address the app is reachable only from this machine, but a page on any
web site can still make the browser send requests to it by pointing its own name at 127.0.0.1
(DNS rebinding). Such requests carry the attacker's name in ``Host``, so a loopback server
answers only requests whose ``Host`` is one of its own loopback names with its port.

Served anywhere else, anyone on the network can reach it: the server then refuses to start
without a token, and every request must carry it, as ``Authorization: Bearer TOKEN`` or as
the cookie that visiting any page with ``?token=TOKEN`` once sets in a browser. ESP webhooks
(``POST /api/v1/webhooks/...``) are the exception: ESPs cannot send the token, so they prove
themselves with their own signatures or credentials (``bouncekit.ingest.webhooks``).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
from dataclasses import dataclass
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Receive, Scope, Send

from bouncekit.errors import ConfigurationError

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "TOKEN_COOKIE",
    "TOKEN_ENVIRONMENT_VARIABLE",
    "AccessGuard",
    "WebAccess",
    "is_loopback",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550
TOKEN_ENVIRONMENT_VARIABLE = "BOUNCEKIT_WEB_TOKEN"
TOKEN_COOKIE = "bouncekit_token"
_MIN_TOKEN_LENGTH = 16  # a token short enough to guess protects nothing
_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# What fits in a header and a cookie unquoted: the characters of base64 and URL-safe base64.
_TOKEN = re.compile(r"[A-Za-z0-9._~+/=-]+")


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and the loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True, slots=True)
class WebAccess:
    """Where the server listens and what a request must show to be answered.

    ``token`` None: only loopback binds are allowed and ``Host`` must name this server's
    loopback address or name with ``port``.
    """

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    token: str | None = None

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < _MIN_TOKEN_LENGTH:
            raise ConfigurationError(
                f"The web token is {len(self.token)} characters long; use at least "
                f"{_MIN_TOKEN_LENGTH} random ones (for example: python -c "
                "'import secrets; print(secrets.token_urlsafe())')."
            )
        if self.token is not None and not _TOKEN.fullmatch(self.token):
            raise ConfigurationError(
                "The web token may hold only letters, digits and . _ ~ + / = -; "
                "python -c 'import secrets; print(secrets.token_urlsafe())' makes one."
            )
        if self.token is None and not is_loopback(self.host):
            raise ConfigurationError(
                f"Refusing to serve on {self.host} without a token: anyone who can reach that "
                f"address could use the server. Set {TOKEN_ENVIRONMENT_VARIABLE} (or give "
                "--token-file) to require a token, or serve on 127.0.0.1."
            )

    def allowed_hosts(self) -> frozenset[str] | None:
        """The ``Host`` values answered; None when any is (a token guards the server)."""
        if self.token is not None:
            return None
        names = {*_LOOPBACK_NAMES, _bracketed(self.host)}
        hosts = {f"{name}:{self.port}" for name in names}
        if self.port == 80:  # a browser leaves the default port out
            hosts |= names
        return frozenset(host.lower() for host in hosts)


WEBHOOK_PREFIX = "/api/v1/webhooks/"


def _is_webhook(scope: Scope) -> bool:
    """An ESP's webhook POST: ESPs cannot send our token, and each webhook checks its ESP's
    own signature or credentials instead (an ESP without them configured is refused)."""
    return scope["method"] == "POST" and str(scope["path"]).startswith(WEBHOOK_PREFIX)


def _bracketed(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


class AccessGuard:
    """ASGI middleware: 421 for a foreign ``Host``, 401 without the token when one is set."""

    def __init__(self, app: ASGIApp, access: WebAccess) -> None:
        self.app = app
        self.token = access.token
        self.hosts = access.allowed_hosts()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if self.hosts is not None and host not in self.hosts:
            await _refuse(
                send,
                421,
                "wrong_host",
                "This server answers only requests addressed to it by its loopback name "
                f"({', '.join(sorted(self.hosts))}).",
            )
            return
        if self.token is None or _is_webhook(scope):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = dict(query).get("token")
        if given is not None and scope["method"] == "GET" and self._matches(given):
            # A browser cannot send a header from a link: keep the token in a cookie and
            # drop it from the address, so that it does not stay in the history.
            rest = urlencode([(name, value) for name, value in query if name != "token"])
            path: bytes = scope.get("raw_path") or scope["path"].encode("utf-8")
            await _redirect_with_cookie(send, path + (f"?{rest}".encode() if rest else b""), given)
            return
        if not self._authorised(headers):
            await _refuse(
                send,
                401,
                "token_required",
                "This server needs its token: send 'Authorization: Bearer TOKEN', or open "
                "any page once with ?token=TOKEN.",
            )
            return
        await self.app(scope, receive, send)

    def _matches(self, given: str) -> bool:
        assert self.token is not None
        return hmac.compare_digest(given.encode(), self.token.encode())

    def _authorised(self, headers: dict[bytes, bytes]) -> bool:
        scheme, _, credentials = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        if scheme.lower() == "bearer" and self._matches(credentials.strip()):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except CookieError:  # a malformed Cookie header carries no token
            return False
        morsel = cookie.get(TOKEN_COOKIE)
        return morsel is not None and self._matches(morsel.value)


async def _refuse(send: Send, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _redirect_with_cookie(send: Send, location: bytes, token: str) -> None:
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location),
                (b"set-cookie", cookie.encode("latin-1")),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})
