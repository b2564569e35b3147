"""Well-known mail domains and typo suggestions for them.

A suggestion is made only when the mistyped domain is close to a well-known mailbox provider's
domain: suggesting a correction towards an arbitrary domain would rewrite valid addresses.
"""

from __future__ import annotations

import functools

from publicsuffixlist import PublicSuffixList

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
    "email.com",
    "yahoo.de",
    "yahoo.es",
    "yahoo.it",
    "yahoo.ca",
    "yahoo.com.au",
    "yahoo.com.br",
    "yahoo.com.mx",
    "yahoo.co.in",
    "yahoo.co.id",
    "yahoo.in",
    "yahoo.gr",
    "yahoo.se",
    "yahoo.dk",
    "yahoo.ie",
    "yahoo.com.ar",
    "yahoo.com.sg",
    "yahoo.com.tw",
    "yahoo.com.hk",
    "yahoo.com.ph",
    "yahoo.com.vn",
    "hotmail.es",
    "hotmail.be",
    "hotmail.nl",
    "hotmail.ca",
    "hotmail.com.br",
    "hotmail.com.ar",
    "hotmail.com.mx",
    "hotmail.se",
    "hotmail.dk",
    "hotmail.no",
    "outlook.es",
    "outlook.it",
    "outlook.be",
    "outlook.jp",
    "outlook.com.br",
    "outlook.co.uk",
    "live.fr",
    "live.de",
    "live.it",
    "live.nl",
    "live.ca",
    "live.be",
    "live.com.au",
    "live.com.mx",
    "windowslive.com",
    "aim.com",
    "gmx.at",
    "gmx.ch",
    "gmx.fr",
    "gmx.us",
    "gmx.co.uk",
    "pm.me",
    "protonmail.ch",
    "tuta.io",
    "tutanota.de",
    "zohomail.com",
    "yandex.ua",
    "yandex.by",
    "yandex.kz",
    "ya.ru",
    "mail.ua",
    "ukr.net",
    "foxmail.com",
    "sina.com",
    "sohu.com",
    "yeah.net",
    "aliyun.com",
    "nate.com",
    "yahoo.co.kr",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "softbank.ne.jp",
    "i.softbank.jp",
    "nifty.com",
    "ocn.ne.jp",
    "fastmail.fm",
    "posteo.de",
    "mailbox.org",
    "arcor.de",
    "online.de",
    "outlook.at",
    "bluewin.ch",
    "hetnet.nl",
    "home.nl",
    "kpnmail.nl",
    "ziggo.nl",
    "skynet.be",
    "telenet.be",
    "ntlworld.com",
    "talktalk.net",
    "blueyonder.co.uk",
    "aol.co.uk",
    "aol.de",
    "aol.fr",
    "neuf.fr",
    "club-internet.fr",
    "numericable.fr",
    "hotmail.co.jp",
    "yahoo.co.nz",
    "xtra.co.nz",
    "optusnet.com.au",
    "telstra.com",
    "bigpond.net.au",
    "videotron.ca",
    "cogeco.ca",
    "frontier.com",
    "windstream.net",
    "centurylink.net",
    "roadrunner.com",
    "juno.com",
    "netzero.net",
    "prodigy.net",
    "q.com",
    "ig.com.br",
    "globo.com",
    "r7.com",
    "outlook.in",
    "rediff.com",
    "inbox.lv",
    "abv.bg",
    "centrum.cz",
    "atlas.cz",
    "azet.sk",
    "citromail.hu",
    "freemail.hu",
    "walla.co.il",
    "mynet.com",
)


# Misspellings the rules below do not reach: edits to a short name, and a mistyped top-level
# domain that happens to be a real one (.co Colombia, .cm Cameroon, .om Oman, .ne Niger).
KNOWN_TYPOS: dict[str, str] = {
    "gmial.com": "gmail.com",
    "gamil.com": "gmail.com",
    "gnail.com": "gmail.com",
    "gmai.com": "gmail.com",
    "gmail.co": "gmail.com",
    "gmail.cm": "gmail.com",
    "gmail.con": "gmail.com",
    "gmail.om": "gmail.com",
    "gmail.ne": "gmail.com",
    "gmail.cpm": "gmail.com",
    "gmail.vom": "gmail.com",
    "gmail.xom": "gmail.com",
    "g.mail.com": "gmail.com",
    "gmaill.com": "gmail.com",
    "gmal.com": "gmail.com",
    "gmil.com": "gmail.com",
    "googlemail.co": "googlemail.com",
    "hotmial.com": "hotmail.com",
    "hotmal.com": "hotmail.com",
    "homail.com": "hotmail.com",
    "hotmail.co": "hotmail.com",
    "hotmail.cm": "hotmail.com",
    "hotmail.om": "hotmail.com",
    "hotmai.com": "hotmail.com",
    "hitmail.com": "hotmail.com",
    "yaho.com": "yahoo.com",
    "yahooo.com": "yahoo.com",
    "yhoo.com": "yahoo.com",
    "yahoo.co": "yahoo.com",
    "yahoo.cm": "yahoo.com",
    "yahoo.om": "yahoo.com",
    "yaoo.com": "yahoo.com",
    "outlok.com": "outlook.com",
    "outloo.com": "outlook.com",
    "outlook.co": "outlook.com",
    "outlook.cm": "outlook.com",
    "iclod.com": "icloud.com",
    "icoud.com": "icloud.com",
    "icloud.co": "icloud.com",
    "icloud.cm": "icloud.com",
    "aol.co": "aol.com",
    "aol.cm": "aol.com",
    "aol.con": "aol.com",
    "aoll.com": "aol.com",
    "live.co": "live.com",
    "live.cm": "live.com",
    "msn.co": "msn.com",
    "me.co": "me.com",
    "mac.co": "mac.com",
    "gmx.ne": "gmx.net",
    "comcast.ne": "comcast.net",
    "verizon.ne": "verizon.net",
    "att.ne": "att.net",
    "sbcglobal.ne": "sbcglobal.net",
}

