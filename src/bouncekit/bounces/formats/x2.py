"""Unknown MTA #2, a web mail service's MAILER-DAEMON ("Delivery failure"), after Sisimai's X2.

Each failed recipient is an address in angle brackets on a line of its own, followed by the
error text up to the next address or the returned original::

    Unable to deliver message to the following address(es).

    <kijitora@example.co.jp>:
    This user doesn't have a example.co.jp account (kijitora@example.co.jp) [-9]

    --- Original message follows.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import UNKNOWN_MTA, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, filtered_user_unknown, reason_from_table, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_SUBJECT = re.compile(r"^(?:Delivery failure|fail(?:ure|ed) delivery)")
_START = "Unable to deliver message to the following address"
_RECIPIENT = re.compile(r"^<(\S+@\S+)>:\s*$")
_ORIGINAL = re.compile(r"^--- Original message follows\.", re.MULTILINE)
# The service's own texts. It never says at which SMTP stage an address failed, and Sisimai
# calls a missing mailbox reported without one a filter's refusal (Reason::Filtered); qmail's
# expiry line means the queue gave up, whatever the last reply was.
_MESSAGES: dict[Reason, tuple[str, ...]] = {
    Reason.FILTERED: ("this user doesn't have a ",),
    Reason.EXPIRED: ("this message has been in the queue too long.",),
}


def matches(mail: Mail) -> bool:
    return "MAILER-DAEMON@" in mail.sender and bool(_SUBJECT.match(mail.subject))


def _record(address: str, diagnosis: str) -> DecodedRecipient:
    reason = reason_from_table(diagnosis, _MESSAGES)
    if reason is None and filtered_user_unknown(None, None, diagnosis):
        reason = Reason.FILTERED
    return DecodedRecipient(recipient=address, diagnostic=diagnosis, reason=reason)


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    report = cut_at(mail.body, _ORIGINAL)
    start = report.find(_START)
    if start == -1:
        return None
    found: list[tuple[str, list[str]]] = []  # (address, error lines)
    for line in report[start:].split("\n")[1:]:
        recipient = _RECIPIENT.match(line)
        if recipient:
            found.append((recipient.group(1), []))
        elif found and line.strip():
            found[-1][1].append(line)
    return [_record(address, sweep(" ".join(lines))) for address, lines in found] or None


FORMAT = BounceFormat(name="X2", order=UNKNOWN_MTA, matches=matches, decode=decode)
