"""OpenSMTPD's bounce messages (smtpd/bounce.c), after Sisimai::Lhost::OpenSMTPD.

::

        This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.

        An error has occurred while attempting to deliver a message for
        the following list of recipients:

    kijitora@example.jp: 550 5.1.1 <kijitora@example.jp>: Recipient address rejected: ...

        Below is a copy of the original message:

OpenSMTPD's own errors (expired envelopes, MX lookups) carry no code; their reasons come from
the table below.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, reason_from_table, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_ORIGINAL = re.compile(r"^[ ]+Below is a copy of the original message:", re.MULTILINE)
_REPORT_START = "    This is the MAILER-DAEMON, please DO NOT REPLY to this"
_RECIPIENT = re.compile(r"^([^ ]+?@[^ ]+?):?[ ](.+)$")
# smtpd's own error texts (mta.c, queue.c, bounce.c).
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.EXPIRED: ("envelope expired",),
    Reason.HOSTUNKNOWN: ("invalid domain name", "domain does not exist"),
    Reason.NOTACCEPT: ("destination seem to reject all mails",),
    Reason.NETWORKERROR: (
        "address family mismatch on destination mxs",
        "all routes to destination blocked",
        "bad dns lookup error code",
        "could not retrieve source address",
        "loop detected",
        "network error on destination mxs",
        "no mx found for domain",
        "no mx found for destination",
        "no valid route to remote mx",
        "no valid route to destination",
        "temporary failure in mx lookup",
    ),
    Reason.SECURITYERROR: ("could not retrieve credentials",),
}


def matches(mail: Mail) -> bool:
    return (
        "Delivery status notification" in mail.subject
        and "Mailer Daemon <" in mail.sender
        and any(" (OpenSMTPD) with " in received for received in mail.received)
    )


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    records = []
    reading = False
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        if not reading:
            reading = line.startswith(_REPORT_START)
            continue
        if found := _RECIPIENT.match(line):
            diagnosis = sweep(found.group(2))
            records.append(
                DecodedRecipient(
                    recipient=found.group(1),
                    diagnostic=diagnosis,
                    reason=reason_from_table(diagnosis, _MESSAGES),
                )
            )
    return records or None


# After the band's exact marks: its test starts from subject words.
FORMAT = BounceFormat(name="OpenSMTPD", order=MTA_SPECIFIC + 40, matches=matches, decode=decode)
