"""The records of address verification: options in, one result per address out.

A verdict says whether to send (``deliverable``), to be careful (``risky``), to drop the address
(``invalid``), or that nothing could be learnt (``unknown``); the reason says why, in one word a
program can act on, and the checks say what each step found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bouncekit.replies.model import Verdict
from bouncekit.status import Status


class VerifyReason(StrEnum):
    """Why an address got its verdict (the first that decided it)."""

    ACCEPTED = "accepted"  # the mailbox server accepted RCPT TO
    CATCH_ALL = "catch_all"  # accepted, but so is a random address at that domain
    MAILBOX_NOT_FOUND = "mailbox_not_found"
    MAILBOX_FULL = "mailbox_full"
    DISABLED = "disabled"
    SYNTAX = "syntax"
    NO_MX = "no_mx"  # the domain does not exist or has no mail server
    NULL_MX = "null_mx"  # RFC 7505: the domain says it accepts no mail
    DISPOSABLE = "disposable"
    ROLE = "role"
    GREYLISTED = "greylisted"  # still greylisted when the waiting time ran out
    BLOCKED_VERIFIER = "blocked_verifier"  # the server refused the verifier, not the address
    TIMEOUT = "timeout"
    DNS_ERROR = "dns_error"  # SERVFAIL or no answer: nothing learnt
    PRIVATE_NETWORK = "private_network"  # the mail hosts are on a private network: not asked
    SMTP_ERROR = "smtp_error"  # a refusal that says nothing about the mailbox
    NOT_CHECKED = "not_checked"  # offline: syntax and lists only
    SUPPRESSED = "suppressed"  # on the store's suppression list: not checked again


@dataclass(frozen=True, slots=True)
class KnownSuppression:
    """What the store knows of an address on its suppression list (the seam verify_rows
    takes: verify itself does not open a store)."""

    reason: str  # the suppression's reason: hard, complaint, soft_threshold, manual...
    since: str  # when, ISO 8601
    event_id: str | None  # the event that caused it, where one did

    @property
    def gone(self) -> bool:
        """Whether the list says the address itself is gone (a hard bounce, or a
        verification that found it invalid), not only that it must not be mailed."""
        return self.reason in ("hard", "verify_invalid")


@dataclass(frozen=True, slots=True)
class Check:
    """One step of the verification and what it found."""

    name: str  # "syntax", "duplicate", "typo", "disposable", "role", "free", "mx", "smtp"
    status: Status  # the one vocabulary of check-sender's findings too
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "status": self.status.value, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class VerifyOptions:
    """How to verify. The defaults are polite to the servers asked."""

    offline: bool = False  # syntax, duplicates, typos and lists only: no DNS, no SMTP
    concurrency: int = 20  # SMTP sessions open at once, in all
    per_host: int = 2  # SMTP sessions open at once to one MX host
    helo: str = "localhost"  # the name the verifier gives in EHLO/HELO
    mail_from: str = ""  # the envelope sender of the probe; "" is the null sender
    smtp_port: int = 25
    proxy: str | None = None  # socks5://HOST:PORT
    allow_private: bool = False  # may MX hosts resolve to private, loopback, link-local addresses
    connect_timeout: float = 10.0
    command_timeout: float = 30.0
    session_limit: int = 50  # RCPT TO commands in one SMTP session before a new one
    greylist_retry_after: float = 300.0  # seconds before the first retry of a greylisted address
    greylist_max_wait: float = 900.0  # after this much waiting a greylisted address is unknown
    catch_all_probe: bool = True  # ask one random never-existing address per domain
    transcript: bool = False  # keep the SMTP dialogue of each address


@dataclass(frozen=True, slots=True)
class VerifyResult:
    """Everything learnt about one address."""

    input: str  # as given
    address: str  # normalised: trimmed, domain lowercased and in IDNA form; "" if unusable
    verdict: Verdict
    reason: VerifyReason
    detail: str  # one sentence a person can read
    suggestion: str | None = None  # the likely intended address, when the domain looks mistyped
    duplicate_of: str | None = None  # the earlier input this one is the same mailbox as
    disposable: bool = False
    role: bool = False
    free: bool = False
    mx: tuple[str, ...] = ()
    smtp_reply: str | None = None
    checks: tuple[Check, ...] = ()
    seconds: float = 0.0
    transcript: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "address": self.address,
            "verdict": self.verdict.value,
            "reason": self.reason.value,
            "detail": self.detail,
            "suggestion": self.suggestion,
            "duplicate_of": self.duplicate_of,
            "disposable": self.disposable,
            "role": self.role,
            "free": self.free,
            "mx": list(self.mx),
            "smtp_reply": self.smtp_reply,
            "checks": [check.to_dict() for check in self.checks],
            "seconds": round(self.seconds, 3),
            "transcript": list(self.transcript),
        }
