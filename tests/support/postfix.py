"""A real Postfix (Debian's package) as an SMTP peer for tests, on loopback and a free port.

``scripts/postfix-peer.sh`` writes the configuration into a temporary directory of its own
and starts ``postfix -c DIR/conf``; see that script for every rule. What it answers at RCPT
after ``MAIL FROM:<>`` on ``HOST`` (``127.0.0.1``):

- ``alice``/``bob``/``postmaster@example.test``: ``250 2.1.5 Ok``
- any other ``@example.test``: ``550 5.1.1 <...>: Recipient address rejected: User unknown
  in local recipient table``
- anything ``@catchall.test``: ``250 2.1.5 Ok``
- ``blocked@example.test``: ``550 5.7.1 <...>: Recipient address rejected: Service
  unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://...``
- ``grey@example.test``: ``450 4.7.1 <...>: Recipient address rejected: Greylisted, please
  try again later`` (every time: it never clears)
- any other domain: ``554 5.7.1 <...>: Relay access denied``

and on ``BLOCKING_HOST`` (``127.0.0.2``, same port) the same server refuses the client for
every recipient: ``554 5.7.1 <unknown[127.0.0.1]>: Client host rejected: Service
unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://...``.

Real Postfix also tarpits (defaults, measured here): from the 11th rejected command in one
session it waits 1 s before each reply, and it answers the 21st with ``421 4.7.0
mx.example.test Error: too many errors`` and hangs up.

``tests/conftest.py`` registers this module's fixtures for every test (``verify`` and
``sender`` alike): take a ``postfix_peer`` argument (``host, port = postfix_peer``);
``postfix_server`` also gives the directory and the log. Starting takes about 0.15 s; one
server serves the whole session. Without Postfix (``/usr/sbin/postfix``) or root, the tests
skip, or fail under ``CI=true``.

PYTEST_DONT_REWRITE: this module has no asserts, and test modules may import its names before
pytest loads it as a plugin, which would otherwise warn that it cannot be rewritten.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pytest

POSTFIX = Path("/usr/sbin/postfix")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "postfix-peer.sh"
HOST = "127.0.0.1"
BLOCKING_HOST = "127.0.0.2"

DOMAIN = "example.test"
CATCHALL_DOMAIN = "catchall.test"
KNOWN_USERS = ("alice", "bob", "postmaster")
BLOCKED = f"blocked@{DOMAIN}"
GREYLISTED = f"grey@{DOMAIN}"
BANNER = "mx.example.test ESMTP Postfix (bouncekit test peer)"

INSTALL_HINT = (
    "run 'sh scripts/install-system-deps.sh tests' as root (or 'apt-get install postfix', "
    "see /work/shared/RECIPES.md) to run the tests against a real Postfix."
)


class PostfixPeer(NamedTuple):
    host: str
    port: int


@dataclass(frozen=True)
class PostfixServer:
    """One running Postfix: where it listens and the directory holding its files."""

    directory: Path
    port: int
    host: str = HOST
    blocking_host: str = BLOCKING_HOST

    @property
    def log_file(self) -> Path:
        return self.directory / "postfix.log"

    def log(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self) -> None:
        subprocess.run(
            ["sh", str(SCRIPT), "stop", str(self.directory)],
            check=False,
            capture_output=True,
            timeout=30,
        )


def unavailable_reason() -> str | None:
    """Why Postfix cannot be started here, or None when it can."""
    if not POSTFIX.exists():
        return f"Postfix is not installed ({POSTFIX} is missing): {INSTALL_HINT}"
    if os.geteuid() != 0:
        return "Postfix must be started as root (it drops to its own user itself)."
    return None


def free_port() -> int:
    """A port free on both HOST and BLOCKING_HOST, for Postfix to bind next."""
    for _ in range(50):
        with socket.socket() as first, socket.socket() as second:
            first.bind((HOST, 0))
            port: int = first.getsockname()[1]
            try:
                second.bind((BLOCKING_HOST, port))
            except OSError:
                continue
            return port
    raise RuntimeError("no port free on both loopback addresses")


def _greets(host: str, port: int, timeout: float = 5.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            return sock.recv(512).startswith(b"220 ")
    except OSError:
        return False


def start_postfix(directory: Path, port: int | None = None) -> PostfixServer:
    """Configure and start Postfix in DIRECTORY; on a free port unless PORT is given.

    Retries on a fresh port when another process took the chosen one first.
    """
    attempts = 1 if port is not None else 3
    failure = ""
    for _ in range(attempts):
        chosen = port if port is not None else free_port()
        server = PostfixServer(directory=directory, port=chosen)
        done = subprocess.run(
            ["sh", str(SCRIPT), "start", str(directory), str(chosen), BLOCKING_HOST],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if done.returncode == 0 and _greets(server.host, chosen):
            return server
        server.stop()
        failure = (
            f"postfix-peer.sh start exited {done.returncode}\n{done.stdout}{done.stderr}\n"
            f"--- {server.log_file} ---\n{server.log()[-4000:]}"
        )
    raise RuntimeError(f"Postfix did not start:\n{failure}")


@pytest.fixture(scope="session")
def postfix_server() -> Iterator[PostfixServer]:
    """A real Postfix on 127.0.0.1 (and BLOCKING_HOST) and a free port, for the session."""
    reason = unavailable_reason()
    if reason is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    directory = Path(tempfile.mkdtemp(prefix="bouncekit-postfix-"))
    try:
        server = start_postfix(directory)
    except RuntimeError as error:
        shutil.rmtree(directory, ignore_errors=True)
        pytest.fail(str(error))
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def postfix_peer(postfix_server: PostfixServer) -> PostfixPeer:
    """(host, port) of the session's real Postfix."""
    return PostfixPeer(postfix_server.host, postfix_server.port)
