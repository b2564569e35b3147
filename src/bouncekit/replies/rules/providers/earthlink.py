"""EarthLink (earthlink.net, mindspring.com and the other domains EarthLink took over).

EarthLink's inbound mail is filtered by Vade, which publishes EarthLink's SMTP replies at
https://postmaster-earthlink.vadesecure.com/inbound_error_codes. Every reply there carries a
code starting with ``ELNK_``; the page prints, under each code, the reply text and its cause.
The stored copy shows the codes ELNK_101 to ELNK_130. Several codes share one reply text
("550 5.7.1 Connection refused" is an IP on Vade's threat list for ELNK_101 and a reverse DNS
failure for ELNK_105 and ELNK_108), so the text alone cannot tell them apart; those lines carry
a ``gap`` in ``tests/replies/data/provider_tables/earthlink.jsonl``.

Two older replies come from EarthLink's own pages: its automatic answer from
blockedbyearthlink@abuse.earthlink.net, as archived at
https://lists.freebsd.org/pipermail/freebsd-doc/2009-October/016377.html (the archive hides the
address; the "blockedbyearthlink@abuse.earthlink.net" it names is given in full by
https://www.rackaid.com/blog/how-to-remove-your-email-server-ip-from-earthlinks-blacklist/), and
the article "Email Blocked by EarthLink",
https://support.earthlink.net/articles/email/email-blocked-by-earthlink.php (the stored copy lost
the link that follows "Go to", so the line ends before it).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster-earthlink.vadesecure.com/inbound_error_codes"
BLOCKED = "https://support.earthlink.net/articles/email/email-blocked-by-earthlink.php"

PROVIDER = Provider(
    key="earthlink",
    name="EarthLink",
    host_suffixes=(".earthlink.net",),
    # "ELNK_" opens the code of every EarthLink reply (the postmaster page says so).
    markers=("elnk_", "blockedbyearthlink", "is blocked by earthlink"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="earthlink.ip-blocked",
        reason=Reason.BLOCKED,
        phrases=("dynamic/zombied/spam ips blocked", "is blocked by earthlink"),
        examples=(
            "550 Dynamic/zombied/spam IPs blocked. Write blockedbyearthlink@abuse.earthlink.net",
            "550 IP (the actual blocked IP Address) is blocked by EarthLink.",
        ),
        summary="EarthLink blocks your IP: it drew complaints, is dynamic, or is listed as a "
        "spam source. EarthLink blocks IPs, never domains.",
        actions=(
            Action(
                "Once the cause is fixed, forward the bounce to "
                "blockedbyearthlink@abuse.earthlink.net with the subject 'Blocked' followed "
                "by the IP, preferably from the original sender.",
                url=BLOCKED,
            ),
        ),
        docs_url=BLOCKED,
    ),
    Rule(
        id="earthlink.sender-blocked-error",
        reason=Reason.BLOCKED,
        phrases=("sender blocked error",),
        examples=("host mx.earthlink.net[192.0.2.1] said: 550 5.7.1 Sender blocked error",),
        summary="EarthLink refuses your IP because a blocklist it uses (Validity's, "
        "Spamhaus's) lists it.",
        actions=(Action("Ask the list named on EarthLink's page for removal.", url=DOCS),),
        docs_url=DOCS,
    ),
)
