"""Kerio Connect (GFI): its relay refusal and the delivery status it reports when it cannot
reach the next host.

https://support.kerioconnect.gfi.com/hc/en-us/articles/4416310418706
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import SENDER, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        id="kerio.relaying-denied",
        reason=Reason.NORELAYING,
        phrases=("relaying is denied",),
        examples=("550 5.7.1 Relaying is denied",),
        summary="Kerio Connect refuses to relay for this client: it did not authenticate, or "
        "its IP address is not in the relay group.",
        priority=SENDER,
    ),
    Rule(
        id="kerio.cannot-connect",
        reason=Reason.NETWORKERROR,
        phrases=("cannot connect to host",),
        examples=("Result: delayed, Status: 4.4.1 Cannot connect to host",),
        owner=Owner.RECEIVER,
        summary="The sending server could not open a connection to the next mail server.",
        priority=STRONG,
    ),
)
