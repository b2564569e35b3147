"""Comcast / Xfinity (``*.comcast.net``).

Comcast documents its reply codes (BL000000, RL000001 ...) at
https://postmaster.comcast.net/smtp-error-codes.php, now under https://postmaster.xfinity.com/.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster.comcast.net/smtp-error-codes.php"

PROVIDER = Provider(
    key="comcast",
    name="Comcast / Xfinity",
    host_suffixes=(".comcast.net", ".xfinity.com"),
    markers=("sys.comcast.net", "postmaster.comcast", "postmaster.xfinity.com"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="comcast.bl000000-dnsbl",
        reason=Reason.BLOCKED,
        phrases=("found on one or more dnsbls", "#bl000000", "#bl000001", "#bl000010"),
        examples=(
            "554 resimta-po-11v.sys.comcast.net resimta-po-11v.sys.comcast.net 192.0.2.25 "
            "found on one or more DNSBLs, see "
            "http://postmaster.comcast.net/smtp-error-codes.php#BL000000",
        ),
        summary="Comcast refuses your IP because a DNS blocklist it uses lists it.",
        actions=(
            Action(
                "Check the IP on the common blocklists, then ask Comcast to review it.",
                url="https://postmaster.xfinity.com/",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="comcast.rate-limit",
        reason=Reason.TOOMANYCONN,
        phrases=("#rl000001", "#rl000010", "#rl000100"),
        examples=(
            "421 resimta-ch2-05v.sys.comcast.net comcast 192.0.2.25 Comcast requires that you "
            "limit the number of connections; please try again later. "
            "http://postmaster.comcast.net/smtp-error-codes.php#RL000001",
        ),
        summary="Comcast limits connections and messages per IP; retry later with fewer.",
        docs_url=DOCS,
    ),
    Rule(
        id="comcast.not-our-customer",
        reason=Reason.USERUNKNOWN,
        phrases=("not our customer",),
        examples=(
            "host mx1.comcast.net[96.114.157.80] said: 550 5.1.1 <kijitora@comcast.net> Not our "
            "Customer (in reply to RCPT TO command)",
        ),
        summary="Comcast has no mailbox at this address.",
        docs_url=DOCS,
    ),
)
