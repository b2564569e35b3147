"""SPF (RFC 7208): parse records, evaluate ``check_host()`` and check a domain's setup.

:func:`parse_record` is pure. :func:`check_host` asks nothing but the resolver seam (a
:class:`~bouncekit.resolver.Resolver`), so the same names give the same result; the
``%{t}`` macro takes its time from the caller. :func:`spf_findings` turns a domain and its
sending IPs into :class:`~bouncekit.sender.model.Finding` records for ``check-sender``.

Choices where RFC 7208 leaves room (the RFC 7208 test suite allows either):

- A target name that is no valid DNS name after macro expansion (an empty label, a label over
  63 octets) matches nothing and counts as a void lookup, as for names that do not exist
  (sections 4.3 and 4.8).
- ``ptr`` and ``%{p}`` look at the first 10 names of the PTR answer, in the order given.
- ``mx`` with more than 10 MX records is a permerror (section 4.6.4).
- ``%{i}`` of an IPv6 address gives upper-case nibbles, as the test suite expects.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import quote

from bouncekit.errors import InputError
from bouncekit.resolver import Answer, Outcome, Resolver
from bouncekit.sender.model import Area, Finding, Status, finding

__all__ = [
    "DEFAULT_EXPLANATION",
    "LOOKUP_LIMIT",
    "VOID_LOOKUP_LIMIT",
    "Directive",
    "Modifier",
    "Qualifier",
    "Result",
    "SpfRecord",
    "SpfResult",
    "SpfSyntaxError",
    "check_host",
    "is_spf_record",
    "parse_record",
    "spf_findings",
]

LOOKUP_LIMIT = 10  # terms that query DNS, over the whole tree (section 4.6.4)
VOID_LOOKUP_LIMIT = 2  # lookups answered NXDOMAIN or with no records (section 4.6.4)
NAME_LIMIT = 10  # MX names per "mx", PTR names per "ptr" / %{p} (section 4.6.4)
DEFAULT_EXPLANATION = "The domain's SPF record does not authorise this IP address."

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class Result(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SOFTFAIL = "softfail"
    NEUTRAL = "neutral"
    NONE = "none"
    PERMERROR = "permerror"
    TEMPERROR = "temperror"


class Qualifier(StrEnum):
    PASS = "+"
    FAIL = "-"
    SOFTFAIL = "~"
    NEUTRAL = "?"

    @property
    def result(self) -> Result:
        return _QUALIFIER_RESULTS[self]


_QUALIFIER_RESULTS = {
    Qualifier.PASS: Result.PASS,
    Qualifier.FAIL: Result.FAIL,
    Qualifier.SOFTFAIL: Result.SOFTFAIL,
    Qualifier.NEUTRAL: Result.NEUTRAL,
}
MECHANISMS = ("all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists")
DNS_MECHANISMS = frozenset({"include", "a", "mx", "ptr", "exists"})


class SpfSyntaxError(InputError):
    """A record that RFC 7208 section 12 does not allow; check_host() gives permerror."""


@dataclass(frozen=True, slots=True)
class Directive:
    qualifier: Qualifier
    mechanism: str  # lower case: all, include, a, mx, ptr, ip4, ip6, exists
    text: str  # the term as written
    domain_spec: str = ""  # unexpanded; "" where the mechanism takes the current domain
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None  # ip4, ip6
    cidr4: int = 32
    cidr6: int = 128


@dataclass(frozen=True, slots=True)
class Modifier:
    name: str  # lower case
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class SpfRecord:
    text: str
    directives: tuple[Directive, ...]
    modifiers: tuple[Modifier, ...] = ()

    @property
    def redirect(self) -> str | None:
        return next((m.value for m in self.modifiers if m.name == "redirect"), None)

    @property
    def exp(self) -> str | None:
        return next((m.value for m in self.modifiers if m.name == "exp"), None)


@dataclass(frozen=True, slots=True)
class SpfResult:
    """The answer of check_host() and how it was reached."""

    result: Result
    mechanism: str = ""  # the term that decided ("" when none matched: the default neutral)
    explanation: str = ""  # for fail: the domain's exp= text, or the default explanation
    lookups: int = 0  # DNS-querying terms evaluated over the include/redirect tree
    void_lookups: int = 0
    domain: str = ""  # whose record decided (after redirects)
    detail: str = ""  # why, in words, for errors and for none


class _Abort(Exception):
    def __init__(self, result: Result, detail: str, term: str = "") -> None:
        super().__init__(detail)
        self.result = result
        self.detail = detail
        self.term = term


# --- parsing (section 12) ---------------------------------------------------------------

_ALNUM = "A-Za-z0-9"
_TOPLABEL = re.compile(
    rf"\.(?:[{_ALNUM}]*[A-Za-z][{_ALNUM}]*|[{_ALNUM}]+-[{_ALNUM}-]*[{_ALNUM}])\.?\Z"
)
_MACRO = re.compile(r"%(?:\{([A-Za-z])(\d*)(r?)([.\-+,/_=]*)\}|[%_-])", re.IGNORECASE)
_MODIFIER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9\-_.]*\Z")
_IP4 = re.compile(
    r"(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\Z"
)
_CIDR4 = r"(?:0|[1-9]\d?)"
_CIDR6 = r"(?:0|[1-9]\d{0,2})"
_DUAL_CIDR = re.compile(rf"(?:/({_CIDR4}))?(?://({_CIDR6}))?\Z")
_DOMAIN_LETTERS = "slodiphv"
_EXPLANATION_LETTERS = _DOMAIN_LETTERS + "crt"


def is_spf_record(text: str) -> bool:
    """Section 4.5: "v=spf1" (any case) alone or followed by a space."""
    return text[:6].lower() == "v=spf1" and (len(text) == 6 or text[6] == " ")


def parse_record(text: str) -> SpfRecord:
    """Parse one SPF record; raise :class:`SpfSyntaxError` saying what is wrong where."""
    if not is_spf_record(text):
        raise SpfSyntaxError(f"{text[:40]!r} does not start with 'v=spf1'.")
    bad = next((c for c in text if not " " <= c <= "~"), None)
    if bad is not None:
        raise SpfSyntaxError(
            f"The record holds the character {bad!r}; SPF records are printable ASCII "
            "with terms separated by spaces (RFC 7208 sections 3.1, 4.6.1)."
        )
    directives: list[Directive] = []
    modifiers: list[Modifier] = []
    for term in text[6:].split(" "):
        if not term:
            continue
        name, sep, value = term.partition("=")
        if sep and _MODIFIER_NAME.match(name) and ":" not in name and "/" not in name:
            modifiers.append(_modifier(name.lower(), value, term))
        else:
            directives.append(_directive(term))
    for unique in ("redirect", "exp"):
        if sum(m.name == unique for m in modifiers) > 1:
            raise SpfSyntaxError(f"'{unique}=' appears more than once (RFC 7208 section 6).")
    return SpfRecord(text, tuple(directives), tuple(modifiers))


def _modifier(name: str, value: str, term: str) -> Modifier:
    if name in ("redirect", "exp"):
        _check_domain_spec(value, term)
    else:
        _check_macro_string(value, term, _DOMAIN_LETTERS)
    return Modifier(name, value, term)


def _directive(term: str) -> Directive:
    qualifier = Qualifier.PASS
    body = term
    if term[:1] in "+-~?" and term:
        qualifier, body = Qualifier(term[0]), term[1:]
    match = re.match(r"[A-Za-z0-9]+", body)
    name = match.group(0).lower() if match else ""
    rest = body[len(name) :]
    if name not in MECHANISMS:
        raise SpfSyntaxError(f"{term!r} is not an SPF mechanism or a valid modifier.")
    if name == "all":
        if rest:
            raise SpfSyntaxError(f"{term!r}: 'all' takes no argument.")
        return Directive(qualifier, name, term)
    if name in ("include", "exists"):
        if not rest.startswith(":"):
            raise SpfSyntaxError(f"{term!r}: '{name}' needs ':domain'.")
        _check_domain_spec(rest[1:], term)
        return Directive(qualifier, name, term, rest[1:])
    if name == "ptr":
        spec = ""
        if rest:
            if not rest.startswith(":"):
                raise SpfSyntaxError(f"{term!r}: 'ptr' takes ':domain' and no prefix length.")
            spec = rest[1:]
            _check_domain_spec(spec, term)
        return Directive(qualifier, name, term, spec)
    if name in ("a", "mx"):
        spec = ""
        cidr = _DUAL_CIDR.search(rest)
        cidr4 = cidr6 = None
        if cidr is not None:
            cidr4, cidr6 = cidr.group(1), cidr.group(2)
            rest = rest[: cidr.start()]
        if rest:
            if not rest.startswith(":"):
                raise SpfSyntaxError(f"{term!r}: bad domain or prefix length after '{name}'.")
            spec = rest[1:]
            _check_domain_spec(spec, term)
        four = int(cidr4) if cidr4 is not None else 32
        six = int(cidr6) if cidr6 is not None else 128
        if four > 32 or six > 128:
            raise SpfSyntaxError(f"{term!r}: prefix length out of range.")
        return Directive(qualifier, name, term, spec, cidr4=four, cidr6=six)
    # ip4, ip6
    if not rest.startswith(":"):
        raise SpfSyntaxError(f"{term!r}: '{name}' needs ':address'.")
    address, slash, length = rest[1:].partition("/")
    limit = 32 if name == "ip4" else 128
    if slash and not re.fullmatch(_CIDR4 if name == "ip4" else _CIDR6, length):
        raise SpfSyntaxError(f"{term!r}: bad prefix length {length!r}.")
    prefix = int(length) if slash else limit
    if prefix > limit:
        raise SpfSyntaxError(f"{term!r}: the prefix length is over {limit}.")
    try:
        if name == "ip4":
            if not _IP4.match(address):
                raise ValueError(address)
            network: ipaddress.IPv4Network | ipaddress.IPv6Network = ipaddress.IPv4Network(
                f"{address}/{prefix}", strict=False
            )
        else:
            network = ipaddress.IPv6Network(f"{address}/{prefix}", strict=False)
    except ValueError:
        raise SpfSyntaxError(f"{term!r}: {address!r} is not an {name} address.") from None
    return Directive(qualifier, name, term, network=network)


def _check_domain_spec(spec: str, term: str) -> None:
    """domain-spec = macro-string domain-end (section 7.1)."""
    if not spec:
        raise SpfSyntaxError(f"{term!r}: the domain is empty.")
    _check_macro_string(spec, term, _DOMAIN_LETTERS)
    ends = [match.end() for match in _MACRO.finditer(spec)]
    tail = spec[ends[-1] :] if ends else spec
    if tail and not _TOPLABEL.search(tail):
        raise SpfSyntaxError(f"{term!r}: {spec!r} does not end in a valid top-level label.")


def _check_macro_string(text: str, term: str, letters: str) -> None:
    position = 0
    for match in _MACRO.finditer(text):
        if "%" in text[position : match.start()]:
            break
        letter = match.group(1)
        if letter is not None:
            if letter.lower() not in letters:
                raise SpfSyntaxError(f"{term!r}: the macro letter {letter!r} is not allowed here.")
            if match.group(2) and int(match.group(2)) == 0:
                raise SpfSyntaxError(f"{term!r}: a macro may not keep 0 labels.")
        position = match.end()
    if "%" in text[position:]:
        raise SpfSyntaxError(f"{term!r}: '%' must start a macro (%{{x}}, %%, %_ or %-).")


# --- evaluation (sections 4 and 5) --------------------------------------------------------


@dataclass(slots=True)
class _Context:
    ip: IPAddress
    sender: str
    local_part: str
    sender_domain: str
    helo: str
    resolver: Resolver
    receiver: str
    timestamp: int
    lookups: int = 0
    void_lookups: int = 0
    validated: dict[str, str] = field(default_factory=dict)  # domain -> %{p}


def check_host(
    ip: str | IPAddress,
    domain: str,
    sender: str,
    *,
    helo: str = "",
    resolver: Resolver,
    receiver: str = "unknown",
    timestamp: int = 0,
    default_explanation: str = DEFAULT_EXPLANATION,
) -> SpfResult:
    """RFC 7208 check_host(): is ``ip`` allowed to send mail for ``domain``?

    ``sender`` is the MAIL FROM address (``postmaster@HELO`` when MAIL FROM is empty); a missing
    local part counts as "postmaster" (section 4.3). ``receiver`` and ``timestamp`` feed the
    ``%{r}`` and ``%{t}`` macros of explanations.
    """
    address = ipaddress.ip_address(ip) if isinstance(ip, str) else ip
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # treated as the IPv4 address (section 5)
    local, at, sender_domain = sender.rpartition("@")
    if not at:
        local, sender_domain = "", sender
    context = _Context(
        address,
        sender,
        local or "postmaster",
        sender_domain or domain,
        helo,
        resolver,
        receiver,
        timestamp,
    )
    if not _valid_fqdn(domain):
        return SpfResult(
            Result.NONE, domain=domain, detail=f"{domain!r} is not a valid domain name."
        )
    try:
        result, term, record_domain, record = _evaluate(context, domain.rstrip("."))
    except _Abort as abort:
        return SpfResult(
            abort.result,
            abort.term,
            lookups=context.lookups,
            void_lookups=context.void_lookups,
            domain=domain,
            detail=abort.detail,
        )
    explanation = ""
    if result is Result.FAIL:
        explanation = default_explanation
        if record is not None and record.exp is not None:
            explanation = _explanation(context, record.exp, record_domain) or default_explanation
    detail = "" if record is not None else f"{domain} publishes no SPF record."
    return SpfResult(
        result,
        term,
        explanation,
        context.lookups,
        context.void_lookups,
        record_domain,
        detail,
    )


def _valid_fqdn(name: str) -> bool:
    labels = name.rstrip(".").split(".")
    return len(labels) > 1 and _valid_dns_name(name)


def _valid_dns_name(name: str) -> bool:
    stripped = name.rstrip(".") if name != "." else ""
    if len(stripped) > 253 or not stripped:
        return False
    return all(0 < len(label) <= 63 for label in stripped.split("."))


def _lookup_record(context: _Context, domain: str) -> SpfRecord | None:
    """Section 4.4 and 4.5: the domain's one SPF record, None when it has none."""
    answer = context.resolver.resolve(domain, "TXT")
    if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
        raise _Abort(Result.TEMPERROR, f"The TXT lookup for {domain} failed: {answer.detail}")
    records = [text for text in answer.records if is_spf_record(text)]
    if not records:
        return None
    if len(records) > 1:
        raise _Abort(
            Result.PERMERROR, f"{domain} publishes {len(records)} SPF records; one is allowed."
        )
    try:
        return parse_record(records[0])
    except SpfSyntaxError as error:
        raise _Abort(Result.PERMERROR, f"{domain}: {error}") from None


