"""DMA, the DragonFly Mail Agent (mail.c, net.c), after Sisimai::Lhost::DragonFly.

::

    This is the DragonFly Mail Agent v0.13 at df.example.jp.

    There was an error delivering your mail to <kijitora@example.com>.

    email.example.jp [192.0.2.25] did not like our RCPT TO:
    552 5.2.2 <kijitora@example.com>: Recipient address rejected: Mailbox full

    Original message follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_ORIGINAL = re.compile(r"^(?:Original message follows\.|Message headers follow)", re.MULTILINE)
_REPORT_START = "This is the DragonFly Mail Agent "
_RECIPIENT = re.compile(r"^There was an error delivering your mail to <([^>]+)>")
# net.c:500 "%s [%s] did not like our %s:\n%s"
_DID_NOT_LIKE = re.compile(r"^(\S+) \[[^\]]*\] did not like our (RCPT TO|MAIL FROM|DATA|\w+)")
# dma.c and net.c's own errors, which carry no reply code.
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.EXPIRED: ("could not deliver for the last ",),
    Reason.HOSTUNKNOWN: ("dns lookup failure: host ",),
}


@dataclass(slots=True)
class _Draft:
    recipient: str
    lines: list[str] = field(default_factory=list)
    remote_host: str | None = None
    command: str | None = None


def matches(mail: Mail) -> bool:
    return "Mail delivery failed" in mail.subject and any(
        " (DragonFly Mail Agent" in received for received in mail.received
    )


def _read(report: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    reading = False
    for line in report.split("\n"):
        if not reading:
            reading = line.startswith(_REPORT_START)
            continue
        recipient = _RECIPIENT.match(line)
        if recipient:
            drafts.append(_Draft(recipient=recipient.group(1).strip()))
        elif line.strip() and drafts:
            draft = drafts[-1]
            draft.lines.append(line)
            refused = _DID_NOT_LIKE.match(line)
            if refused and draft.remote_host is None:
                draft.remote_host = refused.group(1)
                draft.command = refused.group(2).split()[0].upper()
    return drafts


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    records = []
    for draft in _read(cut_at(mail.body, _ORIGINAL)):
        diagnosis = sweep(" ".join(draft.lines))
        records.append(
            DecodedRecipient(
                recipient=draft.recipient,
                diagnostic=diagnosis,
                command=draft.command,
                remote_mta=draft.remote_host,
                reason=reason_from_table(diagnosis, _MESSAGES),
            )
        )
    return records or None


# After Exim, whose "Mail delivery failed" subject DMA's bounces share.
FORMAT = BounceFormat(name="DragonFly", order=MTA_SPECIFIC + 30, matches=matches, decode=decode)
