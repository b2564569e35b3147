"""TLS for the domain's mail: MTA-STS (RFC 8461), TLS-RPT (RFC 8460) and STARTTLS on its MX hosts.

Passive checks (always): the TXT records ``_mta-sts.DOMAIN`` (``v=STSv1; id=...``) and
``_smtp._tls.DOMAIN`` (``v=TLSRPTv1; rua=...``). Active checks (only when asked, since they
open connections): the MTA-STS policy file fetched over HTTPS from
``https://mta-sts.DOMAIN/.well-known/mta-sts.txt``, and each MX host's STARTTLS offer: connect,
EHLO, STARTTLS, handshake, and the certificate's names and expiry.

Connections go to the addresses the one resolver seam gives, never to private, loopback or
link-local ones unless ``allow_private`` (tests point the MX hosts at 127.0.0.x). Parsing and
judging are pure (:func:`parse_sts_record`, :func:`parse_tlsrpt_record`, :func:`parse_policy`,
:func:`mx_matches`); sockets live in :func:`probe_starttls` and :func:`fetch_policy`.
"""

from __future__ import annotations

import contextlib
import re
import socket
import ssl
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bouncekit.resolver import Outcome, Resolver
from bouncekit.sender.dnsbl import resolve_concurrently
from bouncekit.sender.model import Area, Finding, Status, finding
from bouncekit.smtp.ehlo import parse_ehlo
from bouncekit.smtp.reply import PeerInterrupted, Reply, read_reply_blocking
from bouncekit.smtp.route import MailRoute, RouteOutcome, find_route, is_internal_address
from bouncekit.smtp.tls import (
    certificate_validity,
    client_context,
    handshake_facts,
)

__all__ = [
    "MtaStsPolicy",
    "StartTlsResult",
    "fetch_policy",
    "mx_matches",
    "parse_policy",
    "parse_sts_record",
    "parse_tlsrpt_record",
    "probe_starttls",
    "tls_findings",
]

SMTP_PORT = 25
HTTPS_PORT = 443
POLICY_PATH = "/.well-known/mta-sts.txt"
MAX_POLICY_BYTES = 64 * 1024  # RFC 8461 3.3: policies over 64 KB may be ignored
MAX_AGE_LIMIT = 31557600  # RFC 8461 3.2: max_age at most one year
_FAILED = (Outcome.SERVFAIL, Outcome.TIMEOUT)

_WHY_NO_STS = (
    "Without MTA-STS, a sender that finds no STARTTLS (an attacker can strip it) delivers mail "
    "for the domain in clear text; Gmail and Microsoft 365 honour MTA-STS policies and report "
    "on them through TLS-RPT."
)
_WHY_NO_TLSRPT = (
    "Without TLS-RPT, senders cannot tell you when TLS to your MX hosts fails (a broken "
    "certificate, a stripped STARTTLS), so mail delivered in clear text or not at all goes "
    "unnoticed."
)
_WHY_NO_STARTTLS = (
    "Mail to this host travels in clear text; Gmail marks it with a red open padlock, and "
    "senders with an MTA-STS or DANE requirement (or 'TLS required' connectors in Microsoft "
    "365) cannot deliver: '451 4.7.5 ... TLS required' or '530 5.7.0 Must issue a STARTTLS "
    "command first' at the sender's side."
)
_WHY_BAD_CERT = (
    "Opportunistic senders still deliver, but a sender that validates certificates (an "
    "MTA-STS policy in enforce mode, DANE, Microsoft 365 connectors with TLS required) refuses "
    "to deliver: Gmail and Outlook.com defer such mail with '4.7.5 certificate verification "
    "failed' and bounce it after a few days."
)


# -- the TXT records (pure) ----------------------------------------------------------------

_STS_ID = re.compile(r"[A-Za-z0-9]{1,32}\Z")
_FIELD = re.compile(r"([A-Za-z0-9_.\-]+)=(.*)\Z", re.DOTALL)


def _fields(text: str) -> list[tuple[str, str]] | str:
    fields: list[tuple[str, str]] = []
    for part in text.split(";"):
        part = part.strip(" \t")
        if not part:
            continue
        match = _FIELD.match(part)
        if match is None:
            return f"'{part}' is not a name=value field"
        fields.append((match.group(1), match.group(2)))
    return fields


