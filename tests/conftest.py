"""Shared fixtures: real servers on loopback, started per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.support.dns_server import ZoneServer


@pytest.fixture
def dns_zone() -> Iterator[Callable[..., ZoneServer]]:
    """Start a DNS server on 127.0.0.1 serving the zone text given; stopped after the test."""
    servers: list[ZoneServer] = []

    def start(zone: str, **behaviour: object) -> ZoneServer:
        server = ZoneServer(zone, **behaviour).start()  # type: ignore[arg-type]
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


# The real Postfix peer's fixtures (postfix_server, postfix_peer) serve the tests of verify and
# sender alike.
pytest_plugins = ["tests.support.postfix"]
