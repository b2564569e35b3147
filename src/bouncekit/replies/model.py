"""The vocabulary every diagnosis is written in: reasons, owners, verdicts, and the records.

Reason names are Sisimai's, so results compare side by side with the de-facto standard of
open-source bounce analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    """Why a message was not delivered (Sisimai's names)."""

    USERUNKNOWN = "userunknown"
    HOSTUNKNOWN = "hostunknown"
    MAILBOXFULL = "mailboxfull"
    SUSPEND = "suspend"
    HASMOVED = "hasmoved"
    NOTACCEPT = "notaccept"
    BLOCKED = "blocked"
    BADREPUTATION = "badreputation"
    AUTHFAILURE = "authfailure"
    REQUIREPTR = "requireptr"
    NORELAYING = "norelaying"
    REJECTED = "rejected"
    SPEEDING = "speeding"
    TOOMANYCONN = "toomanyconn"
    SECURITYERROR = "securityerror"
    FAILEDSTARTTLS = "failedstarttls"
    POLICYVIOLATION = "policyviolation"
    SPAMDETECTED = "spamdetected"
    VIRUSDETECTED = "virusdetected"
    CONTENTERROR = "contenterror"
    NOTCOMPLIANTRFC = "notcompliantrfc"
    MESGTOOBIG = "mesgtoobig"
    EXCEEDLIMIT = "exceedlimit"
    FILTERED = "filtered"
    SYSTEMERROR = "systemerror"
    SYSTEMFULL = "systemfull"
    NETWORKERROR = "networkerror"
    MAILERERROR = "mailererror"
    SYNTAXERROR = "syntaxerror"
    EXPIRED = "expired"
    ONHOLD = "onhold"
    SUPPRESSED = "suppressed"
    DELIVERED = "delivered"
    FEEDBACK = "feedback"
    VACATION = "vacation"
    UNDEFINED = "undefined"


class Owner(StrEnum):
    """Whose problem it is: the first question about any rejection."""

    RECIPIENT = "recipient"  # the address or mailbox
    SENDER = "sender"  # the sender's IP, domain, authentication, reputation or SMTP setup
    MESSAGE = "message"  # what was sent: content, size, format
    RECEIVER = "receiver"  # the receiving system itself
    UNKNOWN = "unknown"


class Verdict(StrEnum):
    """What the rejection says about the recipient address."""

    INVALID = "invalid"
    RISKY = "risky"
    UNKNOWN = "unknown"
    DELIVERABLE = "deliverable"


class Retry(StrEnum):
    """Whether sending again can succeed."""

    NEVER = "never"
    LATER = "later"
    AFTER_FIX = "after-fix"


class Command(StrEnum):
    """The SMTP stage at which the reply was given."""

    CONNECT = "CONN"
    HELO = "HELO"
    EHLO = "EHLO"
    STARTTLS = "STARTTLS"
    AUTH = "AUTH"
    MAIL = "MAIL"
    RCPT = "RCPT"
    RSET = "RSET"  # the SMTP probe's reset between transactions
    DATA = "DATA"
    QUIT = "QUIT"


@dataclass(frozen=True, slots=True)
class Action:
    """One concrete step that fixes or works around the problem."""

    text: str
    command: str | None = None  # a shell command or DNS query to run, when there is one
    url: str | None = None  # documentation or a delisting form

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "command": self.command, "url": self.url}


@dataclass(frozen=True, slots=True)
class ListAnswer:
    """One A record a DNS list answers with, and what it says.

    ``error`` marks the list's own error answers (a refused query, a typing error in the zone):
    they say nothing about the address asked for and must never count as a listing.
    """

    code: str  # e.g. "127.0.0.4"; for a bitmask list, the bit's value, e.g. "127.0.0.8"
    meaning: str  # what a listing with this code says; for an error, why nothing is known
    part: str = ""  # the sub-list of a combined zone that answered, e.g. "XBL"
    fix: str = ""  # what clears this kind of listing, when it differs from the list's usual fix
    error: bool = False


