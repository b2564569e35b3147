"""Microsoft's Junk Mail Reporting Program (JMRP): "complaint about message from <IP>".

Sisimai reads these in ``ARF``: the report is not RFC 5965 (no ``message/feedback-report``
part), only the complained-about message attached as ``message/rfc822``, with the recipient
who complained in its ``X-HmXmrOriginalRecipient`` header (else its ``To``).
https://sendersupport.olc.protection.outlook.com/pm/junkmail.aspx
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import FEEDBACK, BounceFormat
from bouncekit.bounces.formats._text import ADDRESS
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_RECIPIENT_HEADER = re.compile(r"^(x-hmxmroriginalrecipient|to):[ \t]*(.+)$", re.I | re.M)


def matches(mail: Mail) -> bool:
    return (
        "staff@hotmail.com" in mail.sender.lower()
        and "complaint about message from" in mail.subject.lower()
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    named: dict[str, str] = {}
    for match in _RECIPIENT_HEADER.finditer(mail.original):
        named.setdefault(match.group(1).lower(), match.group(2))
    recipients = ADDRESS.findall(named.get("x-hmxmroriginalrecipient") or named.get("to", ""))
    return [
        DecodedRecipient(
            recipient=recipient,
            diagnostic=mail.subject,
            reason=Reason.FEEDBACK,
            feedback_type="abuse",
        )
        for recipient in dict.fromkeys(recipients)
    ] or None


FORMAT = BounceFormat(name="Feedback-Loop", order=FEEDBACK, matches=matches, decode=decode)
