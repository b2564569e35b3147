"""The application factory and the server entry point."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bouncekit import __version__
from bouncekit.web.limits import MAX_BODY_BYTES, BodySizeLimit, SecurityHeaders
from bouncekit.web.routes import bounces, explain, meta, verify
from bouncekit.web.templating import STATIC_DIR

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8550


def create_app() -> FastAPI:
    """Build the web application: pages, the JSON API under ``/api/v1``, static files."""
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
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(meta.router)
    app.include_router(explain.router)
    app.include_router(bounces.router)
    app.include_router(verify.router)
    return app


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> None:
    """Run the application with uvicorn until interrupted."""
    import uvicorn  # imported here: building the app for tests does not need the server

    uvicorn.run(create_app(), host=host, port=port)
