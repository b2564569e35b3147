"""check-message: a test message's headers, authentication and content, as findings.

:func:`check_message` reads one message (the bytes of an .eml file) and checks what receivers
check: the header fields RFC 5322 requires, every DKIM signature (verified with dkimpy, its key
asked through bouncekit's resolver), SPF for the Return-Path domain and the sending IP, DMARC
alignment of the From domain, one-click unsubscribe (RFC 8058), size, the text and HTML parts,
links (shorteners, domains on the domain blocklists), attachments that receivers refuse, and
spam-trigger wording; with a spamd address, SpamAssassin's verdict too.

Everything but DKIM key lookups, SPF, DMARC, link blocklists and spamd is pure: it reads bytes.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
import io
import logging
import re
import tarfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import dkim

from bouncekit.bounces.mail import decode_bytes, decode_header
from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender import spf
from bouncekit.sender.dmarc import (
    Alignment,
    Discovered,
    DmarcRecord,
    discover_dmarc,
    is_aligned,
    organizational_domain,
    starter_record,
)
from bouncekit.sender.dnsbl import Dnsbl, judge, parse_ip, query_name, resolve_concurrently
from bouncekit.sender.model import Finding, Status
from bouncekit.sender.spamd import SpamdError, ask_spamd

__all__ = [
    "DANGEROUS_EXTENSIONS",
    "DOMAIN_LISTS",
    "SIZE_LIMITS",
    "URL_SHORTENERS",
    "MessageReport",
    "check_message",
]

HEADERS, DKIM, SPF, DMARC = "headers", "dkim", "spf", "dmarc"
UNSUBSCRIBE, SIZE, CONTENT, LINKS = "unsubscribe", "size", "content", "links"
ATTACHMENTS, SPAMASSASSIN = "attachments", "spamassassin"

DOMAIN_LISTS: tuple[Dnsbl, ...] = tuple(
    Dnsbl.named(key) for key in ("spamhaus-dbl", "surbl", "uribl")
)

MB = 1024 * 1024
# (bytes, who refuses mail above it). Sizes are of the message as sent: base64 adds a third.
SIZE_LIMITS: tuple[tuple[int, str], ...] = (
    (10 * MB, "Postfix's default message_size_limit (10,240,000 bytes) and many company servers"),
    (20 * MB, "iCloud Mail and many hosting providers"),
    (25 * MB, "Gmail and Yahoo"),
    (35 * MB, "Microsoft 365 and Outlook.com (the default maximum)"),
)
GMAIL_CLIP_BYTES = 102 * 1024  # Gmail clips an HTML part over about 102 KB ("[Message clipped]")

URL_SHORTENERS = frozenset(
    {
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "v.gd",
        "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "bl.ink", "t.ly",
        "s.id", "lnkd.in", "trib.al", "soo.gd", "qr.ae", "shorte.st", "adf.ly", "tiny.one",
        "clck.ru", "u.to", "x.co", "mcaf.ee", "su.pr", "bc.vc", "0rz.tw",
    }
)  # fmt: skip

# Gmail's blocked file types (support.google.com/mail/answer/6590) and their kin.
DANGEROUS_EXTENSIONS = frozenset(
    {
        ".exe", ".scr", ".js", ".jse", ".vbs", ".vbe", ".bat", ".cmd", ".com", ".pif", ".cpl",
        ".jar", ".iso", ".img", ".vhd", ".msi", ".msp", ".msc", ".hta", ".lnk", ".ps1", ".wsf",
        ".wsh", ".wsc", ".sct", ".chm", ".dll", ".reg", ".appx", ".apk", ".dmg", ".xll",
    }
)  # fmt: skip
MACRO_EXTENSIONS = frozenset(
    {".docm", ".dotm", ".xlsm", ".xltm", ".xlam", ".pptm", ".potm", ".ppam", ".ppsm", ".sldm"}
)
ARCHIVE_EXTENSIONS = (".zip", ".tar", ".tar.gz", ".tgz", ".7z", ".rar", ".gz")
_OPENABLE_ARCHIVE_BYTES = 50 * MB

# Phrases spam filters score (SpamAssassin's body rules, content filters of the big providers);
# each alone is weak, several together are not.
SPAM_PHRASES = (
    "100% free", "act now", "apply now", "as seen on", "buy now", "cash bonus", "click here",
    "dear friend", "double your", "earn extra cash", "extra income", "free gift",
    "free access", "get paid", "guaranteed", "increase sales", "limited time", "lowest price",
    "make money", "million dollars", "no credit check", "no obligation", "once in a lifetime",
    "order now", "risk-free", "risk free", "special promotion", "this is not spam",
    "urgent", "viagra", "winner", "work from home", "you have been selected", "congratulations",
)  # fmt: skip

_DKIM_REJECTIONS = (
    "Gmail requires DKIM of every sender (bulk senders an aligned one) and rejects or junks "
    "unauthenticated mail: 550 5.7.26 (DMARC/authentication) or 421 4.7.27 / 550 5.7.27 (SPF "
    "and DKIM); Outlook.com 550 5.7.515."
)
_SPF_REJECTIONS = (
    "Receivers reject mail that fails SPF when the domain says -all (Gmail 550 5.7.26 or "
    "550 5.7.27, Outlook.com 550 5.7.23 / 550 5.7.515), and mark softfail as suspicious."
)
_DMARC_REJECTIONS = (
    "Without aligned SPF or DKIM the message fails DMARC: Gmail 550 5.7.26 'Unauthenticated "
    "email from DOMAIN is not accepted due to domain's DMARC policy', Yahoo 554 5.7.9, "
    "Outlook.com 550 5.7.509 / 5.7.515."
)
_GMAIL_CONTENT = (
    "Gmail 552 5.7.0 'This message was blocked because its content presents a potential "
    "security issue', Outlook.com 550 5.7.1 (content), and most company gateways quarantine it."
)


@dataclass(frozen=True, slots=True)
class MessageReport:
    """Every check of one message, in the order: headers, authentication, content, spamd."""

    findings: tuple[Finding, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"findings": [finding.to_dict() for finding in self.findings]}

    def by_area(self) -> dict[str, list[Finding]]:
        grouped: dict[str, list[Finding]] = {}
        for finding in self.findings:
            grouped.setdefault(finding.area, []).append(finding)
        return grouped


def check_message(
    data: bytes,
    *,
    ip: str | None = None,
    resolver: Resolver,
    spamd: str | None = None,
    domain_lists: Sequence[Dnsbl] = DOMAIN_LISTS,
    timeout: float = 30.0,
) -> MessageReport:
    """Check one message; ``ip`` is the sending server's address (for SPF), ``spamd`` a
    ``HOST:PORT`` of a SpamAssassin daemon to ask."""
    parsed = _parse(data)
    findings = header_findings(parsed.message)
    signatures = verify_dkim(data, resolver, timeout=timeout)
    findings += dkim_findings(signatures)
    spf_result, spf_domain, spf_found = _spf(parsed.message, ip, resolver)
    findings += spf_found
    findings += dmarc_findings(parsed.from_domain, spf_result, spf_domain, signatures, resolver)
    findings += unsubscribe_findings(parsed.message, signatures)
    findings += size_findings(len(data), parsed)
    findings += content_findings(parsed)
    findings += link_findings(parsed, resolver, domain_lists)
    findings += attachment_findings(parsed.attachments)
    if spamd:
        findings += spamd_findings(data, spamd, timeout)
    return MessageReport(tuple(findings))


# -- parsing -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    payload: bytes


@dataclass(slots=True)
class ParsedMessage:
    message: email.message.Message
    from_domain: str = ""
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    inline_images: int = 0
    uses_mime: bool = False


def _parse(data: bytes) -> ParsedMessage:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parsed = ParsedMessage(message)
    parsed.uses_mime = any(
        name in message for name in ("Content-Type", "Content-Transfer-Encoding")
    )
    addresses = _addresses(message.get_all("From") or [])
    if len(addresses) == 1:
        parsed.from_domain = addresses[0].rpartition("@")[2].lower().rstrip(".")
    for part in message.walk():
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = decode_header(part.get_filename() or "")
        payload = part.get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
        if filename or part.get_content_disposition() == "attachment":
            if content_type.startswith("image/") and part.get_content_disposition() == "inline":
                parsed.inline_images += 1
                continue
            parsed.attachments.append(Attachment(filename, content_type, raw))
        elif content_type == "text/plain":
            parsed.plain.append(decode_bytes(raw, part.get_content_charset()))
        elif content_type == "text/html":
            parsed.html.append(decode_bytes(raw, part.get_content_charset()))
        elif content_type.startswith("image/"):
            parsed.inline_images += 1
    return parsed


def _addresses(values: Iterable[str]) -> list[str]:
    return [address for _, address in email.utils.getaddresses(list(values)) if address]


# -- headers (RFC 5322 3.6) ----------------------------------------------------------------

_MESSAGE_ID = re.compile(r"^\s*<[^<>@\s]+@[^<>@\s]+>\s*$")
_DOT_ATOM_DOMAIN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")


def _finding(
    area: str, check: str, status: Status, summary: str, why: str = "", fix: str = ""
) -> Finding:
    return Finding(area, f"{area}.{check}", status, summary, why, fix)


def header_findings(message: email.message.Message) -> list[Finding]:
    """One From, a Date, a Message-ID, MIME-Version when MIME is used, addresses in form."""
    found = [_from_finding(message.get_all("From") or [])]
    found += _address_form(message)
    found.append(_date_finding(message.get_all("Date") or []))
    found.append(_message_id_finding(message.get_all("Message-ID") or []))
    uses_mime = any(name in message for name in ("Content-Type", "Content-Transfer-Encoding"))
    if uses_mime and "MIME-Version" not in message:
        found.append(
            _finding(
                HEADERS,
                "mime-version",
                Status.FAIL,
                "The message uses MIME (Content-Type) but has no MIME-Version header.",
                "Without 'MIME-Version: 1.0' (RFC 2045 section 4) a reader may show the raw "
                "MIME source; SpamAssassin scores MISSING_MIMEOLE-like rules and some gateways "
                "reject it as not RFC compliant (550 5.6.0).",
                "Add 'MIME-Version: 1.0' to the headers (any mail library does so when the "
                "message is built as MIME).",
            )
        )
    elif uses_mime:
        found.append(_finding(HEADERS, "mime-version", Status.PASS, "MIME-Version is present."))
    if not decode_header(message.get("Subject", "")).strip():
        found.append(
            _finding(
                HEADERS,
                "subject",
                Status.WARN,
                "The message has no subject.",
                "Filters score an empty subject as spam (SpamAssassin MISSING_SUBJECT) and "
                "readers skip it.",
                "Give the message a subject that says what it is about.",
            )
        )
    return found


def _from_finding(values: list[str]) -> Finding:
    if len(values) != 1:
        summary = (
            "The message has no From header."
            if not values
            else f"The message has {len(values)} From headers."
        )
        return _finding(
            HEADERS,
            "from",
            Status.FAIL,
            summary,
            "RFC 5322 3.6 requires exactly one From; Gmail rejects such mail with 550 5.7.1 "
            "'Messages missing a valid address in From: header, or having no From: header, are "
            "not accepted', and DMARC cannot be evaluated (RFC 7489 6.6.1).",
            "Set exactly one From header with one address of your own domain.",
        )
    addresses = _addresses(values)
    if len(addresses) != 1:
        return _finding(
            HEADERS,
            "from",
            Status.FAIL,
            f"The From header {values[0]!r} holds {len(addresses)} addresses; one is expected.",
            "Receivers cannot tell whose domain the mail is from; Gmail rejects it with "
            "550 5.7.1 and DMARC cannot be evaluated.",
            "Put a single address in From (use Sender for a second one).",
        )
    return _finding(HEADERS, "from", Status.PASS, f"One From header: {addresses[0]}.")


def _address_form(message: email.message.Message) -> list[Finding]:
    found = []
    for name in ("From", "Sender", "Reply-To", "To", "Cc"):
        for value in message.get_all(name) or []:
            problem = _address_problem(name, value)
            if problem:
                found.append(
                    _finding(
                        HEADERS,
                        "address-form",
                        Status.FAIL if name == "From" else Status.WARN,
                        f"{name}: {value.strip()!r} is not in RFC 5322 form: {problem}.",
                        "Malformed addresses are rejected as not RFC compliant (Gmail 550 "
                        "5.7.1 'Messages missing a valid address in From: header'; Outlook.com "
                        "550 5.6.211) or scored as spam (SpamAssassin INVALID_MSGID-like rules).",
                        'Write it as "Display Name <local@example.com>"; quote display names '
                        'that contain commas or dots ("Doe, Jane" <jane@example.com>).',
                    )
                )
    return found


def _address_problem(name: str, value: str) -> str:
    try:
        header: Any = email.policy.default.header_factory(name.lower(), value)
    except (IndexError, ValueError, TypeError, AttributeError):
        # The standard library's parser trips over some malformed values ("user@").
        return "it cannot be parsed as an address list"
    defects = [str(defect) for defect in getattr(header, "defects", ())]
    if defects:
        return defects[0].rstrip(".").lower()
    addresses = getattr(header, "addresses", ())
    if not addresses:
        return "no address could be read from it"
    for address in addresses:
        if not address.username or not address.domain:
            return f"{address.addr_spec!r} lacks a local part or a domain"
        if not _DOT_ATOM_DOMAIN.match(address.domain):
            return f"the domain {address.domain!r} is not a fully qualified domain name"
    return ""


def _date_finding(values: list[str]) -> Finding:
    if not values:
        return _finding(
            HEADERS,
            "date",
            Status.FAIL,
            "The message has no Date header.",
            "RFC 5322 3.6 requires Date; SpamAssassin scores MISSING_DATE and some receivers "
            "reject it as not RFC compliant.",
            "Set Date when the message is sent (email.utils.formatdate(localtime=True)).",
        )
    try:
        email.utils.parsedate_to_datetime(values[0])
    except (TypeError, ValueError, IndexError):
        return _finding(
            HEADERS,
            "date",
            Status.FAIL,
            f"The Date header {values[0]!r} is not an RFC 5322 date.",
            "Filters score a malformed date as spam (SpamAssassin INVALID_DATE).",
            "Use the form 'Tue, 1 Jul 2025 10:00:00 +0000'.",
        )
    return _finding(HEADERS, "date", Status.PASS, f"Date: {values[0].strip()}.")


def _message_id_finding(values: list[str]) -> Finding:
    if not values:
        return _finding(
            HEADERS,
            "message-id",
            Status.FAIL,
            "The message has no Message-ID header.",
            "Gmail requires a Message-ID (RFC 5322 3.6.4) and rejects or junks mail without "
            "one: 550 5.7.1 'Messages missing a valid Message-ID header are not accepted'.",
            "Set Message-ID: <unique-id@your-domain> when the message is sent "
            "(email.utils.make_msgid(domain=...)).",
        )
    if len(values) > 1 or not _MESSAGE_ID.match(values[0]):
        return _finding(
            HEADERS,
            "message-id",
            Status.FAIL,
            f"The Message-ID {values[0]!r} is not of the form <unique@domain>"
            + (f" and there are {len(values)} of them" if len(values) > 1 else "")
            + ".",
            "Gmail rejects mail without a valid Message-ID with 550 5.7.1; SpamAssassin "
            "scores INVALID_MSGID.",
            "Set exactly one Message-ID: <unique-id@your-domain>.",
        )
    return _finding(HEADERS, "message-id", Status.PASS, f"Message-ID: {values[0].strip()}.")


# -- DKIM (RFC 6376), through our resolver ------------------------------------------------


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


def verify_dkim(data: bytes, resolver: Resolver, *, timeout: float = 5.0) -> list[Signature]:
    """Verify every DKIM-Signature of the message, top to bottom."""
    count = sum(1 for name, _ in dkim.DKIM(data).headers if name.lower() == b"dkim-signature")
    return [_verify_one(data, index, resolver, timeout) for index in range(count)]


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


def dkim_findings(signatures: Sequence[Signature]) -> list[Finding]:
    if not signatures:
        return [
            _finding(
                DKIM,
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
    for signature in signatures:
        name = (
            f"DKIM signature {signature.index + 1} (d={signature.domain}, "
            f"s={signature.selector}, {signature.algorithm})"
        )
        if signature.passed:
            found.append(_finding(DKIM, "signature", Status.PASS, f"{name} verifies."))
            if signature.algorithm.startswith("rsa") and signature.key_bits < 2048:
                found.append(
                    _finding(
                        DKIM,
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
                _finding(
                    DKIM,
                    "signature",
                    Status.UNKNOWN,
                    f"Could not verify {name}, because {signature.reason}",
                    fix=f"Run the check again; `dig {signature.key_name} TXT` shows the key.",
                )
            )
        else:
            found.append(
                _finding(
                    DKIM,
                    "signature",
                    Status.FAIL,
                    f"{name} does not verify: {signature.reason}.",
                    _DKIM_REJECTIONS,
                    _dkim_fix(signature),
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


# -- SPF (RFC 7208) ------------------------------------------------------------------------


def _return_path(message: email.message.Message) -> str:
    values = _addresses(message.get_all("Return-Path") or [])
    return values[0] if values else ""


def _spf(
    message: email.message.Message, ip: str | None, resolver: Resolver
) -> tuple[spf.Result | None, str, list[Finding]]:
    """SPF of the Return-Path domain (the From domain when there is none) for ``ip``."""
    sender = _return_path(message)
    source = "the Return-Path domain"
    if not sender:
        sender = next(iter(_addresses(message.get_all("From") or [])), "")
        source = "the From address; the message has no Return-Path"
    domain = sender.rpartition("@")[2].lower().rstrip(".")
    if not domain:
        return (
            None,
            "",
            [_finding(SPF, "result", Status.UNKNOWN, "No sender domain to check SPF for.")],
        )
    if not ip:
        return (
            None,
            domain,
            [
                _finding(
                    SPF,
                    "result",
                    Status.UNKNOWN,
                    f"SPF of {domain} was not checked: no sending IP was given.",
                    fix="Run again with --ip and the address of the server that sends the mail.",
                )
            ],
        )
    address = parse_ip(ip)
    result = spf.check_host(address, domain, sender, resolver=resolver)
    decided = f" ({result.mechanism})" if result.mechanism else ""
    summary = f"SPF of {domain} ({source}) for {address}: {result.result}{decided}."
    if result.detail:
        summary = summary[:-1] + f": {result.detail}"
    fix = (
        f"Authorise {address} in the SPF record of {domain}: add 'ip{address.version}:{address}' "
        "before the 'all' term (or the include: of the service that sends for you)."
    )
    status = {
        spf.Result.PASS: Status.PASS,
        spf.Result.FAIL: Status.FAIL,
        spf.Result.PERMERROR: Status.FAIL,
        spf.Result.SOFTFAIL: Status.WARN,
        spf.Result.NEUTRAL: Status.WARN,
        spf.Result.NONE: Status.FAIL,
        spf.Result.TEMPERROR: Status.UNKNOWN,
    }[result.result]
    if result.result is spf.Result.NONE:
        fix = f'Publish an SPF record for {domain}: "v=spf1 ip{address.version}:{address} ~all".'
    elif result.result is spf.Result.PERMERROR:
        fix = (
            f"Repair the SPF record of {domain} ({result.detail}); "
            f"`bouncekit check-sender {domain}` shows each problem."
        )
    elif result.result is spf.Result.TEMPERROR:
        fix = "Run the check again; the DNS did not answer."
    if status is Status.PASS:
        return result.result, domain, [_finding(SPF, "result", status, summary)]
    return result.result, domain, [_finding(SPF, "result", status, summary, _SPF_REJECTIONS, fix)]


# -- DMARC alignment (RFC 7489 3.1) ------------------------------------------------------


def dmarc_findings(
    from_domain: str,
    spf_result: spf.Result | None,
    spf_domain: str,
    signatures: Sequence[Signature],
    resolver: Resolver,
) -> list[Finding]:
    if not from_domain:
        return [
            _finding(
                DMARC, "alignment", Status.UNKNOWN, "No single From domain: DMARC cannot apply."
            )
        ]
    found = discover_dmarc(from_domain, resolver)
    record = found.record if isinstance(found.record, DmarcRecord) else None
    findings = []
    if found.state is Discovered.UNKNOWN:
        findings.append(
            _finding(DMARC, "record", Status.UNKNOWN, f"Could not look up DMARC: {found.detail}")
        )
    elif record is None:
        findings.append(
            _finding(
                DMARC,
                "record",
                Status.FAIL,
                f"{from_domain} has no valid DMARC record; alignment is judged relaxed.",
                "Gmail and Yahoo require a DMARC record of bulk senders: 550 5.7.26, 554 5.7.9;"
                " Outlook.com 550 5.7.515.",
                f"Publish a TXT record at _dmarc.{found.organizational_domain}: "
                f'"{starter_record(found.organizational_domain)}".',
            )
        )
    else:
        findings.append(
            _finding(
                DMARC,
                "record",
                Status.PASS,
                f"DMARC record at _dmarc.{found.policy_domain}: p={record.p}, "
                f"adkim={record.adkim}, aspf={record.aspf}.",
            )
        )
    aspf = record.aspf if record else Alignment.RELAXED
    adkim = record.adkim if record else Alignment.RELAXED
    spf_aligned = (
        spf_result is spf.Result.PASS
        and bool(spf_domain)
        and is_aligned(from_domain, spf_domain, aspf)
    )
    passing = [s for s in signatures if s.passed]
    dkim_aligned = [s for s in passing if is_aligned(from_domain, s.domain, adkim)]
    mode = {Alignment.RELAXED: "relaxed", Alignment.STRICT: "strict"}
    if spf_result is None:
        findings.append(
            _finding(
                DMARC,
                "spf-alignment",
                Status.UNKNOWN,
                f"SPF alignment not known: SPF was not evaluated for {spf_domain or 'no domain'}.",
                fix="Run again with --ip.",
            )
        )
    elif spf_aligned:
        findings.append(
            _finding(
                DMARC,
                "spf-alignment",
                Status.PASS,
                f"SPF passes for {spf_domain}, aligned with From {from_domain} ({mode[aspf]}).",
            )
        )
    else:
        why = (
            f"SPF does not pass ({spf_result})"
            if spf_result is not spf.Result.PASS
            else f"the Return-Path domain {spf_domain} does not align with {from_domain} "
            f"({mode[aspf]})"
        )
        findings.append(
            _finding(
                DMARC,
                "spf-alignment",
                Status.WARN,
                f"SPF is not aligned with From {from_domain}: {why}.",
                "DMARC passes on aligned DKIM alone, but one aligned method is a single point "
                "of failure. " + _DMARC_REJECTIONS,
                f"Use a Return-Path (bounce) domain under {organizational_domain(from_domain)} "
                "(your ESP's 'custom return path' or 'custom MAIL FROM'), authorised by its SPF.",
            )
        )
    if dkim_aligned:
        findings.append(
            _finding(
                DMARC,
                "dkim-alignment",
                Status.PASS,
                f"DKIM d={dkim_aligned[0].domain} passes, aligned with From {from_domain} "
                f"({mode[adkim]}).",
            )
        )
    elif any(s.unknown for s in signatures):
        findings.append(
            _finding(
                DMARC,
                "dkim-alignment",
                Status.UNKNOWN,
                f"DKIM alignment with From {from_domain} not known: a signing key could not "
                "be fetched.",
            )
        )
    else:
        domains = ", ".join(sorted({s.domain for s in passing})) or "none"
        findings.append(
            _finding(
                DMARC,
                "dkim-alignment",
                Status.WARN if spf_aligned else Status.FAIL,
                f"No passing DKIM signature aligns with From {from_domain} ({mode[adkim]}); "
                f"passing signatures: {domains}.",
                _DMARC_REJECTIONS,
                f"Sign with d={from_domain} (or its organisational domain with relaxed "
                "alignment): set up your ESP's domain authentication for this domain.",
            )
        )
    spf_known = spf_result is not None and spf_result is not spf.Result.TEMPERROR
    dkim_known = not any(s.unknown for s in signatures)
    if spf_aligned or dkim_aligned or (spf_known and dkim_known):
        passes = spf_aligned or bool(dkim_aligned)
        policy = f" (policy p={record.p})" if record else ""
        findings.append(
            _finding(
                DMARC,
                "result",
                Status.PASS if passes else Status.FAIL,
                f"DMARC {'passes' if passes else 'fails'} for {from_domain}{policy}.",
                "" if passes else _DMARC_REJECTIONS,
                "" if passes else "Align SPF or DKIM with the From domain (see above).",
            )
        )
    return findings


# -- one-click unsubscribe (RFC 2369, RFC 8058) -------------------------------------------

_URI = re.compile(r"<([^<>]+)>")


def unsubscribe_findings(
    message: email.message.Message, signatures: Sequence[Signature]
) -> list[Finding]:
    why = (
        "Gmail and Yahoo require one-click unsubscribe (RFC 8058) of bulk senders since "
        "February 2024 and Outlook.com since May 2025; without it bulk mail is junked or "
        "rejected (Gmail 550 5.7.26 / 421 4.7.27-style bulk-sender rejections), and people "
        "who cannot unsubscribe press 'Report spam'."
    )
    header = " ".join((message.get("List-Unsubscribe") or "").split())
    if not header:
        return [
            _finding(
                UNSUBSCRIBE,
                "list-unsubscribe",
                Status.WARN,
                "No List-Unsubscribe header (needed for bulk and marketing mail, not for "
                "one-to-one mail).",
                why,
                "Add 'List-Unsubscribe: <https://example.com/unsub?id=...>, "
                "<mailto:unsub@example.com?subject=unsubscribe>' and "
                "'List-Unsubscribe-Post: List-Unsubscribe=One-Click', both signed by DKIM.",
            )
        ]
    uris = _URI.findall(header)
    https = [uri for uri in uris if uri.lower().startswith("https://")]
    found = []
    if not uris:
        found.append(
            _finding(
                UNSUBSCRIBE,
                "list-unsubscribe",
                Status.FAIL,
                f"List-Unsubscribe {header!r} has no URI in angle brackets (RFC 2369).",
                why,
                "Write each URI in angle brackets: <https://...>, <mailto:...>.",
            )
        )
    else:
        found.append(
            _finding(
                UNSUBSCRIBE,
                "list-unsubscribe",
                Status.PASS,
                f"List-Unsubscribe offers {', '.join(uris)}.",
            )
        )
    post = " ".join((message.get("List-Unsubscribe-Post") or "").split())
    if post != "List-Unsubscribe=One-Click" or not https:
        problem = (
            "there is no List-Unsubscribe-Post header"
            if not post
            else f"List-Unsubscribe-Post is {post!r}, not 'List-Unsubscribe=One-Click'"
            if post != "List-Unsubscribe=One-Click"
            else "List-Unsubscribe has no https URI for the POST"
        )
        found.append(
            _finding(
                UNSUBSCRIBE,
                "one-click",
                Status.FAIL,
                f"One-click unsubscribe (RFC 8058) is not offered: {problem}.",
                why,
                "Add 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' and an https URI in "
                "List-Unsubscribe that unsubscribes on a POST without further steps.",
            )
        )
        return found
    signed = [
        s
        for s in signatures
        if s.passed
        and "list-unsubscribe" in s.signed_headers
        and "list-unsubscribe-post" in s.signed_headers
    ]
    if not signed:
        found.append(
            _finding(
                UNSUBSCRIBE,
                "one-click",
                Status.FAIL,
                "One-click unsubscribe headers are present but no valid DKIM signature covers "
                "both List-Unsubscribe and List-Unsubscribe-Post.",
                "RFC 8058 section 4 requires both headers to be covered by a valid DKIM "
                "signature; receivers ignore the one-click offer otherwise. " + why,
                "Add list-unsubscribe and list-unsubscribe-post to the signer's h= list.",
            )
        )
    else:
        found.append(
            _finding(
                UNSUBSCRIBE,
                "one-click",
                Status.PASS,
                f"One-click unsubscribe (RFC 8058) is offered and signed by d={signed[0].domain}.",
            )
        )
    return found


# -- size ----------------------------------------------------------------------------------


def size_findings(size: int, parsed: ParsedMessage) -> list[Finding]:
    over = [(limit, who) for limit, who in SIZE_LIMITS if size > limit]
    megabytes = f"{size / MB:.1f} MB"
    found = []
    if over:
        limit, _ = over[-1]
        who = "; ".join(f"over {lim // MB} MB: {name}" for lim, name in over)
        found.append(
            _finding(
                SIZE,
                "limit",
                Status.FAIL,
                f"The message is {megabytes}, over the {limit // MB} MB limit ({who}).",
                "Receivers refuse mail over their limit: 552 5.3.4 'Message size exceeds fixed "
                "maximum message size', Gmail 552 5.2.3, Outlook.com 552 5.3.4.",
                "Link to large files instead of attaching them; base64 makes attachments a "
                "third larger than the files.",
            )
        )
    else:
        found.append(
            _finding(
                SIZE,
                "limit",
                Status.PASS,
                f"The message is {megabytes}, under the common limits (10, 20, 25, 35 MB).",
            )
        )
    html_bytes = sum(len(html.encode("utf-8")) for html in parsed.html)
    if html_bytes > GMAIL_CLIP_BYTES:
        found.append(
            _finding(
                SIZE,
                "html-size",
                Status.WARN,
                f"The HTML part is {html_bytes // 1024} KB; Gmail clips HTML over about 102 KB.",
                "Gmail shows '[Message clipped] View entire message', hiding the rest, "
                "including the unsubscribe link and open-tracking pixel.",
                "Trim the HTML (inline CSS, comments, repeated styles) below 100 KB.",
            )
        )
    return found


# -- content -------------------------------------------------------------------------------


class _Html(HTMLParser):
    """The visible text, links (href, text) and images of an HTML part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.images = 0
        self._skip = 0
        self._href: str | None = None
        self._anchor: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag == "img":
            self.images += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._anchor = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title") and self._skip:
            self._skip -= 1
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._anchor).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._href is not None:
            self._anchor.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def _read_html(parts: Iterable[str]) -> _Html:
    reader = _Html()
    for html in parts:
        reader.feed(html)
    reader.close()
    return reader


