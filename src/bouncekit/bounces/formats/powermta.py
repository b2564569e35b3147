"""PowerMTA delivery reports (Sisimai::Lhost::PowerMTA).

Standard delivery-status fields plus ``X-PowerMTA-BounceCategory`` per recipient: the category
PowerMTA assigned states the reason.
"""

from __future__ import annotations

from bouncekit.bounces.formats import MTA_LOOSE, BounceFormat, rfc3464
from bouncekit.bounces.formats._generic import recipient_fields
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_CATEGORIES = {
    "bad-domain": Reason.HOSTUNKNOWN,
    "bad-mailbox": Reason.USERUNKNOWN,
    "inactive-mailbox": Reason.SUSPEND,
    "message-expired": Reason.EXPIRED,
    "no-answer-from-host": Reason.NETWORKERROR,
    "policy-related": Reason.POLICYVIOLATION,
    "quota-issues": Reason.MAILBOXFULL,
    "routing-errors": Reason.SYSTEMERROR,
    "spam-related": Reason.SPAMDETECTED,
}


def matches(mail: Mail) -> bool:
    return "Delivery report" in mail.subject


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    records = rfc3464.decode(mail)
    categories = recipient_fields(mail, "x-powermta-bouncecategory")
    if not records or not any(categories):
        return None
    return [
        revised(record, reason=_CATEGORIES.get(category.strip().lower()))
        for record, category in zip(records, categories + [""] * len(records), strict=False)
    ]


FORMAT = BounceFormat(name="PowerMTA", order=MTA_LOOSE, matches=matches, decode=decode)
