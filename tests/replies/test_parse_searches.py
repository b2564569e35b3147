"""The fast searches of replies/parse.py and replies/codes.py find what plain lookbehind
patterns find.

They search for codes, statuses and IPv4 addresses with patterns that check the character
before a match in Python, and parse.py finds a code's leader by looking back from the code.
Here the plain patterns they replace are the specification (the codes' boundary rule of
replies/codes.py, written as one pattern each), run side by side on texts made of the
characters that matter.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from bouncekit.replies import codes, parse

_PLAIN_CODE_AT_LEADER = re.compile(
    r"(?:" + parse._LEADERS + r")([245][0-5][0-9])(?=[ \-]|$)", re.IGNORECASE | re.MULTILINE
)
# The boundary rule: not after a letter, digit (of any script), "_" or "."; a status not
# before one of them either; a code before a space, a hyphen or the end of a line. The codes'
# own digits are ASCII.
_PLAIN_STATUS = re.compile(r"(?<![\w.])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![\w.])")
_PLAIN_REPLYCODE = re.compile(r"(?<![\w.])([245][0-5][0-9])(?=[ \-]|$)", re.MULTILINE)
_PLAIN_CODE_WITH_STATUS = re.compile(
    r"(?<![\w.])([245][0-5][0-9])[ \-]+([245]\.[0-9]{1,3}\.[0-9]{1,3})(?![\w.])"
)
_PLAIN_IPV4 = re.compile(r"(?<![\w.:])(\d{1,3}(?:\.\d{1,3}){3})(?!\.?\d)")

_PIECES = st.sampled_from(
    [
        "5", "4", "2", "0", "1", "9", "55", "550", "250", "421", "5.1.1", "4.7.0", ".", " ",
        "-", ":", "\n", "\t", "said:", "smtp;", "<<<", "returned '", "reply:", "error ",
        "]:", "x:", ">", "#", "(", "[", "_", "a", "é", "٣", "192.0.2.1", "1.2.3.4.5", "::",
        " " * 70, "\x85", "\xa0", "2001:db8::1", "fe80:0:0:0:0:0:0:1", "a:b:c:d:e:f:", "0:",
        "1:2:3:4:5:6:1.2.3.4", "B:",
    ]
)  # fmt: skip
_TEXTS = st.lists(_PIECES, max_size=24).map("".join)


def _plain_find_code(text: str) -> tuple[str, int] | None:
    with_status = _PLAIN_CODE_WITH_STATUS.search(text)
    at_leader = _PLAIN_CODE_AT_LEADER.search(text)
    if (
        with_status
        and with_status.group(1)[0] == with_status.group(2)[0]
        and (
            at_leader is None
            or with_status.start(1) <= at_leader.start(1)
            or at_leader.group(1)[0] == "2"
        )
    ):
        return with_status.group(1), with_status.start(1)
    return (at_leader.group(1), at_leader.start(1)) if at_leader else None


def _plain_first_ip(text: str, other_than: str | None) -> str | None:
    """_first_ip as a plain scan: every address, ordered by where it stands, the first kept."""
    candidates = [
        (m.start(), m.group(1))
        for m in _PLAIN_IPV4.finditer(text)
        if all(int(octet) < 256 for octet in m.group(1).split("."))
    ]
    if text.count(":") >= 2:
        if "::" in text or text.count(":") >= 6:
            candidates += [
                (m.start(), m.group(1).lower())
                for m in parse._IPV6_ADDRESS.finditer(text)
                if parse._is_ipv6(m)
            ]
        candidates.sort()
    return next((ip for _, ip in candidates if ip != other_than), None)


def _found(match: re.Match[str] | None) -> tuple[str, int] | None:
    return (match.group(1), match.start(1)) if match else None


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
@example("said:" + " " * 100 + "550 5.1.1 unknown")  # a leader longer than the look-back
@example("1550 5.1.1 no; 550 5.1.1 yes")
@example("x1.2.3.4 and 10.0.0.1:25 and (192.0.2.1)")
@example("client 1:2:3:4:5:6:192.0.2.1 refused")  # IPv6 with an IPv4 tail: six groups
@example("from fe80:0:0:0:0:0:0:1 said 550 5.7.1")
def test_the_fast_searches_find_what_the_plain_patterns_find(text: str) -> None:
    assert _found(parse.find_code(text)) == _plain_find_code(text)
    assert _found(codes.search_status(text)) == _found(_PLAIN_STATUS.search(text))
    assert codes.find_statuses(text) == [m.group(1) for m in _PLAIN_STATUS.finditer(text)]
    assert _found(codes.search_replycode(text)) == _found(_PLAIN_REPLYCODE.search(text))
    fast_ips = [
        m.group(1)
        for m in parse._IPV4_ADDRESS.finditer(text)
        if not parse._after_word_dot_or_colon(text, m.start())
    ]
    assert fast_ips == [m.group(1) for m in _PLAIN_IPV4.finditer(text)]
    assert parse._first_ip(text, None) == _plain_first_ip(text, None)
    assert parse._first_ip(text, "192.0.2.1") == _plain_first_ip(text, "192.0.2.1")
