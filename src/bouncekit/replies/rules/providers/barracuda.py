"""Barracuda Email Security Gateway / Email Security Service (``*.ess.barracuda.com``).

Barracuda publishes no table of its own replies, and they are short: whatever blocked the
message (a spam score, Intent analysis, a sender policy, Advanced Threat Protection...), the
Email Security Service answers ``550 permanent failure for one or more recipients
(address:blocked)``; the reason is only in the recipient's Message Log, whose reasons Barracuda
lists at https://campus.barracuda.com/product/emailsecurityservice/doc/169282026 (for Email
Gateway Defense: https://campus.barracuda.com/doc/167976683). The gateway's "554 rejecting
banned content" is quoted from Mailgun's list of classified bounces
(https://help.mailgun.com/hc/en-us/articles/25099259504411-Classified-Bounces-List).
Barracuda's reputation list (BRBL) is a separate blocklist, named by many other servers too, so
it lives in :mod:`bouncekit.replies.blocklists`, not here.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Rule

MESSAGE_LOG_REASONS = "https://campus.barracuda.com/product/emailsecurityservice/doc/169282026"

DOCS = "https://campus.barracuda.com/product/emailgatewaydefense/doc/96023032/"

PROVIDER = Provider(
    key="barracuda",
    name="Barracuda Email Security",
    host_suffixes=(".barracudanetworks.com", ".ess.barracuda.com", ".barracuda.com"),
    markers=(
        "ess.barracuda.com",
        "permanent failure for one or more recipients",
        "barracuda email security",
        "rejecting banned content",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="barracuda.blocked",
        reason=Reason.SPAMDETECTED,
        phrases=("permanent failure for one or more recipients * :blocked)",),
        examples=(
            "550 permanent failure for one or more recipients (kijitora@example.com:blocked)",
        ),
        summary="The recipient's Barracuda scored the message as spam or a policy rule blocked it.",
        actions=(
            Action(
                "Ask the recipient's administrator to check the Barracuda message log and "
                "allow your domain."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="barracuda.virus",
        reason=Reason.VIRUSDETECTED,
        phrases=("permanent failure for one or more recipients * :virus)",),
        examples=("550 permanent failure for one or more recipients (kijitora@example.com:virus)",),
        summary="The recipient's Barracuda found a virus in the message.",
        docs_url=DOCS,
    ),
    Rule(
        id="barracuda.banned-content",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("rejecting banned content",),
        examples=("554 rejecting banned content", "554 smtp; 554 rejecting banned content"),
        # A content filter of the recipient's organisation (banned attachment types or
        # words), not a spam score: policyviolation.
        summary="A content or attachment filter of the recipient's Barracuda refused the message.",
        actions=(
            Action(
                "Send the file as a link instead of an attachment, or ask the recipient's "
                "administrator which content rule matched in the Message Log."
            ),
        ),
        docs_url=MESSAGE_LOG_REASONS,
    ),
)
