"""The bounce store: every judged failure, the suppression list, the sources read and their
cursors, on SQLite (by default, a file in the user's data directory) or PostgreSQL (by URL).

``open_store(url)`` opens it, creating or migrating the schema (``migrations/``) first.
"""

from __future__ import annotations

from bouncekit.store.store import (
    BatchResult,
    IngestBatch,
    SendCount,
    SentMessage,
    Store,
    StoredEvent,
    Suppression,
    default_url,
    open_store,
)

__all__ = [
    "BatchResult",
    "IngestBatch",
    "SendCount",
    "SentMessage",
    "Store",
    "StoredEvent",
    "Suppression",
    "default_url",
    "open_store",
]