_URL = re.compile(r"""\bhttps?://[^\s<>"')\]]+""", re.IGNORECASE)


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def content_findings(parsed: ParsedMessage) -> list[Finding]:
    found = []
    html = _read_html(parsed.html)
    visible = html.visible
    if parsed.html and not parsed.plain:
        found.append(
            _finding(
                CONTENT,
                "text-alternative",
                Status.WARN,
                "The message has HTML but no text/plain alternative.",
                "Filters score HTML-only mail (SpamAssassin MIME_HTML_ONLY) and some readers "
                "show nothing.",
                "Send multipart/alternative with a text/plain part carrying the same content.",
            )
        )
    elif parsed.html:
        found.append(
            _finding(
                CONTENT,
                "text-alternative",
                Status.PASS,
                "HTML comes with a text/plain alternative.",
            )
        )
    if parsed.html:
        html_size = sum(len(part) for part in parsed.html)
        ratio = len(visible) / html_size if html_size else 0.0
        if ratio < 0.1:
            found.append(
                _finding(
                    CONTENT,
                    "text-ratio",
                    Status.WARN,
                    f"Visible text is {ratio:.0%} of the HTML ({len(visible)} of {html_size} "
                    "characters).",
                    "Little text in much markup is typical of spam that hides its words in "
                    "images or code; filters score it.",
                    "Write more of the message as text; move styles to fewer, simpler rules.",
                )
            )
        else:
            found.append(
                _finding(
                    CONTENT, "text-ratio", Status.PASS, f"Visible text is {ratio:.0%} of the HTML."
                )
            )
        images = html.images + parsed.inline_images
        plain_words = _words(" ".join(parsed.plain))
        if images and _words(visible) < 30 and plain_words < 30:
            found.append(
                _finding(
                    CONTENT,
                    "image-only",
                    Status.FAIL if not visible else Status.WARN,
                    f"The message is mostly images: {images} image(s) and {_words(visible)} "
                    "words of text.",
                    "Image-only mail is a classic spam pattern (SpamAssassin HTML_IMAGE_ONLY_*) "
                    "and shows as blank when images are blocked, as they are by default in "
                    "many clients.",
                    "Put the message in text and use images for illustration, with alt text.",
                )
            )
    found += _wording_findings(parsed, visible)
    return found


