"""The message as the checks read it: its text, HTML and attachment parts, and the HTML's
visible text and links.
"""

from __future__ import annotations

import email
import email.message
import email.parser
import email.policy
import email.utils
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bouncekit.bounces.mail import decode_bytes, decode_header
from bouncekit.errors import InputError
from bouncekit.sender.message.model import excerpt


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content_type: str
    payload: bytes


@dataclass(slots=True)
class ParsedMessage:
    message: email.message.Message
    from_domain: str = ""
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    inline_images: int = 0
    uses_mime: bool = False
    unread: str = ""  # why the body was not read, or not all of it; "" when it was


class _TextHeaders(email.policy.Compat32):
    """compat32, except that a header of raw 8-bit text ("Subject: Grüße", RFC 6532) is read
    as text, UTF-8 or else Latin-1: compat32 gives an ``email.header.Header`` object for it,
    which is no string, and every check that read it as one failed."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        if isinstance(value, str) and not value.isascii():
            return decode_bytes(value.encode("utf-8", errors="surrogateescape"), "utf-8")
        return str(super().header_fetch_parse(name, value))


_POLICY = _TextHeaders()
_MAX_DEPTH = 50  # MIME nesting read; real mail nests a few levels, 1000 exhausts the stack
# Characters of an address field given to the address parser, which takes a microsecond a
# character: RFC 5322 2.1.1 allows 998 per line, and a field of many folded lines is rare.
_MAX_ADDRESS_FIELD = 64 * 1024
_MAX_GROUPS = 64
_BOUNDARY = re.compile(rb"boundary\s*=", re.IGNORECASE)
_MAX_BOUNDARY_WORK = 20_000_000  # boundaries times lines the parser may compare
_DOMAIN = re.compile(r"(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")


def _read(data: bytes) -> tuple[email.message.Message, str]:
    """The message, and why its body was not read ("" when it was).

    A message whose parts nest deeper than the parser's recursion can go is read for its
    headers alone: they can still be judged.
    """
    # The standard library's parser tests every line against every open boundary: hundreds
    # of nested multiparts over a million lines is hours (found by bench/robustness.py). Real
    # mail declares a handful of boundaries.
    boundaries = len(_BOUNDARY.findall(data))
    if boundaries > _MAX_DEPTH and boundaries * data.count(b"\n") > _MAX_BOUNDARY_WORK:
        headers_only = email.parser.BytesHeaderParser(policy=_POLICY).parsebytes(data)
        return headers_only, f"it declares {boundaries} MIME boundaries, too many to read"
    try:
        return email.message_from_bytes(data, policy=_POLICY), ""
    except RecursionError:
        headers_only = email.parser.BytesHeaderParser(policy=_POLICY).parsebytes(data)
        return headers_only, "its MIME parts are nested too deep to read"


def _walk(message: email.message.Message) -> Iterator[tuple[email.message.Message, int]]:
    """Every part with its depth, in document order, without recursion."""
    stack = [(message, 0)]
    while stack:
        part, depth = stack.pop()
        yield part, depth
        if part.is_multipart():
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend(
                    (child, depth + 1)
                    for child in reversed(children)
                    if isinstance(child, email.message.Message)
                )


def _not_a_message(data: bytes) -> InputError:
    first_line = data[:200].split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return InputError(
        f"The input ({len(data):,} bytes) is not an e-mail message: no header field could be "
        f"read at its start, which is {excerpt(first_line, 60)}. Give the message as it was "
        "sent or received, headers first (an .eml file, or 'Show original' in a mail reader)."
    )


def _parse(data: bytes) -> ParsedMessage:
    """The message's parts; :class:`InputError` when the data is no message at all."""
    message, unread = _read(data)
    if not message.keys():
        raise _not_a_message(data)
    parsed = ParsedMessage(message, unread=unread)
    parsed.uses_mime = any(
        name in message for name in ("Content-Type", "Content-Transfer-Encoding")
    )
    addresses = _addresses(message.get_all("From") or [])
    if len(addresses) == 1:
        parsed.from_domain = domain_of(addresses[0])
    for part, depth in _walk(message):
        if depth > _MAX_DEPTH:
            parsed.unread = parsed.unread or f"its MIME parts nest more than {_MAX_DEPTH} deep"
            break
        if part.is_multipart():
            continue
        content_type = part.get_content_type()
        filename = decode_header(part.get_filename() or "")
        payload = part.get_payload(decode=True)
        raw = payload if isinstance(payload, bytes) else b""
        if filename or part.get_content_disposition() == "attachment":
            if content_type.startswith("image/") and part.get_content_disposition() == "inline":
                parsed.inline_images += 1
                continue
            parsed.attachments.append(Attachment(filename, content_type, raw))
        elif content_type == "text/plain":
            parsed.plain.append(decode_bytes(raw, part.get_content_charset()))
        elif content_type == "text/html":
            parsed.html.append(decode_bytes(raw, part.get_content_charset()))
        elif content_type.startswith("image/"):
            parsed.inline_images += 1
    return parsed


def domain_of(address: str) -> str:
    """The domain of an address, lowercased, or "" when it is no domain name to look up."""
    domain = address.rpartition("@")[2].lower().rstrip(".")
    return domain if _DOMAIN.fullmatch(domain) else ""


def _addresses(values: Iterable[str]) -> list[str]:
    """The addresses of address fields; a field too long to be one gives none, and so does
    one with more group colons than any real field has (the standard library's parser
    recurses once per group: a thousand colons exhaust the stack, found by
    bench/robustness.py)."""
    found: list[str] = []
    for value in values:
        # One field at a time: the parser joins the fields it is given into one list, and
        # a message repeating its From a thousand times would be one list of a thousand groups.
        if len(value) <= _MAX_ADDRESS_FIELD and value.count(":") <= _MAX_GROUPS:
            found.extend(address for _, address in email.utils.getaddresses([value]) if address)
    return found


class _Html(HTMLParser):
    """The visible text, links (href, text) and images of an HTML part."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self.images = 0
        self._skip = 0
        self._href: str | None = None
        self._anchor: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag == "img":
            self.images += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._anchor = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title") and self._skip:
            self._skip -= 1
        elif tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._anchor).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text.append(data)
        if self._href is not None:
            self._anchor.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def _read_html(parts: Iterable[str]) -> _Html:
    reader = _Html()
    reader.feed(_without_open_tags("".join(parts)))
    reader.close()
    return reader


def _without_open_tags(html: str) -> str:
    """The HTML with each "<" after its last ">" written as "&lt;", which reads the same.

    No tag can end there, and the standard library's parser, on closing, reads each such
    "<a " as a tag up to the end of the document before taking it for text: quadratic in a
    document of many of them (1 MB of "<a " took minutes). As text, "&lt;" is "<".
    """
    last = html.rfind(">")
    if html.find("<", last + 1) == -1:
        return html
    return html[: last + 1] + html[last + 1 :].replace("<", "&lt;")


_URL = re.compile(r"""\bhttps?://[^\s<>"')\]]+""", re.IGNORECASE)
