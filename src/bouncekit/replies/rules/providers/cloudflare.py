"""Cloudflare Email Routing (forwarding for domains on Cloudflare; MX ``*.mx.cloudflare.net``).

Cloudflare's postmaster page, https://developers.cloudflare.com/email-routing/postmaster/
(source ``src/content/docs/email-routing/postmaster.mdx`` in ``cloudflare/cloudflare-docs``),
says that Email Routing mostly passes the upstream server's errors back to the sender, and prints
the one reply of its own: the refusal of an IP found on a DNS blocklist. Older versions of the
page print "DNSBLs", newer ones "RBLs"; both are in
``tests/replies/data/provider_tables/cloudflare.jsonl``. Sisimai's ``Rhost/Cloudflare`` also
matches "Upstream error", of which no full reply is published.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://developers.cloudflare.com/email-routing/postmaster/"

PROVIDER = Provider(
    key="cloudflare",
    name="Cloudflare Email Routing",
    host_suffixes=(".mx.cloudflare.net",),
    markers=("developers.cloudflare.com/email-routing",),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="cloudflare.ip-on-blocklists",
        reason=Reason.BLOCKED,
        phrases=("found on one or more rbls", "found on one or more dnsbls"),
        examples=(
            "554 <YOUR_IP_ADDRESS> found on one or more RBLs (abusixip). Refer to "
            "https://developers.cloudflare.com/email-routing/postmaster/#spam-and-abusive-traffic/",
            "554 <YOUR_IP_ADDRESS> found on one or more DNSBLs (abusixip). Refer to "
            "https://developers.cloudflare.com/email-routing/postmaster/#spam-and-abusive-traffic/",
        ),
        summary="Cloudflare Email Routing refuses your IP because a DNS blocklist it uses "
        "lists it; the list is named in brackets.",
        actions=(
            Action(
                "To be removed at once, contact the maintainer of the list named in the reply; "
                "Cloudflare says such blocks are usually temporary.",
                url=DOCS + "#spam-and-abusive-traffic",
            ),
        ),
        docs_url=DOCS,
    ),
)
