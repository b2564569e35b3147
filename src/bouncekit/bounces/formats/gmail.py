"""Gmail's own bounces ("Delivery Status Notification" from mailer-daemon@googlemail.com).

Follows Sisimai's ``Lhost::Gmail``. The report is plain text: the failed recipients are
indented lines after "Delivery to the following recipient ...", and the remote server's reply
follows "The error that the other server returned was:". Old reports end the reply with
Gmail's own "(state N)" code, which says at which stage and why the delivery failed; Sisimai
takes the reason from a table of those states, then lets a specific status code in the reply
override it.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_START = "Delivery to the following recipient"
_ORIGINAL = ("----- Original message -----", "----- Message header follows -----")
_RECIPIENT = re.compile(r"^\s+(\S+@\S+)\s*$")
_STATE = re.compile(r"\(state (\d+)\)")
_REMOTE = re.compile(r" by ([\w.-]+?)\.? \[([\d.:a-fA-F]+)\]\. ")

# Gmail's "(state N)" codes: (SMTP command, reason), as collected by Sisimai.
_STATES: dict[str, tuple[str, Reason]] = {
    "6": ("MAIL", Reason.SYSTEMERROR),  # 500 Remote server does not support TLS
    "8": ("AUTH", Reason.SYSTEMERROR),  # 535 SMTP AUTH failed with the remote server
    "9": ("AUTH", Reason.SYSTEMERROR),  # 454 TLS missing certificate
    "12": ("AUTH", Reason.NORELAYING),  # 500 does not support SMTP Authenticated Relay
    "13": ("EHLO", Reason.BLOCKED),  # 550 5.7.1 ... Access denied
    "14": ("RCPT", Reason.USERUNKNOWN),  # 550 5.1.1 ... User Unknown
    "15": ("DATA", Reason.FILTERED),  # 550 5.7.1 SPF unauthorized mail is prohibited
    "17": ("DATA", Reason.FILTERED),  # 550 <...> No such user here
    "18": ("DATA", Reason.FILTERED),  # 550 Unknown user ...
}
# Gmail's own words when no remote server answered.
_MESSAGES: tuple[tuple[str, Reason], ...] = (
    ("DNS Error: Could not contact DNS servers", Reason.EXPIRED),
    ("Delivery to the following recipient has been delayed", Reason.EXPIRED),
    ("The recipient server did not accept our requests to connect", Reason.EXPIRED),
    ("DNS Error: Domain name not found", Reason.HOSTUNKNOWN),
    ("DNS Error: DNS server returned answer with no data", Reason.HOSTUNKNOWN),
)


def matches(mail: Mail) -> bool:
    return "<mailer-daemon@googlemail.com>" in mail.sender.lower() and (
        "Delivery Status Notification" in mail.subject
    )


def _report(body: str) -> str:
    """The text from the first recipient paragraph to the returned original."""
    start = body.find(_START)
    if start == -1:
        return ""
    cuts = [index for marker in _ORIGINAL if (index := body.find(marker, start)) != -1]
    return body[start : min(cuts, default=len(body))]


def _reason_of(diagnostic: str) -> tuple[Reason | None, str | None]:
    """The reason and command the report itself states, or (None, None)."""
    reason: Reason | None = None
    command: str | None = None
    states = _STATE.findall(diagnostic)
    if states and states[-1] in _STATES:
        command, reason = _STATES[states[-1]]
    else:
        reason = next((r for text, r in _MESSAGES if text in diagnostic), None)
    if reason is None:
        return None, command
    # A specific status in the reply says more than the state (Sisimai skips X.0.y and X.y.0).
    status = _failure_status(diagnostic)
    if status and ".0" not in status:
        reason = codes.status_reason(status) or reason
    return reason, command


def _failure_status(diagnostic: str) -> str | None:
    """The first 4.x.y or 5.x.y status of the text: a 2.x.y one tells of no failure."""
    return next((s for s in codes.find_statuses(diagnostic) if s[0] != "2"), None)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = _report(mail.body)
    recipients: list[str] = []
    text: list[str] = []
    for line in report.split("\n"):
        found = _RECIPIENT.match(line)
        if found:
            recipients.append(found.group(1).strip("<>"))
        elif line.strip():
            text.append(line.strip())
    if not recipients:
        return None
    # Sisimai's diagnostic is every other line of the report, the heading included.
    diagnostic = " ".join(text)
    reason, command = _reason_of(diagnostic)
    remote = _REMOTE.search(diagnostic)
    # Without a code, Sisimai reads "temporary" in the text as a deferral.
    temporary = "temporar" in diagnostic.lower() and _failure_status(diagnostic) is None
    return [
        DecodedRecipient(
            recipient=recipient,
            diagnostic=diagnostic,
            command=command,
            reason=reason,
            remote_mta=remote.group(1) if remote else None,
            action="delayed" if temporary else None,
        )
        for recipient in recipients
    ]


FORMAT = BounceFormat(name="Gmail", order=MTA_SPECIFIC, matches=matches, decode=decode)
