"""McAfee Email and Web Security appliances (Sisimai::Lhost::McAfee).

A standard delivery-status report; McAfee's wording of an unknown recipient states the reason.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_LOOSE, BounceFormat
from bouncekit.bounces.formats._generic import with_reasons
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_REASONS = (
    (
        Reason.USERUNKNOWN,
        re.compile(
            r" User \(.+@.+\) unknown\. |550 Unknown user \S+@\S+|550 <.+?@.+?>\.+ User not exist"
            r"|No such user"
        ),
    ),
)


def matches(mail: Mail) -> bool:
    return (
        "Modified by McAfee" in mail.headers.get("x-nai-header", "")
        and mail.subject == "Delivery Status"
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    return with_reasons(mail, _REASONS)


FORMAT = BounceFormat(name="McAfee", order=MTA_LOOSE, matches=matches, decode=decode)
