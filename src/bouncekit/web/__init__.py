"""The HTTP API and the web pages: a thin layer that parses input, calls the library, renders.

``create_app()`` builds the application; ``python -m bouncekit.web`` serves it. Each job has
its own router module in :mod:`bouncekit.web.routes`, and its own entry in the navigation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bouncekit.web.app import create_app, serve

__all__ = ["create_app", "serve"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that ``python -m bouncekit.web`` can say which extra to
    # install when FastAPI is missing, instead of failing while importing this package.
    if name in __all__:
        from bouncekit.web import app

        return getattr(app, name)
    raise AttributeError(f"module 'bouncekit.web' has no attribute {name!r}")