def _wording_findings(parsed: ParsedMessage, visible: str) -> list[Finding]:
    found = []
    subject = decode_header(parsed.message.get("Subject", ""))
    letters = [char for char in subject if char.isalpha()]
    capitals = sum(1 for char in letters if char.isupper())
    if len(letters) >= 8 and capitals / len(letters) > 0.5:
        found.append(
            _finding(
                CONTENT,
                "subject-capitals",
                Status.WARN,
                f"The subject is mostly capitals ({capitals} of {len(letters)} letters): "
                f"{subject!r}.",
                "Filters score shouting subjects (SpamAssassin SUBJ_ALL_CAPS) and readers "
                "take them for spam.",
                "Write the subject in sentence case.",
            )
        )
    if "!!" in subject or subject.count("!") >= 3 or "$$" in subject:
        found.append(
            _finding(
                CONTENT,
                "subject-punctuation",
                Status.WARN,
                f"The subject has repeated exclamation or dollar marks: {subject!r}.",
                "Filters score them (SpamAssassin PLING_QUERY and kin).",
                "Use at most one exclamation mark.",
            )
        )
    text = " ".join([subject, *parsed.plain, visible]).lower()
    phrases = [phrase for phrase in SPAM_PHRASES if phrase in text]
    if phrases:
        found.append(
            _finding(
                CONTENT,
                "spam-phrases",
                Status.WARN if len(phrases) < 4 else Status.FAIL,
                f"Spam-trigger phrases: {', '.join(repr(p) for p in phrases)}.",
                "Content filters score such wording; several together push a message over the "
                "spam threshold.",
                "Say the same in plain words (what the offer is, not how urgent or free it is).",
            )
        )
    else:
        found.append(_finding(CONTENT, "spam-phrases", Status.PASS, "No spam-trigger phrases."))
    return found


