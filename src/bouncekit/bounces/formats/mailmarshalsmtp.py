"""Trustwave (Marshal) MailMarshal SMTP: 'Undeliverable Mail: "<subject>"'.

Follows Sisimai's ``Lhost::MailMarshalSMTP``. The reply runs from "Could not be delivered
because of" to "The following recipients were affected:", after which each recipient is an
address indented by four spaces; "Additional Information" gives the reporting MTA.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import sweep
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient

_RECIPIENT = re.compile(r"^[ \t]{4}(\S+@\S+)\s*$")
_ERROR = "Could not be delivered because of"
_AFFECTED = "The following recipients were affected:"
_REPORTING = re.compile(r"^Reporting-MTA:[ \t]+<(.+)>", re.M)


def matches(mail: Mail) -> bool:
    return mail.subject.startswith('Undeliverable Mail: "')


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = before_original(mail.human or mail.body)
    start = report.find("Your message:")
    if start == -1:
        return None
    error: list[str] = []
    addresses: list[str] = []
    state = "before"  # before the error, in it, or in the recipient list
    for line in report[start:].split("\n"):
        if line.strip() == _ERROR:
            state = "error"
        elif line.strip().startswith(_AFFECTED):
            state = "recipients"
        elif state == "error":
            error.append(line)
        elif state == "recipients":
            recipient = _RECIPIENT.match(line)
            if recipient:
                addresses.append(recipient.group(1).strip("<>"))
            elif line.strip():
                state = "after"
    reporting = _REPORTING.search(report)
    return [
        DecodedRecipient(
            recipient=address,
            diagnostic=sweep(" ".join(error)),
            reporting_mta=reporting.group(1) if reporting else None,
        )
        for address in addresses
    ] or None


FORMAT = BounceFormat(name="MailMarshalSMTP", order=MTA_SPECIFIC, matches=matches, decode=decode)