def _evaluate(context: _Context, domain: str) -> tuple[Result, str, str, SpfRecord | None]:
    """(result, deciding term, deciding domain, deciding record)."""
    record = _lookup_record(context, domain)
    if record is None:
        return Result.NONE, "", domain, None
    for directive in record.directives:
        if directive.mechanism in DNS_MECHANISMS:
            _count_lookup(context, directive.text)
        if _matches(context, directive, domain):
            return directive.qualifier.result, directive.text, domain, record
    redirect = record.redirect
    if redirect is None:
        return Result.NEUTRAL, "", domain, record  # section 4.7: the default
    _count_lookup(context, f"redirect={redirect}")
    target = _expand_domain(context, redirect, domain)
    if target is None:
        raise _Abort(Result.PERMERROR, f"redirect={redirect} names no valid domain.")
    result, term, where, decided = _evaluate(context, target)
    if result is Result.NONE:
        raise _Abort(
            Result.PERMERROR,
            f"redirect={redirect}: {target} has no SPF record.",
            f"redirect={redirect}",
        )
    return result, term, where, decided


def _count_lookup(context: _Context, term: str) -> None:
    context.lookups += 1
    if context.lookups > LOOKUP_LIMIT:
        raise _Abort(
            Result.PERMERROR,
            f"More than {LOOKUP_LIMIT} DNS-querying terms over the include/redirect tree "
            f"(RFC 7208 section 4.6.4); the 11th is {term!r}.",
            term,
        )


