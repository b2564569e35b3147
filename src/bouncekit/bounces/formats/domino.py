"""IBM / HCL Domino: "DELIVERY FAILURE:" reports ("Your message ... was not delivered to:").

Follows Sisimai's ``Lhost::Domino``. The recipient is the indented address after "was not
delivered to:", the error the line after "because:"; delivery-status fields, when the report
has them, give the status. Domino's own sentences are judged by the rules in
``replies/rules/mta/domino.py``; the few Sisimai maps to a reason that the text alone would not
give are kept here.
"""

from __future__ import annotations

import re

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import reason_from_table, sweep
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_SUBJECT = re.compile(r"^DELIVERY[ _]FAILURE:")
_ADDRESS = re.compile(r"^  (\S+@\S+)$")
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.USERUNKNOWN: (
        "not listed in domino directory",
        "not listed in public name & address book",
        "non répertorié dans l'annuaire domino",
        "domino ディレクトリには見つかりません",
    ),
    Reason.FILTERED: ("cannot route mail to user",),
    Reason.SYSTEMERROR: ("several matches found in domino directory",),
}


def matches(mail: Mail) -> bool:
    return bool(_SUBJECT.match(mail.subject))


def _status_fields(mail: Mail) -> dict[str, str]:
    """The first recipient group of a delivery-status part, for Status and Reporting-MTA."""
    found = dsn.recipients("\n\n".join(mail.texts("message/delivery-status")))
    if not found:
        return {}
    first = found[0]
    return {"status": first.status or "", "reporting": first.reporting_mta or ""}


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = before_original(mail.human or mail.body)
    start = report.find("Your message")
    if start == -1:
        return None
    found: list[list[str]] = []  # [address, diagnostic] per "was not delivered to:"
    expecting_error = False
    for line in report[start:].split("\n"):
        if not line.strip():
            continue
        if line.strip() == "was not delivered to:":
            found.append(["", ""])
        elif found and not found[-1][0] and _ADDRESS.match(line):
            found[-1][0] = line.strip().strip("<>")
        elif line.strip() == "because:":
            expecting_error = True
        elif expecting_error and found:
            found[-1][1] = sweep(line)
            expecting_error = False
    fields = _status_fields(mail)
    records = []
    for address, text in found:
        if "@" not in address:
            continue
        reason = reason_from_table(text, _MESSAGES)
        records.append(
            DecodedRecipient(
                recipient=address,
                diagnostic=text,
                status=fields.get("status") or None,
                reporting_mta=fields.get("reporting") or None,
                reason=reason,
            )
        )
    return records or None


FORMAT = BounceFormat(name="Domino", order=MTA_SPECIFIC, matches=matches, decode=decode)
