"""The dispatch order of the bounce formats, pinned: first match wins, so order is behaviour.

Moving a format changes which one reads a message that two of them match. The list names each
format's module (three share the name "Feedback-Loop"); a change here must be meant.
"""

from __future__ import annotations

from bouncekit.bounces.formats import (
    FEEDBACK,
    MTA_GENERIC,
    MTA_LOOSE,
    MTA_SPECIFIC,
    NOTICE,
    PROVIDER,
    STANDARD_DSN,
    UNKNOWN_MTA,
    formats,
)

DISPATCH_ORDER = (
    "einsundeins",
    "mxlogic",
    "gsuite",
    "googlegroups",
    "receivingses",
    "activehunter",
    "amazonses",
    "amazonworkmail",
    "apachejames",
    "biglobe",
    "domino",
    "ezweb",
    "exim",
    "fml",
    "gmx",
    "gmail",
    "imailserver",
    "interscanmss",
    "mailfoundry",
    "mailmarshalsmtp",
    "mailru",
    "messagelabs",
    "messagingserver",
    "notes",
    "surfcontrol",
    "verizon",
    "yahoo",
    "zoho",
    "mfilter",
    "kddi",
    "qmail",
    "x4",
    "dragonfly",
    "opensmtpd",
    "courier",
    "v5sendmail",
    "exchange2003",
    "office365",
    "postfix",
    "sendmail",
    "mcafee",
    "outlook",
    "powermta",
    "x1",
    "x2",
    "x3",
    "x5",
    "x6",
    "hotmailjmrp",
    "appleunsubscribe",
    "arf",
    "rfc3464",
    "rfc3834",
    "notice",
)


def _module(decode: object) -> str:
    return str(getattr(decode, "__module__", "")).rsplit(".", 1)[-1]


def test_the_formats_run_in_the_pinned_order() -> None:
    assert tuple(_module(f.decode) for f in formats()) == DISPATCH_ORDER


def test_every_order_is_a_named_band_plus_a_small_offset() -> None:
    bands = (PROVIDER, MTA_SPECIFIC, MTA_GENERIC, MTA_LOOSE, UNKNOWN_MTA, FEEDBACK)
    bands += (STANDARD_DSN, NOTICE)
    assert list(bands) == sorted(bands)
    for bounce_format in formats():
        band = max((b for b in bands if b <= bounce_format.order), default=None)
        assert band is not None, f"{bounce_format.name} runs before every band"
        following = [b for b in bands if b > band]
        assert not following or bounce_format.order < following[0], bounce_format.name
