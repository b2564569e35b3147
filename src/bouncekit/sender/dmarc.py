"""DMARC: the record at ``_dmarc.DOMAIN`` parsed, validated and judged.

Which DMARC: **RFC 7489**, with one extension (``np``, RFC 9091). Reasons:

- The receivers whose rejections bouncekit explains (Gmail, Yahoo, Outlook.com) state their
  bulk-sender rules in RFC 7489 terms (a record with at least ``p=none``, aligned SPF or DKIM),
  and the records deployed today are written for it.
- RFC 7489 finds the organisational domain with the Public Suffix List, which we ship in a
  packaged copy (``publicsuffixlist``): the answer never depends on the network. RFC 9989 (the
  successor, "DMARCbis") walks the DNS tree instead, asking up to eight names. Where a domain
  has no record of its own, :func:`walk_dmarc` walks too, and a warning says so when RFC 9989
  receivers would apply another record than RFC 7489 receivers (a record at an intermediate
  name, or at a public suffix).
- RFC 9989 removes ``pct``, ``rf`` and ``ri`` and adds ``t`` (testing) and ``psd`` (public
  suffix domain). A record is judged for both kinds of receiver: RFC 7489 receivers still
  honour ``pct`` and ignore ``t``; RFC 9989 receivers do the opposite. So ``t`` and ``psd``
  are read (a value RFC 9989 does not define leaves the tag ignored, as RFC 7489 6.3 requires
  of unknown tags, rather than the record invalid), ``t=y`` and ``pct`` under 100 are each
  reported with what both kinds of receiver do, and ``psd=y`` on an ordinary domain is a
  warning.
- RFC 7489's grammar (6.4) is stricter than most parsers: ``v=DMARC1`` first, ``p`` second,
  each tag once, ``DMARC1`` in capitals, only ``afrf`` in ``rf``. A checker should be strict:
  a record that one lenient receiver accepts may be ignored by another, and then the domain has
  no DMARC at all. Where OpenDMARC is more lenient (``p=n`` read as ``none``, a ``p`` anywhere),
  the tests say so beside the vector.

Two lenient points remain, both harmless to every receiver: empty tags (``p=none;;``) are
skipped, and white space around the record is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from bouncekit.domains import public_suffix_list
from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.model import Area, Finding, Status

REJECTIONS = (
    "Gmail and Yahoo require a DMARC record from bulk senders (5,000 or more messages a day) "
    "and reject mail without one: Gmail with 550 5.7.26, Yahoo with 554 5.7.9; Outlook.com "
    "has rejected such mail with 550 5.7.515 since 5 May 2025."
)


class Policy(StrEnum):
    NONE = "none"
    QUARANTINE = "quarantine"
    REJECT = "reject"


_STRENGTH = {Policy.NONE: 0, Policy.QUARANTINE: 1, Policy.REJECT: 2}


class Alignment(StrEnum):
    RELAXED = "r"  # the same organisational domain
    STRICT = "s"  # the same name


@dataclass(frozen=True, slots=True)
class ReportUri:
    """One ``rua`` / ``ruf`` destination: ``mailto:reports@example.com!10m``."""

    uri: str
    max_size: str = ""  # "10m" from "!10m": the largest report the owner accepts

    @property
    def scheme(self) -> str:
        return self.uri.partition(":")[0].lower()

    @property
    def domain(self) -> str:
        """The domain of a ``mailto:`` address, else ""."""
        if self.scheme != "mailto":
            return ""
        address = self.uri.partition(":")[2].partition("?")[0]
        return address.rpartition("@")[2].strip("/").lower() if "@" in address else ""

    def __str__(self) -> str:
        return f"{self.uri}!{self.max_size}" if self.max_size else self.uri


@dataclass(frozen=True, slots=True)
class DmarcRecord:
    """A valid DMARC record. ``sp`` and ``np`` are None when not given (they inherit)."""

    p: Policy
    sp: Policy | None = None
    np: Policy | None = None
    adkim: Alignment = Alignment.RELAXED
    aspf: Alignment = Alignment.RELAXED
    pct: int = 100
    rua: tuple[ReportUri, ...] = ()
    ruf: tuple[ReportUri, ...] = ()
    fo: tuple[str, ...] = ("0",)
    rf: tuple[str, ...] = ("afrf",)
    ri: int = 86400
    t: bool = False  # RFC 9989 "t=y": the policy is a test, not to be applied
    psd: bool | None = None  # RFC 9989 "psd=y" / "psd=n"; None: not given, or "u"
    # Unknown tags, and t or psd with a value RFC 9989 does not define: ignored, as RFC 7489
    # 6.3 requires of unknown tags.
    ignored_tags: tuple[str, ...] = ()
    removed_tags: tuple[str, ...] = ()  # pct, rf or ri, given: RFC 9989 receivers ignore them

    @property
    def subdomain_policy(self) -> Policy:
        """The policy for subdomains of the domain that published the record (6.3 ``sp``)."""
        return self.sp or self.p

    @property
    def nonexistent_policy(self) -> Policy:
        """The policy for subdomains that do not exist (RFC 9091 ``np``)."""
        return self.np or self.subdomain_policy

    def to_text(self, **changes: object) -> str:
        """The record in canonical form, with tags left at their defaults omitted."""
        values = {name: getattr(self, name) for name in _CANONICAL_ORDER} | changes
        parts = ["v=DMARC1", f"p={values['p']}"]
        for name in _CANONICAL_ORDER[1:]:
            value = values[name]
            if value in (None, (), _DEFAULTS.get(name)):
                continue
            if isinstance(value, tuple):
                separator = "," if name in ("rua", "ruf") else ":"
                value = separator.join(str(item) for item in value)
            elif isinstance(value, bool):
                value = "y" if value else "n"
            parts.append(f"{name}={value}")
        return "; ".join(parts)


_CANONICAL_ORDER = (
    "p", "sp", "np", "adkim", "aspf", "pct", "rua", "ruf", "fo", "rf", "ri", "t", "psd",
)  # fmt: skip
_DEFAULTS: dict[str, object] = {
    "adkim": Alignment.RELAXED,
    "aspf": Alignment.RELAXED,
    "pct": 100,
    "fo": ("0",),
    "rf": ("afrf",),
    "ri": 86400,
    "t": False,
}
_REMOVED_BY_RFC_9989 = ("pct", "rf", "ri")


@dataclass(frozen=True, slots=True)
class DmarcError:
    """Why a text is not a valid DMARC record: ``message`` is a sentence saying what to change."""

    record: str
    message: str

    def __str__(self) -> str:
        return self.message


# RFC 7489 6.4: the version is "v" *WSP "=" *WSP %x44.4d.41.52.43.31, "DMARC1" in capitals.
_TAG = re.compile(r"([A-Za-z][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*)", re.DOTALL)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@$&'()*+;=%]+")
_SIZE = re.compile(r"[0-9]+[kmgt]?", re.IGNORECASE)
_FO = frozenset({"0", "1", "d", "s"})
_RF = frozenset({"afrf"})  # RFC 7489 11.2: the only registered failure-report format
_MAX_RI = 2**32 - 1


def parse_dmarc(text: str) -> DmarcRecord | DmarcError:
    """Parse one DMARC TXT record (its strings joined) by RFC 7489 6.3 and 6.4."""
    record = text.strip(" \t\r\n")

    def error(message: str) -> DmarcError:
        return DmarcError(text, message)

    if not record:
        return error('The record is empty; a DMARC record starts with "v=DMARC1; p=".')
    tags: list[tuple[str, str]] = []
    for part in record.split(";"):
        part = part.strip(" \t\r\n")
        if not part:
            continue  # "p=none;;": harmless, see the module's notes
        match = _TAG.fullmatch(part)
        if match is None:
            return error(f'"{part}" is not a tag: write it as NAME=VALUE, tags separated by ";".')
        tags.append((match.group(1).lower(), match.group(2).rstrip(" \t")))
    name, version = tags[0]
    if name != "v":
        return error(
            f'The record starts with "{name}=" instead of "v=DMARC1"; receivers ignore a '
            'record whose first tag is not "v=DMARC1" (RFC 7489 6.3).'
        )
    if version != "DMARC1":
        return error(
            f'The version is "{version}"; it must be exactly "DMARC1", in capitals '
            "(RFC 7489 6.4), or receivers ignore the record."
        )
    seen: set[str] = set()
    for name, _ in tags:
        if name in seen:
            return error(f'The tag "{name}" appears more than once; give each tag once.')
        seen.add(name)
    if "p" not in seen:
        return error(
            'The record has no "p" tag; add "p=none" (monitor), "p=quarantine" or "p=reject" '
            'right after "v=DMARC1".'
        )
    if len(tags) < 2 or tags[1][0] != "p":
        return error(
            'The "p" tag must come right after "v=DMARC1" (RFC 7489 6.3); move it to the '
            "second place."
        )
    values: dict[str, object] = {}
    ignored: list[str] = []
    for name, value in tags[1:]:
        parser = _VALUE_PARSERS.get(name)
        if parser is None:
            ignored.append(name)
            continue
        try:
            values[name] = parser(value)
        except _BadValue as bad:
            if name in _RFC_9989_TAGS:  # unknown to RFC 7489 receivers: no reason to fail
                ignored.append(name)
                continue
            return error(f'The value of "{name}" is wrong: {bad}')
    removed = tuple(name for name in _REMOVED_BY_RFC_9989 if name in values)
    # Each value has the type of its field: _VALUE_PARSERS pairs every tag with its parser.
    return DmarcRecord(
        ignored_tags=tuple(ignored),
        removed_tags=removed,
        **values,  # type: ignore[arg-type]
    )


class _BadValue(ValueError):
    """A tag's value is wrong; the message says how, as a sentence."""


