"""Offline checks of addresses: what can be known without the network.

For each address: trim it, check its syntax with email-validator (which also gives the
normalised form: NFC local part, lowercase IDNA domain), then look it up: an earlier address
for the same mailbox, a mistyped well-known domain, a disposable domain, a role account, a
free-mail provider. Disposable and role addresses are risky and a syntax error is invalid;
anything else is left for the DNS and SMTP steps to decide.

Speed: a repeated input is answered from the first one's result, and what depends only on the
domain (typo, disposable, free, provider rules) is computed once per domain, so the cost per
address beyond ``validate_email`` is a few dictionary lookups. email-validator itself spends
about two thirds of its time checking the domain name, a pure function of the domain that a
list repeats thousands of times: that one step is memoised (see ``_memoise_domain_check``).
Most of the rest is the general parser (quoting, display names, Unicode) walking each address
a character at a time; the common address, plain ASCII with an unquoted local part, is read by
:func:`_plain_address` with email-validator's own pattern and domain check instead, giving the
same answer (tests/verify/test_offline_stream.py compares the two on generated addresses).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import email_validator
from email_validator import EmailNotValidError, validate_email
from email_validator.rfc_constants import (
    CASE_INSENSITIVE_MAILBOX_NAMES,
    DOT_ATOM_TEXT,
    EMAIL_MAX_LENGTH,
)

from bouncekit.domains import suggest_domain
from bouncekit.replies.model import Verdict
from bouncekit.status import Status
from bouncekit.verify.lists import is_disposable, is_free, is_role, mailbox_key
from bouncekit.verify.model import Check, VerifyReason

__all__ = ["OfflineResult", "check_address", "check_offline"]


def _memoise_domain_check() -> None:
    """Cache email-validator's domain-name check, which depends on its arguments alone.

    ``validate_email`` calls ``validate_email_domain_name(domain, test_environment=...,
    globally_deliverable=...)`` through its module's namespace; the result is a dict it only
    reads, and invalid names still raise every time (exceptions are not cached). The answers
    are exactly those of the uncached function: tests/verify/test_offline.py compares them.
    """
    module = importlib.import_module("email_validator.validate_email")
    check = getattr(module, "validate_email_domain_name")  # noqa: B009 - untyped module
    if not hasattr(check, "cache_info"):
        setattr(module, "validate_email_domain_name", functools.lru_cache(maxsize=65_536)(check))  # noqa: B010


_memoise_domain_check()
_VALIDATE_EMAIL_MODULE = importlib.import_module("email_validator.validate_email")
_RECENT = 4096  # results of recent inputs kept by check_offline; refused domains kept
_REFUSED_DOMAINS: dict[tuple[str, bool], str] = {}  # (domain, test domains) -> the error


def _plain_address(trimmed: str, test_domains: bool) -> tuple[str, str] | None:
    """The local part and ASCII domain that ``validate_email`` gives for a plain address: an
    unquoted ASCII dot-atom local part (RFC 5322 section 3.2.3), no display name. Raises the
    error ``validate_email`` would raise when the domain is what it refuses; ``None`` for any
    other input, which ``validate_email`` then reads. The steps are those ``validate_email``
    takes for such an address, with its own pattern, its (memoised) domain check and its
    length limit."""
    local, at, domain = trimmed.partition("@")
    # The dot-atom is ASCII without "@", "<" or '"': split_email splits at this "@" and finds
    # no display name and no quoting, and Unicode normalisation leaves the local part as it is.
    # The domain (internationalised too) goes through the same check as in validate_email,
    # whose first error for such a local part is the domain's (when it is neither empty nor
    # an IP address in brackets).
    if not at or not domain or domain[0] == "[" or DOT_ATOM_TEXT.match(local) is None:
        return None
    refused = _REFUSED_DOMAINS.get((domain, test_domains))
    if refused is not None:
        raise EmailNotValidError(refused)
    try:
        found = _VALIDATE_EMAIL_MODULE.validate_email_domain_name(
            domain,
            test_environment=test_domains,
            globally_deliverable=email_validator.GLOBALLY_DELIVERABLE,
        )
    except EmailNotValidError as error:
        # Refusals are not memoised by lru_cache (an exception is not a result): kept here.
        if len(_REFUSED_DOMAINS) >= _RECENT:
            _REFUSED_DOMAINS.clear()
        _REFUSED_DOMAINS[(domain, test_domains)] = str(error)
        raise
    except UnicodeError:  # lone surrogates: validate_email says it its own way
        return None
    if local.lower() in CASE_INSENSITIVE_MAILBOX_NAMES:  # RFC 2142: postmaster, abuse, ...
        local = local.lower()
    ascii_domain: str = found["ascii_domain"]
    # The length limit, in UTF-8 bytes, of the address as given, normalised and in ASCII: an
    # ASCII address whose domain the check left as it was has one length in all three.
    if len(trimmed) > EMAIL_MAX_LENGTH or not trimmed.isascii() or found["domain"] != domain:
        try:
            for form in (trimmed, f"{local}@{found['domain']}", f"{local}@{ascii_domain}"):
                if len(form.encode("utf-8")) > EMAIL_MAX_LENGTH:
                    return None
        except UnicodeError:
            return None
    return local, ascii_domain


@dataclass(frozen=True, slots=True)
class OfflineResult:
    """What the offline checks found about one input."""

    input: str  # as given
    address: str  # normalised (trimmed, domain lowercase and IDNA); "" when unusable
    local: str
    domain: str  # ASCII (IDNA), lowercase; "" when unusable
    syntax_error: str | None  # email-validator's sentence when the syntax is wrong
    suggestion: str | None  # the likely intended address when the domain looks mistyped
    duplicate_of: str | None  # the first earlier input that reaches the same mailbox
    disposable: bool
    role: bool
    free: bool
    checks: tuple[Check, ...]  # syntax, duplicate, typo, disposable, role, free
    verdict: Verdict | None  # None: only the network can decide
    reason: VerifyReason | None


_SYNTAX_OK = Check("syntax", Status.PASS, "The syntax is valid.")
_FIRST = Check("duplicate", Status.PASS, "The first address for this mailbox.")
_NO_STATE = Check("duplicate", Status.SKIPPED, "Checked alone: no earlier addresses.")
_NO_TYPO = Check("typo", Status.PASS, "The domain does not look mistyped.")
_NOT_DISPOSABLE = Check("disposable", Status.PASS, "Not a disposable-mail domain.")
_NOT_ROLE = Check("role", Status.PASS, "The local part names a person, not a function.")
_NOT_FREE = Check("free", Status.PASS, "Not a free-mail provider.")
_SKIPPED = tuple(
    Check(name, Status.SKIPPED, "Not checked: the syntax is wrong.")
    for name in ("typo", "disposable", "role", "free")
)


_ROLE = Check("role", Status.WARN, "The local part names a function, not a person.")


@dataclass(frozen=True, slots=True)
class _DomainFacts:
    """What depends on the domain alone, computed once per domain."""

    suggestion: str | None  # the corrected domain
    disposable: bool
    free: bool
    checks: tuple[tuple[Check, ...], tuple[Check, ...]]  # for a first address: person, role


@functools.lru_cache(maxsize=65536)
def _domain_facts(domain: str) -> _DomainFacts:
    suggestion = suggest_domain(domain)
    disposable = is_disposable(domain)
    free = is_free(domain)
    typo = (
        Check("typo", Status.WARN, f"{domain} looks like a typo of {suggestion}.")
        if suggestion
        else _NO_TYPO
    )
    disposable_check = (
        Check("disposable", Status.WARN, f"{domain} is a disposable-mail domain.")
        if disposable
        else _NOT_DISPOSABLE
    )
    free_check = (
        Check("free", Status.PASS, f"{domain} is a free-mail provider.") if free else _NOT_FREE
    )
    return _DomainFacts(
        suggestion=suggestion,
        disposable=disposable,
        free=free,
        checks=(
            (_SYNTAX_OK, _FIRST, typo, disposable_check, _NOT_ROLE, free_check),
            (_SYNTAX_OK, _FIRST, typo, disposable_check, _ROLE, free_check),
        ),
    )


def _suggest_for_invalid(text: str) -> str | None:
    """A valid address with a corrected domain for a syntax error in the domain ("a@gmail")."""
    local, at, domain = text.rpartition("@")
    corrected = suggest_domain(domain.lower()) if at and local else None
    if corrected is None:
        return None
    try:
        corrected_address = validate_email(
            f"{local}@{corrected}", check_deliverability=False, allow_quoted_local=True
        )
    except EmailNotValidError:
        return None
    return f"{corrected_address.local_part}@{corrected_address.ascii_domain}"


def _syntax_failure(text: str, trimmed: str, message: str, duplicate_check: Check) -> OfflineResult:
    suggestion = _suggest_for_invalid(trimmed)
    typo = Check("typo", Status.WARN, f"Did you mean {suggestion}?") if suggestion else _SKIPPED[0]
    return OfflineResult(
        input=text,
        address="",
        local="",
        domain="",
        syntax_error=message,
        suggestion=suggestion,
        duplicate_of=None,
        disposable=False,
        role=False,
        free=False,
        checks=(
            Check("syntax", Status.FAIL, message),
            duplicate_check,
            typo,
            *_SKIPPED[1:],
        ),
        verdict=Verdict.INVALID,
        reason=VerifyReason.SYNTAX,
    )


def _check(
    text: str, duplicate_check: Check, *, test_domains: bool = False
) -> tuple[OfflineResult, str]:
    """The result for one input and the key of its mailbox (for duplicates)."""
    trimmed = text.strip()
    try:
        plain = _plain_address(trimmed, test_domains)
        if plain is None:
            # SMTPUTF8 local parts are allowed (email-validator's default) and so are quoted
            # ones (RFC 5321 section 4.1.2), which it refuses unless asked. Names under the
            # special-use "test" TLD (RFC 6761) are refused unless a test network is verified.
            valid = validate_email(
                trimmed,
                check_deliverability=False,
                allow_quoted_local=True,
                test_environment=test_domains,
            )
            plain = valid.local_part, valid.ascii_domain
    except (EmailNotValidError, UnicodeError) as error:
        # UnicodeError: text that cannot be encoded as UTF-8 (lone surrogates from a bad decode)
        message = (
            str(error)
            if isinstance(error, EmailNotValidError)
            else "The address is not valid Unicode text."
        )
        failed = _syntax_failure(text, trimmed, message, duplicate_check)
        return failed, "\0" + trimmed  # an unusable input is a duplicate only as its text
    local, domain = plain
    facts = _domain_facts(domain)
    role = is_role(local)
    if facts.disposable:
        verdict, reason = Verdict.RISKY, VerifyReason.DISPOSABLE
    elif role:
        verdict, reason = Verdict.RISKY, VerifyReason.ROLE
    else:
        verdict, reason = None, None
    checks = facts.checks[role]
    if duplicate_check is not _FIRST:
        checks = (checks[0], duplicate_check, *checks[2:])
    result = OfflineResult(
        input=text,
        address=f"{local}@{domain}",
        local=local,
        domain=domain,
        syntax_error=None,
        suggestion=f"{local}@{facts.suggestion}" if facts.suggestion else None,
        duplicate_of=None,
        disposable=facts.disposable,
        role=role,
        free=facts.free,
        checks=checks,
        verdict=verdict,
        reason=reason,
    )
    return result, mailbox_key(local, domain)


def _as_duplicate(result: OfflineResult, text: str, first: str) -> OfflineResult:
    """``result`` for another input of the same mailbox, marked as a duplicate of ``first``."""
    checks = list(result.checks)
    checks[1] = Check("duplicate", Status.WARN, f"The same mailbox as {first}.")
    return replace(result, input=text, duplicate_of=first, checks=tuple(checks))


def check_address(text: str, *, test_domains: bool = False) -> OfflineResult:
    """The offline checks for one address, with no memory of others (no duplicates)."""
    return _check(text, _NO_STATE, test_domains=test_domains)[0]


def check_offline(inputs: Iterable[str], *, test_domains: bool = False) -> Iterator[OfflineResult]:
    """The offline checks for each input, in order, one result each, as they are read.

    An input for the same mailbox as an earlier one (the same text, another case of the domain,
    or a provider's equivalent: Gmail dots, "+tags", googlemail.com) gets ``duplicate_of`` set
    to the first such input and otherwise the same findings. ``test_domains`` accepts names
    under the special-use ``.test`` TLD, for verifying a test network.
    """
    # The one thing kept per address: its mailbox's key and first input, to find duplicates.
    first_by_key: dict[str, str] = {}
    # The results of recent inputs, so that the same text again is not validated again; only
    # the last few thousand are kept (a list's repeats are mostly near each other), so memory
    # does not grow with a result per row.
    recent: dict[str, tuple[OfflineResult, str]] = {}  # trimmed input -> its result and key
    for text in inputs:
        trimmed = text.strip()
        known = recent.get(trimmed)
        if known is not None:  # the same text again: no need to validate it twice
            result, key = known
            yield _as_duplicate(result, text, first_by_key[key])
            continue
        result, key = _check(text, _FIRST, test_domains=test_domains)
        if len(recent) >= _RECENT:
            recent.clear()
        recent[trimmed] = (result, key)
        first = first_by_key.get(key)
        if first is None:
            first_by_key[key] = text
            yield result
        else:
            yield _as_duplicate(result, text, first)
