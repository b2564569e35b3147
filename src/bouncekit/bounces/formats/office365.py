"""Microsoft 365 (Exchange Online) non-delivery reports, "Undeliverable: ...".

Follows Sisimai's ``Lhost::Office365``. Recognised by at least two of Exchange Online's
marks (the subject, ``X-MS-Exchange-*`` headers, ``*.prod.outlook.com`` relays). The text part
lists each recipient as "address<mailto:address>" and the remote reply after "Diagnostic
information for administrators:"; the delivery-status part, when there is one, adds its
fields. Exchange Online's own enhanced status codes (5.4.316, 5.7.508, ...) name the reason,
following Sisimai's table.
https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_GENERIC, BounceFormat
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
_OUTLOOK_HOST = re.compile(r".+\.(?:outbound\.protection|prod)\.outlook\.com\b")
_MARK_HEADERS = (
    "x-ms-exchange-message-is-ndr",
    "x-microsoft-antispam-prvs",
    "x-exchange-antispam-report-test",
    "x-exchange-antispam-report-cfa-test",
    "x-ms-exchange-crosstenant-originalarrivaltime",
    "x-ms-exchange-crosstenant-fromentityheader",
    "x-ms-exchange-transport-crosstenantheadersstamped",
)
_START = re.compile(
    r"^(?:Delivery has failed to these recipients or groups:|Original Message Details"
    r"|.+ rejected your message to the following e-?mail addresses:)"
)
_ERROR = re.compile(r"^(?:Diagnostic information for administrators:|Error Details)")
_END_OF_ERROR = re.compile(r"^(?:Original [Mm]essage [Hh]eaders:?|Message Hops)")
_RECIPIENT = re.compile(r"^.+@.+<mailto:(.+@.+)>$|^Recipient Address:\s+(.+)$")
_RCPT_STAGE = re.compile(r"unknown recipient or mailbox unavailable ->.+<?.+@.+\.[a-zA-Z]+>?")
# Exchange Online's status codes that name a reason (Sisimai's table).
_STATUS_REASONS: tuple[tuple[re.Pattern[str], Reason], ...] = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"4\.4\.7", Reason.EXPIRED),
        (r"4\.4\.312", Reason.NETWORKERROR),
        (r"4\.4\.316", Reason.EXPIRED),
        (r"4\.7\.26", Reason.SECURITYERROR),
        (r"4\.7\.[56]\d\d", Reason.BLOCKED),
        (r"4\.7\.8[5-9]\d", Reason.BLOCKED),
        (r"5\.0\.350", Reason.CONTENTERROR),
        (r"5\.1\.10", Reason.USERUNKNOWN),
        (r"5\.4\.1", Reason.NORELAYING),
        (r"5\.4\.6", Reason.NETWORKERROR),
        (r"5\.4\.312", Reason.NETWORKERROR),
        (r"5\.4\.316", Reason.EXPIRED),
        (r"5\.6\.11", Reason.CONTENTERROR),
        (r"5\.7\.1", Reason.REJECTED),
        (r"5\.7\.1[23]", Reason.REJECTED),
        (r"5\.7\.124", Reason.REJECTED),
        (r"5\.7\.13[3-6]", Reason.REJECTED),
        (r"5\.7\.23", Reason.BLOCKED),
        (r"5\.7\.25", Reason.NETWORKERROR),
        (r"5\.7\.50[1-3]", Reason.SPAMDETECTED),
        (r"5\.7\.50[4-5]", Reason.FILTERED),
        (r"5\.7\.50[6-7]", Reason.BLOCKED),
        (r"5\.7\.508", Reason.TOOMANYCONN),
        (r"5\.7\.509", Reason.SECURITYERROR),
        (r"5\.7\.510", Reason.NOTACCEPT),
        (r"5\.7\.511", Reason.REJECTED),
        (r"5\.7\.512", Reason.SECURITYERROR),
        (r"5\.7\.57", Reason.SECURITYERROR),
        (r"5\.7\.60[6-9]", Reason.BLOCKED),
        (r"5\.7\.6[1-4]\d", Reason.BLOCKED),
        (r"5\.7\.7[0-4]\d", Reason.TOOMANYCONN),
    )
)


def matches(mail: Mail) -> bool:
    headers = mail.headers
    marks = sum(1 for name in _MARK_HEADERS if headers.get(name))
    marks += "Undeliverable:" in mail.subject
    if marks >= 2:
        return True
    # The host pattern needs "outlook.com": test that first, the regex only where it is.
    message_id = headers.get("message-id", "")
    marks += "outlook.com" in message_id and bool(_OUTLOOK_HOST.match(message_id))
    if marks == 0 or "outlook.com" not in received_text(mail):
        return marks >= 2
    return marks + any(_OUTLOOK_HOST.match(received) for received in mail.received) >= 2


def _read_text(text: str) -> list[tuple[str, str]]:
    """(recipient, diagnostic) from the human-readable report."""
    found: list[tuple[str, list[str]]] = []
    started = in_error = False
    for line in text.split("\n"):
        line = line.rstrip()
        if not started:
            started = bool(_START.match(line))
            continue
        if not line:
            continue
        if recipient := _RECIPIENT.match(line):
            found.append(((recipient.group(1) or recipient.group(2)).strip(), []))
        elif line.startswith("Generating server:") or not found:
            continue
        elif _ERROR.match(line):
            in_error = True
            found[-1][1].append(line)
        elif _END_OF_ERROR.match(line):
            break
        elif in_error:
            found[-1][1].append(line.strip())
    return [(address, " ".join(lines)) for address, lines in found]


def _reason(status: str | None) -> Reason | None:
    if not status:
        return None
    return next((reason for pattern, reason in _STATUS_REASONS if pattern.fullmatch(status)), None)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    texts = mail.texts("text/plain") or [mail.body]
    read = _read_text(texts[0])
    if not read:
        return None
    fields = dsn.recipients("\n\n".join(mail.texts(*_STATUS_TYPES)))
    decoded = []
    for index, (address, diagnostic) in enumerate(read):
        # The DSN's fields, but the recipient and diagnostic of the text (Sisimai's choice).
        base = fields[index] if index < len(fields) else DecodedRecipient(recipient=address)
        status = base.status
        if not status or status.endswith(".0.0"):
            status = codes.find_status(diagnostic) or status
        decoded.append(
            revised(
                base,
                recipient=address,
                diagnostic=diagnostic or base.diagnostic,
                status=status,
                command="RCPT" if _RCPT_STAGE.search(diagnostic) else base.command,
                reason=_reason(status),
            )
        )
    return decoded


FORMAT = BounceFormat(name="Office365", order=MTA_GENERIC, matches=matches, decode=decode)