def _policy(value: str) -> Policy:
    try:
        return Policy(value.lower())
    except ValueError:
        raise _BadValue(f'"{value}" is not a policy; use none, quarantine or reject.') from None


def _alignment(value: str) -> Alignment:
    try:
        return Alignment(value.lower())
    except ValueError:
        message = f'"{value}" is not an alignment mode; use r (relaxed) or s (strict).'
        raise _BadValue(message) from None


def _percent(value: str) -> int:
    if not value.isascii() or not value.isdigit() or int(value) > 100:
        raise _BadValue(f'"{value}" is not a percentage; use a whole number from 0 to 100.')
    return int(value)


def _interval(value: str) -> int:
    if not value.isascii() or not value.isdigit() or int(value) > _MAX_RI:
        raise _BadValue(f'"{value}" is not a number of seconds; use a whole number such as 86400.')
    return int(value)


def _uris(value: str) -> tuple[ReportUri, ...]:
    uris: list[ReportUri] = []
    for item in value.split(","):
        item = item.strip(" \t")
        uri, bang, size = item.partition("!")
        if not _URI.fullmatch(uri):
            raise _BadValue(
                f'"{uri}" is not a URI; write a report address as "mailto:name@example.com" '
                "(commas and ! inside it must be written %2C and %21)."
            )
        if bang and not _SIZE.fullmatch(size):
            raise _BadValue(
                f'"!{size}" is not a size limit; write it as digits and k, m, g or t ("!10m").'
            )
        uris.append(ReportUri(uri, size.lower()))
    return tuple(uris)


