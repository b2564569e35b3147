"""Amazon SES: DSNs from MAILER-DAEMON@*.amazonses.com, and SNS notifications sent by e-mail.

Follows Sisimai's ``Lhost::AmazonSES``. A DSN carries ``X-SES-Outgoing`` (or the older
``X-AWS-Outgoing``); its status is often the vague ``5.1.0`` while the quoted remote reply
("550-'5.7.1 ... Access denied'") says more. An SNS notification ("AWS Notification Message"
from no-reply@sns.amazonaws.com) is a JSON document: a ``Bounce`` with its recipients, status
and diagnostic code, a ``Complaint`` (a feedback report), or a ``Delivery``.
https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html
"""

from __future__ import annotations

import json
import re
from typing import Any

from bouncekit.bounces import dsn
from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._amazon import VAGUE_STATUSES, with_nested_reply
from bouncekit.bounces.formats._record import revised
from bouncekit.bounces.formats._text import before_original
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_STATUS_TYPES = ("message/delivery-status", "message/global-delivery-status")
# SES's own opening sentences; a DSN relayed through SES without them is a plain RFC 3464 one.
_STARTS = ("The following message to <", "An error occurred while trying to deliver the mail ")
_QUOTED_REPLY = re.compile(
    r"[\"']((?:" + codes.REPLYCODE_PATTERN + r"[ -])?" + codes.STATUS_PATTERN + r".+?)['\"]"
)
_QUOTED_CODE = re.compile(r"(?<![\w.])(" + codes.REPLYCODE_PATTERN + r")-'")
# SES bounce sub-types that name the reason; the others leave it to the diagnostic code.
_BOUNCE_TYPES: dict[tuple[str, str], Reason] = {
    ("Transient", "MailboxFull"): Reason.MAILBOXFULL,
    ("Transient", "MessageTooLarge"): Reason.MESGTOOBIG,
}


def matches(mail: Mail) -> bool:
    if "Amazon WorkMail" in mail.headers.get("x-mailer", ""):
        return False
    return bool(
        mail.headers.get("x-ses-outgoing", "")
        or mail.headers.get("x-aws-outgoing", "")
        or mail.headers.get("x-amz-sns-message-id", "")
    )


def _json_text(body: str) -> str:
    """The JSON document of an SNS e-mail: lines up to "--", where "!" ends a folded line."""
    pieces: list[str] = []
    folded = False
    for line in body.split("\n"):
        if line in ("--", "__END_OF_EMAIL_MESSAGE__"):
            break
        if not line:
            continue
        if folded:
            line = line[1:]  # the continuation of a line that ended in "!" starts with " "
        folded = line.endswith("!")
        pieces.append(line[:-1] if folded else line)
    return "".join(pieces)


def _notification(mail: Mail) -> dict[str, Any] | None:
    body = mail.body.lstrip()
    if not body.startswith("{") or not mail.header("x-amz-sns-message-id"):
        return None
    try:
        document = json.loads(_json_text(body))
        if isinstance(document, dict) and isinstance(document.get("Message"), str):
            document = json.loads(document["Message"])
    except (ValueError, RecursionError):  # not JSON, or absurdly nested
        return None
    return document if isinstance(document, dict) else None


def _strings(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    """A JSON value as text, or None: SNS documents are not always what they should be."""
    return str(value) if isinstance(value, (str, int, float)) and value != "" else None


def _from_json(document: dict[str, Any]) -> list[DecodedRecipient]:
    kind = document.get("notificationType")
    found: list[DecodedRecipient] = []
    if kind == "Bounce":
        bounce = _object(document.get("bounce"))
        reason = _BOUNCE_TYPES.get(
            (str(bounce.get("bounceType")), str(bounce.get("bounceSubType")))
        )
        reporting = str(bounce.get("reportingMTA") or "")
        for entry in _strings(bounce.get("bouncedRecipients")):
            if not isinstance(entry, dict) or "@" not in str(entry.get("emailAddress", "")):
                continue
            found.append(
                DecodedRecipient(
                    recipient=str(entry["emailAddress"]),
                    diagnostic=dsn.after_type(str(entry.get("diagnosticCode") or "")),
                    action=_text(entry.get("action")),
                    status=_text(entry.get("status")),
                    reporting_mta=dsn.after_type(reporting) or None,
                    date=_text(bounce.get("timestamp")),
                    reason=reason,
                )
            )
    elif kind == "Complaint":
        complaint = _object(document.get("complaint"))
        for entry in _strings(complaint.get("complainedRecipients")):
            if isinstance(entry, dict) and "@" in str(entry.get("emailAddress", "")):
                found.append(
                    DecodedRecipient(
                        recipient=str(entry["emailAddress"]),
                        diagnostic=str(complaint.get("userAgent") or ""),
                        date=_text(complaint.get("timestamp")),
                        reason=Reason.FEEDBACK,
                        feedback_type=_text(complaint.get("complaintFeedbackType")) or "other",
                    )
                )
    elif kind == "Delivery":
        delivery = _object(document.get("delivery"))
        response = str(delivery.get("smtpResponse") or "")
        for address in _strings(delivery.get("recipients")):
            if isinstance(address, str) and "@" in address:
                found.append(
                    DecodedRecipient(
                        recipient=address,
                        diagnostic=response,
                        action="delivered",
                        reporting_mta=_text(delivery.get("reportingMTA")),
                        date=_text(delivery.get("timestamp")),
                        reason=Reason.DELIVERED,
                    )
                )
    return found


def _from_dsn(record: DecodedRecipient) -> DecodedRecipient:
    diagnostic = record.diagnostic
    status = record.status
    if status in VAGUE_STATUSES:
        # "5.1.0 - Unknown address error 550-'5.7.1 <...>... Access denied'"
        quoted = _QUOTED_REPLY.search(diagnostic)
        status = codes.find_status(quoted.group(1) if quoted else diagnostic) or status
    code = _QUOTED_CODE.search(diagnostic)
    record = revised(
        record,
        status=status,
        replycode=code.group(1) if code else record.replycode,
        # SES's own words for a message it stopped retrying (Sisimai's table).
        reason=Reason.EXPIRED if "Delivery expired" in diagnostic else record.reason,
    )
    return with_nested_reply(record)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    document = _notification(mail)
    if document is not None:
        return _from_json(document) or None
    # Some DSNs write the delivery-status fields into the text part.
    status_text = "\n\n".join(mail.texts(*_STATUS_TYPES)) or before_original(mail.body)
    if not any(start in mail.body for start in _STARTS):
        return None
    records = dsn.recipients(status_text)
    return [_from_dsn(record) for record in records] or None


FORMAT = BounceFormat(name="AmazonSES", order=MTA_SPECIFIC, matches=matches, decode=decode)
