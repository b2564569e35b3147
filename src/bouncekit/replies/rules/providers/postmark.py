"""Postmark (``*.postmarkapp.com``, sending hosts ``*.mtasv.net``).

Postmark deactivates an address after a hard bounce, a spam complaint or a manual suppression
and then refuses to send to it: the API answers error 406 ("You tried to send to a recipient
that has been marked as inactive", https://postmarkapp.com/developer/api/overview#error-codes),
and messages submitted over SMTP raise an "SMTP API Error" event
(https://postmarkapp.com/developer/webhooks/smtp-api-error). Like any suppression it repeats an
earlier verdict, so the reason is ``suppressed`` (risky, not invalid).

Postmark's bounce types (HardBounce, SoftBounce, Blocked..., listed at
https://postmarkapp.com/developer/api/bounce-api#bounce-types) are its own classification of a
recipient server's reply, not replies; the reply they classify is explained by the other rules.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmarkapp.com/developer/api/overview#error-codes"
REACTIVATE = "https://postmarkapp.com/support/article/1155-how-to-fix-hard-bounces"

PROVIDER = Provider(
    key="postmark",
    name="Postmark",
    host_suffixes=(".postmarkapp.com", ".mtasv.net"),
    markers=(
        "been marked as inactive. found inactive addresses",
        "have all been marked as inactive",
        "inactive recipients are ones that have generated a hard bounce",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="postmark.inactive-recipient",
        reason=Reason.SUPPRESSED,
        phrases=(
            "been marked as inactive",
            "inactive recipients are ones that have generated a hard bounce",
        ),
        examples=(
            "You tried to send to a recipient that has been marked as inactive. Found inactive "
            "addresses: nothing@example.com. Inactive recipients are ones that have generated "
            "a hard bounce or a spam complaint.",
            "You tried to send to recipients that have all been marked as inactive. Inactive "
            "recipients are ones that have generated a hard bounce or a spam complaint.",
            "You tried to send to recipient(s) that have been marked as inactive. Found "
            "inactive addresses: nothing@example.com. Inactive recipients are ones that have "
            "generated a hard bounce, a spam complaint, or a manual suppression.",
        ),
        summary="Postmark did not send: the address is inactive after an earlier hard bounce, "
        "spam complaint or manual suppression.",
        actions=(
            Action(
                "Reactivate the address in Postmark only once the recipient confirms the cause "
                "of the bounce is fixed; never reactivate a spam complaint.",
                url=REACTIVATE,
            ),
        ),
        docs_url=DOCS,
    ),
)
