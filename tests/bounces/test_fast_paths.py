"""The fast paths of the bounce formats give what the code they replaced gave.

Commit 7281eda rewrote several helpers for speed: ``cut_at`` and ``mda.agent_error`` search
a multiline ``^X`` as ``\\nX``, the status, reply-code and IPv4 patterns start with a class,
``AsciiTwinPattern`` reads ASCII text with an ``re.ASCII`` twin, ``dsn.field_groups`` reads
names with ``str.partition``, and RFC 3464's ``matches``, ``paragraph_about`` and ``_stage``
avoid lowercasing and searching everything. The implementations they replaced are copied
below as the specification, and both run side by side on texts made of the characters that
matter.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bouncekit.bounces import dsn, mda
from bouncekit.bounces.formats import _lhost, postfix, rfc3464
from bouncekit.bounces.formats._text import AsciiTwinPattern
from bouncekit.bounces.mail import Mail

_FUZZ = settings(max_examples=1500, deadline=None)


# --- The specification: the code of 7281eda^, unchanged but for names. -------------------


def old_cut_at(body: str, pattern: re.Pattern[str]) -> str:
    """The specification of ``_lhost.cut_at``."""
    match = pattern.search(body)
    return body[: match.start()] if match else body


# The status and reply-code patterns follow the one boundary rule of replies/codes.py since
# issue 11 (stricter than 7281eda^'s: no letter or "_" before a status or code, no letter,
# "_" or "." after a status; looser in one way: "$" at the end of any line), with Sisimai's
# subjects 0 to 7.
OLD_STATUS_IN_TEXT = re.compile(r"(?<![\w.])([245])\.([0-7])\.([0-9]{1,3})(?![\w.])")
OLD_REPLY_IN_TEXT = re.compile(r"(?<![\w.])([245][0-5][0-9])(?=[ \-]|$)", re.MULTILINE)
OLD_IPV4 = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")
OLD_POSTFIX_IN_REPLY_TO = re.compile(
    r"in reply to (RCPT TO|MAIL FROM|end of DATA|DATA|HELO|EHLO)", re.I
)


def old_status_in_text(text: str) -> str | None:
    """The specification of ``_lhost.status_in_text``."""
    text = OLD_IPV4.sub(" ", text)
    fallback = None
    for match in OLD_STATUS_IN_TEXT.finditer(text):
        status = ".".join(match.groups())
        if status.endswith(".0.0") or status == "4.4.7":
            fallback = fallback or status
            continue
        return status
    return fallback


def old_reply_code_for(status: str | None, diagnosis: str) -> str | None:
    """The specification of ``_lhost.TextCodes.reply_code``."""
    codes = [match.group(1) for match in OLD_REPLY_IN_TEXT.finditer(OLD_IPV4.sub(" ", diagnosis))]
    if status:
        codes = [code for code in codes if code[0] == status[0]]
    return codes[0] if codes else None


_OLD_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]*):[ \t]*(.*)$")


def old_field_groups(text: str) -> Iterator[dict[str, str]]:
    """The specification of ``dsn.field_groups``."""
    fields: dict[str, str] = {}
    name: str | None = None
    for line in text.split("\n"):
        if not line.strip():
            if fields:
                yield fields
            fields, name = {}, None
            continue
        if line[:1] in (" ", "\t"):
            if name is not None:
                fields[name] += " " + line.strip()
            continue
        match = _OLD_FIELD.match(line)
        if match is None:
            name = None
            continue
        key = match.group(1).lower()
        if key == "final-recipient" and "final-recipient" in fields:
            yield fields
            fields = {}
        name = key
        if key not in fields:
            fields[key] = match.group(2).strip()
        else:
            name = None
    if fields:
        yield fields


def old_rfc3464_matches(mail: Mail) -> bool:
    """The specification of ``rfc3464.matches``."""
    status_types = ("message/delivery-status", "message/global-delivery-status")
    return bool(mail.texts(*status_types)) or "final-recipient:" in mail.body.lower()


def old_paragraph_about(text: str, address: str) -> str:
    """The specification of ``rfc3464.paragraph_about``."""
    lowered = address.lower()
    for paragraph in re.split(r"\n[ \t]*\n", text):
        if lowered in paragraph.lower():
            return paragraph.strip()
    return ""


_OLD_IN_REPLY_TO = re.compile(r"in reply to (rcpt to|mail from|end of data|data|helo|ehlo)", re.I)


def old_stage(paragraph: str) -> str | None:
    """The specification of ``rfc3464._stage`` (inlined in ``with_human_text`` before)."""
    stage = _OLD_IN_REPLY_TO.search(paragraph)
    return rfc3464._COMMANDS[stage.group(1).lower()] if stage else None


_OLD_ANY_AGENT = re.compile(
    r"^(?:Your message to \S+ was automatically rejected:$"
    r"|(?:mail\.local|procmail|maildrop|vdelivermail|vdeliver): )",
    re.MULTILINE,
)


def old_agent_error(mail: Mail) -> mda.AgentError | None:
    """The specification of ``mda.agent_error``."""
    sender = mail.sender.strip().strip('"')
    if not mda._SENDERS.match(sender) or not _OLD_ANY_AGENT.search(mail.body):
        return None
    lines: list[str] = []
    agent = ""
    for line in mail.body.split("\n"):
        if not agent:
            agent = next((name for name, marker in mda._AGENTS if marker.match(line)), "")
            if not agent:
                continue
        if not line.strip():
            break
        lines.append(line.strip())
    if not agent:
        return None
    message = lines[1] if agent == "dovecot" and len(lines) > 1 else lines[0]
    return mda.AgentError(agent, message)


# --- Helpers and text strategies. ----------------------------------------------------------


def _texts(pieces: list[str], max_size: int = 24) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


def _outcome(function: Callable[[], object]) -> object:
    """A result, or the type of the exception raised: both versions must fail alike."""
    try:
        return function()
    except Exception as error:  # the type is what is compared
        return type(error)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str]]:
    return [(match.span(), match.group()) for match in pattern.finditer(text)]


# Characters that read differently as ASCII and Unicode, or as line breaks to str.split but
# not to the regex engine: "٣" is a digit and "é" a word character only to Unicode, "\x85"
# and "\x1c" are whitespace to str.strip, "\xa0" is a space to Unicode.
_ODD = ["é", "٣", "\x85", "\xa0", "\x1c", "\r", "\t", "\n", " ", "_", "İ", "\u212a"]


# --- cut_at ----------------------------------------------------------------------------------

_CUTTING_FORMATS = (
    "activehunter", "dragonfly", "exim", "fml", "imailserver", "interscanmss", "kddi",
    "mailfoundry", "mfilter", "mxlogic", "opensmtpd", "postfix", "qmail", "sendmail", "x1",
    "x2", "x3", "x4", "x6",
)  # fmt: skip
_FORMAT_PATTERNS = [
    importlib.import_module(f"bouncekit.bounces.formats.{name}")._ORIGINAL
    for name in _CUTTING_FORMATS
]
# Patterns that test the rewrite's guard: a "|" at the top level must keep the plain search,
# one inside a group, a class (also as its leading "]") or escaped must not.
_SYNTHETIC_PATTERNS = [
    re.compile(source, flags)
    for source, flags in [
        (r"^a|b", re.M),
        (r"^a|^b", re.M),
        (r"^ab|c", re.M | re.I),
        (r"^(?:a|b)c", re.M),
        (r"^(a|b)\1", re.M),
        (r"^[|]b", re.M),
        (r"^[]|]b", re.M),
        (r"^[^]|a]b", re.M),
        (r"^[\]|]b", re.M),
        (r"^a[]]|b", re.M),
        (r"^a\|b", re.M),
        (r"^a\\|b", re.M),
        (r"^$", re.M),
        (r"^a$", re.M),
        (r"^\s*b", re.M),
        (r"^(?<!x)a", re.M),
        (r"^", re.M),
        (r"^b", 0),
        (r"a|b", re.M),
    ]
]
_CUT_PIECES = [
    "a", "b", "c", "x", "A", "B", "|", "]", "\\", "ab", "aa", "ba",
    "Content-Type: message/rfc822", "content-type: text/rfc822-headers", "Content-type:",
    "Original message follows.", "--- Below this line is a copy of the message.",
    "Received: from 192.0.2.1", "-------original message", "Original mail as follows:",
    "    Below is a copy of the original message:", "Included is a copy of the message header:",
    "The attachment contains the original mail headers", "Message headers follow",
    "------ This is a copy of the message, including all the headers. ------",
    *_ODD,
]  # fmt: skip


@_FUZZ
@given(st.sampled_from(_FORMAT_PATTERNS + _SYNTHETIC_PATTERNS), _texts(_CUT_PIECES))
@example(re.compile(r"^a", re.M), "a\nb")  # a match at the very start
@example(re.compile(r"^a", re.M), "x\n\na")  # after an empty line
@example(re.compile(r"^a", re.M), "x\ra\x85a")  # "\r" and "\x85" do not start a line for ^
@example(re.compile(r"^a|b", re.M), "xb\na")  # the top-level branch has no ^
@example(re.compile(r"^a\\|b", re.M), "xb\na")  # an escaped backslash, then a real "|"
@example(re.compile(r"^[]|]b", re.M), "x|b\n]b")
@example(re.compile(r"^b", 0), "x\nb")  # without re.M, ^ is the start of the body only
@example(re.compile(r"^$", re.M), "x\n\n")
def test_cut_at_cuts_where_the_plain_search_does(pattern: re.Pattern[str], body: str) -> None:
    assert _lhost.cut_at(body, pattern) == old_cut_at(body, pattern)


@pytest.mark.parametrize(
    ("source", "one_branch"),
    [
        (r"^abc", True),
        (r"^a|b", False),
        (r"^(?:a|b)c", True),
        (r"^(a(b|c))|d", False),
        (r"^[|]", True),
        (r"^[a|b]c", True),
        (r"^[]|]", True),  # a leading "]" is a member of the class
        (r"^[^]|]", True),
        (r"^[^a]|b", False),
        (r"^[\]|]", True),
        (r"^a[]]|b", False),
        (r"^a\|b", True),
        (r"^a\\|b", False),  # "\\" is a backslash; the "|" after it is a branch
        (r"^\(|a", False),
        (r"^[(]|a", False),
        (_FORMAT_PATTERNS[_CUTTING_FORMATS.index("exim")].pattern, True),
    ],
)
def test_one_branch_sees_only_top_level_bars(source: str, one_branch: bool) -> None:
    re.compile(source)  # every source here is a valid pattern
    assert _lhost._one_branch(source) is one_branch


@pytest.mark.parametrize(
    ("pattern", "body"),
    [
        (re.compile(r"^a(?#()|b", re.M), "xb"),  # "(" in a comment hides the top-level "|"
        (re.compile("^a # (\n|b", re.M | re.X), "xb"),  # and in a verbose comment
        (re.compile("^a", re.M | re.X), "xay"),  # verbose mode ignores the literal "\n" added
        (re.compile("(?x)^a", re.M), "xay"),  # ... also when asked for inline
    ],
)
def test_cut_at_searches_plainly_where_it_cannot_read_the_pattern(
    pattern: re.Pattern[str], body: str
) -> None:
    assert _lhost._after_newline(pattern) is None
    assert _lhost.cut_at(body, pattern) == old_cut_at(body, pattern)


# --- Status, reply code and IPv4 patterns -------------------------------------------------

_CODE_PIECES = [
    "5", "4", "2", "0", "1", "7", "9", "55", "550", "250", "421", "5.1.1", "4.4.7", "5.0.0",
    "2.0.0", "5.7.1", "5.8.1", ".", "-", ":", "#", "v", "V", "x", "a", "192.0.2.1",
    "1.2.3.4.5", "10.0.0", "1234.5.6.7", *_ODD,
]  # fmt: skip


@_FUZZ
@given(_texts(_CODE_PIECES), st.sampled_from([None, "", "5.1.1", "4.0.0", "2.0.0"]))
@example("v5.1.1 and 5.1.1", None)  # "v" before a status: a version, not a status
@example("٣5.1.1 5.7.1", None)  # a non-ASCII digit before a status
@example("é192.0.2.1 5.1.1", None)  # a non-ASCII word character before an address
@example("1234.5.6.7 550 5.1.1", "5.1.1")
@example("550\n", "5.1.1")  # "$" also before a final newline
@example("5.0.0 4.4.7 5.1.1", None)
def test_status_and_reply_code_read_as_before(text: str, status: str | None) -> None:
    assert _found(_lhost._IPV4.for_text(text), text) == _found(OLD_IPV4, text)
    assert _lhost.status_in_text(text) == old_status_in_text(text)
    assert _lhost.TextCodes(text).reply_code(status) == old_reply_code_for(status, text)


# --- AsciiTwinPattern ----------------------------------------------------------------------

_TWIN_SOURCES: list[tuple[str, int]] = [
    (r"\w+", 0),
    (r"\W+", 0),
    (r"\b\d+\b", 0),
    (r"\D\d", 0),
    (r"\B\w", 0),
    (r"[a-z]+k", re.I),
    (r"(?i)REPLY \w", 0),
    (OLD_POSTFIX_IN_REPLY_TO.pattern, re.I),
]
_TWIN_PIECES = [
    "a", "K", "k", "Z", "5", "55", ".", "-", "reply", "REPLY", "in reply to ", "RCPT TO",
    "mail from", "maıl from", "end of data", "EHLO", "ß", "ſ", *_ODD,
]  # fmt: skip


@_FUZZ
@given(st.sampled_from(_TWIN_SOURCES), _texts(_TWIN_PIECES))
@example((r"\w+", 0), "a٣é")
@example((r"\b\d+\b", 0), "é5 ٣")
@example((OLD_POSTFIX_IN_REPLY_TO.pattern, re.I), "In Reply To rcpt to")
def test_the_ascii_twin_reads_as_the_pattern_written(source: tuple[str, int], text: str) -> None:
    pattern, flags = source
    twin = AsciiTwinPattern(pattern, flags)
    assert _found(twin.for_text(text), text) == _found(re.compile(pattern, flags), text)


@_FUZZ
@given(_texts(_TWIN_PIECES))
@example("in reply to maıl from")  # dotless "ı" is "i" to Unicode IGNORECASE
def test_postfix_in_reply_to_reads_as_before(text: str) -> None:
    assert _found(postfix._IN_REPLY_TO.for_text(text), text) == _found(
        OLD_POSTFIX_IN_REPLY_TO, text
    )


@pytest.mark.parametrize("pattern", [r"\s+", r"[^\S\n]", r"a\Sb"])
def test_the_ascii_twin_refuses_whitespace_classes(pattern: str) -> None:
    with pytest.raises(ValueError, match=r"re\.ASCII"):
        AsciiTwinPattern(pattern)


def test_the_ascii_twin_refuses_a_pattern_that_is_not_ascii() -> None:
    # The Kelvin sign is "k" ignoring case in Unicode only: the ASCII twin would miss "k".
    with pytest.raises(ValueError, match="not ASCII"):
        AsciiTwinPattern("\u212a", re.I)


# --- dsn.field_groups ----------------------------------------------------------------------

_FIELD_PIECES = [
    "Final-Recipient:", "FINAL-recipient:", "Original-Recipient:", "Status:", "Action",
    "X-", "a", "Z", "-", "0", "9", ":", " ", "  ", "\t", "\n", "\n\n", "rfc822; a@b",
    " 5.1.1", "ß", "\u212a", "ǅ", "٣", "é", "\x85", "\xa0", "\x1c", "\r", "_", "a:b",
]  # fmt: skip


@_FUZZ
@given(_texts(_FIELD_PIECES, max_size=30))
@example("Final-Recipient: a@b\nFinal-Recipient: c@d\n continued\nStatus: 5.1.1")
@example("Xé: non-ASCII name\n more")  # the name must be ASCII
@example("X٣: a digit that is not ASCII\n more")
@example("X_Y: an underscore\n more")
@example("a-: trailing hyphen\n\x85\nb: after a line of odd whitespace")
@example("\u212a: the Kelvin sign is a letter only to Unicode")
def test_field_groups_read_as_before(text: str) -> None:
    assert list(dsn.field_groups(text)) == list(old_field_groups(text))


# --- RFC 3464: matches, paragraph_about, _stage --------------------------------------------

_BODY_PIECES = [
    "final-recipient:", "Final-Recipient:", "FINAL-recipient:", "Final-Recipient",
    "final-", "recipient:", "-", ":", "final", "RECIPIENT:", "fİnal-recipient:",
    "\u212ainal", "x", *_ODD,
]  # fmt: skip
_SECTION_KINDS = [
    "text/plain",
    "message/delivery-status",
    "message/global-delivery-status",
    "message/rfc822",
]


@_FUZZ
@given(
    _texts(_BODY_PIECES, max_size=12),
    st.lists(st.tuples(st.sampled_from(_SECTION_KINDS), st.sampled_from(["", "x"])), max_size=3),
)
@example("Final-Recipient: a@b", [])
@example("fİnal-recipient:", [])  # "İ" lowercases to "i" and a combining dot
@example("x-recipient:", [("message/delivery-status", "")])  # an empty status part counts
def test_rfc3464_matches_as_before(body: str, sections: list[tuple[str, str]]) -> None:
    mail = Mail(headers={}, received=(), body=body, original="", sections=tuple(sections))
    assert rfc3464.matches(mail) is old_rfc3464_matches(mail)


_ADDRESS_PIECES = ["a", "A", "@", ".", "b", "İ", "i", "Σ", "σ", "ς", " ", "\n"]
_PARAGRAPH_PIECES = [*_ADDRESS_PIECES, "İİ", "\n\n", "\n \t\n", "\n\t", "\t", "a@b", "A@B", "x"]


@_FUZZ
# Short addresses often: "İ" lengthens the lowered text, and only when the lowered offset
# passes the address's own length does it land in the wrong paragraph.
@given(
    _texts(_PARAGRAPH_PIECES, max_size=20),
    st.one_of(st.sampled_from(_ADDRESS_PIECES), _texts(_ADDRESS_PIECES, max_size=4)),
)
@example("x\n\na@b.example\n \t\nA@B.EXAMPLE", "a@B.example")
@example("İİa\n\nz", "a")  # lowercasing lengthens "İ": the offset of "a" passes the break
@example("a\n\nb", "a\n\nb")  # an address that spans a paragraph break
@example("\n\nab", "")  # the empty address is in the first, empty, paragraph
@example("xΣ\n\nxσ", "xΣ")  # a final sigma lowercases by context
def test_paragraph_about_finds_the_paragraph_as_before(text: str, address: str) -> None:
    assert rfc3464.paragraph_about(text, address) == old_paragraph_about(text, address)


_STAGE_PIECES = [
    "in reply to ", "In Reply To ", "IN REPLY TO ", "in ", "reply", "re", "ply", " to ",
    "rcpt to", "MAIL FROM", "end of data", "data", "helo", "EHLO", "ı", "İ", "\u212a", "x",
    " ", "\n",
]  # fmt: skip


@_FUZZ
@given(_texts(_STAGE_PIECES, max_size=10))
@example("in reply to end of DATA")
@example("İ in reply to helo")  # lowercasing changes the length: the plain search
@example("in reply to maıl from")  # "ı" is "i" to the regex, not to _COMMANDS
def test_stage_reads_as_before(paragraph: str) -> None:
    before = _outcome(lambda: old_stage(paragraph))
    # The old lookup raised KeyError where ignoring case let "ı" pass for "i"; now no stage.
    assert rfc3464._stage(paragraph) == (None if before is KeyError else before)


@pytest.mark.parametrize(
    ("text", "stage"), [("in reply to maıl from", None), ("in reply to RCPT TO ſam", "RCPT")]
)
def test_an_odd_letter_in_the_stage_is_no_stage_and_no_crash(text: str, stage: str | None) -> None:
    assert rfc3464._stage(text) == stage
    assert postfix._command(text) == stage


# --- mda.agent_error -------------------------------------------------------------------------

_AGENT_PIECES = [
    "mail.local: ", "procmail: ", "maildrop: ", "vdelivermail: ", "vdeliver: ", "mail.local:",
    "Your message to a@b was automatically rejected:", "Your message to ", "a@b",
    " was automatically rejected:", "unknown user", "x", ":", *_ODD,
]  # fmt: skip


@_FUZZ
@given(st.sampled_from(["MAILER-DAEMON@example.org", '"Postmaster"', "x@example.org"]),
       _texts(_AGENT_PIECES, max_size=16))  # fmt: skip
@example("MAILER-DAEMON", "procmail: at the very start")
@example("MAILER-DAEMON", "x\nmaildrop: after a newline")
@example("MAILER-DAEMON", "x\rmaildrop: after a carriage return only")
@example("MAILER-DAEMON", "Your message to a@b was automatically rejected:\nQuota exceeded")
@example("MAILER-DAEMON", "Your message to a@b was automatically rejected:\r\nQuota")
def test_agent_error_reads_as_before(sender: str, body: str) -> None:
    mail = Mail(headers={"from": sender}, received=(), body=body, original="")
    assert mda.agent_error(mail) == old_agent_error(mail)
