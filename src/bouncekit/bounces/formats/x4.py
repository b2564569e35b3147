"""Unknown MTA #4: qmail clones whose reports do not start "Hi. This is the qmail-send program".

Follows Sisimai's ``Lhost::X4``. The layout is qmail's (an address in angle brackets, then the
account of the failure), after one of several opening sentences::

    Unable to deliver message to the following address(es).

    <kijitora-nyaan@neko.example.com>:
    Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)
    I'm not going to try again; this message has been in the queue too long.

Many of the messages are qmail's own and carry no reply code, so their reasons come from the
table below (qmail-remote.c, qmail-local.c, error_str.c and the qmail-ldap patch).
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, status_in_text, sweep
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.formats.qmail import (  # the same tables and layout
    LDAP_MESSAGES,
    MESSAGES,
    Draft,
    read_drafts,
    smtp_command,
)
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_RECEIVED = re.compile(r"\(qmail \d+ invoked (?:for bounce|from network)\)")
_SUBJECTS = ("failure notice", "Permanent Delivery Failure")
_ORIGINAL = re.compile(
    r"^---? ?(?:Below this line is a copy of the message|Original message follows)\.", re.M
)
_STARTS = (
    "He/Her is not ",
    "unable to deliver your message to the following addresses",
    "Su mensaje no pudo ser entregado",
    "This is the machine generated message from mail service",
    "This is the mail delivery agent at",
    "Unable to deliver message to the following address",
    "Unfortunately, your mail was not delivered to the following address:",
    "Your mail message to the following address",
    "Your message to the following addresses",
    "We're sorry.",
)
_RECIPIENT = re.compile(r"^(?:To *:)?<([^<>]+@[^<>]+)>:\s*$")
_EXPIRED = "this message has been in the queue too long."


def matches(mail: Mail) -> bool:
    if mail.subject.startswith(_SUBJECTS):
        return True
    received = received_text(mail)  # the pattern spans no line: one search reads them all
    return "(qmail " in received and bool(_RECEIVED.search(received))


def _reason(draft: Draft, diagnosis: str, command: str | None) -> Reason | None:
    if command == "MAIL":
        return Reason.REJECTED
    if command in ("HELO", "EHLO"):
        return Reason.BLOCKED
    lowered = diagnosis.lower()
    if "does not like recipient." in lowered and _EXPIRED in lowered:
        return Reason.ONHOLD  # the fallback patch's retries: the text decides
    return (
        (reason_from_table(draft.remote_said, MESSAGES) if draft.remote_said else None)
        or reason_from_table(diagnosis, MESSAGES)
        or reason_from_table(diagnosis, LDAP_MESSAGES)
        or (Reason.EXPIRED if _EXPIRED in lowered else None)
    )


def _record(draft: Draft) -> DecodedRecipient:
    diagnosis = sweep(" ".join(draft.lines))
    command = smtp_command(diagnosis)
    return DecodedRecipient(
        recipient=draft.recipient,
        diagnostic=diagnosis,
        status=status_in_text(diagnosis),
        command=command,
        remote_mta=draft.remote_host,
        reason=_reason(draft, diagnosis, command),
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    drafts = read_drafts(
        cut_at(mail.body, _ORIGINAL),
        lambda line: any(start in line for start in _STARTS),
        _RECIPIENT,
    )
    return [_record(draft) for draft in drafts] or None


# After qmail (320), which reads the reports that open with qmail-send's own greeting.
FORMAT = BounceFormat(name="X4", order=MTA_SPECIFIC + 25, matches=matches, decode=decode)
