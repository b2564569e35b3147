"""The reports' tests run on SQLite and on a real PostgreSQL: the store's fixtures."""

from __future__ import annotations

from tests.store.conftest import postgres_url, store, store_url

__all__ = ["postgres_url", "store", "store_url"]
