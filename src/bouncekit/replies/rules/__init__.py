"""Rules that map reply text to reasons, discovered from the modules of this package.

Adding knowledge is adding a module: ``mta/<name>.py`` for an MTA's wording (generic rules),
``languages/<code>.py`` for wording in a language other than English that any server may use
(generic rules, named by ISO 639-1 code), ``providers/<name>.py`` for a provider's own rules,
with ``PROVIDER`` naming the provider.
Every module exposes ``RULES``, a tuple of :class:`~bouncekit.replies.model.Rule`, each with
real example replies. Nothing lists the modules: they are found by walking the package.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType

from bouncekit.replies.model import Provider, Rule

_SUBPACKAGES = ("mta", "languages", "providers")


def _modules() -> Iterator[ModuleType]:
    for subpackage in _SUBPACKAGES:
        package = importlib.import_module(f"{__name__}.{subpackage}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                yield importlib.import_module(f"{package.__name__}.{info.name}")


def load() -> tuple[tuple[Rule, ...], tuple[Provider, ...]]:
    """Every rule and every provider, in a stable order (module name, then declaration)."""
    rules: list[Rule] = []
    providers: list[Provider] = []
    for module in _modules():
        provider: Provider | None = getattr(module, "PROVIDER", None)
        module_rules: tuple[Rule, ...] = module.RULES
        if provider is not None:
            providers.append(provider)
            module_rules = tuple(
                dataclasses.replace(rule, provider=provider.key) for rule in module_rules
            )
        rules.extend(module_rules)
    return tuple(rules), tuple(providers)
