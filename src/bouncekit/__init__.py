"""bouncekit: what an SMTP rejection means, whose problem it is, and how to fix it.

Every job is a function here: :func:`explain` (a rejection), :func:`parse_bounce` (a bounce
message), :func:`verify_addresses` / :func:`verify_sync` (an address list), :func:`check_sender`
(a sending domain), :func:`check_message` (a test message), :func:`check_smtp` (a submission
server) and :func:`warmup_plan`. The functions that ask the DNS take a ``resolver`` (a
:class:`bouncekit.resolver.Resolver`).

They and their records are imported on first use (PEP 562 ``__getattr__``): ``bouncekit
--help`` does not build the classifier, explaining a reply does not import the parser's formats
or dnspython. ``from bouncekit import explain, parse_bounce`` works as before.
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
    from bouncekit.sender.check import SenderReport, check_sender
    from bouncekit.sender.message import MessageReport, check_message
    from bouncekit.sender.model import Finding
    from bouncekit.sender.smtpcheck import SmtpReport, check_smtp
    from bouncekit.sender.warmup import warmup_plan
    from bouncekit.verify.model import VerifyOptions, VerifyResult
    from bouncekit.verify.run import verify_addresses, verify_sync

__version__ = "0.1.0"

# Public name -> the module that defines it, imported when the name is first asked for.
_LAZY = {
    "BounceKind": "bouncekit.bounces.model",
    "BounceRecord": "bouncekit.bounces.model",
    "BounceReport": "bouncekit.bounces.model",
    "parse_bounce": "bouncekit.bounces.parse",
    "explain": "bouncekit.explain",
    "verify_addresses": "bouncekit.verify.run",
    "verify_sync": "bouncekit.verify.run",
    "VerifyOptions": "bouncekit.verify.model",
    "VerifyResult": "bouncekit.verify.model",
    "check_sender": "bouncekit.sender.check",
    "SenderReport": "bouncekit.sender.check",
    "Finding": "bouncekit.sender.model",
    "check_message": "bouncekit.sender.message",
    "MessageReport": "bouncekit.sender.message",
    "check_smtp": "bouncekit.sender.smtpcheck",
    "SmtpReport": "bouncekit.sender.smtpcheck",
    "warmup_plan": "bouncekit.sender.warmup",
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
    "Finding",
    "InputError",
    "MessageReport",
    "NoReplyFoundError",
    "Owner",
    "Provider",
    "Reason",
    "Retry",
    "Rule",
    "SenderReport",
    "SmtpReport",
    "Verdict",
    "VerifyOptions",
    "VerifyResult",
    "__version__",
    "check_message",
    "check_sender",
    "check_smtp",
    "explain",
    "parse_bounce",
    "verify_addresses",
    "verify_sync",
    "warmup_plan",
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
