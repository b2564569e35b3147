"""Outlook.com / Hotmail delivery status notifications (Sisimai::Lhost::Outlook).

A standard delivery-status report from Hotmail's servers; two of its sentences state the reason.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_LOOSE, BounceFormat
from bouncekit.bounces.formats._generic import with_reasons
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_REASONS = (
    (
        Reason.HOSTUNKNOWN,
        re.compile(
            "The mail could not be delivered to the recipient because the domain is not reachable"
        ),
    ),
    (Reason.USERUNKNOWN, re.compile("Requested action not taken: mailbox unavailable")),
)


def matches(mail: Mail) -> bool:
    # Two of four marks, as Sisimai asks: each alone is common.
    marks = (
        "Delivery Status Notification" in mail.subject,
        bool(mail.headers.get("x-message-delivery")),
        bool(mail.headers.get("x-message-info")),
        ".hotmail.com" in received_text(mail),
    )
    return sum(marks) >= 2


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    return with_reasons(mail, _REASONS)


# After Office365 (MTA_GENERIC): both read Microsoft's marks, Office365's are narrower.
FORMAT = BounceFormat(name="Outlook", order=MTA_LOOSE, matches=matches, decode=decode)
