"""Blocklists and reputation services that rejections name, with what a listing means.

Markers are lowercase phrases found in real replies; each entry carries such a reply.
"""

from __future__ import annotations

from bouncekit.replies.model import Blocklist

BLOCKLISTS: tuple[Blocklist, ...] = (
    Blocklist(
        key="spamhaus-xbl",
        name="Spamhaus XBL",
        lists="ip",
        meaning="the IP showed signs of infection: a bot, malware or an open proxy",
        delist_url="https://check.spamhaus.org/",
        markers=("spamhaus xbl", "xbl.spamhaus.org", "spamhaus.org/query/bl?ip", "/xbl/"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using "
            "xbl.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9",
        ),
    ),
    Blocklist(
        key="spamhaus-zen",
        name="Spamhaus ZEN",
        lists="ip",
        meaning="the IP is on one of Spamhaus's IP lists (SBL, CSS, XBL or PBL)",
        delist_url="https://check.spamhaus.org/",
        markers=("zen.spamhaus.org", "spamhaus"),
        examples=(
            "550 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using Spamhaus. "
            "To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.9",
        ),
    ),
)
