"""A bounce message made ready for the format modules: decoded headers and a flat body.

The flat body follows Sisimai's idea (``Sisimai::RFC2045::makeflat``) so that a format module
reads text, not MIME: every text part decoded from its transfer encoding and charset, each part
introduced by its ``Content-Type:`` line, delivery-status and feedback-report parts as they are,
and the returned original message reduced to its headers. Attachments (images, archives, a
15 MB PDF) are never decoded: they cost nothing but the parse.
"""

from __future__ import annotations

import email.errors
import email.header
import email.message
import email.parser
import email.policy
import re
from dataclasses import dataclass, field

# Parts whose text the format modules read; anything else is skipped undecoded.
_REPORT_TYPES = frozenset(
    {
        "message/delivery-status",
        "message/global-delivery-status",
        "message/feedback-report",
        "message/disposition-notification",
        "text/rfc822-headers",
        "message/global-headers",
    }
)
_ORIGINAL_TYPES = frozenset({"message/rfc822", "message/global", "message/partial"})
_MAX_PART_TEXT = 512 * 1024  # characters of one text part: bounce texts are short
_ENCODED_WORD = re.compile(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=")
# Charsets whose names Python does not know under the label mailers use.
_CHARSET_ALIASES = {
    "x-sjis": "shift_jis",
    "sjis": "shift_jis",
    "shift-jis": "shift_jis",
    "x-euc-jp": "euc_jp",
    "ks_c_5601-1987": "cp949",
    "unicode-1-1-utf-7": "utf-7",
    "x-unknown": "latin-1",
    "unknown-8bit": "latin-1",
    "iso-2022-jp-2": "iso2022_jp_2",
    "cp932": "cp932",
}


def decode_bytes(raw: bytes, charset: str | None) -> str:
    """Bytes of a text part as text, whatever its label says; never raises."""
    name = (charset or "").strip().strip('"').lower()
    name = _CHARSET_ALIASES.get(name, name)
    for candidate in (name, "utf-8"):
        if not candidate:
            continue
        try:
            return raw.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    # ISO-2022-JP text sent without a label is 7-bit with escape sequences.
    if b"\x1b$B" in raw or b"\x1b$@" in raw:
        try:
            return raw.decode("iso2022_jp")
        except UnicodeDecodeError:
            pass
    return raw.decode(name if _known(name) else "latin-1", errors="replace")


def _known(name: str) -> bool:
    try:
        b"".decode(name)
    except LookupError:
        return False
    return bool(name)


def decode_header(value: str | email.header.Header | None) -> str:
    """An RFC 2047 header value as plain text, folded onto one line."""
    if value is None:
        return ""
    text = str(value)
    if "=?" in text and _ENCODED_WORD.search(text):
        try:
            pieces = email.header.decode_header(text)
            text = "".join(
                decode_bytes(piece, charset) if isinstance(piece, bytes) else piece
                for piece, charset in pieces
            )
        except (ValueError, LookupError, email.errors.HeaderParseError):
            pass
    return " ".join(text.split())


def _part_text(part: email.message.Message) -> str:
    try:
        raw = part.get_payload(decode=True)
    except (ValueError, LookupError, AssertionError):
        raw = None
    if isinstance(raw, bytes):
        return decode_bytes(raw[: _MAX_PART_TEXT * 2], part.get_content_charset())[:_MAX_PART_TEXT]
    payload = part.get_payload()
    if isinstance(payload, str):
        return payload[:_MAX_PART_TEXT]
    if isinstance(payload, list):  # message/delivery-status parsed into field groups
        return "\n".join(str(sub).strip("\n") + "\n" for sub in payload)
    return ""


def _headers_text(message: email.message.Message) -> str:
    return "".join(f"{name}: {decode_header(value)}\n" for name, value in message.items())


@dataclass(frozen=True, slots=True)
class Mail:
    """A parsed bounce, as the format modules see it."""

    message: email.message.Message
    headers: dict[str, str]  # lowercased name -> first value, decoded
    received: tuple[str, ...]
    body: str  # the flat body: each readable part after a "Content-Type:" line
    original: str  # headers of the returned original message, "" when there is none
    sections: tuple[tuple[str, str], ...] = field(default=())  # (content type, text) per part

    def texts(self, *content_types: str) -> list[str]:
        """The text of every part of these types, in order."""
        return [text for kind, text in self.sections if kind in content_types]

    @property
    def human(self) -> str:
        """The human-readable text: every text part before the returned original."""
        readable = []
        for kind, text in self.sections:
            if kind in _ORIGINAL_TYPES or kind in ("text/rfc822-headers", "message/global-headers"):
                break
            if kind.startswith("text/"):
                readable.append(text)
        return "\n".join(readable)

    @property
    def subject(self) -> str:
        return self.headers.get("subject", "")

    @property
    def sender(self) -> str:
        return self.headers.get("from", "")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def _flatten(message: email.message.Message) -> tuple[list[tuple[str, str]], str]:
    """The readable parts as (content type, text), and the original message's headers."""
    if not message.is_multipart():
        return [(message.get_content_type(), _part_text(message))], ""
    sections: list[tuple[str, str]] = []
    original = ""
    stack: list[email.message.Message] = [message]
    while stack:
        part = stack.pop(0)
        content_type = part.get_content_type()
        if content_type in _ORIGINAL_TYPES:
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if isinstance(inner, email.message.Message):
                headers = _headers_text(inner)
            else:
                headers = str(payload)[:_MAX_PART_TEXT] if isinstance(payload, str) else ""
            original = original or headers
            sections.append((content_type, headers))
            continue
        # Checked before is_multipart(): the parser hands delivery-status fields over as a
        # list of header blocks, which makes such a part look multipart.
        if content_type in _REPORT_TYPES or part.get_content_maintype() == "text":
            text = _part_text(part)
            if content_type in ("text/rfc822-headers", "message/global-headers"):
                original = original or text
            sections.append((content_type, text))
        elif part.is_multipart():
            payload = part.get_payload()
            if isinstance(payload, list):
                stack[:0] = [sub for sub in payload if isinstance(sub, email.message.Message)]
    return sections, original


_PARSER = email.parser.BytesParser(policy=email.policy.compat32)


def read_mail(data: bytes) -> Mail:
    """Parse a message from bytes in any line ending; never raises on malformed input."""
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # An mbox "From " line before the headers is not a header.
    if data.startswith(b"From "):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    message = _PARSER.parsebytes(data)
    headers: dict[str, str] = {}
    received: list[str] = []
    for name, value in message.items():
        key = name.lower()
        if key == "received":
            received.append(" ".join(str(value).split()))
        elif key not in headers:
            headers[key] = decode_header(value)
    sections, original = _flatten(message)
    if message.is_multipart():
        body = "\n".join(f"Content-Type: {kind}\n\n{text}\n" for kind, text in sections)
    else:
        body = sections[0][1]
    return Mail(
        message=message,
        headers=headers,
        received=tuple(received),
        body=body,
        original=original,
        sections=tuple(sections),
    )
