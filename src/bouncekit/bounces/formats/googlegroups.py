"""Google Groups: "the group you tried to contact may not exist" from mailer-daemon@googlemail.com.

Follows Sisimai's ``Lhost::GoogleGroups``. The text (in the sender's language) carries no
code; the recipients are in ``X-Failed-Recipients``. The four bulleted causes (a misspelt
group, a removed group, members only, closed to posting) mean the post was refused:
``rejected``; any other list of bullets leaves the post ``onhold``.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import PROVIDER, BounceFormat
from bouncekit.bounces.formats._text import ADDRESS
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_ORIGINAL = "----- Original message -----"
_BULLET = re.compile(r"^ ?\* ?", re.M)


def matches(mail: Mail) -> bool:
    return (
        "<mailer-daemon@googlemail.com>" in mail.sender.lower()
        and "Delivery Status Notification" in mail.subject
        and bool(mail.headers.get("x-failed-recipients", ""))
        and bool(mail.headers.get("x-google-smtp-source", ""))
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    recipients = ADDRESS.findall(mail.header("x-failed-recipients"))
    if not recipients:
        return None
    report = mail.body.split(_ORIGINAL, 1)[0]
    reason = Reason.REJECTED if len(_BULLET.findall(report)) == 4 else Reason.ONHOLD
    # The greeting, the explanation and the bullets: the paragraphs before the sign-off.
    diagnostic = " ".join(" ".join(report.strip().split("\n\n")[:4]).split())
    return [
        DecodedRecipient(recipient=recipient, diagnostic=diagnostic, reason=reason)
        for recipient in dict.fromkeys(recipients)
    ]


# After GSuite (whose bounces carry a DSN), before Gmail: all three share a sender.
FORMAT = BounceFormat(name="GoogleGroups", order=PROVIDER + 30, matches=matches, decode=decode)
