"""The exception tree. Every message is a sentence naming the input and what to do.

    BouncekitError
    ├── InputError (also ValueError): the input given cannot be used
    │   └── NoReplyFoundError: the text holds no SMTP reply to explain
    ├── ConfigurationError (also ValueError): a setting such as ``--nameserver`` is malformed
    └── StoreError: the bounce store cannot be opened, migrated or written

Expected outcomes (a DNS timeout, a domain with no MX) are results, not exceptions.
"""

from __future__ import annotations


class BouncekitError(Exception):
    """Base of every error bouncekit raises on purpose."""


class InputError(BouncekitError, ValueError):
    """The input cannot be used as given."""


class NoReplyFoundError(InputError):
    """The text holds no SMTP reply code or enhanced status code."""


class ConfigurationError(BouncekitError, ValueError):
    """A setting is malformed."""


class StoreError(BouncekitError):
    """The bounce store cannot be opened, migrated or written."""
