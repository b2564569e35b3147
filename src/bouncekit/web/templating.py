"""Templates, static files and the navigation that every page shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from bouncekit import __version__

_HERE = Path(__file__).resolve().parent
TEMPLATE_DIR = _HERE / "templates"
STATIC_DIR = _HERE / "static"


@dataclass(frozen=True, slots=True)
class NavItem:
    """One entry of the navigation bar: a job's page."""

    label: str
    path: str


# One entry per job's page, in the order the jobs are listed in the design.
NAVIGATION: tuple[NavItem, ...] = (NavItem("Explain", "/explain"),)


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else ``None``: URLs can come from pasted text."""
    if not url:
        return None
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def _page_context(request: Request) -> dict[str, Any]:
    return {"navigation": NAVIGATION, "current_path": request.url.path, "version": __version__}


def _make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the tests, not silently
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_href"] = safe_href
    return Jinja2Templates(env=env, context_processors=[_page_context])


templates = _make_templates()
