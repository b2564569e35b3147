"""``parse_bounce``: one message in, one judged record per recipient out.

The format modules only read; the judging (reason, owner, hard, verdict) is the explain
engine's, so a reply text is judged the same way everywhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from bouncekit.bounces import address
from bouncekit.bounces.formats import formats, notice
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail, decode_header, read_mail
from bouncekit.bounces.model import BounceKind, BounceRecord, BounceReport, DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.classify import Judgement, judge_reply
from bouncekit.replies.model import Command, Owner, Reason
from bouncekit.replies.parse import ParsedReply, parse_reply

_ORIGINAL_HEADER = re.compile(r"^(message-id|from|subject):[ \t]*(.*)$", re.IGNORECASE | re.M)
_ORIGINAL_NAMES = ("message-id:", "from:", "subject:")
# RSET is the mailbox probe's stage between transactions; a bounce "in reply to RSET" keeps the
# stage its reply text gives, as the reason rules were written against.
_COMMANDS = {command.value: command for command in Command if command is not Command.RSET}

# Sisimai's convention for a bounce that carries no status code: a pseudo status made from the
# reason, so that every record has one and results compare (Sisimai::SMTP::Status::code).
PSEUDO_STATUS: dict[Reason, str] = {
    Reason.BLOCKED: "971",
    Reason.CONTENTERROR: "960",
    Reason.EXCEEDLIMIT: "923",
    Reason.EXPIRED: "947",
    Reason.FILTERED: "910",
    Reason.HASMOVED: "916",
    Reason.HOSTUNKNOWN: "912",
    Reason.MAILBOXFULL: "922",
    Reason.MAILERERROR: "939",
    Reason.MESGTOOBIG: "934",
    Reason.NETWORKERROR: "944",
    Reason.NORELAYING: "909",
    Reason.NOTACCEPT: "932",
    Reason.ONHOLD: "901",
    Reason.POLICYVIOLATION: "972",
    Reason.REJECTED: "918",
    Reason.REQUIREPTR: "973",
    Reason.SECURITYERROR: "970",
    Reason.SPAMDETECTED: "980",
    Reason.SUSPEND: "921",
    Reason.SYSTEMERROR: "930",
    Reason.SYSTEMFULL: "931",
    Reason.SYNTAXERROR: "902",
    Reason.TOOMANYCONN: "945",
    Reason.USERUNKNOWN: "911",
    Reason.UNDEFINED: "900",
    Reason.VIRUSDETECTED: "971",
}
_NO_STATUS_REASONS = frozenset({Reason.FEEDBACK, Reason.VACATION})


def _original_headers(mail: Mail) -> dict[str, str]:
    """Message-ID, From and Subject of the bounced message, where the bounce returns them."""
    text = mail.original
    if not text:
        # Some formats quote the original in the text: take the last block that has headers.
        index = max(mail.body.rfind("\nMessage-I"), mail.body.rfind("\nMessage-i"))
        text = mail.body[max(index - 2000, 0) : index + 2000] if index >= 0 else ""
    found: dict[str, str] = {}
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would shift
        for match in _ORIGINAL_HEADER.finditer(text):
            found.setdefault(match.group(1).lower(), decode_header(match.group(2)))
        return found
    # The first line of each name, as _ORIGINAL_HEADER finds it, with str.find: several times
    # faster than the regex.
    for name in _ORIGINAL_NAMES:
        if lowered.startswith(name):
            start = len(name)
        elif (at := lowered.find("\n" + name)) >= 0:
            start = at + 1 + len(name)
        else:
            continue
        end = text.find("\n", start)
        value = text[start : end if end >= 0 else len(text)]
        found[name[:-1]] = decode_header(value.lstrip(" \t"))
    return found


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


def judge(
    index: int,
    decoded: DecodedRecipient,
    decoded_by: str,
    original: dict[str, str],
    source: str | None = None,
    *,
    envelope_sender: Callable[[], str | None] | None = None,
) -> BounceRecord:
    """Judge what a format read for one recipient: the explain engine gives the reason.

    ``envelope_sender`` gives the envelope sender of the bounced message, where known: a reply
    that names it, and not the recipient, is about the sender's address.
    """
    reply, judgement = _judge(decoded, decoded_by, envelope_sender)
    reason = judgement.reason
    temporary = (reply.replycode or reply.status or "5").startswith("4") or (
        decoded.action == "delayed"
    )
    status = reply.status
    if status is None and reason not in _NO_STATUS_REASONS:
        if reason is Reason.DELIVERED:
            status = "2.0.0"
        else:
            status = f"{'4' if temporary else '5'}.0.{PSEUDO_STATUS.get(reason, '900')}"
    action = decoded.action
    if action is None and reason not in _NO_STATUS_REASONS:
        action = "delivered" if reason is Reason.DELIVERED else "delayed" if temporary else "failed"
    return BounceRecord(
        index=index,
        recipient=decoded.recipient,
        original_recipient=decoded.original_recipient,
        action=action,
        status=status,
        replycode=reply.replycode,
        diagnostic=" ".join(decoded.diagnostic.split()),
        command=reply.command.value if reply.command else None,
        remote_mta=decoded.remote_mta or reply.remote_host,
        reporting_mta=decoded.reporting_mta,
        date=decoded.date,
        reason=reason,
        owner=judgement.owner,
        hard=judgement.hard,
        verdict=judgement.verdict,
        decoded_by=decoded_by,
        message_id=original.get("message-id"),
        sender=original.get("from"),
        subject=original.get("subject"),
        feedback_type=decoded.feedback_type,
        file=source,
        judgement=judgement,
    )


def _kind(records: tuple[BounceRecord, ...]) -> BounceKind:
    reasons = {record.reason for record in records}
    if Reason.FEEDBACK in reasons:
        return BounceKind.FEEDBACK
    if reasons == {Reason.VACATION}:
        return BounceKind.VACATION
    if reasons == {Reason.DELIVERED}:
        return BounceKind.DELIVERED
    return BounceKind.FAILURE


def _distinct(decoded: list[DecodedRecipient]) -> list[DecodedRecipient]:
    """The records without exact repeats: a report that lists one recipient with the same
    words a thousand times (a broken or hostile message) is one failure, read once, not a
    thousand readings of the same text (found by bench/robustness.py)."""
    if len(decoded) < 2:
        return decoded
    return list(dict.fromkeys(decoded))


def _addressed(decoded: list[DecodedRecipient]) -> list[DecodedRecipient]:
    """The records with a clean address each (:func:`address.clean`); those without go.

    A recipient field that holds no address of its own (an X.400 name) gives way to the
    original recipient when that is one (RFC 3464 2.3.1; :mod:`dsn` cleans that field); a
    malformed address ("recipient@#example.net") is kept as written: it is what bounced.
    """
    is_clean = address.is_clean
    for record in decoded:
        if not is_clean(record.recipient):
            break
    else:
        return decoded  # the common case: nothing to rebuild
    kept = []
    for record in decoded:
        if not is_clean(record.recipient):
            recipient = (
                address.clean(record.recipient)
                or record.original_recipient
                or address.malformed(record.recipient)
            )
            if not recipient:
                continue
            record = revised(record, recipient=recipient)
        kept.append(record)
    return kept


def _envelope_sender(mail: Mail) -> str | None:
    """The envelope sender of the returned message: a bounce goes to it (RFC 3464 2)."""
    to = mail.header("to")
    bare = to.strip().strip("<>")  # most bounces: the address alone, perhaps in brackets
    return bare if address.is_clean(bare) else address.first(to)


def parse_mail(mail: Mail, source: str | None = None) -> BounceReport:
    """Dispatch a parsed message to the first format that reads it, then judge each record.

    A format that reads no address at all has read nothing: the next one gets the message.
    """
    for bounce_format in formats():
        if not bounce_format.matches(mail):
            continue
        decoded = bounce_format.decode(mail)
        if not decoded:
            continue
        decoded = _distinct(_addressed(decoded))
        if not decoded:
            continue
        original = _original_headers(mail)
        # Read only for a record whose reply may be about it (_judge_text): rarely.
        envelope_sender = functools.partial(_envelope_sender, mail)
        records = tuple(
            judge(
                index,
                recipient,
                bounce_format.name,
                original,
                source,
                envelope_sender=envelope_sender,
            )
            for index, recipient in enumerate(decoded, 1)
        )
        kind = _kind(records)
        return BounceReport(
            kind=kind,
            records=records,
            decoded_by=bounce_format.name,
            note=f"A {kind} report read by the {bounce_format.name} format.",
        )
    if notice.unaddressed_failure(mail):
        return BounceReport(
            kind=BounceKind.FAILURE,
            records=(),
            decoded_by=notice.FORMAT.name,
            note="A failure notice that names no recipient address (only a name, or none): "
            "it is a bounce, but whose cannot be read from it.",
        )
    return BounceReport(
        kind=BounceKind.NOT_BOUNCE,
        records=(),
        decoded_by=None,
        note="Not a bounce: no delivery status, failure text, complaint or auto-reply found.",
    )


def parse_bounce(data: bytes, *, source: str | None = None) -> BounceReport:
    """Parse one message (bytes, any line ending, any charset) into a :class:`BounceReport`.

    ``source`` names where the message came from (a path); it is the records' ``file``.
    """
    return parse_mail(read_mail(data), source)
