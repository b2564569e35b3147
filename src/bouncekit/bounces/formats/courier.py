"""The Courier mail server's delivery status notifications, after Sisimai::Lhost::Courier.

Courier sends an RFC 3464 report; its text part adds the SMTP exchange that failed::

    <kijitora@example.jp>:
        mfsmax.example.jp [192.0.2.45]:
    >>> DATA
    <<< 550 Unknown user kijitora@example.jp

of which the ``>>>`` command is the SMTP stage the delivery-status part does not give.
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import filtered_user_unknown, preferred_status
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_SUBJECT = re.compile(r"NOTICE: mail delivery status\.|WARNING: delayed mail\.")
_SENT = re.compile(r"^>>> ([A-Z]{4})", re.MULTILINE)


def matches(mail: Mail) -> bool:
    return (
        "Courier mail server at " in mail.sender
        or bool(_SUBJECT.search(mail.subject))
        or mail.headers.get("message-id", "").startswith("<courier.")
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    records = dsn.recipients("\n\n".join(mail.texts("message/delivery-status")))
    if not records:
        return None
    sent = _SENT.search(mail.human)
    command = sent.group(1) if sent else None
    decoded = []
    for record in records:
        status = preferred_status(record.status, record.diagnostic)
        filtered = filtered_user_unknown(command, status, record.diagnostic)
        decoded.append(
            revised(
                record,
                status=status,
                command=record.command or command,
                reason=Reason.FILTERED if filtered else None,
            )
        )
    return decoded


# After the band's exact marks: its test may rest on subject words alone.
FORMAT = BounceFormat(name="Courier", order=MTA_SPECIFIC + 50, matches=matches, decode=decode)
