"""DKIM keys: the record at ``SELECTOR._domainkey.DOMAIN`` parsed and judged.

A key record is a tag list (RFC 6376 3.2, 3.6.1): ``v=DKIM1; k=rsa; p=BASE64``, with ``t=y``
(testing), ``t=s`` (no subdomains), ``h`` (hash algorithms), ``s`` (service types) and ``n``
(notes). ``p`` holds an RSA key as DER, a SubjectPublicKeyInfo as every signer publishes it,
or a bare RSAPublicKey as RFC 6376 3.6.1's wording reads; an Ed25519 key (RFC 8463) is the raw
32 bytes. An empty ``p=`` revokes the key.

Selectors cannot be listed from the DNS, so when none is given a list of the selectors that
common signers and providers use is tried; finding none of them says nothing for certain.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.serialization import load_der_public_key, load_pem_public_key

from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.model import Area, Finding, Status

# Selectors of common signers: mail servers' defaults, Google Workspace, Microsoft 365
# (selector1/2), Mailchimp/Mandrill (k1..k3, mandrill), SendGrid (s1, s2, smtpapi), Everlytic,
# Mailgun (mg, smtp, mailo, krs), Zoho (zoho, zmail), Fastmail (fm1..fm3), Proton
# (protonmail..3), Postmark (pm), HubSpot (hs1, hs2), Campaign Monitor (cm), Amazon SES custom
# (ses). Each is one TXT query, asked concurrently.
COMMON_SELECTORS: tuple[str, ...] = (
    "default",
    "google",
    "selector1",
    "selector2",
    "k1",
    "k2",
    "k3",
    "s1",
    "s2",
    "dkim",
    "mail",
    "smtp",
    "mx",
    "everlytickey1",
    "everlytickey2",
    "mandrill",
    "smtpapi",
    "mg",
    "mailo",
    "krs",
    "zoho",
    "zmail",
    "fm1",
    "fm2",
    "fm3",
    "protonmail",
    "protonmail2",
    "protonmail3",
    "pm",
    "hs1",
    "hs2",
    "cm",
    "ses",
    "key1",
    "dkim1",
    "sig1",
)

MIN_BITS = 1024  # RFC 8301 3.2: verifiers must not accept signatures with smaller RSA keys
GOOD_BITS = 2048  # Google's sender guidelines ask for 2048-bit keys

REJECTIONS = (
    "Without a DKIM signature that verifies, mail passes DMARC only through aligned SPF, "
    "which forwarding breaks: Gmail rejects with 550 5.7.26 (unauthenticated), Yahoo with "
    "554 5.7.9, Outlook.com with 550 5.7.515."
)


class KeyType(StrEnum):
    RSA = "rsa"
    ED25519 = "ed25519"  # RFC 8463


class KeyFormat(StrEnum):
    SPKI = "spki"  # SubjectPublicKeyInfo: what signers publish and verifiers expect
    PKCS1 = "pkcs1"  # a bare RSAPublicKey
    RAW = "raw"  # Ed25519: the 32 bytes
    NONE = "none"  # revoked: p= is empty


@dataclass(frozen=True, slots=True)
class DkimKey:
    """A key record that a verifier can use (or a revoked one: ``revoked``, ``bits`` 0)."""

    key_type: KeyType
    bits: int
    key_format: KeyFormat
    testing: bool = False  # t=y: mail is to be treated as unsigned (RFC 6376 3.6.1)
    strict_subdomains: bool = False  # t=s: the i= domain must equal d=
    hash_algorithms: tuple[str, ...] = ()  # h=; empty means any
    services: tuple[str, ...] = ("*",)  # s=
    notes: str = ""  # n=
    tags: tuple[tuple[str, str], ...] = ()  # every tag, in order, for rebuilding the record

    @property
    def revoked(self) -> bool:
        return self.key_format is KeyFormat.NONE

    @property
    def for_email(self) -> bool:
        return "*" in self.services or "email" in self.services

    @property
    def accepts_sha256(self) -> bool:
        return not self.hash_algorithms or "sha256" in self.hash_algorithms

    def describe(self) -> str:
        if self.revoked:
            return "a revoked key (empty p=)"
        if self.key_type is KeyType.ED25519:
            return "an Ed25519 key (256 bits)"
        return f"an RSA {self.bits}-bit key"

    def to_text(self, **changes: str | None) -> str:
        """The record with tags replaced (a value) or removed (None)."""
        tags = dict(self.tags) | changes
        return "; ".join(f"{name}={value}" for name, value in tags.items() if value is not None)


@dataclass(frozen=True, slots=True)
class DkimKeyError:
    """Why a text is not a usable key record: ``message`` is a sentence saying what to fix."""

    record: str
    message: str

    def __str__(self) -> str:
        return self.message


_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def parse_tag_list(text: str) -> list[tuple[str, str]] | str:
    """RFC 6376 3.2: ``name=value`` pairs split by ";"; names are case-sensitive and may not
    repeat. Returns the pairs, or a sentence saying what is wrong."""
    tags: list[tuple[str, str]] = []
    seen: set[str] = set()
    for part in text.split(";"):
        if not part.strip():
            continue  # the tag list may end with ";"
        name, equals, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not _TAG_NAME.fullmatch(name):
            return f'"{part.strip()}" is not a tag: write it as NAME=VALUE, tags split by ";".'
        if name in seen:
            return f'The tag "{name}" appears more than once; give each tag once.'
        seen.add(name)
        tags.append((name, value))
    return tags


def parse_dkim_key(text: str) -> DkimKey | DkimKeyError:
    """Parse a DKIM key record (TXT strings joined) and measure its key."""

    def error(message: str) -> DkimKeyError:
        return DkimKeyError(text, message)

    tags = parse_tag_list(text)
    if isinstance(tags, str):
        return error(tags)
    values = dict(tags)
    version = values.get("v")
    if version is not None and (tags[0][0] != "v" or version != "DKIM1"):
        # RFC 6376 3.6.1: v= is optional, but when given it is first and exactly "DKIM1".
        return error(
            f'The version tag is "v={version}"; when given it must be the first tag and '
            'exactly "v=DKIM1", or verifiers discard the record.'
        )
    if "p" not in values:
        return error('The record has no "p=" tag holding the public key.')
    k = values.get("k", "rsa")
    try:
        key_type = KeyType(k)
    except ValueError:
        return error(f'"k={k}" is not a key type; use k=rsa or k=ed25519.')
    data = re.sub(r"\s+", "", values["p"])
    if not data:
        measured: tuple[int, KeyFormat] | str = (0, KeyFormat.NONE)
    else:
        try:
            measured = _measure(key_type, binascii.a2b_base64(data, strict_mode=True))
        except binascii.Error:
            measured = "The p= value is not valid base64; copy the public key again, whole."
    if isinstance(measured, str):
        return error(measured)
    flags = _list(values.get("t", ""))
    return DkimKey(
        key_type,
        bits=measured[0],
        key_format=measured[1],
        testing="y" in flags,
        strict_subdomains="s" in flags,
        hash_algorithms=_list(values.get("h", "")),
        services=_list(values.get("s", "*")),
        notes=values.get("n", ""),
        tags=tuple(tags),
    )


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip().lower() for item in value.split(":") if item.strip())


def _measure(key_type: KeyType, der: bytes) -> tuple[int, KeyFormat] | str:
    if key_type is KeyType.ED25519:
        if len(der) != 32:
            return f"An Ed25519 key is the raw 32 bytes (RFC 8463 4.2); p= holds {len(der)} bytes."
        try:
            ed25519.Ed25519PublicKey.from_public_bytes(der)
        except ValueError:
            return "The p= value is not an Ed25519 public key."
        return 256, KeyFormat.RAW
    # SubjectPublicKeyInfo is SEQUENCE { SEQUENCE algorithm, BIT STRING }; RSAPublicKey is
    # SEQUENCE { INTEGER modulus, INTEGER exponent }: the first inner tag tells them apart.
    key_format = KeyFormat.PKCS1 if _first_inner_tag(der) == 0x02 else KeyFormat.SPKI
    try:
        key = _load_rsa(der, key_format)
    except (ValueError, TypeError):
        return (
            "The p= value is not a DER RSA public key (it may be cut short or altered); "
            "publish the public key again, whole."
        )
    if not isinstance(key, rsa.RSAPublicKey):
        return f"The p= value holds a {type(key).__name__}, not an RSA key as k=rsa says."
    return key.key_size, key_format


def _load_rsa(der: bytes, key_format: KeyFormat) -> PublicKeyTypes:
    try:
        return load_der_public_key(der)
    except ValueError:
        if key_format is not KeyFormat.PKCS1:
            raise
    # Older cryptography reads a bare RSAPublicKey only from PEM ("RSA PUBLIC KEY").
    body = base64.encodebytes(der).decode("ascii")
    pem = f"-----BEGIN RSA PUBLIC KEY-----\n{body}-----END RSA PUBLIC KEY-----\n"
    return load_pem_public_key(pem.encode("ascii"))


def _first_inner_tag(der: bytes) -> int:
    if len(der) < 3 or der[0] != 0x30:
        return -1
    length_octets = der[1] & 0x7F if der[1] & 0x80 else 0
    position = 2 + length_octets
    return der[position] if position < len(der) else -1


# -- lookups and findings ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SelectorLookup:
    """What ``SELECTOR._domainkey.DOMAIN`` held."""

    selector: str
    name: str
    answer: Answer
    keys: tuple[DkimKey | DkimKeyError, ...]  # one per key-like TXT record

    @property
    def found(self) -> bool:
        return bool(self.keys)


def _looks_like_key(text: str) -> bool:
    # A wildcard TXT (an SPF record, a verification token) answers any selector: only a
    # record with a p= tag or starting v=DKIM1 is taken for a key.
    return bool(re.search(r"(^|;)\s*p\s*=", text) or re.match(r"\s*v\s*=\s*DKIM", text, re.I))


def lookup_selector(domain: str, selector: str, *, resolver: Resolver) -> SelectorLookup:
    name = f"{selector}._domainkey.{domain}"
    answer = resolver.resolve(name, "TXT")
    texts = [text for text in answer.records if _looks_like_key(text)]
    return SelectorLookup(selector, name, answer, tuple(parse_dkim_key(text) for text in texts))


def dkim_findings(
    domain: str, selectors: Iterable[str] = (), *, resolver: Resolver
) -> list[Finding]:
    """Check the DKIM keys of ``domain``: the selectors given, or the common ones tried."""
    domain = domain.strip().strip(".").lower()
    given = tuple(dict.fromkeys(s.strip().strip(".") for s in selectors if s.strip()))
    tried = given or COMMON_SELECTORS
    with ThreadPoolExecutor(max_workers=min(16, len(tried))) as pool:
        lookups = list(pool.map(lambda s: lookup_selector(domain, s, resolver=resolver), tried))
    findings: list[Finding] = []
    if given:
        for lookup in lookups:
            if not lookup.found:
                findings.append(_missing_selector(lookup))
    elif not any(lookup.found for lookup in lookups):
        return [_none_found(domain, lookups)]
    usable = any(
        isinstance(key, DkimKey) and not key.revoked for lookup in lookups for key in lookup.keys
    )
    for lookup in lookups:
        if len(lookup.keys) > 1:
            findings.append(
                Finding(
                    Area.DKIM,
                    "dkim.records",
                    Status.WARN,
                    f"{lookup.name} has {len(lookup.keys)} key records; verifiers use one of "
                    "them, not always the one your mail is signed with.",
                    fix=f"Keep one TXT record at {lookup.name}.",
                )
            )
        for key in lookup.keys:
            findings.extend(_key_findings(lookup, key, retired_ok=usable and not given))
    return findings


def _failed(answer: Answer) -> bool:
    return answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT)


def _missing_selector(lookup: SelectorLookup) -> Finding:
    answer = lookup.answer
    if _failed(answer):
        return Finding(
            Area.DKIM,
            "dkim.selector",
            Status.UNKNOWN,
            f"Could not look up the DKIM key at {lookup.name}, because: {answer.detail}",
        )
    return Finding(
        Area.DKIM,
        "dkim.selector",
        Status.FAIL,
        f"No DKIM key at {lookup.name} ({_absence(answer)}).",
        why="Mail signed with selector " + lookup.selector + " fails DKIM. " + REJECTIONS,
        fix=f'Publish the public key as a TXT record at {lookup.name}: "v=DKIM1; k=rsa; '
        'p=BASE64-PUBLIC-KEY", or check the s= tag of the DKIM-Signature header of a sent '
        "message for the selector in use.",
    )


def _absence(answer: Answer) -> str:
    if answer.outcome is Outcome.NXDOMAIN:
        return "the name does not exist"
    if answer.outcome is Outcome.NODATA:
        return "the name has no TXT record"
    return "its TXT records are not DKIM keys: " + " | ".join(answer.records)


def _none_found(domain: str, lookups: list[SelectorLookup]) -> Finding:
    failed = [lookup.selector for lookup in lookups if _failed(lookup.answer)]
    summary = (
        f"No DKIM key found for {domain} under the {len(lookups)} common selectors tried "
        f"({', '.join(lookup.selector for lookup in lookups)})."
    )
    if failed:
        summary += f" The lookups for {', '.join(failed)} failed."
    return Finding(
        Area.DKIM,
        "dkim.selector",
        Status.UNKNOWN,
        summary,
        why="Selectors cannot be listed from the DNS, so the key may be under another name. "
        + REJECTIONS,
        fix="Give the selector your mail is signed with (the s= tag of the DKIM-Signature "
        "header of a sent message); if there is none, turn on DKIM signing with your mail "
        "server or provider and publish its key.",
    )


def _new_key_fix(lookup: SelectorLookup) -> str:
    return (
        "Generate a 2048-bit key (openssl genrsa -out dkim.key 2048; openssl rsa -in dkim.key "
        f"-pubout) and publish it at a new selector beside {lookup.name}: "
        '"v=DKIM1; k=rsa; p=BASE64-PUBLIC-KEY"; sign with the new selector, then revoke this '
        "one (p= empty)."
    )


def _key_findings(
    lookup: SelectorLookup, key: DkimKey | DkimKeyError, *, retired_ok: bool
) -> list[Finding]:
    where = lookup.name
    if isinstance(key, DkimKeyError):
        return [
            Finding(
                Area.DKIM,
                "dkim.key",
                Status.FAIL,
                f'The DKIM record at {where} cannot be used: "{key.record}". {key}',
                why="Verifiers cannot check signatures made with this selector. " + REJECTIONS,
                fix=f"Publish the record at {where} again as your signer gives it: "
                '"v=DKIM1; k=rsa; p=BASE64-PUBLIC-KEY".',
            )
        ]
    if key.revoked:
        if retired_ok:
            return [
                Finding(
                    Area.DKIM,
                    "dkim.key",
                    Status.WARN,
                    f"{where} holds a revoked key (empty p=): a retired selector, if no mail "
                    "is signed with it any more.",
                    fix="Make sure no server still signs with this selector.",
                )
            ]
        return [
            Finding(
                Area.DKIM,
                "dkim.key",
                Status.FAIL,
                f"{where} holds a revoked key (empty p=): signatures with it fail.",
                why=REJECTIONS,
                fix=_new_key_fix(lookup),
            )
        ]
    findings = [_size_finding(lookup, key)]
    if key.key_format is KeyFormat.PKCS1:
        findings.append(
            Finding(
                Area.DKIM,
                "dkim.key-format",
                Status.WARN,
                f"The key at {where} is published as a bare RSAPublicKey, not the "
                "SubjectPublicKeyInfo that signers publish and some verifiers require.",
                fix="Publish the output of `openssl rsa -in dkim.key -pubout` (without the "
                "BEGIN/END lines) as p=.",
            )
        )
    if not key.for_email:
        findings.append(
            Finding(
                Area.DKIM,
                "dkim.key-usage",
                Status.FAIL,
                f"The key at {where} is for {', '.join(key.services)} only (s=), not email.",
                why="Verifiers reject email signatures made with it. " + REJECTIONS,
                fix=f'Publish "{key.to_text(s=None)}" at {where}, or use another selector '
                "for email.",
            )
        )
    if not key.accepts_sha256:
        findings.append(
            Finding(
                Area.DKIM,
                "dkim.key-usage",
                Status.FAIL,
                f"The key at {where} allows only {':'.join(key.hash_algorithms)} (h=), not sha256.",
                why="Verifiers no longer accept SHA-1 signatures (RFC 8301). " + REJECTIONS,
                fix=f'Publish "{key.to_text(h=None)}" at {where} and sign with rsa-sha256.',
            )
        )
    if key.testing:
        flags = ":".join(flag for flag in _list(dict(key.tags).get("t", "")) if flag != "y")
        findings.append(
            Finding(
                Area.DKIM,
                "dkim.testing",
                Status.WARN,
                f"The key at {where} is in testing mode (t=y).",
                why="Verifiers must treat mail signed with a key in testing mode like "
                "unsigned mail (RFC 6376 3.6.1), so the signature may earn it nothing.",
                fix=f'When signing works, publish "{key.to_text(t=flags or None)}" at {where}.',
            )
        )
    return findings


def _size_finding(lookup: SelectorLookup, key: DkimKey) -> Finding:
    summary = f"Selector {lookup.selector}: {key.describe()} at {lookup.name}."
    if key.key_type is KeyType.ED25519:
        return Finding(
            Area.DKIM,
            "dkim.key",
            Status.PASS,
            summary + " Not every receiver verifies Ed25519 yet: sign with an RSA key too.",
        )
    if key.bits < MIN_BITS:
        return Finding(
            Area.DKIM,
            "dkim.key",
            Status.FAIL,
            summary + f" Keys under {MIN_BITS} bits are not accepted.",
            why=f"Verifiers must not accept signatures made with RSA keys under {MIN_BITS} "
            "bits (RFC 8301 3.2), so this mail counts as unsigned. " + REJECTIONS,
            fix=_new_key_fix(lookup),
        )
    if key.bits < GOOD_BITS:
        return Finding(
            Area.DKIM,
            "dkim.key",
            Status.WARN,
            summary + f" {GOOD_BITS} bits is the recommended size.",
            why="Google's sender guidelines ask for 2048-bit keys; 1024-bit RSA no longer "
            "meets NIST's minimum (SP 800-131A) and receivers may stop accepting it.",
            fix=_new_key_fix(lookup),
        )
    return Finding(Area.DKIM, "dkim.key", Status.PASS, summary)