@dataclass(frozen=True, slots=True)
class Blocklist:
    """A DNS blocklist or reputation service that a rejection can name."""

    key: str  # stable identifier, e.g. "spamhaus-xbl"
    name: str  # human name, e.g. "Spamhaus XBL"
    lists: str  # "ip" or "domain": what the list is keyed on
    meaning: str  # what a listing says about the sender
    delist_url: str
    markers: tuple[str, ...]  # lowercase phrases that name this list in a reply
    examples: tuple[str, ...]  # real reply texts naming it
    zone: str | None = None  # the DNS zone to query, for lists that answer public queries
    answers: tuple[ListAnswer, ...] = ()  # the zone's documented answer codes, errors included
    bitmask: bool = False  # answers are 127.0.0.N with one bit of N per sub-list (SURBL, URIBL)
    ipv6: bool = False  # the zone answers IPv6 addresses (reversed nibbles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "zone": self.zone,
            "name": self.name,
            "lists": self.lists,
            "meaning": self.meaning,
            "delist_url": self.delist_url,
        }


@dataclass(frozen=True, slots=True)
class Provider:
    """A mailbox provider or filtering service whose replies have their own rules."""

    key: str  # e.g. "google"
    name: str  # e.g. "Gmail / Google Workspace"
    host_suffixes: tuple[str, ...]  # lowercase MX host name suffixes, e.g. ".google.com"
    markers: tuple[str, ...]  # lowercase phrases that only this provider's replies contain
    docs_url: str


@dataclass(frozen=True, slots=True)
class Rule:
    """Maps reply text to a reason. Rules are data: each carries real example replies.

    ``phrases`` are lowercase patterns matched against the reply text after it is lowercased and
    its whitespace collapsed; ``*`` stands for any run of text. A rule matches when any one of
    its phrases does and its optional code conditions hold.
    """

    id: str
    reason: Reason
    phrases: tuple[str, ...]
    examples: tuple[str, ...]
    # The enhanced status codes (prefixes such as "5.7." or exact "5.7.26") or reply codes
    # ("421", "5") the rule is limited to; empty means any.
    statuses: tuple[str, ...] = ()
    replycodes: tuple[str, ...] = ()
    # Overrides of what the reason alone implies, for replies whose meaning is narrower.
    owner: Owner | None = None
    verdict: Verdict | None = None
    no_verdict: bool = False  # the reply says nothing about the address
    retry: Retry | None = None
    # A one-sentence explanation specific to this reply, and the steps specific to it; the
    # reason's generic steps follow them.
    summary: str | None = None
    # The headline's clause where the reason's own would mislead ("the receiving server
    # refuses your IP" for a receiver whose blocklist lookups fail).
    headline: str | None = None
    actions: tuple[Action, ...] = ()
    docs_url: str | None = None
    # Higher wins when several rules match; provider rules always beat generic ones.
    priority: int = 0
    provider: str | None = None  # filled in from the provider module that declares the rule


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why the diagnosis came out as it did."""

    source: str  # "provider rule", "rule", "status code", "reply code", "none"
    rule_id: str | None
    matched: str | None  # the phrase or code that matched
    detail: str  # a sentence a person can read

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "rule": self.rule_id,
            "matched": self.matched,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """Everything bouncekit can tell about one rejection of one recipient."""

    reason: Reason
    owner: Owner
    hard: bool
    retry: Retry
    verdict: Verdict | None
    headline: str
    summary: str
    replycode: str | None
    status: str | None
    status_meaning: str | None
    command: Command | None
    text: str  # the reply text as given, continuation prefixes removed
    recipient: str | None = None
    remote_host: str | None = None
    remote_ip: str | None = None
    sender_ip: str | None = None  # an IP address named in the reply: usually the sender's
    provider: Provider | None = None
    blocklists: tuple[Blocklist, ...] = ()
    urls: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    evidence: Evidence = field(
        default_factory=lambda: Evidence("none", None, None, "Nothing matched.")
    )
    actions: tuple[Action, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary; the shape of the CLI's ``--json`` and the HTTP API."""
        return {
            "reason": self.reason.value,
            "owner": self.owner.value,
            "hard": self.hard,
            "retry": self.retry.value,
            "verdict": self.verdict.value if self.verdict else None,
            "headline": self.headline,
            "summary": self.summary,
            "replycode": self.replycode,
            "status": self.status,
            "status_meaning": self.status_meaning,
            "command": self.command.value if self.command else None,
            "text": self.text,
            "recipient": self.recipient,
            "remote_host": self.remote_host,
            "remote_ip": self.remote_ip,
            "sender_ip": self.sender_ip,
            "provider": self.provider.key if self.provider else None,
            "provider_name": self.provider.name if self.provider else None,
            "blocklists": [b.to_dict() for b in self.blocklists],
            "urls": list(self.urls),
            "addresses": list(self.addresses),
            "evidence": self.evidence.to_dict(),
            "actions": [a.to_dict() for a in self.actions],
        }
