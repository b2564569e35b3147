"""The message as the checks read it: its text, HTML and attachment parts, and the HTML's
visible text and links.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from bouncekit.bounces.mail import decode_bytes, decode_header


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


def _parse(data: bytes) -> ParsedMessage:
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    parsed = ParsedMessage(message)
    parsed.uses_mime = any(
        name in message for name in ("Content-Type", "Content-Transfer-Encoding")
    )
    addresses = _addresses(message.get_all("From") or [])
    if len(addresses) == 1:
        parsed.from_domain = addresses[0].rpartition("@")[2].lower().rstrip(".")
    for part in message.walk():
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


def _addresses(values: Iterable[str]) -> list[str]:
    return [address for _, address in email.utils.getaddresses(list(values)) if address]


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
    for html in parts:
        reader.feed(html)
    reader.close()
    return reader


_URL = re.compile(r"""\bhttps?://[^\s<>"')\]]+""", re.IGNORECASE)
