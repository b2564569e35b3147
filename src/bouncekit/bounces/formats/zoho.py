"""Zoho Mail bounces (mailer-daemon@mail.zoho.com, with an ``X-ZohoMail`` header).

Follows Sisimai's ``Lhost::Zoho``. A permanent failure is one line per recipient,
"address Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <address>... User Unknown"; a
warning is "[Status: Error, Address: <address>, ResponseCode 421, , Host not reachable.]".
The codes are written as Zoho's own fields, so they are read here rather than from the text.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_START = "This message was created automatically by mail delivery"
_ORIGINAL = re.compile(r"^Received: *from mail\.zoho\.com by mx\.zohomail\.com", re.M)
_FAILED = re.compile(r"^([^ ]+@[^ ]+)[ \t]+(.+)$")
_WARNING = re.compile(r"^\[Status: .+<([^ ]+@[^ ]+)>,")
# Zoho writes the reply code in its own fields, followed by a comma: "ERROR_CODE :550, ".
_REPLYCODE = re.compile(r"(?:ERROR_CODE :|ResponseCode )(" + codes.REPLYCODE_PATTERN + r")\b")
_STATUS = re.compile(r"ERROR_CODE :(" + codes.STATUS_PATTERN + r")" + codes.STATUS_AFTER)


def matches(mail: Mail) -> bool:
    return bool(mail.headers.get("x-zohomail", ""))


def _record(recipient: str, diagnostic: str) -> DecodedRecipient:
    diagnostic = " ".join(diagnostic.split())
    code = _REPLYCODE.search(diagnostic)
    status = _STATUS.search(diagnostic)
    return DecodedRecipient(
        recipient=recipient,
        diagnostic=diagnostic,
        replycode=code.group(1) if code else None,
        status=status.group(1) if status else None,
        # Zoho's own words for a destination it gave up connecting to (Sisimai's table).
        reason=Reason.EXPIRED if "Host not reachable" in diagnostic else None,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    start = mail.body.find(_START)
    if start == -1:
        return None
    original = _ORIGINAL.search(mail.body, start)
    report = mail.body[start : original.start() if original else len(mail.body)]
    found: list[DecodedRecipient] = []
    for line in report.split("\n")[1:]:
        warning = _WARNING.match(line)
        failed = None if warning else _FAILED.match(line)
        if warning:
            found.append(_record(warning.group(1), line))
        elif failed:
            found.append(_record(failed.group(1).strip("<>"), failed.group(2)))
    return found or None


FORMAT = BounceFormat(name="Zoho", order=MTA_SPECIFIC, matches=matches, decode=decode)
