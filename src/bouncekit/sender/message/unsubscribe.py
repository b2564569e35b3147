"""One-click unsubscribe: List-Unsubscribe (RFC 2369) and List-Unsubscribe-Post (RFC 8058)."""

from __future__ import annotations

import email
import email.message
import email.policy
import email.utils
import re
from collections.abc import Sequence

from bouncekit.sender.message.model import excerpt
from bouncekit.sender.message.signatures import Signature
from bouncekit.sender.model import Area, Finding, Status, finding

_URI = re.compile(r"<([^<>]+)>")


def unsubscribe_findings(
    message: email.message.Message, signatures: Sequence[Signature]
) -> list[Finding]:
    why = (
        "Gmail and Yahoo require one-click unsubscribe (RFC 8058) of bulk senders since "
        "February 2024 and Outlook.com since May 2025; without it bulk mail is junked or "
        "rejected (Gmail 550 5.7.26 / 421 4.7.27-style bulk-sender rejections), and people "
        "who cannot unsubscribe press 'Report spam'."
    )
    header = " ".join((message.get("List-Unsubscribe") or "").split())
    if not header:
        return [
            finding(
                Area.UNSUBSCRIBE,
                "list-unsubscribe",
                Status.WARN,
                "No List-Unsubscribe header (needed for bulk and marketing mail, not for "
                "one-to-one mail).",
                why,
                "Add 'List-Unsubscribe: <https://example.com/unsub?id=...>, "
                "<mailto:unsub@example.com?subject=unsubscribe>' and "
                "'List-Unsubscribe-Post: List-Unsubscribe=One-Click', both signed by DKIM.",
            )
        ]
    uris = _URI.findall(header)
    https = [uri for uri in uris if uri.lower().startswith("https://")]
    found = []
    if not uris:
        found.append(
            finding(
                Area.UNSUBSCRIBE,
                "list-unsubscribe",
                Status.FAIL,
                f"List-Unsubscribe {excerpt(header)} has no URI in angle brackets (RFC 2369).",
                why,
                "Write each URI in angle brackets: <https://...>, <mailto:...>.",
            )
        )
    else:
        found.append(
            finding(
                Area.UNSUBSCRIBE,
                "list-unsubscribe",
                Status.PASS,
                f"List-Unsubscribe offers {', '.join(uris)}.",
            )
        )
    post = " ".join((message.get("List-Unsubscribe-Post") or "").split())
    if post != "List-Unsubscribe=One-Click" or not https:
        problem = (
            "there is no List-Unsubscribe-Post header"
            if not post
            else f"List-Unsubscribe-Post is {excerpt(post)}, not 'List-Unsubscribe=One-Click'"
            if post != "List-Unsubscribe=One-Click"
            else "List-Unsubscribe has no https URI for the POST"
        )
        found.append(
            finding(
                Area.UNSUBSCRIBE,
                "one-click",
                Status.FAIL,
                f"One-click unsubscribe (RFC 8058) is not offered: {problem}.",
                why,
                "Add 'List-Unsubscribe-Post: List-Unsubscribe=One-Click' and an https URI in "
                "List-Unsubscribe that unsubscribes on a POST without further steps.",
            )
        )
        return found
    signed = [
        s
        for s in signatures
        if s.passed
        and "list-unsubscribe" in s.signed_headers
        and "list-unsubscribe-post" in s.signed_headers
    ]
    if not signed:
        found.append(
            finding(
                Area.UNSUBSCRIBE,
                "one-click",
                Status.FAIL,
                "One-click unsubscribe headers are present but no valid DKIM signature covers "
                "both List-Unsubscribe and List-Unsubscribe-Post.",
                "RFC 8058 section 4 requires both headers to be covered by a valid DKIM "
                "signature; receivers ignore the one-click offer otherwise. " + why,
                "Add list-unsubscribe and list-unsubscribe-post to the signer's h= list.",
            )
        )
    else:
        found.append(
            finding(
                Area.UNSUBSCRIBE,
                "one-click",
                Status.PASS,
                f"One-click unsubscribe (RFC 8058) is offered and signed by d={signed[0].domain}.",
            )
        )
    return found
