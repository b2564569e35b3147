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
# Where the returned original begins: the report is everything before the first such part.
RETURNED_TYPES = _ORIGINAL_TYPES | _HEADER_TYPES
_MAX_DEPTH = 8  # nested multiparts deeper than this are read as text
_ENCODED_WORD = re.compile(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=")
_PARAMETER = re.compile(r';\s*([\w*-]+)\s*=\s*(?:"([^"]*)"|([^;\s]+))')
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
# Every other byte: dropped before decoding, as lenient readers do (bytes.translate deletes
# them several times faster than a regex substitution).
_NOT_BASE64 = bytes(byte for byte in range(256) if byte not in _BASE64_ALPHABET)
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
        text = _decode_words(text)
    return " ".join(text.split())


_ENCODED_WORD_PARTS = re.compile(r"=\?([^?]+)\?([bBqQ])\?([^?]*)\?=")


def _decode_words(text: str) -> str:
    """The encoded words of ``text`` decoded (RFC 2047 2, 4, 6.2), in one pass.

    As the standard library's ``email.header.decode_header`` does, but linear: it takes
    seconds for a subject of 70,000 encoded words, and minutes for four times as many. White
    space between two encoded words goes (RFC 2047 6.2); the bytes of adjacent words in one
    charset are decoded together, as mailers split a character across words. A word that
    does not decode stays as written.
    """
    pieces: list[str] = []
    group: list[bytes] = []  # the bytes of adjacent words in one charset, not yet decoded
    group_charset = ""
    last = 0
    for match in _ENCODED_WORD_PARTS.finditer(text):
        between = text[last : match.start()]
        charset = match.group(1).partition("*")[0].lower()  # "utf-8*en": RFC 2231 5
        payload = match.group(3).encode("ascii", errors="replace")
        raw: bytes | None
        try:
            if match.group(2) in "bB":
                raw = binascii.a2b_base64(payload + b"===")
            else:
                raw = binascii.a2b_qp(payload, header=True)
        except (binascii.Error, ValueError):
            raw = None
        joins = bool(group) and raw is not None and charset == group_charset
        if not (joins and not between.strip()):
            if group:
                pieces.append(_decode_group(group, group_charset))
                group = []
            if not (group_charset and raw is not None and not between.strip() and last):
                pieces.append(between)
        if raw is None:
            pieces.append(match.group(0))
            group_charset = ""
        else:
            group.append(raw)
            group_charset = charset
        last = match.end()
    if group:
        pieces.append(_decode_group(group, group_charset))
    pieces.append(text[last:])
    return "".join(pieces)


def _decode_group(words: list[bytes], charset: str) -> str:
    """Adjacent encoded words of one charset: together, or each alone when together they
    are not valid text in it (a word cut in the middle of a character)."""
    joined = b"".join(words)
    if len(words) > 1:
        try:
            return joined.decode(_CHARSET_ALIASES.get(charset, charset))
        except UnicodeDecodeError:
            return "".join(decode_bytes(word, charset) for word in words)
        except (LookupError, ValueError):
            pass
    return decode_bytes(joined, charset)


# A line break that does not start a continuation line: the end of a header field.
_FIELD_END = re.compile(r"\n(?![ \t])")


@dataclass(slots=True)
class _TopHead:
    """What the message's own head gives: its decoded fields and the two that shape its body."""

    headers: dict[str, str] = field(default_factory=dict)  # lowercased name -> first value
    received: list[str] = field(default_factory=list)
    content_type: str | None = None  # the last value, single-spaced
    encoding: str | None = None  # Content-Transfer-Encoding, likewise


def _top_head(head: bytes) -> _TopHead | None:
    """The message's head read in one pass, field by field rather than line by line.

    None when a stray line (no field name) has continuation lines: those belong to the field
    before it, which this reader does not track; :func:`_top_head_by_line` does.
    """
    top = _TopHead()
    headers = top.headers
    text = head.decode("utf-8", errors="replace")
    fields = _FIELD_END.split(text)
    if text[:1] in (" ", "\t"):
        del fields[0]  # continuation lines with no field before them
    for text_of_field in fields:
        name, colon, value = text_of_field.partition(":")
        if not colon or not name or " " in name or "\n" in name:
            if "\n" in text_of_field:
                return None
            continue  # a stray line
        key = name.lower()
        if key == "received":
            # Single-spaced: the line breaks between its lines go with the other whitespace.
            top.received.append(" ".join(value.split()))
            continue
        if key == "content-type":
            top.content_type = " ".join(value.split())
        elif key == "content-transfer-encoding":
            top.encoding = " ".join(value.split())
        if key not in headers:
            if "\n" in value:
                first, _, more = value.partition("\n")
                value = first.strip() + " " + " ".join(map(str.strip, more.split("\n")))
            else:
                value = value.strip()
            headers[key] = decode_header(value) if "=?" in value else value
    return top


def _top_head_by_line(head: bytes) -> _TopHead:
    """:func:`_top_head` for any head, without the two Content fields (``_part`` reads them)."""
    top = _TopHead()
    for name, value in _headers(head):
        key = name.lower()
        if key == "received":
            top.received.append(" ".join(value.split()))
        elif key not in top.headers:
            top.headers[key] = decode_header(value) if "=?" in value else value
    return top


def _head(data: bytes) -> bytes:
    """The header block alone, as :func:`_split` gives it, without copying the body."""
    if data.startswith(b"\n"):
        return b""
    end = data.find(b"\n\n")
    return data if end < 0 else data[:end]


def _split(data: bytes, start: int = 0, stop: int | None = None) -> tuple[bytes, bytes]:
    """Header block and body of ``data[start:stop]``: they part at the first empty line."""
    if stop is None:
        stop = len(data)
    if data.startswith(b"\n", start, stop):
        return b"", data[start + 1 : stop]
    end = data.find(b"\n\n", start, stop)
    if end < 0:
        return data[start:stop], b""
    return data[start:end], data[end + 2 : stop]


def _headers(head: bytes) -> list[tuple[str, str]]:
    """(name, value) pairs, continuation lines unfolded, in order."""
    # Each value as its pieces until the next field: adding each continuation line to a
    # string would copy the value so far, quadratic in a field of many lines.
    fields: list[tuple[str, list[str]]] = []
    for line in head.decode("utf-8", errors="replace").split("\n"):
        if line[:1] in (" ", "\t"):
            if fields:
                fields[-1][1].append(line.strip())
            continue
        name, colon, value = line.partition(":")
        if colon and name and " " not in name:
            fields.append((name, [value.strip()]))
    return [(name, " ".join(pieces)) for name, pieces in fields]


# Not frozen: a frozen dataclass sets each field through object.__setattr__, and a message has
# several parts. Nothing changes a part once made.
@dataclass(slots=True)
class _Part:
    content_type: str
    parameters: dict[str, str]
    encoding: str
    head: bytes
    body: bytes


def _field_value(head: bytes, start: int) -> str:
    """The value from ``start`` to the end of its line and its continuation lines, on one line."""
    end = head.find(b"\n", start)
    while end >= 0 and head[end + 1 : end + 2] in (b" ", b"\t"):
        end = head.find(b"\n", end + 1)
    return " ".join(head[start : end if end >= 0 else len(head)].decode("latin-1").split())


def _part(head: bytes, body: bytes, default_type: str = "text/plain") -> _Part:
    # Only two fields matter in a part's head: find them without parsing the rest. A search of
    # the lowered head for "content-" is several times faster than a case-blind regex, which
    # tries every position. The last field of a name wins.
    type_at = encoding_at = -1
    lowered = head.lower()
    start = lowered.find(b"content-")
    while start >= 0:
        if start == 0 or lowered[start - 1] == 0x0A:  # at the start of a line
            if lowered.startswith(b"type:", start + 8):
                type_at = start + 13
            elif lowered.startswith(b"transfer-encoding:", start + 8):
                encoding_at = start + 26
        start = lowered.find(b"content-", start + 8)
    return _make_part(
        _field_value(head, type_at) if type_at >= 0 else None,
        _field_value(head, encoding_at) if encoding_at >= 0 else None,
        head,
        body,
        default_type,
    )


def _make_part(
    type_value: str | None, encoding: str | None, head: bytes, body: bytes, default_type: str
) -> _Part:
    """A part from its Content-Type and Content-Transfer-Encoding values (single-spaced)."""
    content_type = default_type
    parameters: dict[str, str] = {}
    if type_value is not None:
        content_type, semicolon, _ = type_value.partition(";")
        content_type = content_type.strip().lower() or default_type
        if semicolon:  # every parameter follows a semicolon
            for key, quoted, plain in _PARAMETER.findall(type_value):
                parameters[key.lower()] = quoted or plain
    if content_type.startswith("multipart/") and "boundary" not in parameters:
        # A boundary parameter on a line of its own, not folded: take it from the raw head.
        found = _BOUNDARY.search(head)
        if found:
            parameters["boundary"] = (found.group(1) or found.group(2)).decode("latin-1")
    return _Part(content_type, parameters, encoding.strip().lower() if encoding else "", head, body)


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
    data = b"\n" + body
    parts = []
    default = "message/rfc822" if part.content_type == "multipart/digest" else "text/plain"
    # Each part is found by offsets and sliced once: a part may be a large attachment, and
    # splitting, then cutting its delimiter line, then its head, would copy it three times.
    at = data.find(delimiter)
    while at >= 0:
        start = at + len(delimiter)
        if data.startswith(b"--", start):  # the closing delimiter: the epilogue follows
            break
        at = data.find(delimiter, start)
        stop = at if at >= 0 else len(data)
        line_end = data.find(b"\n", start, stop)  # the rest of the delimiter line goes
        head, sub_body = _split(data, line_end + 1, stop) if line_end >= 0 else (b"", b"")
        parts.append(_part(head, sub_body, default))
    return parts


def _payload(part: _Part) -> bytes:
    body = part.body
    try:
        if part.encoding == "base64":
            return binascii.a2b_base64(body.translate(None, _NOT_BASE64) + b"===")
        if part.encoding == "quoted-printable":
            return binascii.a2b_qp(body)
    except (binascii.Error, ValueError):
        return body
    return body


def _text(part: _Part) -> str:
    # Whole: a report of 300 recipients is longer than any limit that looked safe, and every
    # reader of the text is linear in it (tests/test_trust_scans.py holds them to that).
    return decode_bytes(_payload(part), part.parameters.get("charset"))


def _original_headers(head: bytes) -> str:
    """The headers of a returned original message, one decoded line each."""
    # Most values are plain and single-spaced: decode_header would return them as they are.
    return "".join(
        [
            f"{name}: {value}\n"
            if "=?" not in value and "  " not in value and "\t" not in value
            else f"{name}: {decode_header(value)}\n"
            for name, value in _headers(head)
        ]
    )


ATTACHED_STATUS = "x-attached/delivery-status"


def _attached_reports(message: bytes, head: bytes) -> list[tuple[str, str]]:
    """Delivery status of a report that came attached as a whole message (a forwarded DSN).

    Named apart from the message's own parts, so the generic readers never take a returned
    original's fields for the bounce's; the formats that expect such mail ask for them.
    """
    if b"report" not in head.lower():  # no multipart/report here: spare the part's parsing
        return []
    inner = _part(*_split(message))
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
            if kind in RETURNED_TYPES:
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
    # Depth first, in document order: the next part is on top of the stack.
    stack: list[tuple[_Part, int]] = [(top, 0)]
    while stack:
        part, depth = stack.pop()
        content_type = part.content_type
        if content_type in _ORIGINAL_TYPES:
            message = _payload(part)
            head = _head(message)
            headers = _original_headers(head)
            original = original or headers
            sections.append((content_type, headers))
            sections.extend(_attached_reports(message, head))
        elif content_type.startswith("multipart/") and depth < _MAX_DEPTH:
            children = _children(part)
            if children:
                stack.extend([(child, depth + 1) for child in reversed(children)])
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
    if b"\r" in data:  # most messages come with "\n" alone: spare them two copies
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    # An mbox "From " line before the headers is not a header.
    if data.startswith(b"From "):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    head, body = _split(data)
    fields = _top_head(head)
    if fields is not None and head.isascii():
        # The two fields _part would find, read as _part reads them: it decodes latin-1, but
        # the names and values of an ASCII head are the same either way.
        top = _make_part(fields.content_type, fields.encoding, head, body, "text/plain")
    else:
        top = _part(head, body)
        fields = fields or _top_head_by_line(head)
    headers, received = fields.headers, fields.received
    sections, original = _flatten(top)
    multipart = top.content_type.startswith("multipart/")
    if multipart:
        flat = "\n".join([f"Content-Type: {kind}\n\n{text}\n" for kind, text in sections])
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
