"""Which mailbox provider receives a domain's mail: by its MX hosts, so a Google Workspace
domain counts as Google and a Microsoft 365 tenant as Microsoft.

The provider table is the explain engine's (each provider's MX host suffixes, in
``replies/rules/providers``). A domain is first matched by name (``gmail.com``, ``hotmail.com``
are hosts of their own provider), then by its MX records through the :class:`Resolver` seam;
each domain is asked once per lookup object. Without a resolver (``--no-dns``) only the name
is used.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from bouncekit.replies.classify import rulebook
from bouncekit.replies.model import Provider
from bouncekit.resolver import Outcome, Resolver

_PARALLEL_LOOKUPS = 16


def provider_of_host(host: str) -> Provider | None:
    """The provider whose MX host suffixes end ``host``; ``None`` when none does."""
    suffixes = rulebook().host_suffixes
    labels = host.lower().rstrip(".").split(".")
    for start in range(len(labels)):
        found = suffixes.get("." + ".".join(labels[start:]))
        if found is not None:
            return found
    return None


def provider_name(key: str) -> str:
    """A provider's name ("Outlook.com / Microsoft 365") from its key; the key when unknown."""
    for provider in rulebook().providers:
        if provider.key == key:
            return provider.name
    return key


class ProviderLookup:
    """Domain -> provider key, cached; MX lookups only when a resolver is given."""

    def __init__(self, resolver: Resolver | None) -> None:
        self.resolver = resolver
        self._found: dict[str, str | None] = {}

    def __call__(self, domain: str | None) -> str | None:
        if domain is None:
            return None
        if domain not in self._found:
            self._found[domain] = self._look_up(domain)
        return self._found[domain]

    def prefetch(self, domains: Iterable[str | None]) -> None:
        """Look many domains up at once (the resolver is thread-safe): a report over
        thousands of domains waits for the slowest answers once, not for each in turn."""
        missing = sorted({d for d in domains if d is not None and d not in self._found})
        if not missing:
            return
        if self.resolver is None:  # names only: nothing to wait for
            self._found.update((domain, self._look_up(domain)) for domain in missing)
            return
        with ThreadPoolExecutor(min(_PARALLEL_LOOKUPS, len(missing))) as pool:
            for domain, key in zip(missing, pool.map(self._look_up, missing), strict=True):
                self._found[domain] = key

    def _look_up(self, domain: str) -> str | None:
        by_name = provider_of_host(domain)
        if by_name is not None or self.resolver is None:
            return by_name.key if by_name is not None else None
        answer = self.resolver.resolve(domain, "MX")
        if answer.outcome is not Outcome.OK:
            return None
        # The most preferred exchanges first: "10 aspmx.l.google.com."
        exchanges = sorted(
            (int(preference), host)
            for preference, _, host in (record.partition(" ") for record in answer.records)
            if preference.isdigit()
        )
        for _, host in exchanges:
            found = provider_of_host(host)
            if found is not None:
                return found.key
        return None
