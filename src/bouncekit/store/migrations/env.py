"""Alembic's environment: migrations run on the connection the store hands over.

The store calls ``alembic.command.upgrade`` with its own open connection in
``config.attributes["connection"]``; nothing here reads a URL or an ini file.
"""

from __future__ import annotations

from alembic import context

from bouncekit.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place: batch mode copies the table instead.
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
