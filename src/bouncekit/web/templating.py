"""Templates, static files and the navigation that every page shares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates

from bouncekit import Command, Owner, Retry, __version__

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


# Words for the pages; the values themselves (the API's vocabulary) are shown beside them.
OWNER_DESCRIPTIONS: dict[Owner, str] = {
    Owner.RECIPIENT: "the recipient's address or mailbox",
    Owner.SENDER: "your sending IP, domain, authentication or reputation",
    Owner.MESSAGE: "what was sent: its content, size or format",
    Owner.RECEIVER: "the receiving system itself",
    Owner.UNKNOWN: "the text does not say",
}
RETRY_LABELS: dict[Retry, str] = {
    Retry.NEVER: "never: sending again cannot succeed",
    Retry.LATER: "later: the same message can succeed on a later attempt",
    Retry.AFTER_FIX: "after fixing the cause",
}
COMMAND_LABELS: dict[Command, str] = {
    Command.CONNECT: "connection (greeting)",
    Command.MAIL: "MAIL FROM",
    Command.RCPT: "RCPT TO",
    Command.DATA: "DATA",
}


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an http(s) link, else ``None``: URLs can come from pasted text."""
    if not url:
        return None
    return url if urlsplit(url).scheme.lower() in ("http", "https") else None


def without_prefix(text: str, prefix: str) -> str:
    """``text`` without a leading ``prefix``: a status meaning may start with its own code."""
    return text[len(prefix) :].lstrip(" :-") if text.startswith(prefix) else text


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
    env.filters["without_prefix"] = without_prefix
    env.globals["owner_descriptions"] = OWNER_DESCRIPTIONS
    env.globals["retry_labels"] = RETRY_LABELS
    env.globals["command_labels"] = COMMAND_LABELS
    return Jinja2Templates(env=env, context_processors=[_page_context])


templates = _make_templates()
