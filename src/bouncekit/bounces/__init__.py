"""Bounce messages: every DSN and MTA format into one judged record per recipient.

The names below are imported on first use (PEP 562 ``__getattr__``): the package's small
modules (``address``, ``dsn``) are imported by the reply parser, which the record model itself
needs, and an eager import here would close that circle.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bouncekit.bounces.model import BounceKind, BounceRecord, BounceReport, DecodedRecipient
    from bouncekit.bounces.parse import parse_bounce

_LAZY = {
    "BounceKind": "bouncekit.bounces.model",
    "BounceRecord": "bouncekit.bounces.model",
    "BounceReport": "bouncekit.bounces.model",
    "DecodedRecipient": "bouncekit.bounces.model",
    "parse_bounce": "bouncekit.bounces.parse",
}

__all__ = ["BounceKind", "BounceRecord", "BounceReport", "DecodedRecipient", "parse_bounce"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bouncekit.bounces' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
