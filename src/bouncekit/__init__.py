"""bouncekit: what an SMTP rejection means, whose problem it is, and how to fix it."""

from __future__ import annotations

from bouncekit.bounces import BounceKind, BounceRecord, BounceReport, parse_bounce
from bouncekit.errors import (
    BouncekitError,
    ConfigurationError,
    InputError,
    NoReplyFoundError,
)
from bouncekit.explain import explain
from bouncekit.replies.model import (
    Action,
    Blocklist,
    Command,
    Diagnosis,
    Evidence,
    Owner,
    Provider,
    Reason,
    Retry,
    Rule,
    Verdict,
)

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Blocklist",
    "BounceKind",
    "BounceRecord",
    "BounceReport",
    "BouncekitError",
    "Command",
    "ConfigurationError",
    "Diagnosis",
    "Evidence",
    "InputError",
    "NoReplyFoundError",
    "Owner",
    "Provider",
    "Reason",
    "Retry",
    "Rule",
    "Verdict",
    "__version__",
    "explain",
    "parse_bounce",
]