# -- links ---------------------------------------------------------------------------------


def _link_hosts(parsed: ParsedMessage) -> tuple[list[str], list[tuple[str, str]]]:
    html = _read_html(parsed.html)
    urls = [href for href, _ in html.links if href.lower().startswith(("http://", "https://"))]
    for text in [*parsed.plain, html.visible]:
        urls += _URL.findall(text)
    return list(dict.fromkeys(urls)), html.links


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def link_findings(
    parsed: ParsedMessage, resolver: Resolver, domain_lists: Sequence[Dnsbl] = DOMAIN_LISTS
) -> list[Finding]:
    urls, anchors = _link_hosts(parsed)
    if not urls:
        return [_finding(LINKS, "count", Status.PASS, "The message has no links.")]
    hosts = list(dict.fromkeys(host for host in map(_host, urls) if host))
    found = []
    count_status = Status.WARN if len(urls) > 50 else Status.PASS
    found.append(
        _finding(
            LINKS,
            "count",
            count_status,
            f"{len(urls)} distinct link(s) to {len(hosts)} host(s).",
            "Many links are a spam signal; filters score link-heavy mail."
            if count_status is Status.WARN
            else "",
            "Keep to the links the reader needs." if count_status is Status.WARN else "",
        )
    )
    shorteners = sorted({host for host in hosts if host in URL_SHORTENERS})
    if shorteners:
        found.append(
            _finding(
                LINKS,
                "shortener",
                Status.WARN,
                f"Links go through URL shorteners: {', '.join(shorteners)}.",
                "Shorteners hide the destination and are shared with spammers; their domains "
                "are often on URIBL/SURBL and Gmail treats them as suspicious.",
                "Link to your own domain directly (or a branded tracking domain of your own).",
            )
        )
    ip_hosts = [host for host in hosts if _is_ip(host)]
    if ip_hosts:
        found.append(
            _finding(
                LINKS,
                "ip-address",
                Status.WARN,
                f"Links point at bare IP addresses: {', '.join(ip_hosts)}.",
                "Links to numeric addresses are typical of phishing (SpamAssassin "
                "NORMAL_HTTP_TO_IP).",
                "Link to a domain name.",
            )
        )
    mismatched = [
        (text, href)
        for href, text in anchors
        if _URL.fullmatch(text.rstrip("/")) and _host(text) and _host(text) != _host(href)
    ]
    if mismatched:
        text, href = mismatched[0]
        found.append(
            _finding(
                LINKS,
                "mismatch",
                Status.WARN,
                f"A link shows {text!r} but goes to {_host(href)}.",
                "A link whose text names another address than its target is a phishing sign; "
                "filters score it (and so does click tracking, unless the tracking domain is "
                "your own).",
                "Show the real destination, or use a tracking domain under your own domain.",
            )
        )
    found += _link_blocklists(hosts, resolver, domain_lists)
    return found


