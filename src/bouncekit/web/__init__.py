"""The HTTP API and the web pages: a thin layer that parses input, calls the library, renders.

``create_app()`` builds the application; ``python -m bouncekit.web`` serves it. Each job has
its own router module in :mod:`bouncekit.web.routes`, and its own entry in the navigation.
"""

from __future__ import annotations

from bouncekit.web.app import create_app, serve

__all__ = ["create_app", "serve"]
