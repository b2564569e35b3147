"""A bounce message made ready for the format modules: decoded headers and a flat body.

The flat body follows Sisimai's idea (``Sisimai::RFC2045::makeflat``) so that a format module
reads text, not MIME: every text part decoded from its transfer encoding and charset, each part
introduced by its ``Content-Type:`` line, delivery-status and feedback-report parts as they are,
and the returned original message reduced to its headers.

The MIME reader here is a small one of our own rather than the standard library's parser: it
only splits on boundaries and decodes the parts a bounce is read from, which makes it several
times faster, and it is lenient where bounces are broken (a ``boundary=`` parameter on an
unfolded line, a missing closing boundary, a truncated part). Attachments (images, archives, a
15 MB PDF) are never decoded.
"""

from __future__ import annotations

import binascii
import email.errors
import email.header
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
_HEADER_TYPES = frozenset({"text/rfc822-headers", "message/global-headers"})
_MAX_PART_TEXT = 512 * 1024  # characters of one text part: bounce texts are short
_MAX_DEPTH = 8  # nested multiparts deeper than this are read as text
_ENCODED_WORD = re.compile(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=")
_PARAMETER = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"([^"]*)"|([^;\s]+))')
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_HEADER_NAME = re.compile(r"^([!-9;-~]+):[ \t]?(.*)$")
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
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
    # ISO-2022-JP text sent without a label is 7-bit with escape sequences.
    if b"\x1b$B" in raw or b"\x1b$@" in raw:
        try:
            return raw.decode("iso2022_jp")
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def decode_header(value: str | None) -> str:
    """An RFC 2047 header value as plain text, folded onto one line."""
    if not value:
        return ""
    text = value
    if "=?" not in text:
        return text if "  " not in text and "\t" not in text else " ".join(text.split())
    if _ENCODED_WORD.search(text):
        try:
            pieces = email.header.decode_header(text)
            text = "".join(
                decode_bytes(piece, charset) if isinstance(piece, bytes) else piece
                for piece, charset in pieces
            )
        except (ValueError, LookupError, email.errors.HeaderParseError):
            pass
    return " ".join(text.split())


def _split(data: bytes) -> tuple[bytes, bytes]:
    """Header block and body: they part at the first empty line."""
    if data.startswith(b"\n"):
        return b"", data[1:]
    head, separator, body = data.partition(b"\n\n")
    return (head, body) if separator else (data, b"")


def _headers(head: bytes) -> list[tuple[str, str]]:
    """(name, value) pairs, continuation lines unfolded, in order."""
    pairs: list[tuple[str, str]] = []
    for line in head.decode("utf-8", errors="replace").split("\n"):
        if line[:1] in (" ", "\t"):
            if pairs:
                name, value = pairs[-1]
                pairs[-1] = (name, f"{value} {line.strip()}")
            continue
        name, colon, value = line.partition(":")
        if colon and name and " " not in name:
            pairs.append((name, value.strip()))
    return pairs


