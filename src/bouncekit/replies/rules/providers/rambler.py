"""Rambler Mail (rambler.ru, lenta.ru, autorambler.ru...; MX ``mx.rambler.ru``).

Rambler explains its error messages at https://help.rambler.ru/mail/mail-soobsheniya-ob-oshibkah/1326/,
which is not stored. The replies in ``tests/replies/data/provider_tables/rambler.jsonl`` come
from https://smtp.codes/rambler (repository ``fm/smtp-codes``, ``docs/rambler/index.html``),
which links that page. Left out: "540 5.7.1 <example@rambler.ru>: recipient address rejected:
Blocked", which neither source explains (a mailbox blocked by Rambler, or the sender blocked by
the recipient?), and "452 4.5.3 rate limit exceeded", which smtp.codes sources to Comcast's
postmaster page, not Rambler's.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://help.rambler.ru/mail/mail-soobsheniya-ob-oshibkah/1326/"

PROVIDER = Provider(
    key="rambler",
    name="Rambler Mail",
    host_suffixes=(".rambler.ru",),
    # Rambler's wording for a mailbox it has deactivated.
    markers=("recipient address rejected: inactive",),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="rambler.recipient-inactive",
        reason=Reason.SUSPEND,
        phrases=("recipient address rejected: inactive",),
        examples=("540 5.7.1 <example@rambler.ru>: recipient address rejected: Inactive",),
        # Postfix's "recipient address rejected" with 5.7.1 reads as a policy refusal of the
        # sender; Rambler's "Inactive" is the state of the mailbox.
        summary="The Rambler mailbox is inactive and refuses mail.",
        docs_url=DOCS,
    ),
    Rule(
        id="rambler.spam-message-rejected",
        reason=Reason.SPAMDETECTED,
        phrases=("spam message rejected; if this is not spam contact abuse",),
        examples=(
            "host mx.rambler.ru[192.0.2.1] said: 554 5.7.1 Spam message rejected; If this is "
            "not spam contact abuse",
        ),
        summary="Rambler's filter judged the message to be spam.",
        actions=(
            Action(
                "After checking the mail follows sending best practices, ask Rambler's "
                "support to review the refusal.",
                url="https://help.rambler.ru/feedback/mail/form/144",
            ),
        ),
        docs_url=DOCS,
    ),
)