def _count_void(context: _Context, answer: Answer, term: str) -> None:
    if answer.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
        context.void_lookups += 1
        if context.void_lookups > VOID_LOOKUP_LIMIT:
            raise _Abort(
                Result.PERMERROR,
                f"More than {VOID_LOOKUP_LIMIT} lookups found nothing (RFC 7208 section 4.6.4); "
                f"the last was {term!r}.",
                term,
            )


def _query(context: _Context, name: str, rdtype: str, term: str) -> Answer:
    answer = context.resolver.resolve(name, rdtype)
    if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
        raise _Abort(Result.TEMPERROR, f"{term!r}: {answer.detail}", term)
    return answer


def _address_type(ip: IPAddress) -> str:
    return "A" if ip.version == 4 else "AAAA"


def _in_network(ip: IPAddress, text: str, directive: Directive) -> bool:
    try:
        other = ipaddress.ip_address(text)
    except ValueError:
        return False
    if other.version != ip.version:
        return False
    prefix = directive.cidr4 if ip.version == 4 else directive.cidr6
    return ip in ipaddress.ip_network(f"{other}/{prefix}", strict=False)


def _matches(context: _Context, directive: Directive, domain: str) -> bool:
    mechanism, term, ip = directive.mechanism, directive.text, context.ip
    if mechanism == "all":
        return True
    if mechanism in ("ip4", "ip6"):
        network = directive.network
        return network is not None and network.version == ip.version and ip in network
    target = domain
    if directive.domain_spec:
        expanded = _expand_domain(context, directive.domain_spec, domain)
        if expanded is None:  # no valid DNS name: nothing exists there (section 4.8)
            if mechanism == "include":
                raise _Abort(Result.PERMERROR, f"{term!r} names no valid domain.", term)
            _count_void(context, Answer(directive.domain_spec, "A", Outcome.NXDOMAIN), term)
            return False
        target = expanded
    if mechanism == "include":
        try:
            result, _, _, _ = _evaluate(context, target)
        except _Abort as abort:
            abort.term = abort.term or term
            raise
        if result is Result.PASS:
            return True
        if result in (Result.FAIL, Result.SOFTFAIL, Result.NEUTRAL):
            return False
        if result is Result.NONE:
            raise _Abort(Result.PERMERROR, f"{term!r}: {target} has no SPF record.", term)
        raise _Abort(result, f"{term!r} gave {result.value}.", term)
    if mechanism == "a":
        answer = _query(context, target, _address_type(ip), term)
        _count_void(context, answer, term)
        return any(_in_network(ip, text, directive) for text in answer.records)
    if mechanism == "mx":
        answer = _query(context, target, "MX", term)
        _count_void(context, answer, term)
        hosts = [text.split()[-1] for text in answer.records]
        if len(hosts) > NAME_LIMIT:
            raise _Abort(
                Result.PERMERROR,
                f"{term!r}: {target} has {len(hosts)} MX records; SPF allows {NAME_LIMIT}.",
                term,
            )
        for host in hosts:
            if host == ".":
                continue  # a null MX (RFC 7505) has no addresses
            addresses = _query(context, host, _address_type(ip), term)
            if any(_in_network(ip, text, directive) for text in addresses.records):
                return True
        return False
    if mechanism == "ptr":
        names = _validated_names(context, term, count_void=True)
        wanted = target.rstrip(".").lower()
        return any(name == wanted or name.endswith("." + wanted) for name in names)
    # exists: an A lookup whatever the IP's family (section 5.7)
    answer = _query(context, target, "A", term)
    _count_void(context, answer, term)
    return bool(answer.records)


