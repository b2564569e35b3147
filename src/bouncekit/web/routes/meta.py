"""Routes that belong to no single job: the front door and the health check."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from bouncekit import __version__

router = APIRouter()


class HealthResponse(BaseModel):
    status: str
    version: str


@router.get("/", include_in_schema=False)
def index() -> RedirectResponse:
    # 303: the explain page is the front door today; another page may take its place later.
    return RedirectResponse("/explain", status_code=303)


@router.get("/api/v1/health", tags=["meta"])
def health() -> HealthResponse:
    return HealthResponse(status="ok", version=__version__)
