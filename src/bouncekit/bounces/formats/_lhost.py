"""Helpers for the formats that follow one of Sisimai's ``Lhost`` decoders."""

from __future__ import annotations

import functools
import re

from bouncekit.bounces.formats._text import AsciiTwinPattern
from bouncekit.events.pseudo_status import pseudo_code
from bouncekit.replies import codes
from bouncekit.replies.model import Reason
from bouncekit.replies.parse import parse_reply


def reason_from_table(text: str, table: dict[Reason, tuple[str, ...]]) -> Reason | None:
    """The first reason of a decoder's table with a phrase found in the text (lowercased)."""
    lowered = text.lower()
    for reason, phrases in table.items():
        for phrase in phrases:  # loops, not any() over a generator: a third faster
            if phrase in lowered:
                return reason
    return None


def cut_at(body: str, pattern: re.Pattern[str]) -> str:
    """The report part of a body: the text before the first match of ``pattern``."""
    after_newline = _after_newline(pattern)
    if after_newline is None:
        match = pattern.search(body)
        return body[: match.start()] if match else body
    if pattern.match(body):
        return ""
    found = after_newline.search(body)
    return body[: found.start() + 1] if found else body


@functools.cache
def _after_newline(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""``^X`` (multiline) as ``\nX``, which finds the same lines after the first one.

    The regex engine tries ``^`` at every position of a long body; a leading literal newline
    lets it jump from line to line, five times faster. ``None`` when the rewrite is not
    plainly the same pattern: no ``^`` first (inline flags come before it), a ``|`` outside
    any group, or a comment or the verbose flag, which could hide either from this reading.
    """
    source = pattern.pattern
    if (
        not pattern.flags & re.MULTILINE
        or pattern.flags & re.VERBOSE
        or not source.startswith("^")
        or "(?#" in source
        or not _one_branch(source)
    ):
        return None
    return re.compile("\n(?:" + source[1:] + ")", pattern.flags)


def _one_branch(source: str) -> bool:
    """Whether a pattern has no ``|`` at its top level (outside groups and classes)."""
    depth, index, in_class = 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source[index + 1 : index + 2] == "^":  # a leading "]" is a member, not the end
                index += 1
            if source[index + 1 : index + 2] == "]":
                index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
        index += 1
    return True


def sweep(text: str) -> str:
    """Whitespace collapsed, as Sisimai::String->sweep leaves a diagnostic."""
    return " ".join(text.split())


def pseudo_status(reason: Reason | None, diagnosis: str, *, no_code: str = "5") -> str | None:
    """Sisimai's pseudo status from a decoder's own reason, where the text has no status.

    Sisimai makes it from the reason its decoder chose and the class of the reply code,
    before the text is judged again: an Exim "550 Unroutable sender address" after MAIL FROM
    is 5.0.901 (onhold) although the reason becomes rejected. Without a reply code the class
    is ``no_code``.
    """
    if reason is None:
        return None
    reply = parse_reply(diagnosis, require_code=False)
    if reply is None or reply.status:
        return None
    first = reply.replycode[0] if reply.replycode else no_code
    return pseudo_code(reason, first)


# An IPv4 address, to blank before codes are looked for. It starts with a character class and
# checks what precedes it with a lookbehind after that: a leading lookbehind or ``\b`` makes
# the engine try every position, three times slower. Where to look for one: a pattern that
# starts with a literal ".", which the engine finds with a fast scan; an address has its first
# dot just after one to three digits.
_IPV4 = AsciiTwinPattern(r"\d(?<!\w\d)\d{0,2}(?:\.\d{1,3}){3}\b")  # \b\d{1,3}(?:\.\d{1,3}){3}\b
_IPV4_DOT = AsciiTwinPattern(r"\.(?<=\d\.)\d{1,3}\.\d{1,3}\.\d")


def _without_ips(text: str) -> str:
    """The text with each IPv4 address as one space: ``_IPV4.sub(" ", text)``, found faster."""
    dots = _IPV4_DOT.for_text(text)
    found = dots.search(text)
    if found is None:  # most reply texts name no address
        return text
    address = _IPV4.for_text(text)
    pieces: list[str] = []
    kept = 0  # the text before here is in pieces
    while found is not None:
        dot = found.start()
        # An address starts one to three digits before its first dot, not before ``kept``.
        for start in range(max(dot - 3, kept), dot):
            if match := address.match(text, start):
                pieces += (text[kept:start], " ")
                kept = match.end()
                break
        found = dots.search(text, max(kept, dot + 1))
    pieces.append(text[kept:])
    return "".join(pieces)


class TextCodes:
    """The enhanced status and reply codes of one reply text, its IP addresses blanked once.

    A format that wants both reads the text once (Sisimai::SMTP::Status->find and
    Sisimai::SMTP::Reply->find each remove the addresses first).
    """

    __slots__ = ("_text",)

    def __init__(self, text: str) -> None:
        self._text = _without_ips(text)

    def status(self) -> str | None:
        """The enhanced status, preferring any over X.0.0 and 4.4.7.

        Sisimai::SMTP::Status->find: IP addresses are not statuses, only RFC 3463's subjects
        (0 to 7) count, and the unspecific codes count only when there is no other.
        """
        fallback = None
        for match in codes.status_matches(self._text):
            status: str = match.group(1)
            if status[3] != "." or status[2] > "7":  # a subject of two digits, or 8 or 9
                continue
            if not (status.endswith(".0.0") or status == "4.4.7"):
                return status
            fallback = fallback or status
        return fallback

    def preferred_status(self, declared: str | None) -> str | None:
        """The status Sisimai reports: the reply's own specific status beats the declared one.

        A Sendmail deferral says "Status: 4.4.7" for a "450 4.7.1 Access denied" reply; the
        reply knows better. The reply's X.0.0 never replaces a declared status.
        """
        found = self.status()
        if found and not found.endswith(".0.0") and found != "4.4.7":
            return found
        return declared or found

    def reply_code(self, status: str | None) -> str | None:
        """The first reply code in the class of the status (Sisimai::SMTP::Reply)."""
        for match in codes.replycode_matches(self._text):
            code: str = match.group(1)
            if not status or code[0] == status[0]:
                return code
        return None


def status_in_text(text: str) -> str | None:
    """The enhanced status a reply text gives, preferring any over X.0.0 and 4.4.7."""
    return TextCodes(text).status()


def preferred_status(declared: str | None, diagnosis: str) -> str | None:
    """The status Sisimai reports: the reply's own specific status beats the Status field."""
    return TextCodes(diagnosis).preferred_status(declared)


# "User unknown" outside the RCPT stage is a content filter's answer, not a mailbox's:
# Sisimai's Filtered reason takes it unless the status itself says the address is bad
# (X.1.0, X.1.1, X.1.3) or the reply came before the message (connection, HELO, MAIL, RCPT).
_USER_UNKNOWN = (
    "user unknown",
    "unknown user",
    "no such user",
    "unknown recipient",
    "recipient unknown",
    "user not found",
    "no such mailbox",
)
_BEFORE_MESSAGE = frozenset({"CONN", "EHLO", "HELO", "MAIL", "RCPT"})


def filtered_user_unknown(command: str | None, status: str | None, diagnosis: str) -> bool:
    """Whether Sisimai calls this "user unknown" reply filtered (Sisimai::Reason::Filtered)."""
    if command in _BEFORE_MESSAGE or (status and status[1:] in (".1.0", ".1.1", ".1.3")):
        return False
    lowered = diagnosis.lower()
    # A loop, not any() over a generator: a third faster.
    for phrase in _USER_UNKNOWN:  # noqa: SIM110 - the generator costs more than the test
        if phrase in lowered:
            return True
    return False
