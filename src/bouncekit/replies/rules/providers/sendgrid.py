"""Twilio SendGrid (``smtp.sendgrid.net``), as its SMTP relay answers the sender.

SendGrid documents the replies in "SMTP Errors and Troubleshooting"
(https://sendgrid.com/docs/for-developers/sending-email/smtp-errors-and-troubleshooting/). Most
rows of its table are examples of what recipients' servers answer (SendGrid retries the 4xx for
72 hours); the generic rules explain those. SendGrid's own replies are about the sending account:
a From address without a verified Sender Identity, a daily credit limit, a connection that did
not authenticate. Those never make the recipient invalid.

SendGrid's drops ("Bounced Address", "Unsubscribed Address", "Spam Reporting Address",
"Invalid", https://sendgrid.com/docs/glossary/drops/) are labels in its activity feed, not
replies, and are not handled here.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://sendgrid.com/docs/for-developers/sending-email/smtp-errors-and-troubleshooting/"
SENDER_IDENTITY = "https://sendgrid.com/docs/for-developers/sending-email/sender-identity/"

PROVIDER = Provider(
    key="sendgrid",
    name="Twilio SendGrid",
    host_suffixes=(".sendgrid.net",),
    markers=(
        "you are not authorized to send from that email address",
        "maximum credits exceeded",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="sendgrid.sender-identity",
        reason=Reason.REJECTED,
        phrases=("you are not authorized to send from that email address",),
        examples=("403 You are not authorized to send from that email address",),
        summary="The From address does not match a verified Sender Identity of your SendGrid "
        "account; nothing is sent until it does.",
        actions=(
            Action(
                "Verify the From address as a Single Sender, or authenticate its domain, in "
                "your SendGrid account.",
                url=SENDER_IDENTITY,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="sendgrid.credit-limit",
        reason=Reason.SPEEDING,
        phrases=("maximum credits exceeded",),
        examples=("451 Authentication failed: Maximum credits exceeded",),
        # A daily sending limit of the account, not a failed login: speeding, like any
        # quota, with the sender as owner.
        summary="Your SendGrid account reached its daily credit limit of messages.",
        actions=(
            Action(
                "Wait for the daily limit to reset, or ask SendGrid support to lift it.",
                url="https://support.sendgrid.com/hc/en-us",
            ),
        ),
        docs_url=DOCS,
    ),
)
