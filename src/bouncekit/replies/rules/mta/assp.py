"""ASSP (Anti-Spam SMTP Proxy), as hosting servers running it answer: its default refusals for a
denied IP, spam, a virus, a blocked attachment, and its message-scoring limit.

https://sourceforge.net/projects/assp/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # DenyError: the client IP is on ASSP's deny list.
        id="assp.service-denied",
        reason=Reason.BLOCKED,
        phrases=("service denied, closing transmission channel",),
        examples=("554 5.7.2 Service denied, closing transmission channel",),
        summary="ASSP refused your sending IP address outright.",
        priority=STRONG,
    ),
    Rule(
        id="assp.spam",
        reason=Reason.SPAMDETECTED,
        phrases=(
            "appears to be unsolicited - resend with the code",
            "over messagescoringupperlimit",
        ),
        examples=(
            "554 5.7.1 Mail (m1-12345-01) appears to be unsolicited - resend with the code "
            "5a3f2c appended to subject and ask to have your email whitelisted.",
            "554 5.7.1 Mail Score (59) over MessageScoringUpperLimit (50) - send error reports "
            "to postmaster@example.net",
        ),
        summary="ASSP's filters scored the message as spam.",
        priority=STRONG,
    ),
    Rule(
        id="assp.virus",
        reason=Reason.VIRUSDETECTED,
        phrases=("mail appears infected with",),
        examples=(
            "554 5.7.1 Mail appears infected with Eicar-Test-Signature -- disinfect and resend.",
        ),
        summary="ASSP's virus scanner found a virus in the message.",
        priority=STRONG,
    ),
    Rule(
        id="assp.attachment",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("these attachments are not allowed",),
        examples=(
            "500 These attachments are not allowed -- Please compress (zip,tar..) them before "
            "mailing.",
        ),
        summary="ASSP blocks the type of a file attached to the message.",
        priority=STRONG,
    ),
)
