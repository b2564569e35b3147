"""Generic delivery status notifications (RFC 3464), the last resort for failure reports.

Reads the ``message/delivery-status`` part, or delivery-status fields written into the text.
Where a recipient's ``Diagnostic-Code`` is missing, the paragraph of the human-readable text
that names the recipient stands in for it, and gives the SMTP stage when it says which.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

import ahocorasick

from bouncekit.bounces import dsn, wording
from bouncekit.bounces.formats import STANDARD_DSN, BounceFormat
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.mda import AgentError, agent_error
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_IN_REPLY_TO = re.compile(r"in reply to (rcpt to|mail from|end of data|data|helo|ehlo)", re.I)
# "final-recipient:" in any ASCII case, as ``in body.lower()`` finds it, twice as fast: the
# literal "-" first lets the engine skip to each hyphen.
_FINAL_RECIPIENT = re.compile("-(?<=[Ff][Ii][Nn][Aa][Ll]-)[Rr][Ee][Cc][Ii][Pp][Ii][Ee][Nn][Tt]:")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SPACE = re.compile(r"\s")  # str.isspace's characters: one search, not a test per letter
_DELIVERED = ("delivered", "relayed", "expanded")
_COMMANDS = {"rcpt to": "RCPT", "mail from": "MAIL", "end of data": "DATA", "data": "DATA",
             "helo": "HELO", "ehlo": "EHLO"}  # fmt: skip


def matches(mail: Mail) -> bool:
    for kind, _ in mail.sections:
        if kind in _STATUS_TYPES:
            return True
    return bool(_FINAL_RECIPIENT.search(mail.body))


def paragraph_about(text: str, address: str) -> str:
    """The paragraph of a human-readable report that names this recipient, or ""."""
    return Paragraphs(text, (address,)).about(address)


class Paragraphs:
    """A report's paragraphs, indexed once to find the one about each of many recipients.

    A report may list tens of thousands of recipients: each is found by one Aho-Corasick pass
    over the lowercased text for all of them, and its paragraph by bisecting the paragraph
    breaks, so the whole costs one pass, not one pass per recipient.
    """

    __slots__ = ("_aligned", "_breaks", "_first", "_lowered", "_starts", "_text")

    def __init__(self, text: str, addresses: Iterable[str]) -> None:
        self._text = text
        self._lowered = text.lower()
        # Lowercasing kept the length ("İ" does not): offsets into the lowered text hold.
        self._aligned = len(self._lowered) == len(text)
        self._breaks = [(found.start(), found.end()) for found in _PARAGRAPH_BREAK.finditer(text)]
        self._starts = [start for start, _ in self._breaks]
        self._first = _first_mentions(self._lowered, {a.lower() for a in addresses if a})

    def about(self, address: str) -> str:
        lowered = address.lower()
        found = self._first.get(lowered, -1) if lowered else 0  # "" is found at once
        if found == -1:
            return ""
        if not self._aligned or _SPACE.search(lowered):
            # Offsets do not hold, or the address could span a paragraph break: read
            # paragraph by paragraph.
            for paragraph in _PARAGRAPH_BREAK.split(self._text):
                if lowered in paragraph.lower():
                    return paragraph.strip()
            return ""
        # The paragraph around the first mention, with the breaks re.split would find.
        after = bisect.bisect_left(self._starts, found)
        start = self._breaks[after - 1][1] if after else 0
        end = self._breaks[after][0] if after < len(self._breaks) else len(self._text)
        return self._text[start:end].strip()


def _first_mentions(lowered_text: str, addresses: set[str]) -> dict[str, int]:
    """Where each address first occurs in the text (as a substring), in one pass."""
    if not addresses:
        return {}
    automaton = ahocorasick.Automaton()
    for address in addresses:
        automaton.add_word(address, address)
    automaton.make_automaton()
    first: dict[str, int] = {}
    for end, address in automaton.iter(lowered_text):
        if address not in first:
            first[address] = end - len(address) + 1
            if len(first) == len(addresses):
                break
    return first


def _stage(paragraph: str) -> str | None:
    """The SMTP command that a paragraph's "in reply to ..." names.

    A case-insensitive regex reads a long paragraph (a whole HTML page) slowly, so the regex is
    tried only where the lowercased text has "reply": its letters have no other case forms
    than their ASCII ones, and where lowercasing kept the length, offsets agree.
    """
    lowered = paragraph.lower()
    if len(lowered) != len(paragraph):
        stage = _IN_REPLY_TO.search(paragraph)
    else:
        stage = None
        index = lowered.find("reply", 3)  # after "in "
        while stage is None and index != -1:
            stage = _IN_REPLY_TO.match(paragraph, index - 3)
            index = lowered.find("reply", index + 1)
    # .get: ignoring case, "ı" and "ſ" match "i" and "s" but lower() keeps them
    return _COMMANDS.get(stage.group(1).lower()) if stage else None


@functools.cache
def _trying_and_given_up() -> tuple[wording.Phrases, wording.Phrases]:
    # Compiled when first needed: most reports never ask.
    return wording.compiled(wording.DELAYED), wording.compiled(wording.GIVEN_UP)


_OPENING = 1000  # characters of the text that say what kind of report it is


def still_trying(human: str) -> bool:
    """Whether the human-readable text says the server is still trying, and not that it gave up.

    Read from the opening of the text, where every template says which kind of report it is:
    a long text (a whole HTML page) is not searched to its end.
    """
    trying, given_up = _trying_and_given_up()
    lowered = human[:_OPENING].lower()
    return bool(trying.search(lowered)) and not given_up.search(lowered)


def _action(record: DecodedRecipient, trying: bool) -> str | None:
    """The action, from the fields and the text together (RFC 3464 2.3.3).

    "failed" with a transient status (4.x.x, or none) in a report whose text says the server
    is still trying is a delay: the fields and the words disagree on whether it gave up, and
    a transient status sides with the words. A permanent status (5.x.x) stays a failure: no
    server retries a permanent failure, whatever its template says.
    """
    if record.action == "failed" and trying and not (record.status or "").startswith("5"):
        return "delayed"
    return record.action


def _completed(
    record: DecodedRecipient, human: Paragraphs | None, agent: AgentError | None, trying: bool
) -> DecodedRecipient:
    """A record with what the rest of the message adds, built once.

    A delivered (relayed, expanded) recipient's reason; a missing diagnostic and SMTP stage
    from the human-readable paragraph about the recipient; where a local delivery agent
    failed, its line as the diagnostic, which is not an SMTP reply (no stage, no code); and
    the action, where the text says the server is still trying (:func:`_action`).
    """
    reason = Reason.DELIVERED if record.action in _DELIVERED else record.reason
    action = _action(record, trying)
    diagnostic, command, replycode = record.diagnostic, record.command, record.replycode
    diagnostic_type = record.diagnostic_type
    if agent is not None:
        # RFC 3464's type for a local program's error: the agent's line is no SMTP reply.
        diagnostic, command, replycode, diagnostic_type = agent.message, None, None, "x-unix"
    elif human is not None and (paragraph := human.about(record.recipient)):
        command = command or _stage(paragraph)
        diagnostic = diagnostic or paragraph
    if (
        reason is record.reason
        and action is record.action
        and diagnostic is record.diagnostic
        and command is record.command
        and replycode is record.replycode
        and diagnostic_type is record.diagnostic_type
    ):
        return record
    return revised(
        record,
        reason=reason,
        action=action,
        diagnostic=diagnostic,
        command=command,
        replycode=replycode,
        diagnostic_type=diagnostic_type,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    status_text = "\n\n".join(mail.texts(*_STATUS_TYPES)) or mail.body
    records = dsn.recipients(status_text)
    if not records:
        return None
    human = mail.human
    agent = agent_error(mail)
    # The text is read only where it could change an action (most failures are 5.x.x).
    trying = any(
        r.action == "failed" and not (r.status or "").startswith("5") for r in records
    ) and still_trying(human)
    paragraphs = Paragraphs(human, (r.recipient for r in records)) if human else None
    return [_completed(record, paragraphs, agent, trying) for record in records]


FORMAT = BounceFormat(name="RFC3464", order=STANDARD_DSN + 50, matches=matches, decode=decode)