def _fo(value: str) -> tuple[str, ...]:
    options = tuple(option.strip(" \t").lower() for option in value.split(":"))
    bad = [option for option in options if option not in _FO]
    if bad:
        raise _BadValue(
            f'"{bad[0]}" is not a failure-reporting option; use 0, 1, d or s, joined by ":".'
        )
    return options


def _rf(value: str) -> tuple[str, ...]:
    formats = tuple(item.strip(" \t").lower() for item in value.split(":"))
    bad = [item for item in formats if item not in _RF]
    if bad:
        raise _BadValue(f'"{bad[0]}" is not a registered report format; the only one is afrf.')
    return formats


def _testing(value: str) -> bool:
    if value.lower() not in ("y", "n"):
        raise _BadValue(f'"{value}" is not y or n.')
    return value.lower() == "y"


def _public_suffix(value: str) -> bool | None:
    if value.lower() not in ("y", "n", "u"):
        raise _BadValue(f'"{value}" is not y, n or u.')
    return {"y": True, "n": False}.get(value.lower())


_RFC_9989_TAGS = frozenset({"t", "psd"})
_VALUE_PARSERS = {
    "p": _policy,
    "sp": _policy,
    "np": _policy,
    "adkim": _alignment,
    "aspf": _alignment,
    "pct": _percent,
    "ri": _interval,
    "rua": _uris,
    "ruf": _uris,
    "fo": _fo,
    "rf": _rf,
    "t": _testing,
    "psd": _public_suffix,
}


