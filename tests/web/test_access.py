"""Who the real server answers: loopback binds only without a token, its own Host names only.

Each server here is ``python -m bouncekit.web`` in a child process, talked to with raw HTTP
so that the Host header is exactly what a rebinding attacker's page would send.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.smtp_peers import free_port

TOKEN = "k3Zq-very-secret-token-9xT"


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "BOUNCEKIT_WEB_TOKEN"}
    return {**env, **extra}


def start(port: int, *arguments: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bouncekit.web", "--port", str(port), *arguments],
        env=env or environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return process  # it refused to start: the test reads why
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    pytest.fail("the server did not start within 20 seconds")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def request(
    port: int, path: str, *, host: str, headers: dict[str, str] | None = None
) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    for name, value in (headers or {}).items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[int]:
    port = free_port()
    process = start(port)
    assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
    yield port
    stop(process)


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
def test_a_loopback_server_answers_its_own_names(loopback_server: int, name: str) -> None:
    response = request(loopback_server, "/api/v1/health", host=f"{name}:{loopback_server}")
    assert response.status == 200


@pytest.mark.parametrize(
    "host",
    [
        "attacker.example:{port}",  # DNS rebinding: the attacker's name now points at 127.0.0.1
        "attacker.example",
        "127.0.0.1",  # the right address on another port (the default, 80)
        "127.0.0.1:1",
        "localhost.attacker.example:{port}",
        "",
    ],
)
def test_a_loopback_server_refuses_other_host_headers(loopback_server: int, host: str) -> None:
    response = request(loopback_server, "/api/v1/health", host=host.format(port=loopback_server))
    assert response.status == 421


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.1"])
def test_serving_beyond_loopback_without_a_token_is_refused(host: str) -> None:
    port = free_port()
    process = start(port, "--host", host)
    try:
        assert process.wait(timeout=20) == 2
    finally:
        if process.poll() is None:
            stop(process)
    assert process.stderr is not None
    message = process.stderr.read().decode()
    assert f"Refusing to serve on {host} without a token" in message
    assert "BOUNCEKIT_WEB_TOKEN" in message
    assert "Traceback" not in message


def test_a_token_too_short_to_protect_anything_is_refused(tmp_path: Path) -> None:
    process = start(free_port(), "--host", "0.0.0.0", env=environment(BOUNCEKIT_WEB_TOKEN="abc"))
    assert process.wait(timeout=20) == 2
    assert process.stderr is not None
    assert "at least 16" in process.stderr.read().decode()


@pytest.fixture(scope="module")
def token_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    # Served on loopback, so the test stays on 127.0.0.0/8; the token rule is the same.
    token_file = tmp_path_factory.mktemp("token") / "token"
    token_file.write_text(TOKEN + "\n")
    port = free_port()
    process = start(port, "--token-file", str(token_file))
    assert process.poll() is None
    yield port
    stop(process)


def test_with_a_token_every_request_must_carry_it(token_server: int) -> None:
    host = f"server.example:{token_server}"  # any name: the token is the guard
    assert request(token_server, "/api/v1/health", host=host).status == 401
    wrong = {"Authorization": "Bearer " + TOKEN[:-1] + "X"}
    assert request(token_server, "/api/v1/health", host=host, headers=wrong).status == 401
    right = {"Authorization": f"Bearer {TOKEN}"}
    assert request(token_server, "/api/v1/health", host=host, headers=right).status == 200


def test_a_browser_gets_the_token_once_and_keeps_it_in_a_cookie(token_server: int) -> None:
    host = f"127.0.0.1:{token_server}"
    response = request(token_server, f"/explain?example=x&token={TOKEN}", host=host)
    assert response.status == 303
    assert response.getheader("Location") == "/explain?example=x"  # the token leaves the URL
    cookie = response.getheader("Set-Cookie") or ""
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    again = request(token_server, "/explain", host=host, headers={"Cookie": cookie.split(";")[0]})
    assert again.status == 200
    assert request(token_server, "/explain?token=wrong-token-here-12345", host=host).status == 401