def parse_sts_record(text: str) -> str | None:
    """RFC 8461 3.1: the record's ``id``, or None if it is no valid ``v=STSv1`` record.

    ``v=STSv1`` comes first, ``id`` is 1 to 32 letters and digits; other fields are ignored.
    """
    return _sts_problem(text)[0]


def _sts_problem(text: str) -> tuple[str | None, str]:
    fields = _fields(text)
    if isinstance(fields, str):
        return None, fields
    if not fields or fields[0] != ("v", "STSv1"):
        return None, "it does not begin with v=STSv1"
    ids = [value for name, value in fields if name == "id"]
    if len(ids) != 1:
        return None, "it needs exactly one id= field"
    if not _STS_ID.match(ids[0]):
        return None, f"id={ids[0]!r} is not 1 to 32 letters and digits"
    return ids[0], ""


def parse_tlsrpt_record(text: str) -> tuple[str, ...] | str:
    """RFC 8460 3: the ``rua`` destinations of a ``v=TLSRPTv1`` record, or what is wrong."""
    fields = _fields(text)
    if isinstance(fields, str):
        return fields
    if not fields or fields[0] != ("v", "TLSRPTv1"):
        return "it does not begin with v=TLSRPTv1"
    ruas = [value for name, value in fields if name == "rua"]
    if len(ruas) != 1:
        return "it needs exactly one rua= field"
    destinations = tuple(uri.strip() for uri in ruas[0].split(",") if uri.strip())
    if not destinations:
        return "rua= names no destination"
    for uri in destinations:
        if not re.match(r"(mailto:[^@\s]+@[^@\s]+|https://\S+)\Z", uri, re.IGNORECASE):
            return f"the destination {uri!r} is neither a mailto: address nor an https: URL"
    return destinations


# -- the policy file (pure) ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MtaStsPolicy:
    mode: str  # enforce | testing | none
    max_age: int
    mx: tuple[str, ...]  # patterns: "mx1.example.com", "*.example.net"


def parse_policy(text: str) -> MtaStsPolicy | str:
    """RFC 8461 3.2: ``key: value`` lines; the policy, or what is wrong with it."""
    values: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        if not colon:
            return f"the line {line.strip()!r} is not 'key: value'"
        values.setdefault(key.strip(), []).append(value.strip())
    if values.get("version") != ["STSv1"]:
        return "it needs the line 'version: STSv1'"
    mode = values.get("mode", [])
    if len(mode) != 1 or mode[0] not in ("enforce", "testing", "none"):
        return "it needs one line 'mode: enforce', 'mode: testing' or 'mode: none'"
    max_age = values.get("max_age", [])
    if len(max_age) != 1 or not max_age[0].isdigit() or int(max_age[0]) > MAX_AGE_LIMIT:
        return f"it needs one line 'max_age: SECONDS' with at most {MAX_AGE_LIMIT} seconds"
    mx = tuple(pattern.lower().rstrip(".") for pattern in values.get("mx", []))
    if not mx and mode[0] != "none":
        return f"mode {mode[0]} needs at least one 'mx: HOST' line"
    return MtaStsPolicy(mode[0], int(max_age[0]), mx)


def mx_matches(host: str, pattern: str) -> bool:
    """RFC 8461 4.1: a pattern is a host name, or ``*.`` and a domain matching one more label."""
    host, pattern = host.lower().rstrip("."), pattern.lower().rstrip(".")
    if pattern.startswith("*."):
        head, _, rest = host.partition(".")
        return bool(head) and rest == pattern[2:]
    return host == pattern


# -- active: STARTTLS on an MX host ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StartTlsResult:
    host: str
    address: str
    port: int
    connected: bool
    offered: bool = False  # STARTTLS in the EHLO reply
    handshake: bool = False
    tls_version: str = ""
    verified: bool = False  # chain trusted and valid for the host name
    verify_error: str = ""
    names: tuple[str, ...] = ()  # DNS names in the certificate (SAN, else CN)
    not_after: datetime | None = None
    error: str = ""  # what went wrong, in words


class _SmtpError(Exception):
    """The server refused a step before the handshake."""

    def __init__(self, what: str, reply: Reply) -> None:
        super().__init__(f"{what} {reply.code} {' '.join(reply.messages)}")


def _problem(error: _SmtpError | PeerInterrupted) -> str:
    # A clause of the finding's sentence: "... does not offer STARTTLS: <problem>."
    return str(error).rstrip(".")


