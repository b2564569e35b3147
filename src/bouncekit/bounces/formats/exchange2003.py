"""Microsoft Exchange Server 5.5-2003 non-delivery reports ("Your message ... did not reach").

Follows Sisimai's ``Lhost::Exchange2003``. The report repeats the To, Subject and Sent of the
original, then lists each recipient as "address on <date>" with indented lines below it:
Exchange's sentence ("The recipient name is not recognized") and an ``MSEXCH:`` line ending in
an eight-digit hexadecimal error code, which Sisimai maps to a reason.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_GENERIC, BounceFormat
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_MAILERS = ("Internet Mail Service (", "Microsoft Exchange Server Internet Mail Connector")
_RECIPIENT = re.compile(r"^[ \t]*(?:.+(?:SMTP|smtp)=)?([^ \t]+@[^ \t]+) on[ \t]")
_MSEXCH = re.compile(r"^[ \t]+(MSEXCH:.+)$")
_ERROR_CODE = re.compile(r"^MSEXCH:.+?[ \t]*\(([0-9A-F]{8})\)[ \t]*(.*)$")
_ORIGINAL = re.compile(r"^Content-Type: message/rfc822", re.M)
# Exchange's internal error codes (Sisimai's table).
_CODES: dict[str, Reason] = {
    "000B099C": Reason.ONHOLD,  # Host Unknown, Message exceeds size limit, ...
    "000B09AA": Reason.ONHOLD,  # Unable to relay for, Message exceeds size limit, ...
    "000B09B6": Reason.ONHOLD,  # Error messages by remote MTA
    "000C05A6": Reason.USERUNKNOWN,  # Unknown Recipient
    "00010256": Reason.SYSTEMERROR,  # Too many recipients
    "000D06B5": Reason.SYSTEMERROR,  # No proxy for recipient (non-smtp mail?)
    "00120270": Reason.NETWORKERROR,  # Too Many Hops
    "00050311": Reason.CONTENTERROR,  # Conversion to Internet format failed
    "000502CC": Reason.CONTENTERROR,  # Conversion to Internet format failed
    "000B0981": Reason.SECURITYERROR,  # 502 Server does not support AUTH
    "000C0595": Reason.FILTERED,  # Ambiguous Recipient
}


def matches(mail: Mail) -> bool:
    if "x-ms-embedded-report" in mail.headers:
        return True
    if mail.headers.get("x-mailer", "").strip().startswith(_MAILERS):
        return True
    if mail.headers.get("x-mimeole", "").startswith("Produced By Microsoft Exchange"):
        return True
    return " with Internet Mail Service (" in received_text(mail)


def _record(recipient: str, lines: list[str]) -> DecodedRecipient:
    """Exchange's words, then the MSEXCH line; the error code, when known, gives the reason."""
    words: list[str] = []
    msexch = ""
    for line in lines:
        found = _MSEXCH.match(line)
        if found and not msexch:
            msexch = found.group(1).strip()
        elif msexch:
            # The line after the MSEXCH line completes it ("(000C05A6)\nUnknown Recipient").
            if line.strip():
                msexch += " " + line.strip()
            break
        elif line.strip():
            words.append(line.strip())
    coded = _ERROR_CODE.match(msexch)
    if coded and coded.group(1) in _CODES:
        return DecodedRecipient(
            recipient=recipient, diagnostic=coded.group(2), reason=_CODES[coded.group(1)]
        )
    diagnostic = " ".join([*words, msexch]).strip()
    return DecodedRecipient(recipient=recipient, diagnostic=diagnostic)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    body = mail.body
    start = body.find("Your message")
    if start == -1:
        return None
    original = _ORIGINAL.search(body, start)
    report = body[start : original.start() if original else len(body)]
    found: list[tuple[str, list[str]]] = []
    for line in report.split("\n"):
        recipient = _RECIPIENT.match(line)
        if recipient and "@" in recipient.group(1):
            found.append((recipient.group(1).strip("<>"), []))
        elif found:
            found[-1][1].append(line)
    return [_record(recipient, lines) for recipient, lines in found] or None


FORMAT = BounceFormat(name="Exchange2003", order=MTA_GENERIC, matches=matches, decode=decode)
