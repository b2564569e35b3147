"""Oracle (Sun ONE, iPlanet) Communications Messaging Server: "Delivery Notification: ...".

Follows Sisimai's ``Lhost::MessagingServer``. The reports are RFC 3464 with a readable summary
("Recipient address:", "Original address:", "Reason:", "Diagnostic code:"). The original
address is the one to report: an LMTP hop rewrites the final recipient into a source route
such as "@smtp.example.net:kijitora@server".
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_SUMMARY = re.compile(
    r"^[ \t]+(Recipient address|Original address|Reason|Diagnostic code):[ \t]*(.+)$"
)
_MESSAGES: dict[Reason, tuple[str, ...]] = {Reason.HOSTUNKNOWN: ("Illegal host/domain name found",)}


def matches(mail: Mail) -> bool:
    return "Boundary_(ID_" in mail.headers.get("content-type", "") or mail.subject.startswith(
        "Delivery Notification: "
    )


def _summary(text: str) -> list[dict[str, str]]:
    """The readable summary's fields, one dictionary per "Recipient address:"."""
    found: list[dict[str, str]] = []
    for line in text.split("\n"):
        field = _SUMMARY.match(line)
        if not field:
            continue
        name, value = field.group(1).lower(), field.group(2).strip()
        if name == "recipient address":
            found.append({})
        if found:
            found[-1].setdefault(name, value)
    return found


def _from_summary(fields: dict[str, str]) -> DecodedRecipient | None:
    address = fields.get("original address") or fields.get("recipient address", "")
    if "@" not in address:
        return None
    return DecodedRecipient(
        recipient=address.split(":")[-1].strip("<>"),
        diagnostic=dsn.after_type(fields.get("diagnostic code", "")) or fields.get("reason", ""),
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    summary = _summary(mail.human)
    records = dsn.recipients("\n\n".join(mail.texts("message/delivery-status")))
    if not records:
        records = [r for r in map(_from_summary, summary) if r is not None]
    decoded = []
    for index, record in enumerate(records):
        fields = summary[index] if index < len(summary) else {}
        text = record.diagnostic or sweep(fields.get("reason", ""))
        reason = next((r for r, ps in _MESSAGES.items() if any(p in text for p in ps)), None)
        decoded.append(
            revised(
                record,
                recipient=record.original_recipient or record.recipient,
                diagnostic=text,
                reason=reason,
            )
        )
    return decoded or None


FORMAT = BounceFormat(name="MessagingServer", order=MTA_SPECIFIC, matches=matches, decode=decode)