# -- organisational domains and alignment (RFC 7489 3.2, 3.1) ------------------------------


def _normalise(domain: str) -> str:
    return domain.strip().strip(".").lower()


def organizational_domain(domain: str) -> str:
    """The registered domain by the packaged Public Suffix List (RFC 7489 3.2).

    "mail.example.co.uk" -> "example.co.uk"; a public suffix itself is its own.
    """
    name = _normalise(domain)
    return public_suffix_list().privatesuffix(name) or name


def is_aligned(domain: str, other: str, mode: Alignment | str = Alignment.RELAXED) -> bool:
    """Whether two domains align: strict, the same name; relaxed, the same organisational
    domain (RFC 7489 3.1.1, 3.1.2)."""
    a, b = _normalise(domain), _normalise(other)
    if Alignment(mode) is Alignment.STRICT:
        return a == b
    return a == b or organizational_domain(a) == organizational_domain(b)


# -- discovery (RFC 7489 6.6.3) ------------------------------------------------------------


class Discovered(StrEnum):
    FOUND = "found"
    MISSING = "missing"
    SEVERAL = "several"  # more than one record starting v=DMARC1: receivers apply none
    UNKNOWN = "unknown"  # a lookup failed: nothing can be said


@dataclass(frozen=True, slots=True)
class Discovery:
    """Where the DMARC policy of ``domain`` comes from, and the record found there."""

    domain: str
    organizational_domain: str
    state: Discovered
    policy_domain: str = ""  # the domain whose _dmarc record applies
    texts: tuple[str, ...] = ()  # the DMARC-looking TXT records found there
    record: DmarcRecord | DmarcError | None = None
    detail: str = ""  # why the state is UNKNOWN

    @property
    def inherited(self) -> bool:
        """Whether the record was found at the organisational domain, not at ``domain``."""
        return bool(self.policy_domain) and self.policy_domain != self.domain


_LOOKS_LIKE_DMARC = re.compile(r"v\s*=\s*dmarc", re.IGNORECASE)
_STARTS_DMARC1 = re.compile(r"\s*v[ \t]*=[ \t]*DMARC1[ \t]*(;|$)", re.IGNORECASE)


def discover_dmarc(domain: str, *, resolver: Resolver) -> Discovery:
    """Ask ``_dmarc.DOMAIN``, then ``_dmarc.`` the organisational domain (RFC 7489 6.6.3)."""
    name = _normalise(domain)
    organizational = organizational_domain(name)
    for candidate in dict.fromkeys((name, organizational)):
        answer = resolver.resolve(f"_dmarc.{candidate}", "TXT")
        if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
            return Discovery(name, organizational, Discovered.UNKNOWN, detail=answer.detail)
        texts = _dmarc_texts(answer)
        if texts:
            return _found(name, organizational, candidate, texts)
    return Discovery(name, organizational, Discovered.MISSING)


_WALK_QUERIES = 8  # RFC 9989 4.10: the DNS Tree Walk asks at most eight names