# Real domains one or two edits away from a well-known one: never "corrected".
NOT_TYPOS: frozenset[str] = frozenset(
    {
        "cloud.com",
        "hmail.com",
        "horizon.net",
        "mail.de",
        "gmail.de",  # not Google's: a German provider held it first
        "ymail.net",
        "yandex.net",
        "live.net",
    }
)

_WELL_KNOWN = frozenset(WELL_KNOWN_DOMAINS)
_MIN_DISTANCE_NAME = 5  # shorter names (aol, msn, gmx, live) have real neighbours: typos table only


def _split(domain: str) -> tuple[str, str]:
    """``domain`` as (name, public suffix): "yahoo.co.uk" -> ("yahoo", "co.uk")."""
    suffix = public_suffix_list().publicsuffix(domain) or domain.rpartition(".")[2]
    name = domain[: -len(suffix) - 1] if domain.endswith("." + suffix) else domain
    return name, suffix


@functools.cache
def public_suffix_list() -> PublicSuffixList:
    """The Public Suffix List packaged with ``publicsuffixlist``: read once, never fetched."""
    return PublicSuffixList()


def is_public_suffix(suffix: str) -> bool:
    """Whether ``suffix`` is listed as a public suffix ("com", "co.uk"; not "con")."""
    return public_suffix_list().is_public(suffix, accept_unknown=False)


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


def _closest(text: str, candidates: tuple[tuple[str, str], ...], limit: int) -> str | None:
    """The value of the first (key, value) whose key is nearest to ``text``, within ``limit``."""
    best: tuple[int, str] | None = None
    for key, value in candidates:
        distance = _distance(text, key, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, value)
    return best[1] if best else None


_MAX_EDITS = 2  # the most edits a suggestion may be away (longer domains)


def _deletions(text: str, depth: int) -> set[str]:
    """``text`` and every string made from it by deleting up to ``depth`` characters."""
    found = {text}
    frontier = {text}
    for _ in range(depth):
        frontier = {word[:i] + word[i + 1 :] for word in frontier for i in range(len(word))}
        found |= frontier
    return found


@functools.cache
def _index() -> tuple[
    dict[str, tuple[tuple[str, str], ...]],
    tuple[tuple[str, str, str], ...],
    dict[str, tuple[int, ...]],
]:
    """Well-known domains by name ({"yahoo": (("com", "yahoo.com"), ...)}); as (domain, name,
    suffix) for those with names long enough to compare by edit distance; and, for those, the
    positions in that tuple of the domains each deletion string comes from.

    Two strings within k edits (insertions, deletions, substitutions, transpositions) share a
    string that each reaches by deleting at most k characters, so looking up a domain's own
    deletions finds every candidate near enough, and only those few are measured: a domain
    that is no typo costs some dictionary lookups, not an edit distance to every candidate.
    """
    by_name: dict[str, tuple[tuple[str, str], ...]] = {}
    comparable: list[tuple[str, str, str]] = []
    for domain in WELL_KNOWN_DOMAINS:
        name, suffix = _split(domain)
        by_name[name] = (*by_name.get(name, ()), (suffix, domain))
        if len(name) >= _MIN_DISTANCE_NAME:
            comparable.append((domain, name, suffix))
    near: dict[str, list[int]] = {}
    for position, (domain, _, _) in enumerate(comparable):
        for deleted in _deletions(domain, _MAX_EDITS):
            near.setdefault(deleted, []).append(position)
    return by_name, tuple(comparable), {key: tuple(value) for key, value in near.items()}


@functools.lru_cache(maxsize=65536)
def suggest_domain(domain: str) -> str | None:
    """The well-known domain ``domain`` is probably a typo of, or None.

    Four ways to be a typo: a listed misspelling (``KNOWN_TYPOS``); a well-known name alone
    ("gmail"); a well-known name under a top-level domain that does not exist ("gmail.cmo");
    or a name one edit (two in longer domains) from a well-known name of five letters or more,
    under the same suffix or one that does not exist ("gmial.com", "hotmial.con"). A
    well-known name under another real suffix ("hotmail.es") and a domain that is itself
    well-known are left alone.
    """
    domain = domain.lower().rstrip(".")
    if domain in _WELL_KNOWN or domain in NOT_TYPOS:
        return None
    if domain in KNOWN_TYPOS:
        return KNOWN_TYPOS[domain]
    by_name, comparable, near = _index()
    if "." not in domain:
        # "user@gmail": the suffix left out; the first listed is the most used ("gmail.com")
        return by_name[domain][0][1] if domain in by_name else None
    name, suffix = _split(domain)
    if not name or "." in name:
        return None  # a public suffix alone, or a subdomain: nothing to compare with
    suffix_exists = is_public_suffix(suffix)
    if name in by_name:
        if suffix_exists:
            return None  # "hotmail.es" is Microsoft's too; "gmail.fr" is somebody's
        return _closest(suffix, by_name[name], limit=2)
    if len(name) < _MIN_DISTANCE_NAME - 1:
        return None
    limit = 1 if len(domain) <= 9 else _MAX_EDITS
    positions = {p for deleted in _deletions(domain, limit) for p in near.get(deleted, ())}
    candidates = tuple(
        (candidate, candidate)
        for candidate, _, candidate_suffix in (comparable[p] for p in sorted(positions))
        if not suffix_exists or candidate_suffix == suffix
    )
    return _closest(domain, candidates, limit)
