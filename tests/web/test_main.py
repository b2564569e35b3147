"""``python -m bouncekit.web``: the arguments that ``make run`` passes."""

from __future__ import annotations

from bouncekit.web.__main__ import parse_args
from bouncekit.web.app import DEFAULT_HOST, DEFAULT_PORT


def test_defaults() -> None:
    args = parse_args([])
    assert (args.host, args.port) == (DEFAULT_HOST, DEFAULT_PORT) == ("127.0.0.1", 8550)


def test_host_and_port() -> None:
    args = parse_args(["--host", "0.0.0.0", "--port", "9000"])
    assert (args.host, args.port) == ("0.0.0.0", 9000)
