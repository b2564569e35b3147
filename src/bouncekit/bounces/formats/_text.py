"""Small text tools the format modules share."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bouncekit.bounces import address
from bouncekit.bounces.mail import Mail

ADDRESS = address.ADDRESS
# Lines that start the returned original message in a single-part bounce.
ORIGINAL_MARKERS = (
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "------ this is a copy of the message",
    "--- below this line is a copy of the message",
    "----- original message follows",
    "--- original message follows",
    "------ original message ------",
    "----- unsent message follows",
    "----- transcript of session follows",
)


class AsciiTwinPattern:
    r"""A regex compiled twice: with ``re.ASCII`` for ASCII text, and as written for the rest.

    On ASCII text both read the same (``\d``, ``\w``, ``\b`` and ignoring case differ only
    on other characters), and the ASCII one runs two to three times faster: most reply texts
    are ASCII. Refused: ``\s`` (Unicode also counts "\x1c" to "\x1f" as spaces), and a
    pattern that is not ASCII itself (ignoring case, "\u212a" matches "k" only in Unicode).
    """

    __slots__ = ("_ascii", "_unicode")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if "\\s" in pattern or "\\S" in pattern:
            raise ValueError(f"{pattern!r}: \\s reads ASCII text differently with re.ASCII")
        if not pattern.isascii():
            raise ValueError(f"{pattern!r}: a pattern that is not ASCII may read differently")
        self._unicode = re.compile(pattern, flags)
        self._ascii = re.compile(pattern, flags | re.ASCII)

    def for_text(self, text: str) -> re.Pattern[str]:
        """The compiled pattern to read this text with."""
        return self._ascii if text.isascii() else self._unicode


def received_text(mail: Mail) -> str:
    """The Received headers, one a line: one substring test reads them all.

    Their values are unfolded, so a string without a newline is found in the joined text
    exactly when one of them holds it.
    """
    return "\n".join(mail.received)


def first_address(text: str) -> str | None:
    """The first e-mail address in the text, without angle brackets."""
    return address.first(text)


def before_original(body: str, markers: Iterable[str] = ORIGINAL_MARKERS) -> str:
    """The report part of a body: everything before the first line that starts the original."""
    lowered = body.lower()
    cut = len(body)
    for marker in markers:
        index = lowered.find(marker)
        if index != -1:
            cut = min(cut, index)
    return body[:cut]


def between(text: str, start: str, end: str | None = None) -> str:
    """The text after the first ``start`` (case-insensitive) up to ``end`` or the end."""
    lowered = text.lower()
    index = lowered.find(start.lower())
    if index == -1:
        return ""
    index += len(start)
    if end is None:
        return text[index:]
    stop = lowered.find(end.lower(), index)
    return text[index:] if stop == -1 else text[index:stop]
