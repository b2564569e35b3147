"""``explain``: whatever a person pastes, one diagnosis per rejection in it.

The input can be a reply line, a multi-line reply, an MTA log fragment, a ``Diagnostic-Code``
field, delivery-status fields, or a whole bounce message: then the bounce parser reads it (every
format it knows) and each failed recipient gets its diagnosis.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bouncekit.replies.classify import diagnose, rulebook
from bouncekit.replies.model import Diagnosis, Reason
from bouncekit.replies.parse import parse_reply, split_replies

if TYPE_CHECKING:
    from bouncekit.events.model import BounceEvent

_HEADER_LINE = re.compile(r"^(?:From |[A-Za-z][A-Za-z0-9-]*:[ \t])")
# Where a bounce's copy of the original message starts: addresses after it are not recipients.
_ORIGINAL_COPY = re.compile(
    r"^(?:-+ ?(?:this is a copy of|below this line is a copy|original message)"
    r"|-+ ?original message follows"
    r"|content-type: (?:message/rfc822|text/rfc822-headers))",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_REJECTIONS = frozenset({Reason.DELIVERED, Reason.VACATION})
# Fields every message has and a pasted block of delivery-status fields has not: with any of
# them the text is a message, and its headers are not replies ("X-Spam-Status: No ...").
_MESSAGE_FIELDS = frozenset(
    {"from", "to", "subject", "date", "message-id", "received", "mime-version", "return-path"}
)


def _looks_like_message(text: str) -> bool:
    first = text.lstrip("\n").split("\n", 1)[0]
    return bool(_HEADER_LINE.match(first)) and "\n\n" in text


def _rejections(records: tuple[BounceEvent, ...] | list[BounceEvent]) -> list[Diagnosis]:
    return [
        record.diagnosis
        for record in records
        if record.diagnosis is not None and record.reason not in _NOT_REJECTIONS
    ]


def _diagnose_words(text: str) -> Diagnosis | None:
    """A failure told without any code is explained only when a rule recognises its words."""
    reply = parse_reply(text, require_code=False)
    if reply is None:
        return None
    diagnosis = diagnose(reply)
    rule_id = diagnosis.evidence.rule_id
    if rule_id is None:
        return None
    # Weak phrases (a bare "rejected") are too common in prose to stand without a code. A
    # concept (replies/concepts.py: a subject and its predicate in one clause) is no rule here
    # and stands: "the recipient's mailbox is full" says what it says.
    rule = rulebook().by_id.get(rule_id)
    if rule is not None and rule.priority < 0:
        return None
    return diagnosis


def _from_human_text(text: str, *, words: bool = True) -> list[Diagnosis]:
    """Each reply in the text; with ``words``, also each failure told in words alone."""
    copy = _ORIGINAL_COPY.search(text)
    if copy:
        text = text[: copy.start()]
    diagnoses = []
    for chunk in split_replies(text):
        reply = parse_reply(chunk)
        if reply is not None:
            diagnosis: Diagnosis | None = diagnose(reply)
        else:
            diagnosis = _diagnose_words(chunk) if words else None
        if diagnosis is not None:
            diagnoses.append(diagnosis)
    return diagnoses


def explain(text: str) -> list[Diagnosis]:
    """Explain every SMTP rejection in ``text``; an empty list when it holds none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return []
    # The bounce parser is imported only for input that needs it: a reply line does not.
    if _looks_like_message(text):
        from bouncekit.bounces.formats import notice
        from bouncekit.bounces.mail import read_mail
        from bouncekit.bounces.parse import parse_mail

        mail = read_mail(text.encode("utf-8", errors="surrogateescape"))
        found = _rejections(parse_mail(mail).records)
        if found:
            return found
        is_message = not _MESSAGE_FIELDS.isdisjoint(mail.headers)
        # A message that no format reads may still be a notice (a mail system wrote it), or
        # may quote one (a forwarded reply). The words of a notice tell its failure; those of
        # other mail are about anything ("SpamAssassin", "rejected"): only replies count.
        found = _from_human_text(mail.human, words=not is_message or notice.matches(mail))
        if found or is_message:
            return found
        # Not a message after all, or a pasted "Diagnostic-Code: ..." field followed by more
        # text: the fields hold the reply. Read it as plain text.
    if "final-recipient:" in text.lower():
        from bouncekit.bounces import dsn
        from bouncekit.bounces.formats import rfc3464
        from bouncekit.events.judge import MessageContext, judge_recipient
        from bouncekit.events.model import EventSource, SourceKind

        # Fields alone: read as the RFC 3464 format reads them, with no message around them
        # (no original headers, no date, no envelope sender).
        pasted = MessageContext(rfc3464.FORMAT.name, EventSource(SourceKind.EXPLAIN))
        records = [
            judge_recipient(index, decoded, pasted)
            for index, decoded in enumerate(dsn.recipients(text), 1)
        ]
        found = _rejections(records)
        if found:
            return found
    return _from_human_text(text)