def _reverse_name(ip: IPAddress) -> str:
    return ip.reverse_pointer


def _validated_names(context: _Context, term: str, *, count_void: bool) -> list[str]:
    """Section 5.5: PTR names of the IP whose own addresses include it (first 10 only)."""
    answer = context.resolver.resolve(_reverse_name(context.ip), "PTR")
    if count_void:
        _count_void(context, answer, term)
    names: list[str] = []
    for name in answer.records[:NAME_LIMIT]:
        host = name.rstrip(".")
        addresses = context.resolver.resolve(host, _address_type(context.ip))
        if addresses.outcome is not Outcome.OK:
            continue  # a DNS error skips the name (section 5.5)
        if any(_same_ip(context.ip, text) for text in addresses.records):
            names.append(host.lower())
    return names


def _same_ip(ip: IPAddress, text: str) -> bool:
    try:
        return ipaddress.ip_address(text) == ip
    except ValueError:
        return False


# --- macros (section 7) -------------------------------------------------------------------


def _expand_domain(context: _Context, spec: str, domain: str) -> str | None:
    """Expand a domain-spec; None if the result cannot be a DNS name."""
    name = _expand(context, spec, domain, _DOMAIN_LETTERS)
    if len(name.rstrip(".")) > 253:  # drop labels from the left (section 7.3)
        labels = name.rstrip(".").split(".")
        while labels and len(".".join(labels)) > 253:
            labels.pop(0)
        name = ".".join(labels)
    return name if _valid_dns_name(name) else None


