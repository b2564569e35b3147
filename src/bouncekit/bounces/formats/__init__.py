"""Bounce formats: one module per MTA or provider, found by walking this package.

Each module defines ``FORMAT``, a :class:`BounceFormat`: a cheap ``matches`` test on the
headers and subject, and ``decode``, which returns the recipients it reads or ``None`` when
the message is not its kind after all. Dispatch runs the formats in ``order`` and the first one
that decodes anything wins; the generic RFC 3464, ARF (RFC 5965) and RFC 3834 readers have
orders of 900 and above so that they run last, and the notice reader (``notice.py``), which
knows how a non-delivery notice is built rather than any one MTA's, runs after them all. Adding
a format is adding a module; nothing lists them.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

GENERIC_ORDER = 900


@dataclass(frozen=True, slots=True)
class BounceFormat:
    name: str  # reported as ``decoded_by``
    order: int  # lower runs first; MTA and provider formats use 100-899
    matches: Callable[[Mail], bool]  # cheap: headers, subject, part types
    decode: Callable[[Mail], list[DecodedRecipient] | None]


@functools.cache
def formats() -> tuple[BounceFormat, ...]:
    """Every format, in dispatch order."""
    found: list[BounceFormat] = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        bounce_format = getattr(module, "FORMAT", None)
        if isinstance(bounce_format, BounceFormat):
            found.append(bounce_format)
    return tuple(sorted(found, key=lambda f: (f.order, f.name)))
