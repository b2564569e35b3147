"""The SMTP mailbox probe: a sans-IO session (``session``), the reading of its replies
(``judge``) and the asyncio driver that runs it (``driver``). It never sends DATA. Replies,
EHLO and TLS are read by :mod:`bouncekit.smtp`.
"""

from bouncekit.verify.smtp.driver import (
    HostLimits,
    ProbeOutcome,
    ProbeReport,
    Waiting,
    probe_domain,
    route_verdict,
)
from bouncekit.verify.smtp.judge import Next, ProbeVerdict, judge_probe_reply
from bouncekit.verify.smtp.session import (
    Close,
    Event,
    ProbeSession,
    Recipient,
    RecipientAnswered,
    Send,
    SessionFailed,
    StartTLS,
)

__all__ = [
    "Close",
    "Event",
    "HostLimits",
    "Next",
    "ProbeOutcome",
    "ProbeReport",
    "ProbeSession",
    "ProbeVerdict",
    "Recipient",
    "RecipientAnswered",
    "Send",
    "SessionFailed",
    "StartTLS",
    "Waiting",
    "judge_probe_reply",
    "probe_domain",
    "route_verdict",
]