def _expand(context: _Context, text: str, domain: str, letters: str) -> str:
    def replace(match: re.Match[str]) -> str:
        whole = match.group(0)
        if whole == "%%":
            return "%"
        if whole == "%_":
            return " "
        if whole == "%-":
            return "%20"
        letter, digits, reverse, delimiters = match.groups()
        if letter.lower() not in letters:
            raise SpfSyntaxError(f"The macro letter {letter!r} is not allowed here.")
        value = _macro_value(context, letter.lower(), domain)
        parts = re.split("[" + re.escape(delimiters or ".") + "]", value)
        if reverse:
            parts.reverse()
        if digits:
            keep = int(digits)
            if keep == 0:
                raise SpfSyntaxError("A macro may not keep 0 labels.")
            parts = parts[-keep:]
        expanded = ".".join(parts)
        return quote(expanded, safe="-._~") if letter.isupper() else expanded

    _check_macro_string(text, text, letters)
    return _MACRO.sub(replace, text)


def _macro_value(context: _Context, letter: str, domain: str) -> str:
    ip = context.ip
    if letter == "s":
        return context.sender if "@" in context.sender else f"postmaster@{context.sender}"
    if letter == "l":
        return context.local_part
    if letter == "o":
        return context.sender_domain
    if letter == "d":
        return domain
    if letter == "i":
        if ip.version == 4:
            return str(ip)
        return ".".join(ip.exploded.replace(":", "").upper())
    if letter == "c":
        return str(ip)
    if letter == "v":
        return "in-addr" if ip.version == 4 else "ip6"
    if letter == "h":
        return context.helo
    if letter == "r":
        return context.receiver
    if letter == "t":
        return str(context.timestamp)
    return _p_macro(context, domain)


