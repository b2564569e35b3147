"""Postfix's own wording (src/smtpd/smtpd_check.c, src/smtp/smtp_proto.c and the access(5) docs).

https://www.postfix.org/postconf.5.html
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="postfix.user-unknown-in-table",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "user unknown in local recipient table",
            "user unknown in virtual mailbox table",
            "user unknown in virtual alias table",
            "user unknown in relay recipient table",
        ),
        examples=(
            "550 5.1.1 <nosuchuser@example.test>: Recipient address rejected: User unknown in "
            "local recipient table",
            "550 5.1.1 <neko@example.co.jp>: Recipient address rejected: User unknown in virtual "
            "mailbox table",
        ),
        priority=10,
    ),
    Rule(
        id="postfix.relay-access-denied",
        reason=Reason.NORELAYING,
        phrases=("relay access denied",),
        examples=("554 5.7.1 <someone@elsewhere.test>: Relay access denied",),
    ),
)