def _session(
    host: str, address: str, port: int, helo: str, context: ssl.SSLContext, timeout: float
) -> ssl.SSLSocket | None:
    """Connect, EHLO, STARTTLS and handshake: the TLS socket, or None if STARTTLS is not
    offered."""
    raw = socket.create_connection((address, port), timeout=timeout)
    try:
        buffer = bytearray()
        reply = read_reply_blocking(raw, buffer, peer=host)
        if reply.code != 220:
            raise _SmtpError("the greeting was", reply)
        raw.sendall(f"EHLO {helo}\r\n".encode())
        reply = read_reply_blocking(raw, buffer, peer=host)
        if reply.code != 250:
            raise _SmtpError("EHLO was answered", reply)
        if not parse_ehlo(reply).offers("STARTTLS"):
            raw.sendall(b"QUIT\r\n")
            raw.close()
            return None
        raw.sendall(b"STARTTLS\r\n")
        reply = read_reply_blocking(raw, buffer, peer=host)
        if reply.code != 220:
            raise _SmtpError("STARTTLS was answered", reply)
        tls = context.wrap_socket(raw, server_hostname=host)
    except BaseException:
        raw.close()
        raise
    with contextlib.suppress(OSError):
        tls.sendall(b"QUIT\r\n")
    return tls


def probe_starttls(
    host: str,
    address: str,
    *,
    port: int = SMTP_PORT,
    helo: str = "bouncekit.invalid",
    timeout: float = 10.0,
    context: ssl.SSLContext | None = None,
) -> StartTlsResult:
    """Does ``host`` at ``address`` offer STARTTLS, and what certificate does it show?

    The handshake is tried with ``context`` (default: the system's trusted CAs, the host name
    checked); when verification fails, once more without verification to read the certificate.
    """
    verifying = context or client_context()
    base = StartTlsResult(host, address, port, connected=True)
    try:
        tls = _session(host, address, port, helo, verifying, timeout)
    except ssl.SSLCertVerificationError as error:
        verify_error = error.verify_message or str(error)
        try:
            # Only to read the certificate after verification failed: nothing is sent over it.
            tls = _session(host, address, port, helo, client_context(verify=False), timeout)
        except (_SmtpError, PeerInterrupted) as again:
            return replace(base, offered=True, error=_problem(again))
        except OSError as again:
            return replace(base, offered=True, error=str(again))
        assert tls is not None  # STARTTLS was offered the first time
        with tls:
            return _described(base, tls, verified=False, verify_error=verify_error)
    except ssl.SSLError as error:
        return replace(base, offered=True, error=f"the TLS handshake failed: {error}")
    except (_SmtpError, PeerInterrupted) as error:
        return replace(base, error=_problem(error))
    except OSError as error:
        return replace(base, connected=False, error=_socket_error(error))
    if tls is None:
        return base
    with tls:
        return _described(base, tls, verified=True)


def _socket_error(error: OSError) -> str:
    if isinstance(error, TimeoutError):
        return "the connection timed out"
    return error.strerror or str(error)


def _described(
    base: StartTlsResult, tls: ssl.SSLSocket, *, verified: bool, verify_error: str = ""
) -> StartTlsResult:
    facts = handshake_facts(
        tls, "STARTTLS", verified=verified, verify_error=verify_error or None
    ).certificate
    return replace(
        base,
        offered=True,
        handshake=True,
        tls_version=tls.version() or "",
        verified=verified,
        verify_error=verify_error,
        # The DNS names a certificate is for: its subjectAltName, else its subject CN.
        names=(facts.dns_names or facts.common_names) if facts else (),
        not_after=facts.not_after if facts else None,
    )


# -- active: the policy file -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PolicyFetch:
    url: str
    text: str = ""
    error: str = ""  # why there is no policy text


