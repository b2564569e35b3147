"""Small text tools the format modules share."""

from __future__ import annotations

import re
from collections.abc import Iterable

ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
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


def first_address(text: str) -> str | None:
    """The first e-mail address in the text, without angle brackets."""
    match = ADDRESS.search(text)
    return match.group(0).strip(".") if match else None


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


def unwrap(lines: Iterable[str]) -> str:
    """Lines joined with single spaces, as a reply that an MTA wrapped over several lines."""
    return " ".join(line.strip() for line in lines if line.strip())
