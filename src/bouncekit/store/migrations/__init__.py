"""Alembic migrations of the bounce store (``versions/``), run by ``bouncekit.store`` on open."""
