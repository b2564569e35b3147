"""Proton Mail (proton.me, protonmail.com and custom domains; MX ``mail.protonmail.ch``).

Proton's support article on SMTP errors (https://proton.me/support/smtp-errors) is stored only
as the page's script data, without its text. The two replies of Proton's inbound servers judged
in ``tests/replies/data/provider_tables/protonmail.jsonl`` come from https://smtp.codes/protonmail
(repository ``fm/smtp-codes``, ``docs/protonmail/index.html``), which quotes them with what they
mean. Neither wording is Proton's alone, so the rules apply when the reply comes from Proton's
MX hosts.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://proton.me/support/smtp-errors"

PROVIDER = Provider(
    key="protonmail",
    name="Proton Mail",
    host_suffixes=(".protonmail.ch",),
    markers=(),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="protonmail.rejected-by-spam-filter",
        reason=Reason.SPAMDETECTED,
        phrases=("rejected by spam filter",),
        examples=(
            "host mail.protonmail.ch[192.0.2.1] said: 550 5.7.1 Rejected by spam filter (in "
            "reply to end of DATA command)",
        ),
        summary="Proton's filter scored the message above its spam threshold and refused it.",
        docs_url=DOCS,
    ),
    Rule(
        id="protonmail.address-does-not-exist",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient address rejected: address does not exist",),
        examples=(
            "host mail.protonmail.ch[192.0.2.1] said: 550 5.1.1 Recipient address rejected: "
            "Address does not exist",
        ),
        summary="Proton Mail has no address like this one.",
        docs_url=DOCS,
    ),
)