def _p_macro(context: _Context, domain: str) -> str:
    """%{p}: a validated name of the IP, the domain itself or a subdomain preferred."""
    if domain not in context.validated:
        names = _validated_names(context, "%{p}", count_void=False)
        wanted = domain.rstrip(".").lower()
        choice = next((n for n in names if n == wanted), None)
        choice = choice or next((n for n in names if n.endswith("." + wanted)), None)
        context.validated[domain] = choice or (names[0] if names else "unknown")
    return context.validated[domain]


def _explanation(context: _Context, spec: str, domain: str) -> str:
    """Section 6.2: the TXT record at exp=; any problem gives the default explanation."""
    try:
        name = _expand_domain(context, spec, domain)
    except SpfSyntaxError:
        return ""
    if name is None:
        return ""
    answer = context.resolver.resolve(name, "TXT")
    if answer.outcome is not Outcome.OK or len(answer.records) != 1:
        return ""
    text = answer.records[0]
    if any(not " " <= c <= "~" for c in text):
        return ""
    try:
        return _expand(context, text, domain, _EXPLANATION_LETTERS)
    except SpfSyntaxError:
        return ""


# --- findings for check-sender --------------------------------------------------------------

WHY_FAIL = (
    "Receivers reject mail that fails SPF without a passing DKIM signature: Gmail "
    "'550 5.7.27 ... did not pass SPF' (and '550 5.7.26 ... unauthenticated' when DMARC also "
    "fails), Outlook.com '550 5.7.515 Access denied, sending domain does not meet the required "
    "authentication level', Yahoo '550 5.7.9 ... not accepted due to DMARC/SPF policy'."
)
WHY_ERROR = (
    "A permerror counts as an SPF failure at most receivers: Gmail answers '550 5.7.27' or "
    "'550 5.7.26', Outlook.com '550 5.7.515', Yahoo '550 5.7.9'."
)
WHY_MISSING = (
    "Without SPF, Gmail rejects bulk mail with '550 5.7.26 ... unauthenticated' ('5.7.27' when "
    "the sender has no SPF at all), Outlook.com with '550 5.7.515' and Yahoo with '550 5.7.9'."
)
WHY_OPEN = (
    "Any host on the Internet passes SPF for this domain, so SPF authenticates nothing; "
    "spoofed mail passes and receivers (Gmail, Outlook.com, Yahoo) rate the domain down."
)


@dataclass(slots=True)
class _TreeCount:
    lookups: int = 0
    void: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    uses_ptr: bool = False


def _measure(resolver: Resolver, domain: str, tree: _TreeCount, path: tuple[str, ...] = ()) -> None:
    """Count DNS-querying terms over the include/redirect tree, as written (macros unexpanded).

    A domain included twice is counted twice, as check_host() would evaluate it twice.
    """
    if domain.lower() in path:
        tree.errors.append(f"{domain} includes or redirects to itself (a loop)")
        tree.lookups = max(tree.lookups, LOOKUP_LIMIT + 1)  # a loop always exhausts the limit
        return
    if tree.lookups > LOOKUP_LIMIT:
        return  # check_host() stops here; deeper parts do not change the verdict
    path = (*path, domain.lower())
    answer = resolver.resolve(domain, "TXT")
    texts = [t for t in answer.records if is_spf_record(t)]
    if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
        tree.errors.append(f"{domain}: {answer.detail}")
        return
    if len(texts) != 1:
        tree.errors.append(f"{domain} has {len(texts)} SPF records")
        return
    try:
        record = parse_record(texts[0])
    except SpfSyntaxError as error:
        tree.errors.append(f"{domain}: {error}")
        return
    for directive in record.directives:
        if directive.mechanism not in DNS_MECHANISMS:
            continue
        tree.lookups += 1
        tree.uses_ptr |= directive.mechanism == "ptr"
        spec = directive.domain_spec
        if "%" in spec:
            continue
        target = spec.rstrip(".") if spec else domain
        if directive.mechanism == "include":
            _measure(resolver, target, tree, path)
        elif directive.mechanism in ("a", "mx", "exists"):
            rdtype = "MX" if directive.mechanism == "mx" else "A"
            probe = resolver.resolve(target, rdtype)
            if rdtype == "A" and probe.outcome is Outcome.NODATA:
                probe = resolver.resolve(target, "AAAA")
            if probe.outcome in (Outcome.NXDOMAIN, Outcome.NODATA):
                tree.void.append(directive.text)
    redirect = record.redirect
    if redirect is not None and not any(d.mechanism == "all" for d in record.directives):
        tree.lookups += 1
        if "%" not in redirect:
            _measure(resolver, redirect.rstrip("."), tree, path)