_PART_FIELDS = re.compile(
    rb"^content-(type|transfer-encoding):[ \t]*(.*(?:\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class _Part:
    content_type: str
    parameters: dict[str, str]
    encoding: str
    head: bytes
    body: bytes


def _part(head: bytes, body: bytes, default_type: str = "text/plain") -> _Part:
    content_type, encoding = default_type, ""
    parameters: dict[str, str] = {}
    # Only two fields matter in a part's head: find them without parsing the rest.
    for match in _PART_FIELDS.finditer(head):
        value = " ".join(match.group(2).decode("latin-1").split())
        if match.group(1).lower() == b"type":
            content_type = value.split(";", 1)[0].strip().lower() or default_type
            parameters = {
                key.lower(): quoted or plain for key, quoted, plain in _PARAMETER.findall(value)
            }
        else:
            encoding = value.strip().lower()
    if content_type.startswith("multipart/") and "boundary" not in parameters:
        # A boundary parameter on a line of its own, not folded: take it from the raw head.
        found = _BOUNDARY.search(head)
        if found:
            parameters["boundary"] = (found.group(1) or found.group(2)).decode("latin-1")
    return _Part(content_type, parameters, encoding, head, body)


def _children(part: _Part) -> list[_Part]:
    boundary = part.parameters.get("boundary", "").encode("latin-1", errors="replace")
    body = part.body
    if not boundary:
        # No boundary given: the first "--" line of the body is one.
        first = re.search(rb"^--(\S+)\s*$", body, re.MULTILINE)
        if first is None:
            return []
        boundary = first.group(1)
    delimiter = b"\n--" + boundary
    chunks = (b"\n" + body).split(delimiter)
    parts = []
    default = "message/rfc822" if part.content_type == "multipart/digest" else "text/plain"
    for chunk in chunks[1:]:
        if chunk.startswith(b"--"):  # the closing delimiter: the epilogue follows
            break
        chunk = chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
        head, sub_body = _split(chunk)
        parts.append(_part(head, sub_body, default))
    return parts


def _payload(part: _Part) -> bytes:
    body = part.body
    try:
        if part.encoding == "base64":
            return binascii.a2b_base64(re.sub(rb"[^A-Za-z0-9+/=]", b"", body) + b"===")
        if part.encoding == "quoted-printable":
            return binascii.a2b_qp(body)
    except (binascii.Error, ValueError):
        return body
    return body


def _text(part: _Part) -> str:
    raw = _payload(part)[: _MAX_PART_TEXT * 2]
    return decode_bytes(raw, part.parameters.get("charset"))[:_MAX_PART_TEXT]


def _original_headers(part: _Part) -> str:
    """The headers of a returned original message, one decoded line each."""
    head, _ = _split(_payload(part))
    return "".join(f"{name}: {decode_header(value)}\n" for name, value in _headers(head))


ATTACHED_STATUS = "x-attached/delivery-status"


def _attached_reports(part: _Part) -> list[tuple[str, str]]:
    """Delivery status of a report that came attached as a whole message (a forwarded DSN).

    Named apart from the message's own parts, so the generic readers never take a returned
    original's fields for the bounce's; the formats that expect such mail ask for them.
    """
    head, body = _split(_payload(part))
    inner = _part(head, body)
    if inner.content_type != "multipart/report":
        return []
    return [
        (ATTACHED_STATUS, _text(child))
        for child in _children(inner)
        if child.content_type in ("message/delivery-status", "message/global-delivery-status")
    ]


@dataclass(frozen=True, slots=True)
class Mail:
    """A parsed bounce, as the format modules see it."""

    headers: dict[str, str]  # lowercased name -> first value, decoded
    received: tuple[str, ...]
    body: str  # the flat body: each readable part after a "Content-Type:" line
    original: str  # headers of the returned original message, "" when there is none
    sections: tuple[tuple[str, str], ...] = field(default=())  # (content type, text) per part
    multipart: bool = False
    # Looked up once here: the formats' ``matches`` read them dozens of times per message.
    subject: str = field(init=False)
    sender: str = field(init=False)  # the From header

    def __post_init__(self) -> None:
        object.__setattr__(self, "subject", self.headers.get("subject", ""))  # frozen
        object.__setattr__(self, "sender", self.headers.get("from", ""))

    def header(self, name: str) -> str:
        """A header's decoded value, "" when absent (``name`` in any case)."""
        value = self.headers.get(name)
        return value if value is not None else self.headers.get(name.lower(), "")

    def texts(self, *content_types: str) -> list[str]:
        """The text of every part of these types, in order."""
        return [text for kind, text in self.sections if kind in content_types]

    @property
    def human(self) -> str:
        """The human-readable text: every text part before the returned original."""
        readable = []
        for kind, text in self.sections:
            if kind in _ORIGINAL_TYPES or kind in _HEADER_TYPES:
                break
            if kind.startswith("text/"):
                readable.append(text)
        return "\n".join(readable)


def _flatten(top: _Part) -> tuple[list[tuple[str, str]], str]:
    """The readable parts as (content type, text), and the original message's headers."""
    if not top.content_type.startswith("multipart/"):
        return [(top.content_type, _text(top))], ""
    sections: list[tuple[str, str]] = []
    original = ""
    queue: list[tuple[_Part, int]] = [(top, 0)]
    while queue:
        part, depth = queue.pop(0)
        content_type = part.content_type
        if content_type in _ORIGINAL_TYPES:
            headers = _original_headers(part)
            original = original or headers
            sections.append((content_type, headers))
            sections.extend(_attached_reports(part))
        elif content_type.startswith("multipart/") and depth < _MAX_DEPTH:
            children = _children(part)
            if children:
                queue[:0] = [(child, depth + 1) for child in children]
            else:
                sections.append(("text/plain", _text(part)))
        elif content_type in _REPORT_TYPES or content_type.startswith("text/"):
            text = _text(part)
            if content_type in _HEADER_TYPES:
                original = original or text
            sections.append((content_type, text))
    return sections, original


def read_mail(data: bytes) -> Mail:
    """Parse a message from bytes in any line ending; never raises on malformed input."""
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # An mbox "From " line before the headers is not a header.
    if data.startswith(b"From "):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    head, body = _split(data)
    top = _part(head, body)
    headers: dict[str, str] = {}
    received: list[str] = []
    for name, value in _headers(head):
        key = name.lower()
        if key == "received":
            received.append(" ".join(value.split()))
        elif key not in headers:
            headers[key] = decode_header(value) if "=?" in value else value
    sections, original = _flatten(top)
    multipart = top.content_type.startswith("multipart/")
    if multipart:
        flat = "\n".join(f"Content-Type: {kind}\n\n{text}\n" for kind, text in sections)
    else:
        flat = sections[0][1]
    return Mail(
        headers=headers,
        received=tuple(received),
        body=flat,
        original=original,
        sections=tuple(sections),
        multipart=multipart,
    )
