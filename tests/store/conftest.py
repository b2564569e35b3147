"""The store's tests run on SQLite and on a real PostgreSQL (one cluster per session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bouncekit.store import Store, open_store
from tests.support.postgres import postgres_cluster, reset


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    reset(url)
    return url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened
