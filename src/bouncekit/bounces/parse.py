"""``parse_bounce``: one message in, one judged record per recipient out.

This is the dispatcher: it finds the format that reads the message and hands each recipient
it decoded, with what the message says about all of them, to the judging
(:mod:`bouncekit.events.judge`), which makes the events.
"""

from __future__ import annotations

import functools
import re

from bouncekit.bounces import address
from bouncekit.bounces.formats import formats, notice
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail, decode_header, read_mail
from bouncekit.bounces.model import BounceKind, BounceRecord, BounceReport, DecodedRecipient
from bouncekit.events.judge import MessageContext, judge_recipient
from bouncekit.events.model import EventSource, SourceKind
from bouncekit.replies.model import Reason

_ORIGINAL_HEADER = re.compile(r"^(message-id|from|subject):[ \t]*(.*)$", re.IGNORECASE | re.M)
_ORIGINAL_NAMES = ("message-id:", "from:", "subject:")


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


def parse_mail(mail: Mail, source: EventSource | str | None = None) -> BounceReport:
    """Dispatch a parsed message to the first format that reads it, then judge each record.

    A format that reads no address at all has read nothing: the next one gets the message.
    ``source`` says where the message was found: a path (a file source), or any
    :class:`EventSource`.
    """
    if not isinstance(source, EventSource):
        source = EventSource(SourceKind.FILE, source)
    for bounce_format in formats():
        if not bounce_format.matches(mail):
            continue
        decoded = bounce_format.decode(mail)
        if not decoded:
            continue
        decoded = _distinct(_addressed(decoded))
        if not decoded:
            continue
        context = MessageContext(
            decoded_by=bounce_format.name,
            source=source,
            original=_original_headers(mail),
            date=mail.header("date") or None,
            # Read only for a record whose reply may be about it (events.judge): rarely.
            envelope_sender=functools.partial(_envelope_sender, mail),
        )
        records = tuple(
            judge_recipient(index, recipient, context) for index, recipient in enumerate(decoded, 1)
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


def parse_bounce(data: bytes, *, source: EventSource | str | None = None) -> BounceReport:
    """Parse one message (bytes, any line ending, any charset) into a :class:`BounceReport`.

    ``source`` names where the message came from: a path (then the records' ``file``), or an
    :class:`~bouncekit.events.model.EventSource` of another kind (an IMAP folder's message).
    """
    return parse_mail(read_mail(data), source)
