"""bouncekit: what an SMTP rejection means, whose problem it is, and how to fix it.

``explain`` and the bounce parser's names are imported on first use (PEP 562
``__getattr__``): ``bouncekit --help`` does not build the classifier, and explaining a reply
does not import the parser's formats. ``from bouncekit import explain, parse_bounce`` works as
before.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from bouncekit.errors import (
    BouncekitError,
    ConfigurationError,
    InputError,
    NoReplyFoundError,
)
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

if TYPE_CHECKING:
    from bouncekit.bounces import BounceKind, BounceRecord, BounceReport, parse_bounce
    from bouncekit.explain import explain

__version__ = "0.1.0"

# Public name -> the module that defines it, imported when the name is first asked for.
_LAZY = {
    "BounceKind": "bouncekit.bounces.model",
    "BounceRecord": "bouncekit.bounces.model",
    "BounceReport": "bouncekit.bounces.model",
    "parse_bounce": "bouncekit.bounces.parse",
    "explain": "bouncekit.explain",
}

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


class _Package(types.ModuleType):
    """The package module, so that importing the submodule ``bouncekit.explain`` (as the CLI
    does) leaves ``bouncekit.explain`` the function: the import system sets a submodule as an
    attribute of its package, which would hide the function of the same name."""

    def __setattr__(self, name: str, value: object) -> None:
        if name == "explain" and isinstance(value, types.ModuleType):
            value = value.explain
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'bouncekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
