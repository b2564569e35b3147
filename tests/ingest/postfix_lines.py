"""Postfix log lines for the reader's tests, in the shapes of research/ingest.md 2.1."""

from __future__ import annotations

import datetime

START = datetime.datetime(2026, 3, 2, 10, 0, 0)
USER_UNKNOWN = (
    "host mx.example.net[192.0.2.25] said: 550 5.1.1 <{to}>: Recipient address rejected: "
    "User unknown in virtual mailbox table (in reply to RCPT TO command)"
)
GREYLISTED = (
    "host mx.example.net[192.0.2.25] said: 450 4.2.0 <{to}>: Recipient address rejected: "
    "Greylisted, see http://postgrey.schweikert.ch/help/example.net.html (in reply to RCPT TO "
    "command)"
)


def message(number: int, outcome: str = "sent", minutes: int | None = None) -> list[str]:
    """The lines of one message to ``user<number>@example.net``: ``sent``, ``bounced`` or
    ``deferred`` (then ``sent``)."""
    when = START + datetime.timedelta(minutes=number if minutes is None else minutes)
    stamp = when.strftime("%b %e %H:%M:%S")
    queue_id = f"{0xA00000 + number:X}"
    to = f"user{number}@example.net"
    prefix = f"{stamp} mx1 postfix"
    relay = "relay=mx.example.net[192.0.2.25]:25, delay=0.4, delays=0.1/0/0.2/0.1"
    lines = [
        f"{prefix}/smtpd[100]: connect from app[192.0.2.9]",
        f"{prefix}/smtpd[100]: {queue_id}: client=app[192.0.2.9]",
        f"{prefix}/cleanup[101]: {queue_id}: message-id=<m{number}@app.example.com>",
        f"{prefix}/qmgr[102]: {queue_id}: from=<news@example.com>, size=900, nrcpt=1 (queue "
        "active)",
        f"{prefix}/smtpd[100]: disconnect from app[192.0.2.9] ehlo=1 mail=1 rcpt=1 data=1 quit=1",
    ]
    if outcome == "deferred":
        lines.append(
            f"{prefix}/smtp[103]: {queue_id}: to=<{to}>, {relay}, dsn=4.2.0, status=deferred "
            f"({GREYLISTED.format(to=to)})"
        )
        outcome = "sent"
    if outcome == "sent":
        lines.append(
            f"{prefix}/smtp[103]: {queue_id}: to=<{to}>, {relay}, dsn=2.0.0, status=sent (250 "
            "2.0.0 Ok: queued as 4F2B1C0A)"
        )
    else:
        lines.append(
            f"{prefix}/smtp[103]: {queue_id}: to=<{to}>, {relay}, dsn=5.1.1, status=bounced "
            f"({USER_UNKNOWN.format(to=to)})"
        )
    lines.append(f"{prefix}/qmgr[102]: {queue_id}: removed")
    return lines


def log(first: int, count: int, *, bounce_every: int = 3) -> str:
    """``count`` messages from number ``first`` on: every ``bounce_every``-th bounces, every
    fifth other one is deferred once before it is sent."""
    lines = []
    for number in range(first, first + count):
        if number % bounce_every == 0:
            outcome = "bounced"
        elif number % 5 == 0:
            outcome = "deferred"
        else:
            outcome = "sent"
        lines.extend(message(number, outcome))
    return "".join(line + "\n" for line in lines)


def expected(first: int, count: int, *, bounce_every: int = 3) -> tuple[int, int, int]:
    """(bounces, deferrals, deliveries) of :func:`log`."""
    numbers = range(first, first + count)
    bounces = sum(1 for n in numbers if n % bounce_every == 0)
    deferrals = sum(1 for n in numbers if n % bounce_every and n % 5 == 0)
    return bounces, deferrals, count - bounces
