"""The application factory and the server entry point."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles

from bouncekit import __version__
from bouncekit.resolver import Resolver, resolver_from_settings
from bouncekit.web.guard import DEFAULT_HOST, DEFAULT_PORT, AccessGuard, WebAccess
from bouncekit.web.limits import MAX_BODY_BYTES, BodySizeLimit, SecurityHeaders
from bouncekit.web.problems import validation_problem
from bouncekit.web.routes import bounces, explain, meta, verify, webhooks
from bouncekit.web.templating import STATIC_DIR

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "create_app", "serve"]


def create_app(access: WebAccess | None = None, *, resolver: Resolver | None = None) -> FastAPI:
    """Build the web application: pages, the JSON API under ``/api/v1``, static files.

    ``access`` says where it is served and so which ``Host`` headers it answers, and the
    token every request needs, if any (see :mod:`bouncekit.web.guard`); by default the
    server is ``127.0.0.1:8550`` without a token. ``resolver`` answers every DNS question the
    routes ask; by default one built from the settings (``BOUNCEKIT_NAMESERVER``, else the
    system's resolver), kept for the application's life so that its cache serves every request.
    """
    app = FastAPI(
        title="bouncekit",
        version=__version__,
        description="Explain SMTP rejections: whose problem it is and how to fix it.",
        # The interactive docs pages load their scripts from a CDN; the pages must work
        # offline, so only the machine-readable schema is served.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.resolver = resolver or resolver_from_settings()
    app.add_exception_handler(RequestValidationError, validation_problem)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    # Added last, so it runs first: a request from a foreign Host is not even read.
    app.add_middleware(AccessGuard, access=access or WebAccess())
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(meta.router)
    app.include_router(explain.router)
    app.include_router(bounces.router)
    app.include_router(verify.router)
    app.include_router(webhooks.router)
    return app


def serve(access: WebAccess | None = None) -> None:
    """Run the application with uvicorn until interrupted."""
    import uvicorn  # imported here: building the app for tests does not need the server

    access = access or WebAccess()
    uvicorn.run(create_app(access), host=access.host, port=access.port)
