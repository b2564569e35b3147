"""Lists the offline checks look addresses up in: role accounts, free-mail and disposable domains.

Everything here is data plus a lookup, built once at import (the Public Suffix List on first
use); lookups are set membership on lowercase ASCII text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import disposable_email_domains

from bouncekit.domains import public_suffix_list

# RFC 2142 section 3-5: the mailbox names of business functions, network operations and
# services; then the names that lists commonly hold for a team or a function, not a person.
# Matched without the "+tag" and with "-", "_" and "." removed ("no-reply" is "noreply").
RFC_2142_ROLES: frozenset[str] = frozenset(
    {
        "info",
        "marketing",
        "sales",
        "support",
        "abuse",
        "noc",
        "security",
        "postmaster",
        "hostmaster",
        "usenet",
        "news",
        "webmaster",
        "www",
        "uucp",
        "ftp",
    }
)

COMMON_ROLES: frozenset[str] = frozenset(
    {
        "accounting",
        "accounts",
        "admin",
        "administrator",
        "all",
        "billing",
        "bookings",
        "booking",
        "career",
        "careers",
        "ceo",
        "compliance",
        "contact",
        "contactus",
        "customercare",
        "customerservice",
        "customersupport",
        "dev",
        "devnull",
        "dns",
        "donotreply",
        "enquiries",
        "enquiry",
        "everyone",
        "feedback",
        "finance",
        "hello",
        "help",
        "helpdesk",
        "hi",
        "hostmaster",
        "hr",
        "inquiries",
        "inquiry",
        "investors",
        "it",
        "jobs",
        "legal",
        "list",
        "mail",
        "mailerdaemon",
        "media",
        "newsletter",
        "noreply",
        "notifications",
        "office",
        "orders",
        "partners",
        "payments",
        "press",
        "privacy",
        "recruitment",
        "recruiting",
        "reception",
        "root",
        "service",
        "services",
        "staff",
        "subscribe",
        "sysadmin",
        "team",
        "tech",
        "unsubscribe",
        "welcome",
    }
)

ROLE_LOCAL_PARTS: frozenset[str] = RFC_2142_ROLES | COMMON_ROLES

# Mailbox providers where anybody can sign up for free; yahoo, hotmail, outlook and live under
# the country domains they serve.
FREE_MAIL_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        *(f"yahoo.{tld}" for tld in ("com", "co.uk", "fr", "de", "es", "it", "ca", "co.jp")),
        *(f"yahoo.{tld}" for tld in ("com.au", "com.br", "com.mx", "co.in", "co.id", "in")),
        *(f"yahoo.{tld}" for tld in ("gr", "se", "dk", "ie", "com.ar", "com.sg", "com.tw")),
        *(f"yahoo.{tld}" for tld in ("com.hk", "com.ph", "com.vn", "co.kr", "co.nz")),
        "ymail.com",
        "rocketmail.com",
        *(f"hotmail.{tld}" for tld in ("com", "co.uk", "fr", "de", "it", "es", "be", "nl", "ca")),
        *(f"hotmail.{tld}" for tld in ("com.br", "com.ar", "com.mx", "se", "dk", "no", "co.jp")),
        *(f"outlook.{tld}" for tld in ("com", "de", "fr", "es", "it", "be", "jp", "com.br")),
        *(f"outlook.{tld}" for tld in ("co.uk", "at", "in")),
        *(f"live.{tld}" for tld in ("com", "co.uk", "fr", "de", "it", "nl", "ca", "be")),
        *(f"live.{tld}" for tld in ("com.au", "com.mx")),
        "msn.com",
        "windowslive.com",
        "aol.com",
        "aol.co.uk",
        "aol.de",
        "aol.fr",
        "aim.com",
        "icloud.com",
        "me.com",
        "mac.com",
        *(f"gmx.{tld}" for tld in ("com", "de", "net", "at", "ch", "fr", "us", "co.uk")),
        "web.de",
        "freenet.de",
        "t-online.de",
        "mail.com",
        "email.com",
        "mail.ru",
        "bk.ru",
        "inbox.ru",
        "list.ru",
        "rambler.ru",
        *(f"yandex.{tld}" for tld in ("ru", "com", "ua", "by", "kz")),
        "ya.ru",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "tutanota.com",
        "tutanota.de",
        "tuta.io",
        "zoho.com",
        "zohomail.com",
        "qq.com",
        "foxmail.com",
        "163.com",
        "126.com",
        "yeah.net",
        "sina.com",
        "sohu.com",
        "aliyun.com",
        "naver.com",
        "daum.net",
        "hanmail.net",
        "nate.com",
        "rediffmail.com",
        "rediff.com",
        "mail.ua",
        "ukr.net",
        "seznam.cz",
        "centrum.cz",
        "atlas.cz",
        "azet.sk",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "interia.pl",
        "libero.it",
        "virgilio.it",
        "tiscali.it",
        "laposte.net",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "sfr.fr",
        "uol.com.br",
        "bol.com.br",
        "terra.com.br",
        "ig.com.br",
        "inbox.lv",
        "abv.bg",
        "citromail.hu",
        "freemail.hu",
        "walla.co.il",
        "mynet.com",
        "fastmail.com",
        "fastmail.fm",
        "hey.com",
        "posteo.de",
        "mailbox.org",
    }
)

# RFC 5233 subaddressing: providers documented to deliver "user+tag" to "user".
PLUS_TAG_DOMAINS: frozenset[str] = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        *(d for d in FREE_MAIL_DOMAINS if d.startswith(("outlook.", "hotmail.", "live."))),
        "msn.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "fastmail.com",
        "fastmail.fm",
        "zoho.com",
        "zohomail.com",
        "yandex.ru",
        "yandex.com",
        "hey.com",
        "posteo.de",
        "mailbox.org",
    }
)

# Gmail ignores dots in the local part, and googlemail.com is the same mailbox as gmail.com.
DOT_BLIND_DOMAINS: frozenset[str] = frozenset({"gmail.com", "googlemail.com"})
SAME_MAILBOX_DOMAINS: dict[str, str] = {"googlemail.com": "gmail.com"}

_ROLE_SEPARATORS = str.maketrans("", "", "-_.")


def is_role(local: str) -> bool:
    """Whether ``local`` (the part before the @) names a function, not a person ("info+x")."""
    base = local.partition("+")[0].lower()
    if base in ROLE_LOCAL_PARTS:
        return True
    return ("-" in base or "_" in base or "." in base) and base.translate(
        _ROLE_SEPARATORS
    ) in ROLE_LOCAL_PARTS


def is_free(domain: str) -> bool:
    """Whether ``domain`` (ASCII, lowercase) belongs to a free mailbox provider."""
    return domain in FREE_MAIL_DOMAINS


def mailbox_key(local: str, domain: str) -> str:
    """One string per mailbox: addresses with the same key reach the same inbox.

    The local part is case-sensitive (RFC 5321 section 2.4) except at the free-mail providers,
    which all ignore case; "+tags" are dropped where the provider delivers them to the
    untagged address, and Gmail also ignores dots.
    """
    if domain in FREE_MAIL_DOMAINS:
        local = local.lower()
        if domain in PLUS_TAG_DOMAINS:
            local = local.partition("+")[0]
        if domain in DOT_BLIND_DOMAINS:
            local = local.replace(".", "")
        domain = SAME_MAILBOX_DOMAINS.get(domain, domain)
    return f"{local}@{domain}"


class DisposableDomains:
    """A list of disposable-mail domains, matched on registered-domain boundaries.

    A listed domain covers its subdomains ("mail.tempmail.example" under "tempmail.example"),
    but only down to the registered domain of the address: a listed public suffix (a dynamic-DNS
    zone, say) does not make every customer of that zone disposable, and "notmailinator.com"
    is not under "mailinator.com" because matching goes label by label.
    """

    def __init__(self, blocklist: Iterable[str], allowlist: Iterable[str] = ()) -> None:
        self._allowed = frozenset(domain.lower() for domain in allowlist)
        self._listed = frozenset(domain.lower() for domain in blocklist) - self._allowed

    def __len__(self) -> int:
        return len(self._listed)

    def __contains__(self, domain: object) -> bool:
        return isinstance(domain, str) and self.matches(domain)

    def matches(self, domain: str) -> bool:
        """Whether ``domain`` (ASCII, lowercase) or a parent, down to its registered domain, is
        listed."""
        if domain in self._allowed:
            return False
        if domain in self._listed:
            return True
        labels = domain.split(".")
        parents = [".".join(labels[i:]) for i in range(1, len(labels))]
        listed = [parent for parent in parents if parent in self._listed]
        if not listed:
            return False
        registered = public_suffix_list().privatesuffix(domain)
        if registered is None:
            return False  # the domain is a public suffix itself
        return any(len(parent) >= len(registered) for parent in listed)


DISPOSABLE_DOMAINS = DisposableDomains(
    disposable_email_domains.blocklist, getattr(disposable_email_domains, "allowlist", ())
)


@functools.lru_cache(maxsize=65536)
def is_disposable(domain: str) -> bool:
    """Whether ``domain`` (ASCII, lowercase) is a disposable-mail domain or under one."""
    return DISPOSABLE_DOMAINS.matches(domain)
