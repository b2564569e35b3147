"""Mail.Ru's bounces: an Exim report from mailer-daemon@*.mail.ru, with a Russian preface.

Follows Sisimai's ``Lhost::MailRu``. The English Exim text after "This message was created
automatically by mail delivery software." lists each failed address on an indented line and
the error on the more indented lines below it. Where the remote server did not answer, Exim's
own words give the reason (Sisimai's table); the stage of a remote reply ("after MAIL FROM",
"after EHLO") decides it too.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_START = "This message was created automatically by mail delivery software."
_ORIGINAL = "------ This is a copy of the message, including all the headers. ------"
_SUBJECT = re.compile(
    r"Mail delivery failed|Warning: message .+ delayed|Delivery Status Notification"
    r"|Mail failure|Message frozen|error\(s\) in forwarding or filtering"
)
_RECIPIENT = re.compile(r"^[ \t]+([^ \t]+@[^ \t]+\.[a-zA-Z]+)$")
_STAGE = re.compile(
    r"SMTP error from remote (?:mail server|mailer) after (?:end of )?([A-Za-z]{4})"
)
_REMOTE = re.compile(r"host[ \t]+([^ \t]+)[ \t]\[.+?\]:[ \t]")
# Exim's own error texts, where no remote server gave a reply (Sisimai's table).
_MESSAGES: tuple[tuple[str, Reason], ...] = (
    ("retry timeout exceeded", Reason.EXPIRED),
    ("No action is required on your part", Reason.EXPIRED),
    ("user not found", Reason.USERUNKNOWN),
    ("all host address lookups failed permanently", Reason.HOSTUNKNOWN),
    ("all relevant MX records point to non-existent hosts", Reason.HOSTUNKNOWN),
    ("Unrouteable address", Reason.HOSTUNKNOWN),
    ("mailbox is full", Reason.MAILBOXFULL),
    ("error: quota exceed", Reason.MAILBOXFULL),
    ("an MX or SRV record indicated no SMTP service", Reason.NOTACCEPT),
    ("no host found for existing SMTP connection", Reason.NOTACCEPT),
    ("delivery to file forbidden", Reason.SYSTEMERROR),
    ("delivery to pipe forbidden", Reason.SYSTEMERROR),
    ("local delivery failed", Reason.SYSTEMERROR),
    ('Too many "Received" headers ', Reason.CONTENTERROR),
)


def matches(mail: Mail) -> bool:
    sender = mail.sender.lower()
    return (
        "mailer-daemon@" in sender
        and "mail.ru" in sender
        and mail.headers.get("message-id", "").rstrip().endswith((".mail.ru>", ".smailru.net>"))
        and bool(_SUBJECT.search(mail.subject))
    )


def _record(recipient: str, lines: list[str]) -> DecodedRecipient:
    diagnostic = " ".join(line.strip() for line in lines if line.strip())
    stage = _STAGE.search(diagnostic)
    command = stage.group(1).upper() if stage else None
    reason: Reason | None = None
    if command == "MAIL":
        reason = Reason.REJECTED
    elif command in ("HELO", "EHLO"):
        reason = Reason.BLOCKED
    elif command is None:
        reason = next((r for text, r in _MESSAGES if text in diagnostic), None)
    remote = _REMOTE.search(diagnostic)
    return DecodedRecipient(
        recipient=recipient,
        diagnostic=diagnostic,
        command=command,
        reason=reason,
        remote_mta=remote.group(1) if remote else None,
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    start = mail.body.find(_START)
    if start == -1:
        return None
    report = mail.body[start:].split(_ORIGINAL, 1)[0]
    found: list[tuple[str, list[str]]] = []
    for line in report.split("\n"):
        recipient = _RECIPIENT.match(line)
        if recipient:
            found.append((recipient.group(1).strip("<>"), []))
        elif found:
            found[-1][1].append(line)
    return [_record(recipient, lines) for recipient, lines in found] or None


FORMAT = BounceFormat(name="MailRu", order=MTA_SPECIFIC, matches=matches, decode=decode)
