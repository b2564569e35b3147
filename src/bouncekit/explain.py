"""``explain``: whatever a person pastes, one diagnosis per rejection in it.

The input can be a reply line, a multi-line reply, an MTA log fragment, a ``Diagnostic-Code``
field, a delivery-status part, or a whole bounce message (then one diagnosis per failed
recipient). Full bounce parsing, with every MTA's format, lives in :mod:`bouncekit.bounces`;
here a message is read only as far as its delivery-status fields and its human-readable text.
"""

from __future__ import annotations

import dataclasses
import email
import email.message
import re
from collections.abc import Iterator

from bouncekit.replies.classify import diagnose, rulebook
from bouncekit.replies.model import Diagnosis
from bouncekit.replies.parse import parse_reply, split_replies

_HEADER_LINE = re.compile(r"^(?:From |[A-Za-z][A-Za-z0-9-]*:[ \t])")
_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$")
# Where a bounce's copy of the original message starts: addresses after it are not recipients.
_ORIGINAL_COPY = re.compile(
    r"^(?:-+ ?(?:this is a copy of|below this line is a copy|original message)"
    r"|-+ ?original message follows"
    r"|content-type: (?:message/rfc822|text/rfc822-headers))",
    re.IGNORECASE | re.MULTILINE,
)
_MAX_INPUT = 2_000_000  # characters: a pasted reply is never this long; keep work bounded


def _looks_like_message(text: str) -> bool:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    return bool(_HEADER_LINE.match(first)) and "\n\n" in text.replace("\r\n", "\n")


def _unfold_blocks(text: str) -> Iterator[dict[str, str]]:
    """RFC 3464 field groups: blocks of ``Name: value`` lines separated by blank lines."""
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        fields: dict[str, str] = {}
        name: str | None = None
        for line in block.split("\n"):
            if line[:1] in (" ", "\t") and name:
                fields[name] += " " + line.strip()
                continue
            match = _FIELD.match(line)
            if match:
                name = match.group(1).lower()
                fields.setdefault(name, match.group(2).strip())
            else:
                name = None
        if fields:
            yield fields


def _after_type(value: str) -> str:
    """``rfc822; a@b`` -> ``a@b``; ``smtp; 550 ...`` -> ``550 ...``."""
    kind, sep, rest = value.partition(";")
    return rest.strip() if sep and " " not in kind.strip() else value.strip()


def _from_delivery_status(text: str) -> list[Diagnosis]:
    diagnoses = []
    for fields in _unfold_blocks(text):
        recipient_field = fields.get("final-recipient") or fields.get("original-recipient")
        if not recipient_field:
            continue
        action = fields.get("action", "").lower()
        if action in ("delivered", "relayed", "expanded"):
            continue
        recipient = _after_type(recipient_field).strip("<>")
        context = _after_type(fields.get("diagnostic-code", ""))
        if fields.get("remote-mta"):
            context += f"\nRemote-MTA: {fields['remote-mta']}"
        reply = parse_reply(context) if context.strip() else None
        status = fields.get("status", "").split()[0] if fields.get("status") else None
        if reply is None and status:
            reply = parse_reply(status + " " + context)
        if reply is None:
            words = _diagnose_words(context, recipient) if context.strip() else None
            if words is not None:
                diagnoses.append(words)
            continue
        if reply.status is None and status and re.fullmatch(r"[245]\.\d{1,3}\.\d{1,3}", status):
            reply = dataclasses.replace(reply, status=status)
        diagnoses.append(diagnose(reply, recipient=recipient))
    return diagnoses


def _message_text(message: email.message.Message) -> tuple[str, str]:
    """The human-readable text and the delivery-status text of a message."""
    human: list[str] = []
    delivery: list[str] = []
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type in ("message/rfc822", "text/rfc822-headers"):
            break  # the returned original: never a source of recipients
        if content_type == "message/delivery-status":
            payload = part.get_payload()
            if isinstance(payload, list):
                delivery.append("\n\n".join(str(sub) for sub in payload))
            else:
                delivery.append(str(payload))
        elif part.get_content_maintype() == "text":
            raw = part.get_payload(decode=True)
            if isinstance(raw, bytes):
                charset = part.get_content_charset() or "utf-8"
                try:
                    human.append(raw.decode(charset, errors="replace"))
                except LookupError:
                    human.append(raw.decode("utf-8", errors="replace"))
    return "\n".join(human), "\n".join(delivery)


def _diagnose_words(text: str, recipient: str | None = None) -> Diagnosis | None:
    """A failure told without any code is explained only when a rule recognises its words."""
    reply = parse_reply(text, require_code=False)
    if reply is None:
        return None
    diagnosis = diagnose(reply, recipient=recipient)
    rule_id = diagnosis.evidence.rule_id
    # Weak phrases (a bare "rejected") are too common in prose to stand without a code.
    if rule_id is None or rulebook().by_id[rule_id].priority < 0:
        return None
    return diagnosis


def _from_human_text(text: str) -> list[Diagnosis]:
    copy = _ORIGINAL_COPY.search(text)
    if copy:
        text = text[: copy.start()]
    diagnoses = []
    for chunk in split_replies(text):
        reply = parse_reply(chunk)
        diagnosis = diagnose(reply) if reply is not None else _diagnose_words(chunk)
        if diagnosis is not None:
            diagnoses.append(diagnosis)
    return diagnoses


def explain(text: str) -> list[Diagnosis]:
    """Explain every SMTP rejection in ``text``; an empty list when it holds none."""
    text = text[:_MAX_INPUT].replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return []
    if _looks_like_message(text):
        message = email.message_from_string(text)
        human, delivery = _message_text(message)
        if not delivery and "final-recipient:" in human.lower():
            delivery = human
        found = _from_delivery_status(delivery) if delivery else []
        found = found or _from_human_text(human)
        if found:
            return found
        # Not a message after all, or one whose headers hold the reply (a pasted
        # "Diagnostic-Code: ..." field followed by more text): read it as plain text.
    if "final-recipient:" in text.lower():
        found = _from_delivery_status(text)
        if found:
            return found
    return _from_human_text(text)