def _is_ip(host: str) -> bool:
    try:
        parse_ip(host)
    except ValueError:
        return False
    return True


def _link_blocklists(
    hosts: Sequence[str], resolver: Resolver, domain_lists: Sequence[Dnsbl]
) -> list[Finding]:
    domains = list(dict.fromkeys(organizational_domain(host) for host in hosts if not _is_ip(host)))
    if not domains or not domain_lists:
        return []
    plan = [
        (domain, dnsbl, query_name(domain, dnsbl.zone))
        for domain in domains
        for dnsbl in domain_lists
    ]
    answers = resolve_concurrently(resolver, [(name, "A") for _, _, name in plan])
    found = []
    for domain, dnsbl, name in plan:
        verdict = judge(domain, dnsbl, answers[name, "A"])
        if verdict.status is not Status.PASS:
            found.append(
                Finding(
                    LINKS,
                    f"{LINKS}.blocklist.{dnsbl.key}",
                    verdict.status,
                    f"Link domain {verdict.summary[0].lower()}{verdict.summary[1:]}"
                    if verdict.status is Status.FAIL
                    else verdict.summary,
                    verdict.why,
                    verdict.fix
                    if verdict.status is not Status.FAIL
                    else f"Remove links to {domain}, or have it delisted: {verdict.fix}",
                )
            )
    if not any(f.status is Status.FAIL for f in found):
        names = ", ".join(d.name for d in domain_lists)
        found.insert(
            0,
            _finding(
                LINKS,
                "blocklist",
                Status.PASS,
                f"No link domain ({', '.join(domains)}) is listed on {names}.",
            ),
        )
    return found