def walk_dmarc(domain: str, *, resolver: Resolver) -> Discovery:
    """RFC 9989's policy discovery, the DNS Tree Walk: ``_dmarc.DOMAIN``, then ``_dmarc.`` each
    parent up to the top-level domain, the first record found applying.

    A name of more than eight labels is asked first, then from its last seven labels up, so
    that the walk asks eight names at most. ``organizational_domain`` stays the Public Suffix
    List's: this walk is for finding where RFC 9989 receivers read the policy.
    """
    name = _normalise(domain)
    organizational = organizational_domain(name)
    labels = name.split(".")
    first_parent = max(1, len(labels) - (_WALK_QUERIES - 1))
    for start in (0, *range(first_parent, len(labels))):
        candidate = ".".join(labels[start:])
        answer = resolver.resolve(f"_dmarc.{candidate}", "TXT")
        if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
            return Discovery(name, organizational, Discovered.UNKNOWN, detail=answer.detail)
        texts = _dmarc_texts(answer)
        if texts:
            return _found(name, organizational, candidate, texts)
    return Discovery(name, organizational, Discovered.MISSING)


def _dmarc_texts(answer: Answer) -> tuple[str, ...]:
    # A TXT record at _dmarc that is not DMARC at all (a verification token) is not counted;
    # one that tries to be ("v=dmarc1", "p=none; v=DMARC1") is, so that its error is shown.
    if answer.outcome is not Outcome.OK:
        return ()
    return tuple(text for text in answer.records if _LOOKS_LIKE_DMARC.search(text))


def _found(domain: str, organizational: str, where: str, texts: tuple[str, ...]) -> Discovery:
    versioned = [text for text in texts if _STARTS_DMARC1.match(text)]
    if len(versioned) > 1:
        return Discovery(domain, organizational, Discovered.SEVERAL, where, texts)
    chosen = versioned[0] if versioned else texts[0]
    return Discovery(domain, organizational, Discovered.FOUND, where, texts, parse_dmarc(chosen))


# -- findings ------------------------------------------------------------------------------


def starter_record(domain: str) -> str:
    """A first record to publish: monitoring, with aggregate reports to the domain itself."""
    return f"v=DMARC1; p=none; rua=mailto:dmarc-reports@{domain}"


def dmarc_findings(domain: str, *, resolver: Resolver) -> list[Finding]:
    """Every DMARC check for ``domain``: the record, its policy, pct, reports, alignment."""
    found = discover_dmarc(domain, resolver=resolver)
    name = found.domain
    starter = f'Publish a TXT record at _dmarc.{name}: "{starter_record(name)}".'
    if found.state is Discovered.UNKNOWN:
        return [
            Finding(
                Area.DMARC,
                "dmarc.record",
                Status.UNKNOWN,
                f"Could not look up the DMARC record of {name}, because: {found.detail}",
                fix="Check the domain's name servers answer TXT queries, then run again.",
            )
        ]
    walked = _walk_if_it_may_differ(found, resolver)
    if found.state is Discovered.MISSING:
        where = f"_dmarc.{name}"
        if found.organizational_domain != name:
            where += f" or _dmarc.{found.organizational_domain}"
        return [
            Finding(
                Area.DMARC,
                "dmarc.record",
                Status.FAIL,
                f"{name} has no DMARC record (no TXT record starting v=DMARC1 at {where}).",
                why=REJECTIONS,
                fix=starter,
            ),
            *_discovery_findings(found, walked),
        ]
    location = f"_dmarc.{found.policy_domain}"
    if found.state is Discovered.SEVERAL:
        listing = " | ".join(found.texts)
        return [
            Finding(
                Area.DMARC,
                "dmarc.record",
                Status.FAIL,
                f"{location} has {len(found.texts)} DMARC records: {listing}.",
                why="With more than one record receivers apply none (RFC 7489 6.6.3), so the "
                "domain counts as having no DMARC. " + REJECTIONS,
                fix=f"Keep one TXT record at {location} and delete the others.",
            )
        ]
    record = found.record
    if not isinstance(record, DmarcRecord):
        return [
            Finding(
                Area.DMARC,
                "dmarc.syntax",
                Status.FAIL,
                f'The DMARC record at {location} is not valid: "{found.texts[0]}". {record}',
                why="Receivers ignore an invalid record, so the domain counts as having no "
                "DMARC. " + REJECTIONS,
                fix=f'Replace it with a valid record, for example "{starter_record(name)}".',
            )
        ]
    return [
        _record_found(found, record),
        *_discovery_findings(found, walked),
        _policy_finding(found, record),
        _pct_finding(found, record),
        *_psd_findings(found, record),
        *_report_findings(found, record, resolver),
        _alignment_finding(record),
        _subdomain_finding(found, record),
    ]