def fetch_policy(
    domain: str,
    resolver: Resolver,
    *,
    port: int = HTTPS_PORT,
    timeout: float = 10.0,
    context: ssl.SSLContext | None = None,
    allow_private: bool = False,
) -> PolicyFetch:
    """GET the policy over HTTPS (RFC 8461 3.3): a trusted certificate for mta-sts.DOMAIN, status
    200, no redirects followed. The address comes from the resolver seam."""
    host = f"mta-sts.{domain}"
    url = f"https://{host}{'' if port == HTTPS_PORT else f':{port}'}{POLICY_PATH}"
    answers = resolve_concurrently(resolver, [(host, "A"), (host, "AAAA")])
    addresses = [r for a in answers.values() if a.outcome is Outcome.OK for r in a.records]
    if not addresses:
        details = "; ".join(a.detail for a in answers.values())
        return PolicyFetch(url, error=f"{host} has no address ({details})")
    usable = [a for a in addresses if allow_private or not is_internal_address(a)]
    if not usable:
        return PolicyFetch(
            url, error=f"{host} resolves only to private addresses ({', '.join(addresses)})"
        )
    context = context or client_context()
    request = (
        f"GET {POLICY_PATH} HTTP/1.0\r\nHost: {host}\r\nUser-Agent: bouncekit\r\n"
        "Accept: text/plain\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        with (
            socket.create_connection((usable[0], port), timeout=timeout) as raw,
            context.wrap_socket(raw, server_hostname=host) as tls,
        ):
            tls.sendall(request)
            response = bytearray()
            while len(response) <= MAX_POLICY_BYTES + 8192:
                chunk = tls.recv(8192)
                if not chunk:
                    break
                response.extend(chunk)
    except ssl.SSLCertVerificationError as error:
        return PolicyFetch(
            url, error=f"the certificate of {host} is not valid: {error.verify_message}"
        )
    except (OSError, ssl.SSLError) as error:
        return PolicyFetch(url, error=f"could not fetch it: {_socket_error(error)}")
    head, _, body = bytes(response).partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    parts = status_line.split(" ", 2)
    if len(parts) < 2 or parts[1] != "200":
        return PolicyFetch(url, error=f"the server answered '{status_line}', not 200")
    return PolicyFetch(url, text=body[:MAX_POLICY_BYTES].decode("utf-8", errors="replace"))


# -- findings --------------------------------------------------------------------------------


def tls_findings(
    domain: str,
    *,
    resolver: Resolver,
    active: bool = False,
    smtp_port: int = SMTP_PORT,
    https_port: int = HTTPS_PORT,
    allow_private: bool = False,
    helo: str | None = None,
    timeout: float = 10.0,
    context: ssl.SSLContext | None = None,
) -> list[Finding]:
    """The TLS part of ``check-sender``: MTA-STS and TLS-RPT records; with ``active``, the
    policy file and each MX host's STARTTLS. ``context`` replaces the system's trusted CAs
    (tests trust their own certificate with it)."""
    domain = domain.strip().rstrip(".").lower()
    answers = resolve_concurrently(
        resolver, [(f"_mta-sts.{domain}", "TXT"), (f"_smtp._tls.{domain}", "TXT")]
    )
    sts_answer = answers[f"_mta-sts.{domain}", "TXT"]
    rpt_answer = answers[f"_smtp._tls.{domain}", "TXT"]
    findings = [_sts_record_finding(domain, sts_answer.outcome, sts_answer.records)]
    findings.append(_tlsrpt_finding(domain, rpt_answer.outcome, rpt_answer.records))
    if not active:
        return findings
    sts_published = findings[0].status is Status.PASS
    route = find_route(domain, resolver=resolver, allow_private=allow_private)
    policy: MtaStsPolicy | None = None
    if sts_published:
        fetched = fetch_policy(
            domain,
            resolver,
            port=https_port,
            timeout=timeout,
            context=context,
            allow_private=allow_private,
        )
        policy_finding, policy = _policy_finding(domain, fetched, [h.name for h in route.hosts])
        findings.append(policy_finding)
    findings.extend(
        _starttls_findings(
            domain,
            route,
            port=smtp_port,
            helo=helo or "bouncekit.invalid",
            timeout=timeout,
            context=context,
            enforced=policy is not None and policy.mode == "enforce",
        )
    )
    return findings


