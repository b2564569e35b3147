"""qmail's bounce messages (qmail-send.c, qmail-remote.c), after Sisimai::Lhost::qmail.

qmail-send writes each failed address in angle brackets, followed by qmail-remote's or
qmail-local's account of the failure::

    Hi. This is the qmail-send program at mx.example.jp.
    ...
    <kijitora@example.jp>:
    192.0.2.153 does not like recipient.
    Remote host said: 550 5.1.1 <kijitora@example.jp>... User Unknown
    Giving up on 192.0.2.153.

Many of qmail's own messages carry no reply code, so their reasons come from the table below,
which also covers the qmail-ldap patch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, sweep
from bouncekit.bounces.formats._text import received_text
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies import codes
from bouncekit.replies.model import Reason

_RECEIVED = re.compile(r"\(qmail .*invoked (?:for bounce\)|from .*network\))")
_ORIGINAL = re.compile(r"^--- Below this line is a copy of the message\.", re.MULTILINE)
_REPORT_START = "Hi. This is the qmail"
_RECIPIENT = re.compile(r"^<([^>]*@[^>]*)>:")
_REMOTE_HOST = re.compile(r"(?:Giving up on |Connected to |remote host )([^ ]+?)\.?(?: |$)")
# qmail-remote.c: where in the SMTP session the remote host refused.
_COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CONN", (" but greeting failed.",)),
    ("EHLO", (" but my name was rejected.",)),
    ("MAIL", (" but sender was rejected.",)),
    ("RCPT", (" does not like recipient.",)),
    ("DATA", (" failed on DATA command", " failed after I sent the message")),
)
_MOST_PROGRESS = re.compile(
    r"no SMTP connection got far enough; most progress was "
    r"(RCPT(?: TO)?|MAIL(?: FROM)?|DATA|EHLO|HELO)",
    re.IGNORECASE,
)
_EXPIRED = "this message has been in the queue too long."
# qmail's own error texts (qmail-local.c, qmail-remote.c, qmail-smtpd.c, error_str.c).
MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.USERUNKNOWN: ("no mailbox here by that name", "does not like recipient."),
    Reason.MAILBOXFULL: ("disk quota exceeded",),
    Reason.MESGTOOBIG: ("message size exceeds fixed maximum message size:",),
    Reason.HOSTUNKNOWN: ("sorry, i couldn't find any host ",),
    Reason.SYSTEMFULL: ("requested action not taken: mailbox unavailable (not enough free space)",),
    Reason.SYSTEMERROR: ("bad interpreter: no such file or directory", "system error", "unable to"),
    Reason.NETWORKERROR: (
        "sorry, i wasn't able to establish an smtp connection",
        "sorry, i couldn't find a mail exchanger or ip address",
        "sorry. although i'm listed as a best-preference mx or a for that host",
    ),
}
# The qmail-ldap patch's messages.
LDAP_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.SUSPEND: (
        "mailaddress is administratively disabled",
        "mailaddress is administrativly disabled",
    ),
    Reason.USERUNKNOWN: ("sorry, no mailbox here by that name",),
    Reason.EXCEEDLIMIT: ("the message exeeded the maximum size the user accepts",),
    Reason.SYSTEMERROR: (
        "automatic homedir creator crashed",
        "illegal value in ldap attribute",
        "ldap attribute is not given but mandatory",
        "timeout while performing search on ldap server",
        "too many results returned but needs to be unique",
        "permanent error while executing qmail-forward",
        "temporary error in automatic homedir creation",
        "temporary error while executing qmail-forward",
        "temporary failure in ldap lookup",
        "unable to contact ldap server",
        "unable to login into ldap server, bad credentials",
    ),
}  # fmt: skip


@dataclass(slots=True)
class Draft:
    """What a qmail-style report says about one recipient, line by line."""

    recipient: str
    lines: list[str] = field(default_factory=list)
    remote_said: str = ""  # the "Remote host said:" line, which the tables read first
    remote_host: str | None = None


def matches(mail: Mail) -> bool:
    if mail.subject == "failure notice":
        return True
    received = received_text(mail)  # the pattern spans no line: one search reads them all
    return "(qmail " in received and bool(_RECEIVED.search(received))


def read_drafts(
    report: str, started: Callable[[str], bool], recipient: re.Pattern[str] = _RECIPIENT
) -> list[Draft]:
    """The recipients of a qmail-style report and their lines, from the line ``started`` on.

    Shared with the qmail clones (X4), which differ only in their opening sentences and in how
    they write the recipient line.
    """
    drafts: list[Draft] = []
    reading = False
    for line in report.split("\n"):
        if not reading:
            reading = started(line)
            continue
        if not line:
            continue
        address = recipient.match(line)
        if address:
            drafts.append(Draft(address.group(1).strip()))
            continue
        if not drafts:
            continue
        draft = drafts[-1]
        draft.lines.append(line)
        if line.startswith("Remote host said:"):
            draft.remote_said = line
        # The first host named is kept: the search stops once one is found.
        if draft.remote_host is None and (host := _REMOTE_HOST.search(line)):
            draft.remote_host = host.group(1)
    return drafts


def smtp_command(diagnosis: str) -> str | None:
    """The SMTP stage qmail-remote names in its account of the failure."""
    for command, phrases in _COMMANDS:
        for phrase in phrases:  # loops, not any() over a generator: a third faster
            if diagnosis.find(phrase) > 0:
                return command
    progress = _MOST_PROGRESS.search(diagnosis)
    return progress.group(1).split()[0].upper() if progress else None


def _lhost_reason(draft: Draft, diagnosis: str, command: str | None) -> Reason | None:
    if command in ("MAIL", "HELO", "EHLO"):
        # "Connected to ... but sender was rejected." (rejected) and "... but my name was
        # rejected." (blocked): the engine's qmail rules say so, and a provider's own rules
        # (Yahoo's TSS04 after MAIL FROM) still win, as they do in Sisimai.
        return None
    lowered = diagnosis.lower()
    if "does not like recipient." in lowered and _EXPIRED in lowered:
        return None  # the fallback patch's retries: the text decides
    return (
        (reason_from_table(draft.remote_said, MESSAGES) if draft.remote_said else None)
        or reason_from_table(diagnosis, MESSAGES)
        or reason_from_table(diagnosis, LDAP_MESSAGES)
        or (Reason.EXPIRED if _EXPIRED in lowered else None)
    )


def _record(draft: Draft) -> DecodedRecipient:
    diagnosis = sweep(" ".join(draft.lines))
    command = smtp_command(diagnosis)
    status = codes.find_status(diagnosis)
    return DecodedRecipient(
        recipient=draft.recipient,
        diagnostic=diagnosis,
        status=status,
        command=command,
        remote_mta=draft.remote_host,
        reason=_lhost_reason(draft, diagnosis, command),
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    drafts = read_drafts(cut_at(mail.body, _ORIGINAL), lambda line: line.startswith(_REPORT_START))
    return [_record(draft) for draft in drafts] or None


# After the band's exact marks: "failure notice" is the subject of every qmail-based system.
FORMAT = BounceFormat(name="qmail", order=MTA_SPECIFIC + 20, matches=matches, decode=decode)
