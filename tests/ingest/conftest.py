"""The ingest tests use the store's fixtures: SQLite and a real PostgreSQL."""

from __future__ import annotations

from tests.store.conftest import postgres_url, store, store_url

__all__ = ["postgres_url", "store", "store_url"]
