"""What one SMTP reply says about an address, read with the explain engine.

Every reply goes through :func:`bouncekit.replies.classify.diagnose`, so a probe reply is
judged exactly as the same text in a bounce would be. On top of that the probe needs three
things a bounce does not: greylisting is retried (not a verdict yet), a busy server is backed
off from, and anything aimed at the verifier itself (its IP on a blocklist, its reverse DNS,
its envelope sender, its rate) is ``unknown``/``blocked_verifier``, never ``invalid``: it says
nothing about the mailbox.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from enum import StrEnum

from bouncekit.replies.classify import diagnose
from bouncekit.replies.model import Command, Diagnosis, Owner, Reason, Verdict
from bouncekit.replies.parse import parse_reply
from bouncekit.smtp.reply import Reply
from bouncekit.verify.model import VerifyReason
from bouncekit.verify.smtp.session import stage_name

__all__ = ["Next", "ProbeVerdict", "judge_probe_reply"]

# Refusals that are about the client: its IP, name, reputation, authentication or rate.
VERIFIER_REASONS = frozenset(
    {
        Reason.BLOCKED,
        Reason.BADREPUTATION,
        Reason.REQUIREPTR,
        Reason.POLICYVIOLATION,
        Reason.SPEEDING,
        Reason.TOOMANYCONN,
        Reason.AUTHFAILURE,
        Reason.REJECTED,
        Reason.SECURITYERROR,
        Reason.FAILEDSTARTTLS,
        Reason.SPAMDETECTED,
        Reason.NORELAYING,
    }
)
# A refused RSET is read as the explain engine reads a refusal of the transaction: at MAIL.
_EXPLAINED_AS = {Command.RSET: Command.MAIL}
# "try again in 60 seconds", "retry after 5 minutes": the server says when to come back.
_RETRY_HINT = re.compile(
    r"(?:again|retry|back)\s+(?:in|after)\s+(\d{1,5})\s*(s|sec|second|m|min|minute)s?\b",
    re.IGNORECASE,
)


class Next(StrEnum):
    FINAL = "final"  # the verdict stands
    GREYLISTED = "greylisted"  # ask again after the greylisting delay
    BUSY = "busy"  # the server is busy or closing: back off and open a new session later


@dataclass(frozen=True, slots=True)
class ProbeVerdict:
    """What one reply to the probe says about the address, and what the probe does next."""

    next: Next
    verdict: Verdict
    reason: VerifyReason
    detail: str
    retry_after: float | None = None  # seconds, when the server named a delay


def judge_probe_reply(reply: Reply, stage: Command) -> ProbeVerdict:
    """Judge one reply given at ``stage``; a refusal before RCPT is never about the mailbox."""
    if reply.positive and stage is Command.RCPT:
        return ProbeVerdict(
            Next.FINAL, Verdict.DELIVERABLE, VerifyReason.ACCEPTED, "The server accepted RCPT TO."
        )
    diagnosis = _diagnose(reply, stage)
    said = f"The server answered {stage_name(stage)} with {reply.code}"
    explained = f"{said} ({diagnosis.reason.value}): {diagnosis.headline}"
    if _is_greylisting(reply, diagnosis):
        return ProbeVerdict(
            Next.GREYLISTED,
            Verdict.UNKNOWN,
            VerifyReason.GREYLISTED,
            f"{said}: greylisting.",
            _retry_hint(reply.text),
        )
    if reply.code == 421 or diagnosis.reason is Reason.TOOMANYCONN:
        reason = (
            VerifyReason.BLOCKED_VERIFIER
            if diagnosis.reason in VERIFIER_REASONS
            else VerifyReason.SMTP_ERROR
        )
        return ProbeVerdict(
            Next.BUSY,
            Verdict.UNKNOWN,
            reason,
            f"{explained} (busy or closing: backed off).",
            _retry_hint(reply.text),
        )
    if _aimed_at_verifier(diagnosis, stage):
        return ProbeVerdict(
            Next.FINAL,
            Verdict.UNKNOWN,
            VerifyReason.BLOCKED_VERIFIER,
            f"{explained} The refusal is aimed at the verifier, not the address.",
        )
    if stage is not Command.RCPT:
        return ProbeVerdict(Next.FINAL, Verdict.UNKNOWN, VerifyReason.SMTP_ERROR, explained)
    permanent = reply.code >= 500
    if diagnosis.reason is Reason.MAILBOXFULL:
        return ProbeVerdict(Next.FINAL, Verdict.RISKY, VerifyReason.MAILBOX_FULL, explained)
    if diagnosis.reason is Reason.SUSPEND:
        verdict = Verdict.INVALID if permanent else Verdict.UNKNOWN
        return ProbeVerdict(Next.FINAL, verdict, VerifyReason.DISABLED, explained)
    if permanent and diagnosis.verdict is Verdict.INVALID and diagnosis.owner is Owner.RECIPIENT:
        return ProbeVerdict(Next.FINAL, Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND, explained)
    return ProbeVerdict(Next.FINAL, Verdict.UNKNOWN, VerifyReason.SMTP_ERROR, explained)


def _diagnose(reply: Reply, stage: Command) -> Diagnosis:
    parsed = parse_reply(reply.text, require_code=False)
    assert parsed is not None  # require_code=False always gives a parse
    # The stage is known here, not guessed from the text.
    return diagnose(dataclasses.replace(parsed, command=_EXPLAINED_AS.get(stage, stage)))


def _is_greylisting(reply: Reply, diagnosis: Diagnosis) -> bool:
    if reply.code not in (450, 451):
        return False
    if diagnosis.evidence.rule_id == "common.greylisted" or "greylist" in reply.text.lower():
        return True
    # "451 4.7.1 Please try again later": a 4.7.x deferral that names no blocklist.
    status = diagnosis.status or ""
    return status.startswith("4.7.") and not diagnosis.blocklists


def _aimed_at_verifier(diagnosis: Diagnosis, stage: Command) -> bool:
    if diagnosis.blocklists or diagnosis.reason in VERIFIER_REASONS:
        return True
    if diagnosis.owner is Owner.SENDER and diagnosis.reason is not Reason.SYNTAXERROR:
        return True
    # Before RCPT nothing is about the mailbox: a refused greeting, EHLO or MAIL FROM that
    # the engine cannot place is still a refusal of the verifier's session.
    return stage is not Command.RCPT and diagnosis.reason in (Reason.UNDEFINED, Reason.USERUNKNOWN)


def _retry_hint(text: str) -> float | None:
    match = _RETRY_HINT.search(text)
    if match is None:
        return None
    seconds = float(match.group(1))
    return seconds * 60 if match.group(2).lower().startswith("m") else seconds