def _with_ip(record: SpfRecord, ip: IPAddress) -> str:
    """The record with ``ip4:IP`` / ``ip6:IP`` added before the final ``all``."""
    term = f"ip{ip.version}:{ip}"
    terms = record.text.split()
    for index, word in enumerate(terms):
        if word.lstrip("+-~?").lower() == "all" or word.lower().startswith("redirect="):
            return " ".join([*terms[:index], term, *terms[index:]])
    return " ".join([*terms, term, "-all"])


def spf_findings(
    domain: str, ips: Iterable[str] = (), *, resolver: Resolver, helo: str = ""
) -> list[Finding]:
    """The SPF part of ``check-sender``: the record, its limits, and each sending IP."""
    domain = domain.rstrip(".").lower()
    addresses: list[IPAddress] = [ipaddress.ip_address(ip) for ip in ips]
    answer = resolver.resolve(domain, "TXT")
    if answer.outcome in (Outcome.SERVFAIL, Outcome.TIMEOUT):
        return [
            finding(
                Area.SPF,
                "record",
                Status.UNKNOWN,
                f"Could not look up the TXT records of {domain}: {answer.detail}",
                fix="Check that the domain's name servers answer, then run the check again.",
            )
        ]
    texts = [text for text in answer.records if is_spf_record(text)]
    starter = f'{domain}. TXT "v=spf1 mx{"".join(f" ip{a.version}:{a}" for a in addresses)} -all"'
    if not texts:
        return [
            finding(
                Area.SPF,
                "record",
                Status.FAIL,
                f"{domain} publishes no SPF record.",
                WHY_MISSING,
                f"Publish one TXT record, for example {starter} (list every host and service "
                "that sends for the domain).",
            )
        ]
    if len(texts) > 1:
        return [
            finding(
                Area.SPF,
                "record",
                Status.FAIL,
                f"{domain} publishes {len(texts)} SPF records; RFC 7208 allows one, so every "
                "check gives permerror.",
                WHY_ERROR,
                "Merge them into one TXT record: " + " | ".join(repr(t) for t in texts),
            )
        ]
    text = texts[0]
    try:
        record = parse_record(text)
    except SpfSyntaxError as error:
        return [
            finding(
                Area.SPF,
                "record",
                Status.FAIL,
                f"The SPF record of {domain} is invalid: {error}",
                WHY_ERROR,
                "Correct the record; every check of it gives permerror until then.",
            )
        ]
    findings = [
        finding(Area.SPF, "record", Status.PASS, f"{domain} publishes one valid SPF record: {text}")
    ]
    findings += _limit_findings(resolver, domain)
    findings += _policy_findings(domain, record, addresses)
    for ip in addresses:
        findings.append(_ip_finding(resolver, domain, record, ip, helo))
    return findings


