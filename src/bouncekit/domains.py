"""Well-known mail domains and typo suggestions for them.

A suggestion is made only when the mistyped domain is close to a well-known mailbox provider's
domain: suggesting a correction towards an arbitrary domain would rewrite valid addresses.
"""

from __future__ import annotations

import functools

WELL_KNOWN_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.co.uk",
    "yahoo.fr",
    "yahoo.co.jp",
    "ymail.com",
    "rocketmail.com",
    "hotmail.com",
    "hotmail.co.uk",
    "hotmail.fr",
    "hotmail.de",
    "hotmail.it",
    "outlook.com",
    "outlook.de",
    "outlook.fr",
    "live.com",
    "live.co.uk",
    "msn.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "protonmail.com",
    "proton.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "freenet.de",
    "mail.com",
    "zoho.com",
    "yandex.ru",
    "yandex.com",
    "mail.ru",
    "bk.ru",
    "inbox.ru",
    "list.ru",
    "rambler.ru",
    "comcast.net",
    "verizon.net",
    "att.net",
    "sbcglobal.net",
    "bellsouth.net",
    "cox.net",
    "charter.net",
    "earthlink.net",
    "optonline.net",
    "btinternet.com",
    "sky.com",
    "virginmedia.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "laposte.net",
    "sfr.fr",
    "libero.it",
    "virgilio.it",
    "tiscali.it",
    "alice.it",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "daum.net",
    "hanmail.net",
    "rediffmail.com",
    "bigpond.com",
    "shaw.ca",
    "rogers.com",
    "sympatico.ca",
    "uol.com.br",
    "bol.com.br",
    "terra.com.br",
    "seznam.cz",
    "wp.pl",
    "o2.pl",
    "onet.pl",
    "interia.pl",
    "fastmail.com",
    "hey.com",
    "tutanota.com",
)

# Misspellings too far from the intended domain for an edit distance of 2, or ambiguous ones.
KNOWN_TYPOS: dict[str, str] = {
    "gmial.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gnail.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.cm": "gmail.com",
    "gmail.con": "gmail.com",
    "gmail.om": "gmail.com",
    "hotmial.com": "hotmail.com",
    "hotmal.com": "hotmail.com",
    "homail.com": "hotmail.com",
    "yaho.com": "yahoo.com",
    "yahooo.com": "yahoo.com",
    "yhoo.com": "yahoo.com",
    "outlok.com": "outlook.com",
    "outloo.com": "outlook.com",
    "iclod.com": "icloud.com",
    "icoud.com": "icloud.com",
}

_WELL_KNOWN = frozenset(WELL_KNOWN_DOMAINS)


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), cut off above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@functools.lru_cache(maxsize=4096)
def suggest_domain(domain: str) -> str | None:
    """The well-known domain ``domain`` is probably a typo of, or None."""
    domain = domain.lower().rstrip(".")
    if domain in _WELL_KNOWN:
        return None
    if domain in KNOWN_TYPOS:
        return KNOWN_TYPOS[domain]
    limit = 1 if len(domain) <= 8 else 2
    best: tuple[int, str] | None = None
    for candidate in WELL_KNOWN_DOMAINS:
        distance = _distance(domain, candidate, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, candidate)
    return best[1] if best else None
