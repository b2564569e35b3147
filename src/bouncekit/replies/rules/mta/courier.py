"""Courier-MTA's own wording (courier/module.esmtp/esmtpclient.c, courier/submit.C,
courier/libs/comctlfile.c, courierd), as collected in Sisimai's Courier decoder
(lhost/via-courier.go in sisimai/go-sisimai) and its sample bounces.

https://www.courier-mta.org/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="courier.unknown-user",
        reason=Reason.USERUNKNOWN,
        phrases=("no such user or mailbox", "courier: unknown user"),
        examples=("550 <kijitora@example.jp>: no such user or mailbox",),
        summary="The receiving Courier has no such mailbox.",
        priority=2,
    ),
    Rule(
        id="courier.sender-dns",
        reason=Reason.REJECTED,
        phrases=(
            "mail from <* rejected: dns lookup failed",
            "sender address rejected: dns lookup failed",
            "invalid sender domain",
        ),
        examples=("517 Invalid sender domain: example.invalid",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Courier could not resolve the envelope sender's domain.",
        priority=12,
    ),
    Rule(
        id="courier.no-such-domain",
        reason=Reason.HOSTUNKNOWN,
        phrases=("unknown; no such domain", "no such domain."),
        examples=(
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.1.2\n"
            "Diagnostic-Code: unknown; No such domain.",
            "550 No such domain.",
        ),
        summary="Courier found no MX or A record for the recipient's domain.",
        priority=7,
    ),
    Rule(
        id="courier.delays",
        reason=Reason.EXPIRED,
        phrases=("delivery to this address has been delayed", "this message has been delayed"),
        examples=(
            "450 4.4.7 Delivery to this address has been delayed; will retry for up to 7 days",
        ),
        summary="Courier could not deliver yet and will keep retrying until the queue "
        "lifetime ends.",
        priority=2,
    ),
    Rule(
        id="courier.blacklisted",
        reason=Reason.BLOCKED,
        phrases=("blacklisted by block_", "access denied by blocklist"),
        examples=("550 Access denied by blocklist: listed in bl.example.net",),
        summary="Courier's BLACKLISTS (block_*) refused your sending IP.",
        priority=11,
    ),
)
