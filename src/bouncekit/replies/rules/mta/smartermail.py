"""SmarterMail's delivery failure notices ("Could not deliver message to the following
recipient(s): ... Reason: ..."), whose reasons carry no SMTP code.

http://support.rackteam.com/kb/a136/common-email-delivery-errors-you-may-receive.aspx
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import MAILBOX, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        id="smartermail.domain-size-limit",
        reason=Reason.MAILBOXFULL,
        phrases=("the domain size limit has been exceeded",),
        examples=("Reason: The domain size limit has been exceeded",),
        summary="The recipient's whole domain has used up its disk space allocation on the "
        "SmarterMail server.",
        priority=STRONG,
    ),
    Rule(
        id="smartermail.no-mx",
        reason=Reason.HOSTUNKNOWN,
        phrases=("no mx records were found for the * domain",),
        examples=(
            "Reason: Failed to connect to the recipients mail server. No MX records were found "
            "for the 'example.invalid' domain.",
        ),
        summary="The recipient's domain has no MX records: nothing receives its mail.",
        priority=MAILBOX,
    ),
    Rule(
        id="smartermail.connect-attempts",
        reason=Reason.NETWORKERROR,
        phrases=("failed four attempts to connect to recipients mail server",),
        examples=("Failed four Attempts to connect to recipients mail server",),
        owner=Owner.RECEIVER,
        summary="SmarterMail could not connect to the recipient's mail server after four attempts.",
        priority=STRONG,
    ),
)
