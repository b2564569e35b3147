"""Judging: what a format read for one recipient, plus what its message says, into an event.

The format modules only read (:class:`~bouncekit.bounces.model.DecodedRecipient`); the reason,
owner, hard, retry and verdict are the explain engine's (:func:`judge_reply`), so a reply text
is judged the same way everywhere. This module adds what a bounce knows beyond its text (the
SMTP stage, the delivery state, a format's own reason) and builds the
:class:`~bouncekit.events.model.BounceEvent`. The dispatcher (``bounces/parse.py``) and
``explain`` call :func:`judge_recipient`; a log or webhook source will too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from bouncekit.bounces.model import DecodedRecipient
from bouncekit.events.model import BounceEvent, EventSource
from bouncekit.events.pseudo_status import pseudo_code
from bouncekit.replies import codes
from bouncekit.replies.classify import Judgement, judge_reply
from bouncekit.replies.model import Command, Owner, Reason
from bouncekit.replies.parse import ParsedReply, parse_reply

__all__ = ["RETRIED_REASONS", "MessageContext", "judge_recipient"]

# RSET is the mailbox probe's stage between transactions; a bounce "in reply to RSET" keeps the
# stage its reply text gives, as the reason rules were written against.
_COMMANDS = {command.value: command for command in Command if command is not Command.RSET}
_NO_STATUS_REASONS = frozenset({Reason.FEEDBACK, Reason.VACATION})


@dataclass(frozen=True, slots=True)
class MessageContext:
    """What the message (or other source) tells about every recipient it reports.

    ``original`` holds the ``message-id``, ``from`` and ``subject`` of the bounced message
    where the bounce returns them; ``date`` is the bounce's own ``Date`` (the events'
    ``report_date``: their time when a recipient's fields give none). ``envelope_sender``
    gives the envelope sender of the bounced message, where known: a reply that names it, and
    not the recipient, is about the sender's address. It is called only for such replies
    (reading it costs a header parse).
    """

    decoded_by: str  # the name of the format (or reader) that decoded the recipients
    source: EventSource
    original: Mapping[str, str] = field(default_factory=dict)
    date: str | None = None
    envelope_sender: Callable[[], str | None] | None = None


def _specific(status: str) -> bool:
    """A failure status that names its subject and detail: not X.0.y nor X.y.0 (nor 2.y.z)."""
    if not codes.is_status(status) or status[0] == "2":
        return False
    _, subject, detail = status.split(".")
    return len(subject) == 1 and subject != "0" and detail[0] != "0"


def _choose_status(declared: str | None, in_text: str | None) -> str | None:
    """The status: the reply text's when it is specific, else the DSN's ``Status`` field.

    The remote server's own code ("550 5.1.1 ...") says more than the status the reporting
    MTA chose for the whole failure, unless it is an unspecific X.0.0 (Sisimai::Fact).
    """
    declared = declared if declared and codes.is_status(declared) else None
    if in_text and _specific(in_text):
        return in_text
    if declared and not declared.endswith(".0.0"):
        return declared
    if in_text and (declared is None or in_text[0] == declared[0]):
        return in_text
    return declared


def _judge_text(
    reply: ParsedReply, recipient: str, envelope_sender: Callable[[], str | None] | None
) -> Judgement:
    """The engine's judgement of the text; again with the envelope sender when the reply
    condemns the recipient and names that sender (read only then: most replies do not)."""
    judged = judge_reply(reply, recipient)
    if judged.owner is not Owner.RECIPIENT or envelope_sender is None:
        return judged
    context = reply.context
    if context.count("@") <= context.count(recipient):
        return judged  # it names no address but the recipient's: the common case
    sender = envelope_sender()
    if sender is None or sender.lower() not in context.lower():
        return judged
    return judge_reply(reply, recipient, sender=sender)


def _judge(
    decoded: DecodedRecipient,
    decoded_by: str,
    envelope_sender: Callable[[], str | None] | None,
) -> tuple[ParsedReply, Judgement]:
    reply = parse_reply(decoded.diagnostic, require_code=False)
    if reply is None:  # cannot happen without require_code; keeps the types honest
        raise AssertionError(decoded.diagnostic)
    status = _choose_status(decoded.status, reply.status)
    replycode = (
        decoded.replycode if decoded.replycode and codes.is_replycode(decoded.replycode) else None
    )
    replycode = replycode or reply.replycode
    if replycode and status and replycode[0] != status[0]:
        replycode = None  # "554" beside "4.0.0": one of them is wrong; the status is kept
    command = reply.command
    if decoded.command and (named := _COMMANDS.get(decoded.command.upper())) is not None:
        command = named
    reply = ParsedReply(  # built whole: dataclasses.replace costs more than the parse
        text=reply.text,
        context=reply.context,
        replycode=replycode,
        status=status,
        command=command,
        remote_host=reply.remote_host or decoded.remote_mta,
        remote_ip=reply.remote_ip,
    )
    if decoded.reason is None:
        judged = _judge_text(reply, decoded.recipient, envelope_sender)
        return reply, _refine(judged, reply, decoded)
    if decoded.reason in RETRIED_REASONS:
        # The format's reason is a default the text can overrule (Sisimai::Reason->retry).
        from_text = _judge_text(reply, decoded.recipient, envelope_sender)
        if from_text.evidence.source in _FROM_TEXT and from_text.reason in _FIRST_PASS:
            return reply, from_text
    known = (decoded.reason, f"The {decoded_by} format says {decoded.reason}.")
    return reply, judge_reply(reply, decoded.recipient, known_reason=known)


def _refine(judgement: Judgement, reply: ParsedReply, decoded: DecodedRecipient) -> Judgement:
    """What a bounce adds to the judgement of its text: the SMTP stage and the delivery state.

    - "User unknown" said after the recipient was accepted (at DATA) and without a status that
      means a bad mailbox is a filter's wording: ``filtered`` (Sisimai's Reason::Filtered).
      Not when a local program says it (X-Unix, X-Postfix: "mail.local: unknown user"): the
      mailbox is missing at delivery, after any SMTP stage.
    - A failure no rule explains is ``expired`` when the report says it is still delayed, and
      ``onhold`` when there is text to read but no rule for it (Sisimai::Reason->get).
    """
    reason = judgement.reason
    local_program = decoded.diagnostic_type in ("x-unix", "x-postfix")
    if reason is Reason.USERUNKNOWN and judgement.evidence.source == "rule" and not local_program:
        status_reason = codes.status_reason(reply.status) if reply.status else None
        stage = reply.command
        before_data = stage in _BEFORE_DATA
        if status_reason not in (Reason.USERUNKNOWN, Reason.SUSPEND) and not before_data:
            return _again(judgement, reply, decoded, Reason.FILTERED, _FILTERED_WHY)
    if decoded.action == "delayed" and judgement.evidence.source in _FROM_CODE:
        # Only a code said what it is, and the report says it is still being retried.
        return _again(judgement, reply, decoded, Reason.EXPIRED, _EXPIRED_WHY)
    if reason is Reason.UNDEFINED:
        if local_program:
            return _again(judgement, reply, decoded, Reason.MAILERERROR, _MAILER_WHY)
        if decoded.action == "delayed":
            return _again(judgement, reply, decoded, Reason.EXPIRED, _EXPIRED_WHY)
        if reply.command in (Command.HELO, Command.EHLO):
            return _again(judgement, reply, decoded, Reason.BLOCKED, _GREETING_WHY)
        if decoded.diagnostic.strip():
            return _again(judgement, reply, decoded, Reason.ONHOLD, _ONHOLD_WHY)
    return judgement


def _again(
    judgement: Judgement, reply: ParsedReply, decoded: DecodedRecipient, reason: Reason, why: str
) -> Judgement:
    detail = f"{judgement.evidence.detail} {why}"
    return judge_reply(reply, decoded.recipient, known_reason=(reason, detail))


_FROM_TEXT = frozenset({"rule", "provider rule"})
_FROM_CODE = frozenset({"status code", "reply code"})
_BEFORE_DATA = frozenset({Command.CONNECT, Command.HELO, Command.EHLO, Command.MAIL, Command.RCPT})
_FILTERED_WHY = (
    "The recipient was refused after RCPT was accepted, without a bad-mailbox status: a filter, "
    "not a missing mailbox."
)
_EXPIRED_WHY = "No rule explains it and the report says delivery is still being retried."
_ONHOLD_WHY = "No rule explains the text: the failure is on hold until someone reads it."
_MAILER_WHY = "No rule explains it and the error comes from a local program (X-Unix)."
_GREETING_WHY = "No rule explains it and the server refused the greeting (HELO/EHLO)."
# Reasons a format states as a default (Sisimai::Reason->retry), and the reasons a text rule
# can overrule them with (the first pass of Sisimai::Reason->get).
RETRIED_REASONS = frozenset(
    {
        Reason.UNDEFINED,
        Reason.ONHOLD,
        Reason.SYSTEMERROR,
        Reason.SECURITYERROR,
        Reason.NETWORKERROR,
        Reason.HOSTUNKNOWN,
        Reason.USERUNKNOWN,
    }
)
_FIRST_PASS = frozenset(
    {
        Reason.MAILBOXFULL,
        Reason.MESGTOOBIG,
        Reason.EXCEEDLIMIT,
        Reason.SUSPEND,
        Reason.HASMOVED,
        Reason.NORELAYING,
        Reason.USERUNKNOWN,
        Reason.FILTERED,
        Reason.REJECTED,
        Reason.HOSTUNKNOWN,
        Reason.SPAMDETECTED,
        Reason.TOOMANYCONN,
        Reason.BLOCKED,
        # added to that pass by Sisimai 5
        Reason.REQUIREPTR,
        Reason.AUTHFAILURE,
        Reason.BADREPUTATION,
        Reason.NOTCOMPLIANTRFC,
        Reason.SPEEDING,
    }
)


def judge_recipient(index: int, decoded: DecodedRecipient, context: MessageContext) -> BounceEvent:
    """Judge what a format read for one recipient (the ``index``-th of its message) into an
    event: the explain engine gives the reason, owner, hard, retry and verdict."""
    reply, judgement = _judge(decoded, context.decoded_by, context.envelope_sender)
    reason = judgement.reason
    temporary = (reply.replycode or reply.status or "5").startswith("4") or (
        decoded.action == "delayed"
    )
    status = reply.status
    if status is None and reason not in _NO_STATUS_REASONS:
        if reason is Reason.DELIVERED:
            status = "2.0.0"
        else:
            status = pseudo_code(reason, "4" if temporary else "5")
    action = decoded.action
    if action is None and reason not in _NO_STATUS_REASONS:
        action = "delivered" if reason is Reason.DELIVERED else "delayed" if temporary else "failed"
    original = context.original
    return BounceEvent(
        source=context.source,
        index=index,
        recipient=decoded.recipient,
        original_recipient=decoded.original_recipient,
        reported_action=action,
        status=status,
        replycode=reply.replycode,
        diagnostic=" ".join(decoded.diagnostic.split()),
        command=reply.command,
        remote_mta=decoded.remote_mta or reply.remote_host,
        reporting_mta=decoded.reporting_mta,
        date=decoded.date,
        reason=reason,
        owner=judgement.owner,
        hard=judgement.hard,
        retry=judgement.retry,
        verdict=judgement.verdict,
        provider=judgement.provider.key if judgement.provider is not None else None,
        rule_id=judgement.evidence.rule_id,
        decoded_by=context.decoded_by,
        message_id=original.get("message-id"),
        sender=original.get("from"),
        subject=original.get("subject"),
        feedback_type=decoded.feedback_type,
        report_date=context.date,
        judgement=judgement,
    )