def _walk_if_it_may_differ(found: Discovery, resolver: Resolver) -> Discovery | None:
    """RFC 9989's tree walk, where it can find another record than RFC 7489's discovery: when
    the domain has no record of its own. None when the walk cannot differ."""
    if found.state not in (Discovered.FOUND, Discovered.MISSING):
        return None
    if found.state is Discovered.FOUND and found.policy_domain == found.domain:
        return None
    return walk_dmarc(found.domain, resolver=resolver)


def _discovery_findings(found: Discovery, walked: Discovery | None) -> list[Finding]:
    """A warning when RFC 9989 receivers read the policy elsewhere than RFC 7489 receivers."""
    if walked is None or walked.state is not Discovered.FOUND:
        return []
    if found.state is Discovered.FOUND and walked.policy_domain == found.policy_domain:
        return []
    name = found.domain
    theirs = f"_dmarc.{walked.policy_domain}"
    if found.state is Discovered.FOUND:
        ours = f"the record at _dmarc.{found.policy_domain}, the organisational domain's"
    else:
        ours = "none"
    return [
        Finding(
            Area.DMARC,
            "dmarc.discovery",
            Status.WARN,
            f"Receivers disagree on {name}'s DMARC record: those that follow RFC 9989 walk up "
            f"the DNS tree and apply the record at {theirs}; those that follow RFC 7489 apply "
            f"{ours}.",
            why="The same mail then gets a different policy, and its reports go to different "
            "places, depending on the receiver.",
            fix=f"Publish the record you want at _dmarc.{name} itself: every receiver reads it "
            f"first. Or remove the record at {theirs} if it is not meant for {name}.",
        )
    ]


def _record_found(found: Discovery, record: DmarcRecord) -> Finding:
    summary = f'DMARC record at _dmarc.{found.policy_domain}: "{record.to_text()}".'
    if found.inherited:
        summary = (
            f"{found.domain} has no record of its own; the record of its organisational domain "
            f"applies. " + summary
        )
    if record.ignored_tags:
        summary += f" Unknown tags, ignored by receivers: {', '.join(record.ignored_tags)}."
    if record.removed_tags:
        summary += (
            f" RFC 9989 removed {', '.join(record.removed_tags)}: receivers that follow it "
            "ignore them."
        )
    return Finding(Area.DMARC, "dmarc.record", Status.PASS, summary)


def _policy_finding(found: Discovery, record: DmarcRecord) -> Finding:
    policy = record.subdomain_policy if found.inherited else record.p
    source = "sp" if found.inherited and record.sp else "p"
    subject = f"{found.domain}'s DMARC policy is {source}={policy}"
    if record.t and policy is not Policy.NONE:
        return Finding(
            Area.DMARC,
            "dmarc.policy",
            Status.WARN,
            f"{subject} with t=y, a test: receivers that follow RFC 9989 do not apply it, and "
            "those that follow RFC 7489 ignore t and do.",
            why="t=y is RFC 9989's way to try a policy out (it replaces pct=0); until it goes, "
            "mail in the domain's name that fails DMARC still reaches some receivers.",
            fix="Once the aggregate reports show all your own mail passing, publish "
            f'"{record.to_text(t=False)}" at _dmarc.{found.policy_domain}.',
        )
    if policy is Policy.NONE:
        stronger = record.to_text(p=Policy.QUARANTINE)
        return Finding(
            Area.DMARC,
            "dmarc.policy",
            Status.WARN,
            f"{subject}: monitoring only; mail that fails DMARC is still delivered.",
            why="p=none meets the Gmail, Yahoo and Microsoft minimum but does not stop anyone "
            "sending mail in the domain's name; receivers also trust a domain that enforces "
            "its policy more.",
            fix="Once the aggregate reports show all your own mail passing, publish "
            f'"{stronger}" at _dmarc.{found.policy_domain}, then p=reject.',
        )
    return Finding(
        Area.DMARC,
        "dmarc.policy",
        Status.PASS,
        f"{subject}: mail that fails DMARC is "
        + ("sent to spam." if policy is Policy.QUARANTINE else "rejected."),
    )


