"""fml, the Japanese mailing list manager: notices from the list's "-admin" address.

Follows Sisimai's ``Lhost::FML``. The recipient is the address in "<...>." closing the first
line of the notice. The notice is fml's own text, not a remote server's reply, so the reason
comes from Sisimai's table of fml's sentences, or failing that of its subjects.
"""

from __future__ import annotations

import re

from bouncekit.bounces.formats import MTA_SPECIFIC, BounceFormat
from bouncekit.bounces.formats._lhost import cut_at, sweep
from bouncekit.bounces.mail import Mail
from bouncekit.bounces.model import DecodedRecipient
from bouncekit.replies.model import Reason

_ORIGINAL = re.compile(r"^Original mail as follows:", re.M)
_RECIPIENT = re.compile(r"<([^<>]+?@[^<> ]+?)>\.$")
_FROM = re.compile(r".+-admin@.+")
_MESSAGE_ID = re.compile(r"^<\d+\.FML.+@.+>$")
_BY_TEXT: dict[Reason, re.Pattern[str]] = {
    Reason.REJECTED: re.compile(
        r"(?:Ignored )*NOT MEMBER article from |reject (?:mail from .+@.+|since .+ header may "
        r"cause mail loop|spammers:)|You are not a member of this mailing list"
    ),
    Reason.SYSTEMERROR: re.compile(
        r"Duplicated Message-ID|fml .+ has detected a loop condition so that|Loop Back Warning:"
    ),
    Reason.SECURITYERROR: re.compile(r"Security alert:"),
}
_BY_SUBJECT: dict[Reason, re.Pattern[str]] = {
    Reason.REJECTED: re.compile(
        r"(?:Ignored )*NOT MEMBER article from |reject mail (?:.+:|from) ,"
        r"|Spam mail from a spammer is rejected|You .+ are not member"
    ),
    Reason.SYSTEMERROR: re.compile(
        r"fml system error message|Loop Alert: |Loop Back Warning: |WARNING: UNIX FROM Loop"
    ),
    Reason.SECURITYERROR: re.compile(r"Security Alert"),
}


def matches(mail: Mail) -> bool:
    return (
        bool(mail.headers.get("x-mlserver", ""))
        and bool(_FROM.search(mail.sender))
        and bool(_MESSAGE_ID.match(mail.headers.get("message-id", "")))
    )


def _reason(text: str, subject: str) -> Reason | None:
    for reason, pattern in _BY_TEXT.items():
        if pattern.search(text):
            return reason
    for reason, pattern in _BY_SUBJECT.items():
        if pattern.search(subject):
            return reason
    return None


def decode(mail: Mail) -> list[DecodedRecipient] | None:
    found: list[tuple[str, list[str]]] = []
    for line in cut_at(mail.body, _ORIGINAL).split("\n"):
        if not line:
            continue
        recipient = _RECIPIENT.search(line)
        if recipient:
            found.append((recipient.group(1), [line]))
        elif found:
            found[-1][1].append(line)
    records = []
    for address, lines in found:
        text = sweep(" ".join(lines))
        records.append(
            DecodedRecipient(recipient=address, diagnostic=text, reason=_reason(text, mail.subject))
        )
    return records or None


FORMAT = BounceFormat(name="FML", order=MTA_SPECIFIC, matches=matches, decode=decode)
