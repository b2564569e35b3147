"""Bounce formats: one module per MTA or provider, found by walking this package.

Each module defines ``FORMAT``, a :class:`BounceFormat`: a cheap ``matches`` test on the
headers and subject, and ``decode``, which returns the recipients it reads or ``None`` when
the message is not its kind after all. Dispatch runs the formats in ``order`` and the first one
that decodes anything wins, so a format whose mail also matches a broader one must run first.
Each ``order`` is one of the named bands below plus a small offset where the order inside a
band matters (the format's module says why); formats of one order run by name. The generic
ARF (RFC 5965), RFC 3464 and RFC 3834 readers run after every MTA and provider, and the notice
reader (``notice.py``), which knows how a non-delivery notice is built rather than any one
MTA's, runs after them all. ``tests/bounces/test_dispatch_order.py`` pins the resulting order.
Adding a format is adding a module; nothing lists them.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

# The bands, in dispatch order. An offset inside a band stays below the gap to the next one.

# Providers whose bounces carry a broader format's marks (1&1 and MXLogic send Exim's From and
# Subject; Workspace, Google Groups and Gmail share a sender; SES receiving and sending share
# a header): they run before that format, which would otherwise take their mail.
PROVIDER = 250
# One MTA's or provider's own marks (a sender, an X- header, a Received line). The marks of
# the band's plain members do not overlap, so their order is their name; members with a
# looser test (a common subject, a Received line another format also knows) come after them,
# with an offset.
MTA_SPECIFIC = 300
# The widely deployed MTAs (Postfix, Sendmail, Exchange, Office 365): a subject or header
# that other systems' bounces also carry, so every narrower format has had its chance.
MTA_GENERIC = 400
# Formats known by marks that are common on their own (Outlook's two of four, PowerMTA's
# "Delivery report" subject, McAfee's gateway header) or that wrap a standard report.
MTA_LOOSE = 600
# Sisimai's X1 to X6: unnamed MTAs known only by their wording, the weakest of the MTA tests.
UNKNOWN_MTA = 700
# Complaint and unsubscribe reports of one provider, before the standard readers that would
# read them as a plain report or an auto-reply.
FEEDBACK = 750
# The standard readers: ARF (RFC 5965), RFC 3464 delivery status and RFC 3834 auto-replies.
# Any MTA may send these, so they run after every format that knows the sender better.
STANDARD_DSN = 850
# The notice reader: how a non-delivery notice is built, not any one sender's. Last resort.
NOTICE = 990


@dataclass(frozen=True, slots=True)
class BounceFormat:
    name: str  # reported as ``decoded_by``
    order: int  # lower runs first: a band above plus an offset
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
