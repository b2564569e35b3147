"""The mailbox tests: one real Dovecot for the session (each test takes a mailbox of its own),
and the store on SQLite and on a real PostgreSQL, as the store's own tests have it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.store.conftest import postgres_url, store, store_url
from tests.support.dovecot import Dovecot, dovecot_server

__all__ = ["dovecot", "postgres_url", "store", "store_url"]


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    with dovecot_server() as server:
        yield server
