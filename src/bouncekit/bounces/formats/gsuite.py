"""Google Workspace (G Suite) bounces: a DSN from mailer-daemon@googlemail.com.

Follows Sisimai's ``Lhost::GSuite``. The ``message/delivery-status`` part often carries only
``Status: 5.0.0`` and no ``Diagnostic-Code``; the words that explain the failure ("** Address
not found **", "The response was: 550 ...") are in the text part. Google's own sentences for
a missing address, a Null MX and a failed DNS lookup give the reason.
"""

from __future__ import annotations

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import PROVIDER, BounceFormat
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_MESSAGES: tuple[tuple[str, Reason], ...] = (
    (
        "because the address couldn't be found. Check for typos or unnecessary spaces and try "
        "again.",
        Reason.USERUNKNOWN,
    ),
    ("Null MX", Reason.NOTACCEPT),
    (" had no relevant answers.", Reason.NETWORKERROR),
    (" responded with code NXDOMAIN", Reason.NETWORKERROR),
)


def matches(mail: Mail) -> bool:
    return (
        "<mailer-daemon@googlemail.com>" in mail.sender.lower()
        and "Delivery Status Notification" in mail.subject
        and bool(mail.headers.get("x-gm-message-state", ""))
    )


def _human_error(mail: Mail) -> str:
    """The text part from its "** Address not found **" heading, on one line."""
    for text in mail.texts("text/plain"):
        start = text.find("** ")
        if start != -1:
            return " ".join(text[start:].split())
    return ""


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    records = dsn.recipients("\n\n".join(mail.texts(*_STATUS_TYPES)))
    if not records:
        return None
    human = _human_error(mail)
    decoded = []
    for record in records:
        diagnostic = record.diagnostic
        if human and (not diagnostic or diagnostic.isdigit()):
            diagnostic = human
        reason = next((r for text, r in _MESSAGES if text in diagnostic), None)
        decoded.append(revised(record, diagnostic=diagnostic, reason=reason))
    return decoded


# Before GoogleGroups and Gmail (same sender); only Workspace bounces carry a DSN.
FORMAT = BounceFormat(name="GSuite", order=PROVIDER + 20, matches=matches, decode=decode)