# -- attachments ---------------------------------------------------------------------------


def _extension(name: str) -> str:
    lower = name.lower().strip().rstrip(".")
    for archive in (".tar.gz",):
        if lower.endswith(archive):
            return archive
    dot = lower.rfind(".")
    return lower[dot:] if dot >= 0 else ""


def _archive_members(attachment: Attachment) -> tuple[list[str], bool] | None:
    """Names inside a zip or tar archive, and whether it is encrypted; None if unreadable."""
    if len(attachment.payload) > _OPENABLE_ARCHIVE_BYTES:
        return None
    data = io.BytesIO(attachment.payload)
    if zipfile.is_zipfile(data):
        try:
            with zipfile.ZipFile(data) as archive:
                infos = archive.infolist()
                return [info.filename for info in infos], any(i.flag_bits & 0x1 for i in infos)
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    try:
        with tarfile.open(fileobj=io.BytesIO(attachment.payload)) as archive:
            return archive.getnames(), False
    except (tarfile.TarError, OSError, ValueError, EOFError):
        return None


def _dangerous(name: str) -> str:
    extension = _extension(name)
    if extension in DANGEROUS_EXTENSIONS:
        return f"{name} ({extension}, an executable or disk-image type)"
    if extension in MACRO_EXTENSIONS:
        return f"{name} ({extension}, an Office file with macros)"
    return ""


