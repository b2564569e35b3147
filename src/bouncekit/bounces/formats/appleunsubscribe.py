"""Apple Mail's one-tap unsubscribe: a message "to unsubscribe from the message ...".

Apple Mail sends it to the ``List-Unsubscribe`` mailto address with ``X-Apple-Unsubscribe:
true`` and ``Auto-Submitted: auto-replied``; it is an opt-out request from the sender of the
message (its From), not an automatic reply. Sisimai reads it as an ``opt-out`` feedback report.
"""

from __future__ import annotations

from bouncekit.bounces.formats import FEEDBACK, BounceFormat
from bouncekit.bounces.formats._text import first_address
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason


def matches(mail: Mail) -> bool:
    return mail.headers.get("x-apple-unsubscribe", "").strip().lower() == "true"


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    address = first_address(mail.sender)
    if address is None:
        return None
    return [
        DecodedRecipient(
            recipient=address,
            diagnostic=" ".join(mail.body.split())[:300],
            reason=Reason.FEEDBACK,
            feedback_type="opt-out",
        )
    ]


# Before the RFC 3834 reader: the message says "auto-replied" but is a request to unsubscribe.
FORMAT = BounceFormat(name="Feedback-Loop", order=FEEDBACK + 10, matches=matches, decode=decode)
