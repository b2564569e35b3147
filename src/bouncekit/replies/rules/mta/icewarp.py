"""IceWarp (formerly Merak) Mail Server: the SMTP errors its documentation lists that the
common rules do not already read.

https://docs.icewarp.com/ (Interpretation of 5xx Errors in IceWarp SMTP)
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

from .common import STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # 501 5.7.1: the server, domain or user message size limit.
        id="icewarp.message-too-long",
        reason=Reason.MESGTOOBIG,
        phrases=("message is too long",),
        examples=("501 5.7.1 Message is too long",),
        summary="The message is larger than the receiving IceWarp server, domain or mailbox "
        "accepts.",
        priority=STRONG,
    ),
)