def _limit_findings(resolver: Resolver, domain: str) -> list[Finding]:
    tree = _TreeCount()
    _measure(resolver, domain, tree)
    findings: list[Finding] = []
    if tree.errors:
        findings.append(
            finding(
                Area.SPF,
                "tree",
                Status.FAIL,
                "Part of the include/redirect tree is broken: " + "; ".join(tree.errors) + ".",
                WHY_ERROR,
                "Fix or remove the includes named; an include without a valid SPF record is a "
                "permerror.",
            )
        )
    counted = f"{tree.lookups} DNS-querying terms over the include/redirect tree"
    if tree.lookups > LOOKUP_LIMIT:
        findings.append(
            finding(
                Area.SPF,
                "lookup-limit",
                Status.FAIL,
                f"{counted}; RFC 7208 allows {LOOKUP_LIMIT}, so checks give permerror.",
                WHY_ERROR,
                "Remove unused includes, replace a/mx/ptr with ip4:/ip6: ranges, or flatten "
                "includes into the addresses they list.",
            )
        )
    elif tree.lookups >= LOOKUP_LIMIT - 2:
        findings.append(
            finding(
                Area.SPF,
                "lookup-limit",
                Status.WARN,
                f"{counted}; close to the limit of {LOOKUP_LIMIT}.",
                "One more include (or a provider growing its own record) makes SPF permerror.",
                "Replace a/mx/ptr with ip4:/ip6: ranges or drop unused includes.",
            )
        )
    else:
        findings.append(
            finding(Area.SPF, "lookup-limit", Status.PASS, f"{counted} (limit {LOOKUP_LIMIT}).")
        )
    if len(tree.void) > VOID_LOOKUP_LIMIT:
        findings.append(
            finding(
                Area.SPF,
                "void-lookups",
                Status.FAIL,
                f"{len(tree.void)} terms find nothing in DNS ({', '.join(tree.void)}); RFC 7208 "
                f"allows {VOID_LOOKUP_LIMIT}, so checks give permerror.",
                WHY_ERROR,
                "Remove the terms that name hosts or domains that no longer exist.",
            )
        )
    elif tree.void:
        findings.append(
            finding(
                Area.SPF,
                "void-lookups",
                Status.WARN,
                f"{len(tree.void)} terms find nothing in DNS: {', '.join(tree.void)}.",
                f"Over {VOID_LOOKUP_LIMIT} such terms make SPF permerror.",
                "Remove the terms that name hosts or domains that no longer exist.",
            )
        )
    else:
        findings.append(finding(Area.SPF, "void-lookups", Status.PASS, "Every term finds records."))
    if tree.uses_ptr:
        findings.append(
            finding(
                Area.SPF,
                "ptr",
                Status.WARN,
                "The record uses the 'ptr' mechanism, which RFC 7208 section 5.5 says not to use.",
                "It is slow, unreliable and some receivers ignore it, so mail may fail SPF.",
                "Replace 'ptr' with the ip4:/ip6: ranges of the sending hosts.",
            )
        )
    return findings


def _policy_findings(domain: str, record: SpfRecord, ips: Sequence[IPAddress]) -> list[Finding]:
    final = next((d for d in record.directives if d.mechanism == "all"), None)
    if final is None and record.redirect is None:
        fixed = record.text.rstrip() + " ~all"
        return [
            finding(
                Area.SPF,
                "all",
                Status.WARN,
                "The record has no 'all' mechanism, so unlisted hosts get neutral.",
                "Neutral protects nothing: receivers treat spoofed mail as unauthenticated.",
                f"End the record with '~all' or '-all': {fixed}",
            )
        ]
    if final is None:
        return [
            finding(
                Area.SPF, "all", Status.PASS, f"The record defers to redirect={record.redirect}."
            )
        ]
    rest = " ".join(t for t in record.text.split() if t != final.text)
    if final.qualifier is Qualifier.PASS:
        return [
            finding(
                Area.SPF,
                "all",
                Status.FAIL,
                f"The record ends in '{final.text}': every host on the Internet passes.",
                WHY_OPEN,
                f"End it with '-all' (or '~all' while testing): {rest} -all",
            )
        ]
    if final.qualifier is Qualifier.NEUTRAL:
        return [
            finding(
                Area.SPF,
                "all",
                Status.WARN,
                "The record ends in '?all': unlisted hosts get neutral, the same as no SPF.",
                "Neutral does not authenticate; receivers treat spoofed mail as unauthenticated.",
                f"End it with '~all' or '-all': {rest} -all",
            )
        ]
    return [finding(Area.SPF, "all", Status.PASS, f"The record ends in '{final.text}'.")]


def _ip_finding(
    resolver: Resolver, domain: str, record: SpfRecord, ip: IPAddress, helo: str
) -> Finding:
    result = check_host(ip, domain, f"postmaster@{domain}", helo=helo, resolver=resolver)
    decided = f"'{result.mechanism}'" if result.mechanism else "no mechanism (the default)"
    where = f" in the record of {result.domain}" if result.domain not in ("", domain) else ""
    summary = f"SPF for {ip} is {result.result.value}: decided by {decided}{where}."
    if result.detail:
        summary = f"SPF for {ip} is {result.result.value}: {result.detail}"
    check = f"ip.{ip}"
    if result.result is Result.PASS:
        return finding(Area.SPF, check, Status.PASS, summary)
    if result.result is Result.TEMPERROR:
        return finding(
            Area.SPF,
            check,
            Status.UNKNOWN,
            summary,
            "Receivers defer mail (4.7.x) while SPF cannot be evaluated.",
            "Check that the name servers of the domains named answer, then run the check again.",
        )
    if result.result is Result.PERMERROR:
        return finding(
            Area.SPF, check, Status.FAIL, summary, WHY_ERROR, "Correct the record (see above)."
        )
    status = Status.FAIL if result.result is Result.FAIL else Status.WARN
    return finding(
        Area.SPF,
        check,
        status,
        summary,
        WHY_FAIL,
        f'Authorise {ip}: {domain}. TXT "{_with_ip(record, ip)}"',
    )
