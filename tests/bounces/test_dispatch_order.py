"""The dispatch order of the bounce formats, pinned: first match wins, so order is behaviour.

Moving a format changes which one reads a message that two of them match. The list names each
format's module (three share the name "Feedback-Loop"); a change here must be meant.
"""

from __future__ import annotations

from bouncekit.bounces.formats import formats

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