def _pct_finding(found: Discovery, record: DmarcRecord) -> Finding:
    if record.pct == 100:
        return Finding(
            Area.DMARC, "dmarc.pct", Status.PASS, "pct=100: the policy applies to all failing mail."
        )
    # RFC 7489 6.6.4: mail outside the percentage gets the next weaker policy.
    rest = "delivered" if record.p is Policy.QUARANTINE else "sent to spam"
    if record.p is Policy.NONE:
        rest = "delivered as well (pct has no effect with p=none)"
    return Finding(
        Area.DMARC,
        "dmarc.pct",
        Status.WARN,
        f"pct={record.pct}: the policy applies to only {record.pct}% of failing mail; the "
        f"rest is {rest}.",
        why="A partial rollout that only RFC 7489 receivers see: RFC 9989 removed pct, so "
        "receivers that follow it apply the policy to all failing mail (t=y is its way to "
        "test a policy).",
        fix=f'When ready, publish "{record.to_text(pct=100)}" at _dmarc.{found.policy_domain}.',
    )


def _psd_findings(found: Discovery, record: DmarcRecord) -> list[Finding]:
    """RFC 9989 ``psd``: whether the domain says it is a public suffix domain (a registry)."""
    if record.psd is None:
        return []
    domain = found.policy_domain
    if record.psd is False:
        return [
            Finding(
                Area.DMARC,
                "dmarc.psd",
                Status.PASS,
                f"psd=n: {domain} declares itself an organisational domain, so RFC 9989 "
                "receivers look no further up the DNS tree.",
            )
        ]
    if public_suffix_list().is_public(domain):
        return [
            Finding(
                Area.DMARC,
                "dmarc.psd",
                Status.PASS,
                f"psd=y: {domain} is a public suffix, and its policy covers the domains "
                "registered under it that publish none.",
            )
        ]
    return [
        Finding(
            Area.DMARC,
            "dmarc.psd",
            Status.WARN,
            f"psd=y declares {domain} a public suffix domain (a registry such as a top-level "
            "domain), but it is an ordinary registered domain.",
            why="RFC 9989 receivers then take each name under it as an organisational domain "
            f"of its own: mail from news.{domain} no longer aligns with {domain} in relaxed "
            "mode, and DKIM or SPF that passed for one fails DMARC for the other.",
            fix=f'Remove psd=y: publish "{record.to_text(psd=None)}" at _dmarc.{domain}.',
        )
    ]


def _report_findings(found: Discovery, record: DmarcRecord, resolver: Resolver) -> list[Finding]:
    location = f"_dmarc.{found.policy_domain}"
    findings: list[Finding] = []
    if not record.rua:
        address = ReportUri(f"mailto:dmarc-reports@{found.policy_domain}")
        findings.append(
            Finding(
                Area.DMARC,
                "dmarc.reports",
                Status.WARN,
                "The record asks for no aggregate reports (no rua tag).",
                why="Without reports you cannot see who sends mail in the domain's name, nor "
                "whether your own mail passes, before tightening the policy.",
                fix=f'Publish "{record.to_text(rua=(address,))}" at {location}.',
            )
        )
    else:
        summary = "Aggregate reports go to " + ", ".join(str(uri) for uri in record.rua)
        if record.ruf:
            summary += "; failure reports to " + ", ".join(str(uri) for uri in record.ruf)
        findings.append(Finding(Area.DMARC, "dmarc.reports", Status.PASS, summary + "."))
    for uri in (*record.rua, *record.ruf):
        if uri.scheme != "mailto" or not uri.domain:
            findings.append(
                Finding(
                    Area.DMARC,
                    "dmarc.reports",
                    Status.WARN,
                    f'The report destination "{uri}" is not a mailto: address; receivers '
                    "send reports by mail only.",
                    fix='Write it as "mailto:name@example.com".',
                )
            )
    findings.extend(_external_destinations(found.policy_domain, record, resolver))
    return findings


