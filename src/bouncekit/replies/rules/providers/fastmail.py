"""Fastmail (fastmail.com and the custom domains it hosts; MX ``in1-smtp.messagingengine.com``).

Fastmail's help article "Why messages bounce back",
https://www.fastmail.help/hc/en-us/articles/7010500320655-Why-messages-bounce-back, lists the
errors its own servers give ("Common Fastmail bounce errors"); the stored copy of it shows the
first part of the page: the four replies of that list and the "Sorry, user address unknown"
variant. The older article https://www.fastmail.com/help/send/undeliverable.html explains three
more lines of Fastmail's Postfix bounces. Both are in
``tests/replies/data/provider_tables/fastmail.jsonl``. Fastmail runs Postfix, so the generic
Postfix rules already read most of them; the rules here add what Fastmail says about them.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://www.fastmail.help/hc/en-us/articles/7010500320655-Why-messages-bounce-back"

PROVIDER = Provider(
    key="fastmail",
    name="Fastmail",
    host_suffixes=(".messagingengine.com",),
    # Fastmail's own wording for a From address the account may not send as.
    markers=("not authorised to send from this header address",),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="fastmail.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=("user unknown in virtual mailbox table", "sorry, user address unknown"),
        examples=(
            "host in1-smtp.messagingengine.com[192.0.2.1] said: 550 5.1.1 Recipient address rejected: User "
            "unknown in virtual mailbox table",
            "host in1-smtp.messagingengine.com[192.0.2.1] said: 550 5.1.1 Sorry, user address unknown",
        ),
        summary="Fastmail has no mailbox at this address; Fastmail suggests checking it for "
        "typos, then asking the recipient through another channel.",
        docs_url=DOCS,
    ),
    Rule(
        id="fastmail.not-authorised-header-address",
        reason=Reason.REJECTED,
        phrases=("not authorised to send from this header address",),
        examples=("551 5.7.1 Not authorised to send from this header address",),
        # Fastmail's own submission server refusing its user's From address: the sender's
        # identity, never the recipient.
        summary="Fastmail refused to send the message because its From address is not one "
        "this Fastmail account is allowed to send as.",
        actions=(
            Action(
                "Send from an address that this Fastmail account is allowed to use in From.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
)
