"""Maddy Mail Server's own wording: the SMTPError messages of its checks (internal/check/dns,
spf, dkim, dnsbl), of the message pipeline's DMARC policy and of its storage targets.

https://github.com/foxcpp/maddy
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import CAUSE, SENDER, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # check/dns require_mx_record: the envelope sender's domain cannot receive replies.
        id="maddy.sender-domain",
        reason=Reason.REJECTED,
        phrases=(
            "domain in mail from does not have any mx records",
            "domain in mail from has null mx record",
        ),
        examples=(
            "501 5.7.27 Domain in MAIL FROM does not have any MX records",
            "501 5.7.27 Domain in MAIL FROM has null MX record",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        priority=STRONG,
    ),
    Rule(
        # check/spf prepareMailFrom: the MAIL FROM address does not parse (5.1.7: the
        # sender's mailbox syntax).
        id="maddy.malformed-sender",
        reason=Reason.REJECTED,
        phrases=("malformed address",),
        statuses=("5.1.7",),
        examples=("550 5.1.7 Malformed address",),
        owner=Owner.SENDER,
        no_verdict=True,
        priority=SENDER,
    ),
    Rule(
        # check/dns require_matching_ehlo.
        id="maddy.ehlo",
        reason=Reason.BLOCKED,
        phrases=(
            "malformed ip in ehlo",
            "ip in ehlo is not the same as the actual client ip",
            "no matching a/aaa records found for the ehlo hostname",
        ),
        examples=(
            "550 5.7.0 Malformed IP in EHLO",
            "550 5.7.0 No matching A/AAA records found for the EHLO hostname",
        ),
        summary="Maddy requires the EHLO name to resolve to the connecting IP.",
        priority=STRONG,
    ),
    Rule(
        # check/spf: "SPF authentication failed", "... soft-failed", "... with a temporary
        # error"; the generic "authentication failed" would read them as a login failure.
        id="maddy.spf",
        reason=Reason.AUTHFAILURE,
        phrases=("spf authentication failed", "spf authentication soft-failed"),
        examples=(
            "550 5.7.23 SPF authentication failed",
            "550 5.7.23 SPF authentication soft-failed",
            "451 4.7.23 SPF authentication failed with a temporary error",
        ),
        priority=CAUSE,
    ),
)