def _sts_record_finding(domain: str, outcome: Outcome, records: Sequence[str]) -> Finding:
    name = f"_mta-sts.{domain}"
    if outcome in _FAILED:
        return finding(
            Area.TLS, "mta-sts", Status.UNKNOWN, f"Could not look up {name} TXT ({outcome})."
        )
    texts = [t for t in records if t.strip().startswith("v=STSv1")]
    fix = (
        f'Publish a policy file at https://mta-sts.{domain}{POLICY_PATH} ("version: STSv1", '
        f'"mode: testing", one "mx: HOST" line per MX host, "max_age: 86400") and the TXT '
        f'record {name}. IN TXT "v=STSv1; id={datetime.now(UTC):%Y%m%d}01"; move to '
        '"mode: enforce" when the TLS reports show no failures.'
    )
    if not texts:
        return finding(
            Area.TLS,
            "mta-sts",
            Status.WARN,
            f"{domain} publishes no MTA-STS record at {name}.",
            _WHY_NO_STS,
            fix,
        )
    if len(texts) > 1:
        return finding(
            Area.TLS,
            "mta-sts",
            Status.FAIL,
            f"{name} has {len(texts)} v=STSv1 records; RFC 8461 3.1 says senders then use none.",
            _WHY_NO_STS,
            f"Keep one TXT record at {name}.",
        )
    sts_id, problem = _sts_problem(texts[0])
    if sts_id is None:
        return finding(
            Area.TLS,
            "mta-sts",
            Status.FAIL,
            f'The MTA-STS record at {name} is not valid: "{texts[0]}": {problem}.',
            "Senders ignore an invalid record, as if the domain had no MTA-STS. " + _WHY_NO_STS,
            f'Publish {name}. IN TXT "v=STSv1; id={datetime.now(UTC):%Y%m%d}01" (change the '
            "id whenever the policy file changes).",
        )
    return finding(Area.TLS, "mta-sts", Status.PASS, f'{domain} publishes MTA-STS: "{texts[0]}".')


def _tlsrpt_finding(domain: str, outcome: Outcome, records: Sequence[str]) -> Finding:
    name = f"_smtp._tls.{domain}"
    if outcome in _FAILED:
        return finding(
            Area.TLS, "tls-rpt", Status.UNKNOWN, f"Could not look up {name} TXT ({outcome})."
        )
    texts = [t for t in records if t.strip().startswith("v=TLSRPTv1")]
    starter = f'{name}. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@{domain}"'
    if not texts:
        return finding(
            Area.TLS,
            "tls-rpt",
            Status.WARN,
            f"{domain} publishes no TLS-RPT record at {name}.",
            _WHY_NO_TLSRPT,
            f"Publish {starter}.",
        )
    if len(texts) > 1:
        return finding(
            Area.TLS,
            "tls-rpt",
            Status.FAIL,
            f"{name} has {len(texts)} v=TLSRPTv1 records; RFC 8460 3 says senders then use none.",
            _WHY_NO_TLSRPT,
            f"Keep one TXT record at {name}: {starter}.",
        )
    parsed = parse_tlsrpt_record(texts[0])
    if isinstance(parsed, str):
        return finding(
            Area.TLS,
            "tls-rpt",
            Status.FAIL,
            f'The TLS-RPT record at {name} is not valid: "{texts[0]}": {parsed}.',
            _WHY_NO_TLSRPT,
            f"Replace it: {starter}.",
        )
    return finding(
        Area.TLS, "tls-rpt", Status.PASS, f"TLS reports for {domain} go to {', '.join(parsed)}."
    )


def _policy_finding(
    domain: str, fetched: PolicyFetch, mx_hosts: Sequence[str]
) -> tuple[Finding, MtaStsPolicy | None]:
    why = (
        "Senders that find the MTA-STS record but no valid policy treat the domain as having no "
        "MTA-STS (RFC 8461 3.3), so the record protects nothing."
    )
    template = (
        f"Serve {fetched.url} with status 200, Content-Type text/plain and a certificate valid "
        f"for mta-sts.{domain}: version: STSv1 / mode: testing / "
        + " / ".join(f"mx: {host}" for host in mx_hosts or [f"mx1.{domain}"])
        + " / max_age: 86400"
    )
    if fetched.error:
        return (
            finding(
                Area.TLS,
                "mta-sts-policy",
                Status.FAIL,
                f"The MTA-STS policy at {fetched.url} could not be read: {fetched.error}.",
                why,
                template,
            ),
            None,
        )
    policy = parse_policy(fetched.text)
    if isinstance(policy, str):
        return (
            finding(
                Area.TLS,
                "mta-sts-policy",
                Status.FAIL,
                f"The MTA-STS policy at {fetched.url} is not valid: {policy}.",
                why,
                template,
            ),
            None,
        )
    uncovered = [h for h in mx_hosts if not any(mx_matches(h, p) for p in policy.mx)]
    summary = (
        f"MTA-STS policy: mode {policy.mode}, max_age {policy.max_age}, mx "
        f"{', '.join(policy.mx) or '(none)'}."
    )
    if uncovered and policy.mode != "none":
        status = Status.FAIL if policy.mode == "enforce" else Status.WARN
        return (
            finding(
                Area.TLS,
                "mta-sts-policy",
                status,
                summary + f" The MX hosts {', '.join(uncovered)} match no mx line.",
                "Senders that honour the policy "
                + ("refuse to deliver to them" if policy.mode == "enforce" else "report failures")
                + " (RFC 8461 4.1).",
                "Add to the policy: "
                + " / ".join(f"mx: {h}" for h in uncovered)
                + f", and change the id in _mta-sts.{domain}.",
            ),
            policy,
        )
    if policy.mode != "enforce":
        return (
            finding(
                Area.TLS,
                "mta-sts-policy",
                Status.WARN,
                summary + " Senders report failures but still deliver without TLS.",
                "Only mode enforce protects mail for the domain from downgrade attacks.",
                "When TLS reports show no failures, set 'mode: enforce' and change the id in "
                f"_mta-sts.{domain}.",
            ),
            policy,
        )
    return finding(Area.TLS, "mta-sts-policy", Status.PASS, summary), policy


