"""Comcast / Xfinity (``*.comcast.net``).

Comcast lists the codes its refusals carry in "Mail delivery error codes",
https://postmaster.comcast.net/mail-error-codes.html: ``ES0000xx`` for dynamic or residential
IPs, ``BL000xxx`` for blocks (the last three digits say which list: Spamhaus ZEN, Cloudmark CSI,
SenderScore, in combination), ``RL0000xx`` for rate limits; and, on its SMTP error code page
(https://postmaster.comcast.net/smtp-error-codes.php, stored as
https://mdpcontent-ho-1p-187062.sys.comcast.net/smtp-error-codes.php), the non-specific replies
such as "421 - [Too many sessions opened]". The stored copy of the first page breaks off after
``BL000110``; its last codes (``BL000111``, and ``BL001000`` to ``BL001111``, where the fourth
bit stands for TrendMicro MAPS) are known from a Momentum adaptive-delivery configuration that
copies the table. The replies link to the codes as ``smtp-error-codes.php#BL000000``. Current
help is at https://www.xfinity.com/support/articles/email-errors.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster.comcast.net/mail-error-codes.html"
SMTP_CODES = "https://postmaster.comcast.net/smtp-error-codes.php"

PROVIDER = Provider(
    key="comcast",
    name="Comcast / Xfinity",
    host_suffixes=(".comcast.net", ".xfinity.com"),
    markers=(
        "sys.comcast.net",
        "postmaster.comcast",
        "postmaster.xfinity.com",
        # Comcast's own code families (ES, BL, RL and six digits).
        "es000",
        "bl00",
        "rl000",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="comcast.bl000000-blocked",
        reason=Reason.BLOCKED,
        phrases=("found on one or more dnsbls", "bl00"),
        examples=(
            "554 resimta-po-11v.sys.comcast.net resimta-po-11v.sys.comcast.net 192.0.2.25 "
            "found on one or more DNSBLs, see "
            "http://postmaster.comcast.net/smtp-error-codes.php#BL000000",
            "BL000000",
            "BL000001",
            "BL000010",
            "BL000011",
            "BL000100",
            "BL000101",
            "BL000110",
            "BL000111",
            "BL001000",
            "BL001111",
        ),
        summary="Comcast refuses your IP: it sent mail in patterns characteristic of spam "
        "(BL000000), or Spamhaus ZEN, Cloudmark CSI, SenderScore or TrendMicro MAPS list it "
        "(each digit of the code stands for one list).",
        actions=(
            Action(
                "Check the IP on the lists the code names, fix the cause and ask for removal "
                "there; for BL000000, ask Comcast to review the IP.",
                url="https://postmaster.xfinity.com/",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="comcast.es000001-dynamic-ip",
        reason=Reason.BLOCKED,
        phrases=("es000",),
        examples=("ES000001", "ES000010"),
        summary="Comcast refuses mail sent straight from a dynamic or residential IP (its own, "
        "ES000001, or another network's, ES000010); Comcast reads an IP as dynamic when its "
        "reverse DNS does not look like a static one.",
        actions=(
            Action(
                "Send through your provider's mail server, or give the server a static IP with "
                "a reverse DNS name that says so."
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
        summary="Comcast limits connections and messages per IP (25 connections at once); "
        "retry later with fewer.",
        docs_url=SMTP_CODES,
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
