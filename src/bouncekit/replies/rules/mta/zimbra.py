"""Zimbra's own wording: the LMTP replies of its mailbox server (zm-mailbox LmtpReply.java),
which its Postfix-based MTA relays into bounces ("host ... said: 552 5.2.2 Over quota"). The
MTA's own refusals are Postfix's and amavisd-new's wording, read by those modules.

https://github.com/Zimbra/zm-mailbox
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

from .common import MAILBOX

RULES: tuple[Rule, ...] = (
    Rule(
        # LmtpReply MAILBOX_NOT_ON_THIS_SERVER, PERMANENT_FAILURE: the mailbox server could
        # not take the message (wrong server in a multi-server install, an internal failure).
        id="zimbra.lmtp-failure",
        reason=Reason.SYSTEMERROR,
        phrases=("mailbox is not on this server", "permanent message delivery failure"),
        examples=(
            "450 4.2.0 Mailbox is not on this server",
            "554 5.0.0 Permanent message delivery failure",
        ),
        summary="The receiving Zimbra's mailbox server failed to store the message: a fault of "
        "the receiving system.",
        priority=MAILBOX + 2,
    ),
)