def attachment_findings(attachments: Sequence[Attachment]) -> list[Finding]:
    if not attachments:
        return [_finding(ATTACHMENTS, "types", Status.PASS, "The message has no attachments.")]
    problems: list[str] = []
    warnings: list[str] = []
    for attachment in attachments:
        name = attachment.filename or f"(unnamed {attachment.content_type})"
        problem = _dangerous(name)
        if problem:
            problems.append(problem)
            continue
        if _extension(name) in ARCHIVE_EXTENSIONS or "zip" in attachment.content_type:
            members = _archive_members(attachment)
            if members is None:
                warnings.append(f"{name} is an archive that could not be opened to check")
                continue
            names, encrypted = members
            inside = [item for item in map(_dangerous, names) if item]
            if inside:
                problems.append(f"{name} holds {', '.join(inside)}")
            if encrypted:
                warnings.append(f"{name} is password-protected, so it cannot be scanned")
    found = []
    if problems:
        found.append(
            _finding(
                ATTACHMENTS,
                "types",
                Status.FAIL,
                f"Attachments that receivers block: {'; '.join(problems)}.",
                _GMAIL_CONTENT,
                "Do not send executables, scripts, disk images or macro documents by mail; "
                "share them through a download link, and send documents as PDF or "
                "macro-free .docx/.xlsx.",
            )
        )
    if warnings:
        found.append(
            _finding(
                ATTACHMENTS,
                "archives",
                Status.WARN,
                f"Attachments that cannot be checked: {'; '.join(warnings)}.",
                "Gateways quarantine archives they cannot scan, and Gmail blocks encrypted "
                "archives that hold other archives or executables.",
                "Share such files through a download link.",
            )
        )
    if not found:
        listed = ", ".join(a.filename or a.content_type for a in attachments)
        found.append(
            _finding(ATTACHMENTS, "types", Status.PASS, f"Attachments are of safe types: {listed}.")
        )
    return found


