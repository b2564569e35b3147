"""DKIM (RFC 6376): every signature verified with dkimpy, its key asked through bouncekit's
resolver.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import dkim

from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.message.model import excerpt
from bouncekit.sender.model import Area, Finding, Status, finding

_DKIM_REJECTIONS = (
    "Gmail requires DKIM of every sender (bulk senders an aligned one) and rejects or junks "
    "unauthenticated mail: 550 5.7.26 (DMARC/authentication) or 421 4.7.27 / 550 5.7.27 (SPF "
    "and DKIM); Outlook.com 550 5.7.515."
)


@dataclass(frozen=True, slots=True)
class Signature:
    """One DKIM-Signature and what verifying it found."""

    index: int
    domain: str
    selector: str
    algorithm: str
    passed: bool
    unknown: bool = False  # the key could not be fetched (a DNS failure): nothing is known
    reason: str = ""  # why it failed, in words
    key_bits: int = 0
    signed_headers: tuple[str, ...] = ()
    verified: bool = True  # False past MAX_SIGNATURES: not tried, so neither passed nor failed

    @property
    def key_name(self) -> str:
        return f"{self.selector}._domainkey.{self.domain}"


class _KeyLookup:
    """dkimpy's ``dnsfunc``: asks bouncekit's resolver for the key's TXT record."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.answers: dict[str, Answer] = {}

    def __call__(self, name: bytes, timeout: float = 5) -> bytes | None:
        text = name.decode("ascii", errors="replace").rstrip(".")
        answer = self.resolver.resolve(text, "TXT")
        self.answers[text.lower()] = answer
        if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
            raise dkim.DnsTimeoutError(answer.detail)
        if answer.outcome is not Outcome.OK or not answer.records:
            return None
        keys = [record for record in answer.records if "p=" in record] or list(answer.records)
        return keys[0].encode("utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors.append(record.getMessage())


# What dkimpy raises on a header block it cannot read: a line that is no field (no colon, a
# NUL), or a continuation line before the first field.
_UNREADABLE_HEAD = (dkim.MessageFormatError, IndexError)
_SIGNATURE_FIELD = re.compile(rb"^dkim-signature[ \t]*:", re.IGNORECASE | re.MULTILINE)
# Signatures verified, top down. RFC 6376 6.1 lets a verifier limit them, and receivers do:
# each one reads the whole message again and asks the DNS, so 2,000 took half a minute.
MAX_SIGNATURES = 10
_TAG = re.compile(rb"(?:^|;)\s*([ds])\s*=\s*([^;\s]*)")


def verify_dkim(data: bytes, *, resolver: Resolver, timeout: float = 5.0) -> list[Signature]:
    """Verify every DKIM-Signature of the message, top to bottom."""
    try:
        headers = dkim.DKIM(data).headers
    except _UNREADABLE_HEAD as error:
        # No verifier reads such a head, so no signature in it verifies: each one fails,
        # with the reason (quoted in part: the bad line may be megabytes long).
        head = data.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
        reason = f"the header block cannot be read by a DKIM verifier ({excerpt(str(error))})"
        return [
            Signature(index, "", "", "", False, reason=reason)
            for index in range(len(_SIGNATURE_FIELD.findall(head)))
        ]
    values = [value for name, value in headers if name.lower() == b"dkim-signature"]
    verified = [
        _verify_one(data, index, resolver, timeout)
        for index in range(min(len(values), MAX_SIGNATURES))
    ]
    return verified + [
        _not_verified(index, value) for index, value in enumerate(values) if index >= MAX_SIGNATURES
    ]


def _not_verified(index: int, value: bytes) -> Signature:
    tags = {tag: found.decode("ascii", errors="replace") for tag, found in _TAG.findall(value)}
    return Signature(
        index,
        tags.get(b"d", "").lower(),
        tags.get(b"s", ""),
        "",
        False,
        reason=f"only the first {MAX_SIGNATURES} signatures are verified",
        verified=False,
    )


def _tag(fields: dict[bytes, bytes], tag: bytes) -> str:
    return fields.get(tag, b"").decode("ascii", errors="replace").strip()


def _verify_one(data: bytes, index: int, resolver: Resolver, timeout: float) -> Signature:
    logger = logging.Logger(f"bouncekit.dkim.{index}")  # a private logger, never propagated
    collect = _Collect()
    logger.addHandler(collect)
    verifier = dkim.DKIM(data, logger=logger, minkey=1024, timeout=timeout)
    lookup = _KeyLookup(resolver)
    error = ""
    try:
        passed = bool(verifier.verify(index, dnsfunc=lookup))
    except dkim.DKIMException as exception:
        passed, error = False, str(exception)
    fields: dict[bytes, bytes] = getattr(verifier, "signature_fields", None) or {}
    domain = _tag(fields, b"d").lower()
    selector = _tag(fields, b"s")
    signed = tuple(name.strip().lower() for name in _tag(fields, b"h").split(":") if name.strip())
    signature = Signature(
        index,
        domain,
        selector,
        _tag(fields, b"a") or "rsa-sha256",
        passed,
        key_bits=int(getattr(verifier, "keysize", 0) or 0),
        signed_headers=signed,
    )
    if passed:
        return signature
    answer = lookup.answers.get(signature.key_name.lower())
    unknown = False
    if answer is not None and answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
        unknown, reason = True, f"the key could not be fetched: {answer.detail}"
    elif answer is not None and (answer.outcome is not Outcome.OK or not answer.records):
        reason = f"there is no key at {signature.key_name} ({answer.outcome})"
    elif "body hash mismatch" in error:
        reason = "the body was changed after signing (body hash mismatch)"
    elif error:
        reason = error
    elif collect.errors:
        reason = collect.errors[0]
    else:
        reason = (
            "the signature does not match: a signed header was changed after signing, or the "
            "published key is not the signing key"
        )
    return Signature(
        index,
        signature.domain,
        signature.selector,
        signature.algorithm,
        False,
        unknown,
        reason,
        signature.key_bits,
        signed,
    )


def signature_findings(signatures: Sequence[Signature]) -> list[Finding]:
    if not signatures:
        return [
            finding(
                Area.DKIM,
                "signature",
                Status.FAIL,
                "The message has no DKIM signature.",
                _DKIM_REJECTIONS,
                "Sign outgoing mail with DKIM for the From domain (your ESP's domain "
                "authentication, or OpenDKIM/rspamd on your MTA) and publish the key at "
                "SELECTOR._domainkey.YOUR-DOMAIN.",
            )
        ]
    found = []
    skipped = [signature for signature in signatures if not signature.verified]
    for signature in signatures:
        if not signature.verified:
            continue
        name = (
            f"DKIM signature {signature.index + 1} (d={signature.domain}, "
            f"s={signature.selector}, {signature.algorithm})"
        )
        if signature.passed:
            found.append(finding(Area.DKIM, "signature", Status.PASS, f"{name} verifies."))
            if signature.algorithm.startswith("rsa") and signature.key_bits < 2048:
                found.append(
                    finding(
                        Area.DKIM,
                        "key-size",
                        Status.WARN,
                        f"{name} uses a {signature.key_bits}-bit RSA key.",
                        "1024-bit keys are within reach of factoring; Gmail and Yahoo "
                        "recommend 2048 bits, and some receivers already treat shorter keys "
                        "as weak.",
                        f"Generate a 2048-bit key, publish it under a new selector of "
                        f"{signature.domain} and switch the signer to it.",
                    )
                )
        elif signature.unknown:
            found.append(
                finding(
                    Area.DKIM,
                    "signature",
                    Status.UNKNOWN,
                    f"Could not verify {name}, because {signature.reason}",
                    fix=f"Run the check again; `dig {signature.key_name} TXT` shows the key.",
                )
            )
        else:
            found.append(
                finding(
                    Area.DKIM,
                    "signature",
                    Status.FAIL,
                    f"{name} does not verify: {signature.reason}.",
                    _DKIM_REJECTIONS,
                    _dkim_fix(signature),
                )
            )
    if skipped:
        found.append(
            finding(
                Area.DKIM,
                "signature-count",
                Status.WARN,
                f"The message has {len(signatures):,} DKIM signatures; the {len(skipped):,} "
                f"after the first {MAX_SIGNATURES} were not verified.",
                "Receivers verify only the first few signatures (RFC 6376 6.1 lets them stop) "
                "and may take many for an attempt to exhaust them.",
                "Sign once per domain that must align: your own, and your ESP's if it signs.",
            )
        )
    return found


def _dkim_fix(signature: Signature) -> str:
    if signature.reason.startswith("there is no key"):
        return (
            f"Publish the selector's public key as a TXT record at {signature.key_name} "
            "(your ESP shows the record), or sign with a selector that is published."
        )
    if "body" in signature.reason:
        return (
            "Sign as the last step before sending: footers, link tracking or a mailing list "
            "that rewrites the body after signing break the signature (c=relaxed/relaxed helps "
            "with white space only)."
        )
    return (
        f"Check that the key published at {signature.key_name} is the one the signer uses, and "
        "that nothing rewrites signed headers (Subject tags, From rewriting) after signing."
    )