def _external_destinations(
    policy_domain: str, record: DmarcRecord, resolver: Resolver
) -> Iterable[Finding]:
    """RFC 7489 7.1: reports go to another organisational domain only if it agrees to take
    them, by a TXT record "v=DMARC1" at POLICY_DOMAIN._report._dmarc.REPORT_DOMAIN."""
    own = organizational_domain(policy_domain)
    external = {uri.domain for uri in (*record.rua, *record.ruf) if uri.domain}
    for report_domain in sorted(external):
        if organizational_domain(report_domain) == own:
            continue
        name = f"{policy_domain}._report._dmarc.{report_domain}"
        answer = resolver.resolve(name, "TXT")
        if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
            yield Finding(
                Area.DMARC,
                "dmarc.reports",
                Status.UNKNOWN,
                f"Could not check that {report_domain} accepts reports for {policy_domain}, "
                f"because: {answer.detail}",
            )
        elif not any(_STARTS_DMARC1.match(text) for text in answer.records):
            yield Finding(
                Area.DMARC,
                "dmarc.reports",
                Status.WARN,
                f"{report_domain} does not say it accepts DMARC reports for {policy_domain} "
                f"(no v=DMARC1 record at {name}).",
                why="Receivers send no reports to another domain that has not agreed to take "
                "them (RFC 7489 7.1).",
                fix=f'Ask the owner of {report_domain} to publish "v=DMARC1" at {name}, '
                "or send the reports to an address in your own domain.",
            )


def _alignment_finding(record: DmarcRecord) -> Finding:
    def mode(alignment: Alignment) -> str:
        return "strict" if alignment is Alignment.STRICT else "relaxed"

    summary = f"DKIM alignment is {mode(record.adkim)}, SPF alignment is {mode(record.aspf)}."
    if Alignment.STRICT in (record.adkim, record.aspf):
        summary += (
            " Strict alignment needs the exact From domain: mail signed or sent by a "
            "subdomain (mail.example.com for example.com) does not align."
        )
    return Finding(Area.DMARC, "dmarc.alignment", Status.PASS, summary)


def _subdomain_finding(found: Discovery, record: DmarcRecord) -> Finding:
    location = f"_dmarc.{found.policy_domain}"
    if record.sp is None and record.np is None:
        return Finding(
            Area.DMARC,
            "dmarc.subdomain-policy",
            Status.PASS,
            f"Subdomains of {found.policy_domain} get the same policy (no sp tag): {record.p}.",
        )
    weaker = [
        f"{tag}={policy}"
        for tag, policy in (("sp", record.sp), ("np", record.np))
        if policy is not None and _STRENGTH[policy] < _STRENGTH[record.p]
    ]
    described = f"sp={record.subdomain_policy}, np={record.nonexistent_policy}"
    if not weaker:
        return Finding(
            Area.DMARC, "dmarc.subdomain-policy", Status.PASS, f"Subdomain policy: {described}."
        )
    return Finding(
        Area.DMARC,
        "dmarc.subdomain-policy",
        Status.WARN,
        f"The subdomain policy is weaker than p={record.p}: {', '.join(weaker)}.",
        why="Anyone can send mail from made-up subdomains (billing.example.com) that "
        "receivers then deliver.",
        fix=f'Publish "{record.to_text(sp=None, np=None)}" at {location} unless a subdomain '
        "really needs the weaker policy while it is being set up.",
    )
