"""Stalwart Mail Server's own wording (crates/smtp/src/inbound/rcpt.rs, mail.rs, data.rs).

Stalwart gives RFC 7372 codes for its authentication checks (5.7.20 DKIM, 5.7.23 SPF, 5.7.25
reverse DNS, 5.7.29 ARC) and a 5.1.2 for both an unknown mailbox and a domain it does not
relay for, so the text, not the code, tells them apart.

https://github.com/stalwartlabs/stalwart
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import SENDER, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # rcpt.rs RcptResolution::UnknownDomain without relay permission.
        id="stalwart.relay-not-allowed",
        reason=Reason.NORELAYING,
        phrases=("relay not allowed",),
        examples=("550 5.1.2 Relay not allowed.",),
        priority=SENDER,
    ),
    Rule(
        # mail.rs: session.mail.is_allowed, auth.must_match_sender.
        id="stalwart.sender-not-allowed",
        reason=Reason.REJECTED,
        phrases=("sender address not allowed", "you are not allowed to send from this address"),
        examples=(
            "550 5.7.1 Sender address not allowed.",
            "501 5.5.4 You are not allowed to send from this address.",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        priority=SENDER + 1,
    ),
    Rule(
        # mail.rs and rcpt.rs: an SMTP extension the client used is switched off here.
        id="stalwart.extension-disabled",
        reason=Reason.SYNTAXERROR,
        phrases=("extension has been disabled",),
        examples=("501 5.5.4 DSN extension has been disabled.",),
        priority=SENDER,
    ),
    Rule(
        # data.rs: the message could not be parsed as RFC 5322.
        id="stalwart.parse-failed",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("failed to parse message",),
        examples=("550 5.7.7 Failed to parse message.",),
        priority=STRONG,
    ),
)
