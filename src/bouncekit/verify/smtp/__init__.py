"""The SMTP mailbox probe: a sans-IO session (``session``), the reading of its replies
(``judge``) and the asyncio driver that runs it (``driver``). It never sends DATA.
"""

from bouncekit.verify.smtp.driver import (
    HostLimits,
    ProbeOutcome,
    ProbeReport,
    Waiting,
    probe_domain,
)
from bouncekit.verify.smtp.judge import Judgement, Next, judge
from bouncekit.verify.smtp.session import (
    Close,
    Event,
    ProbeSession,
    Recipient,
    RecipientAnswered,
    Reply,
    Send,
    SessionFailed,
    Stage,
    StartTLS,
)

__all__ = [
    "Close",
    "Event",
    "HostLimits",
    "Judgement",
    "Next",
    "ProbeOutcome",
    "ProbeReport",
    "ProbeSession",
    "Recipient",
    "RecipientAnswered",
    "Reply",
    "Send",
    "SessionFailed",
    "Stage",
    "StartTLS",
    "Waiting",
    "judge",
    "probe_domain",
]