def _starttls_findings(
    domain: str,
    route: MailRoute,
    *,
    port: int,
    helo: str,
    timeout: float,
    context: ssl.SSLContext | None,
    enforced: bool,
) -> list[Finding]:
    if route.outcome is not RouteOutcome.OK:
        status = Status.FAIL if route.outcome is RouteOutcome.NULL_MX else Status.UNKNOWN
        return [
            finding(
                Area.TLS,
                "starttls",
                status,
                f"No MX host of {domain} to check STARTTLS on: {route.detail}",
            )
        ]
    targets = [(host.name, host.addresses[0]) for host in route.hosts]
    with ThreadPoolExecutor(max_workers=min(8, len(targets))) as pool:
        results = list(
            pool.map(
                lambda target: probe_starttls(
                    target[0], target[1], port=port, helo=helo, timeout=timeout, context=context
                ),
                targets,
            )
        )
    return [_judge_starttls(result, enforced=enforced) for result in results]


def _judge_starttls(result: StartTlsResult, *, enforced: bool) -> Finding:
    check = f"starttls.{result.host}"
    where = f"{result.host} [{result.address}]:{result.port}"
    if not result.connected:
        return finding(
            Area.TLS,
            check,
            Status.UNKNOWN,
            f"Could not connect to {where}: {result.error}.",
            fix="Outbound port 25 is blocked on many networks (home, cloud); run the check "
            "from a server that may connect to port 25.",
        )
    if not result.offered:
        return finding(
            Area.TLS,
            check,
            Status.FAIL,
            f"{where} does not offer STARTTLS"
            + (f": {result.error}." if result.error else " in its EHLO reply."),
            _WHY_NO_STARTTLS,
            "Turn on STARTTLS with a certificate for the host name (Postfix: "
            "smtpd_tls_security_level = may, smtpd_tls_chain_files = key.pem, fullchain.pem).",
        )
    if not result.handshake:
        return finding(
            Area.TLS,
            check,
            Status.FAIL,
            f"{where} offers STARTTLS, but {result.error}.",
            _WHY_NO_STARTTLS,
            "Check the server's TLS configuration (certificate and key files, protocol "
            f"versions): `openssl s_client -starttls smtp -connect {result.host}:{result.port}`.",
        )
    names = ", ".join(result.names) or "no names"
    expiry = ""
    validity = None
    if result.not_after is not None:
        validity = certificate_validity(result.not_after)
        days_left = validity.whole_days_left
        expiry = f", valid until {result.not_after:%Y-%m-%d} ({days_left} days)"
    summary = f"{where} offers STARTTLS ({result.tls_version}); certificate for {names}{expiry}"
    renew = (
        f"Install a certificate for {result.host} from a public CA (e.g. Let's Encrypt: "
        f"certbot certonly --standalone -d {result.host}) with its full chain."
    )
    if validity is not None and validity.expired:
        return finding(
            Area.TLS,
            check,
            Status.FAIL,
            summary + ": the certificate has expired.",
            _WHY_BAD_CERT,
            renew,
        )
    if not result.verified:
        return finding(
            Area.TLS,
            check,
            Status.FAIL if enforced else Status.WARN,
            summary + f": not trusted ({result.verify_error}).",
            _WHY_BAD_CERT,
            renew,
        )
    if validity is not None and validity.expiring:
        return finding(
            Area.TLS,
            check,
            Status.WARN,
            summary + ": it expires soon.",
            _WHY_BAD_CERT,
            "Renew the certificate now and check that renewal is automatic.",
        )
    return finding(Area.TLS, check, Status.PASS, summary + ", trusted.")
