"""Abuse and complaint reports: the Abuse Reporting Format (RFC 5965, RFC 6591, RFC 6650).

One record per complaining recipient with the reason ``feedback`` and the ``Feedback-Type``.
The recipient is ``Original-Rcpt-To`` (or ``Removal-Recipient``), else the ``To`` of the
reported message. Many feedback loops redact it (RFC 6590); the complaint still counts, so it
gets one record for a placeholder recipient, the one Sisimai uses, so that results compare.
"""

from __future__ import annotations

import re

from bouncekit.bounces import address, dsn
from bouncekit.bounces.formats import STANDARD_DSN, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

# Sisimai::Address->undisclosed('r'): an address in the reserved .invalid domain (RFC 2606).
UNDISCLOSED_RECIPIENT = "undisclosed-recipient-in-headers@libsisimai.org.invalid"
_TO = re.compile(r"^to:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE)
_RECIPIENT_FIELDS = re.compile(
    r"^(?:original-rcpt-to|removal-recipient):[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE
)


def matches(mail: Mail) -> bool:
    content_type = mail.headers.get("content-type", "").lower()
    return "feedback-report" in content_type or bool(mail.texts("message/feedback-report"))


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    reports = mail.texts("message/feedback-report")
    if not reports:
        return None
    fields: dict[str, str] = {}
    for group in dsn.field_groups("\n".join(reports)):
        for key, value in group.items():
            fields.setdefault(key, value)
    feedback_type = fields.get("feedback-type", "").strip().lower() or "other"
    # Both fields may repeat, one line per recipient (RFC 5965 3.2).
    named = "\n".join(match.group(1) for match in _RECIPIENT_FIELDS.finditer("\n".join(reports)))
    recipients = [match.group(0) for match in address.find(named)]
    if not recipients:
        to = _TO.search(mail.original)
        recipients = [match.group(0) for match in address.find(to.group(1))] if to else []
    if not recipients:
        recipients = [UNDISCLOSED_RECIPIENT]
    return [
        DecodedRecipient(
            recipient=recipient,
            diagnostic=fields.get("user-agent", ""),
            reporting_mta=dsn.after_type(fields.get("reporting-mta", "")) or None,
            date=fields.get("arrival-date") or fields.get("received-date"),
            reason=Reason.FEEDBACK,
            feedback_type=feedback_type,
        )
        for recipient in dict.fromkeys(recipients)
    ]


# First of the standard readers: a feedback report is a multipart/report too.
FORMAT = BounceFormat(name="Feedback-Loop", order=STANDARD_DSN, matches=matches, decode=decode)
