"""Verizon Wireless: SMS gateway (vtext.com) and MMS gateway (vzwpix.com) bounces.

Follows Sisimai's ``Lhost::Verizon``. Both come through a ``.vtext.com`` relay. The SMS
gateway (From post_master@vtext.com) writes "Error: ..." with the reply below it and the
envelope as "RCPT TO: address"; the MMS gateway (From sysadmin@*.vzwpix.com) writes "Message
could not be delivered to mobile." with "To: address" and "Error: ...".
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._text import first_address, received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_MMS_SENDER = re.compile(r"<?sysadmin@.+\.vzwpix\.com>?$")
_SMS_REPLY = re.compile(r"^" + codes.REPLYCODE_PATTERN + r"[ \t]-[ \t].*$")
# The gateways' own words for a number that has no subscriber (Sisimai's table).
_NO_USER = (
    "550 - Requested action not taken: no such user here",
    "No valid recipients for this MM",
)


def _is_sms(mail: Mail) -> bool:
    return mail.sender.strip() == "post_master@vtext.com"


def matches(mail: Mail) -> bool:
    if ".vtext.com (" not in received_text(mail):
        return False
    return _is_sms(mail) or bool(_MMS_SENDER.search(mail.sender.strip()))


def _first_text(mail: Mail) -> str:
    texts = mail.texts("text/plain")
    if texts:
        return texts[0]
    # The SMS gateway's report may sit in any text part: take the one with the error.
    for _, text in mail.sections:
        if "Error:" in text:
            return text
    return mail.body


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    sms = _is_sms(mail)
    recipients: list[str] = []
    diagnostic = ""
    started = False
    for line in _first_text(mail).split("\n"):
        if not started:
            started = (
                line.startswith("Error:")
                if sms
                else line.startswith("Message could not be delivered to mobile")
            )
            continue
        stripped = line.strip()
        if (sms and stripped.startswith("RCPT TO:")) or (not sms and line.startswith("To:")):
            address = first_address(stripped)
            if address:
                recipients.append(address)
        elif (sms and _SMS_REPLY.match(stripped)) or (not sms and line.startswith("Error:")):
            diagnostic = stripped.removeprefix("Error:").strip() if not sms else stripped
    if not recipients:
        return None
    reason = Reason.USERUNKNOWN if any(text in diagnostic for text in _NO_USER) else None
    return [
        DecodedRecipient(recipient=recipient, diagnostic=diagnostic, reason=reason)
        for recipient in recipients
    ]


FORMAT = BounceFormat(name="Verizon", order=MTA_SPECIFIC, matches=matches, decode=decode)