# -- SpamAssassin --------------------------------------------------------------------------


def spamd_findings(data: bytes, address: str, timeout: float = 30.0) -> list[Finding]:
    result = ask_spamd(data, address, timeout=timeout)
    if isinstance(result, SpamdError):
        return [
            _finding(
                SPAMASSASSIN,
                "score",
                Status.UNKNOWN,
                f"Could not get SpamAssassin's verdict: {result.detail}",
                fix="Check that spamd runs and listens there (spamd --listen=HOST:PORT "
                "--allowed-ips=YOUR-IP).",
            )
        ]
    scored = sorted(result.rules, key=lambda hit: -(hit.points or 0.0))
    hits = ", ".join(
        f"{hit.name} ({hit.points:+g})" if hit.points is not None else hit.name
        for hit in scored
        if hit.points is None or hit.points != 0
    )
    summary = f"SpamAssassin score {result.score:g} of threshold {result.threshold:g}" + (
        f"; rules hit: {hits}." if hits else "; no rules hit."
    )
    if result.is_spam:
        status = Status.FAIL
    elif result.score >= result.threshold / 2:
        status = Status.WARN
    else:
        status = Status.PASS
    if status is Status.PASS:
        return [_finding(SPAMASSASSIN, "score", status, summary)]
    top = [hit for hit in scored if (hit.points or 0) > 0][:3]
    fix = "Fix the rules with the most points first" + (
        ": "
        + "; ".join(f"{hit.name}: {hit.description or 'see the SpamAssassin rule'}" for hit in top)
        if top
        else ""
    )
    return [
        _finding(
            SPAMASSASSIN,
            "score",
            status,
            summary,
            "Receivers that run SpamAssassin (hosting providers, cPanel and Plesk servers, "
            "many company gateways) junk or reject mail at or over the threshold (5.0 by "
            "default): '550 5.7.1 Message rejected as spam' or an X-Spam-Flag: YES header.",
            fix + ".",
        )
    ]
