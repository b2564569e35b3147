"""E-mail addresses as bounces write them: found in text, cleaned, and told from look-alikes.

Every recipient a format reads passes through :func:`clean` (``parse_mail`` sees to it), so
the rules live here once: an address is a local part, "@" and a domain of at least two labels
(RFC 5321 4.1.2, RFC 5322 3.4.1); the local part may be a quoted string, which is kept whole
(``"john smith"@example.com``); the brackets, quotes, ``mailto:``, ``rfc822;`` and the
punctuation that text puts around an address are not part of it ("userx@example.com;" is
``userx@example.com``); and a host name is never an address, whatever field it was found in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

# RFC 5322 3.2.3 atext, and the letters of the alphabets written with spaces between words,
# which RFC 6531 3.3 allows in a local part ("müller@example.de"): Latin with its accents,
# Greek, Cyrillic. Not the scripts written without spaces: a letter of Chinese or Japanese
# text often touches the address it names ("发送到user@example.com失败"). MTAs write IDNs
# as A-labels, so domains stay ASCII.
_WORD_LETTERS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff"
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~" + _WORD_LETTERS + "-]"
# An apostrophe or backquote does not start one: "'a@b.c'" is an address in quotes.
_DOT_ATOM = r"(?![`'])" + _ATEXT + r"+(?:\." + _ATEXT + r"+)*"
# RFC 5322 3.2.4: a quoted string, one line, with quoted pairs.
_QUOTED = r'"(?:[^"\\\n]|\\.)+"'
# RFC 1035 2.3.1 labels, at least two of them: a name without a dot is a local host, which no
# bounce of the Internet reports a recipient at. The last label has a letter, so "10.0.0.1" is
# no domain.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = r"(?:" + _LABEL + r"\.)+(?=[A-Za-z0-9-]*[A-Za-z])" + _LABEL
# RFC 5321 4.1.3: an address literal, "user@[192.0.2.1]".
_LITERAL = r"\[(?:IPv6:)?[0-9A-Fa-f.:]+\]"
# Not after a character that would belong to the local part, so that a match starts where the
# address does (and the scan stays linear).
ADDRESS = re.compile(
    r"(?<![A-Za-z0-9!#$%&*+/=?^_{|}~." + _WORD_LETTERS + "-])"
    + "(?:" + _QUOTED + "|" + _DOT_ATOM + r")@(?:" + _DOMAIN + "|" + _LITERAL + r")"
    + r"(?![A-Za-z0-9-]|\.[A-Za-z0-9-])"
)  # fmt: skip
# The common case, an address and nothing else, tested in a third of the time: a dot-atom and
# a domain whose last label has a letter, matched possessively (no label begins or ends with
# "-"). Anything else takes the search, which reads every form.
_PLAIN = re.compile(
    r"[A-Za-z0-9!#$%&*+/=?^_{|}~" + _WORD_LETTERS + "-]" + _ATEXT + r"*+(?:\." + _ATEXT + r"++)*+"
    r"@(?:[A-Za-z0-9]++(?:-++[A-Za-z0-9]++)*+\.)++"
    r"[0-9]*+[A-Za-z][A-Za-z0-9]*+(?:-++[A-Za-z0-9]++)*+"
)
_MAX_LENGTH = 320  # RFC 3696 errata: 64 for the local part, 255 for the domain, and the "@"


def _plausible(address: str) -> bool:
    return len(address) <= _MAX_LENGTH


def find(text: str) -> Iterator[re.Match[str]]:
    """Every address in the text, in order, as matches (their span says where)."""
    if "@" not in text:
        return
    for match in ADDRESS.finditer(text):
        if _plausible(match.group(0)):
            yield match


def first(text: str) -> str | None:
    """The first address in the text, or None."""
    return next((match.group(0) for match in find(text)), None)


_MALFORMED = re.compile(r"[^\s@<>\"',;]+@[^\s@<>\"',;]+")


def malformed(text: str) -> str | None:
    """The address a recipient field names that no mail system can deliver to, or None.

    A sender who typed "recipient@#example.net" gets a bounce for it, and that is the
    address to suppress: a field that holds one "@" between a local part and a domain that are
    not valid is kept as written, without its brackets and punctuation.
    """
    stripped = text.strip().strip("<>;,.'\"")
    if len(stripped) > _MAX_LENGTH or _MALFORMED.fullmatch(stripped) is None:
        return None
    return stripped


@functools.lru_cache(maxsize=256)  # a recipient is checked by its format, then by parse_mail
def is_clean(text: str) -> bool:
    """Whether the text is an address and nothing else (the quick test; see :func:`clean`)."""
    return len(text) <= _MAX_LENGTH and _PLAIN.fullmatch(text) is not None


def clean(text: str) -> str | None:
    """The address a recipient field or a line of text names, or None when it names none.

    >>> clean("<userx@example.com>;")
    'userx@example.com'
    >>> clean('rfc822; "quoted local"@example.com')
    '"quoted local"@example.com'
    >>> clean("mx.example.com") is None
    True
    """
    if is_clean(text):
        return text  # the common case: already clean (every record passes here)
    return first(text)
