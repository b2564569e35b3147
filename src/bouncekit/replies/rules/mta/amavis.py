"""amavisd-new's own wording (2.13.0): the SMTP response it gives the MTA for blocked content,
``<status> Reject, id=<log id> - <reason>``, where the status and the reason come from the
contents category (Amavis/Conf.pm %smtp_reason_by_ccat, Amavis.pm): spam and spammy,
INFECTED, BANNED, UNCHECKED, BAD HEADER, oversized, and the MTA categories.

The generic "Reject, id=" rule reads the spam case; these name the other categories, which
would otherwise read as spam too.

https://www.amavis.org/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import MAILBOX, SENDER, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # CC_SPAM, CC_SPAMMY: also after soft_bounce turned the 554 into a 450.
        id="amavis.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("id=* - spam",),
        examples=(
            "554 5.7.0 Reject, id=12345-01 - spam",
            "450 4.7.0 Reject (soft_bounce), id=12345-01 - spam",
        ),
        priority=STRONG + 1,
    ),
    Rule(
        # CC_VIRUS: 'id=%n - INFECTED: %V'.
        id="amavis.infected",
        reason=Reason.VIRUSDETECTED,
        phrases=("id=* - infected:",),
        examples=(
            "554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Signature",
            "450 4.7.0 Temporary failure, id=12345-01 - INFECTED: Eicar-Signature",
        ),
        priority=STRONG + 4,
    ),
    Rule(
        # CC_BANNED ('BANNED: %F', a banned file name or type) and CC_UNCHECKED (content
        # that could not be scanned: encrypted, over limits, ambiguous).
        id="amavis.banned",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("id=* - banned:", "id=* - unchecked"),
        examples=(
            "554 5.7.0 Reject, id=12345-01 - BANNED: P=p003,L=1,M=multipart/mixed | "
            "P=p002,L=1/2,T=exe,N=invoice.exe",
            "554 5.7.0 Bounce, id=12345-01 - BANNED: .exe,invoice.exe",
            "554 5.7.0 Reject, id=12345-01 - UNCHECKED: encrypted",
        ),
        summary="amavisd-new blocked the message for what it carries (a banned attachment "
        "name or type, or content it could not scan, such as an encrypted archive).",
        priority=STRONG + 2,
    ),
    Rule(
        # CC_BADH: 'BAD HEADER: <what>' (554 5.6.0, 5.6.3 for 8-bit characters).
        id="amavis.bad-header",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("id=* - bad header",),
        examples=(
            "554 5.6.0 Reject, id=12345-01 - BAD HEADER: MIME error",
            "554 5.6.3 Reject, id=12345-01 - BAD HEADER: nonencoded 8-bit character",
            "554 5.6.0 Reject, id=12345-01 - BAD HEADER",
        ),
        priority=STRONG + 3,
    ),
    Rule(
        # CC_MTA and processing failures: amavisd-new could not pass the message back to the
        # MTA, or failed itself.
        id="amavis.mta-failure",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "- temporary mta failure on relaying",
            "- rejected by next-hop mta on relaying",
            "- unable to relay message back to mta",
            "error in processing, id=",
            "giving up due to previous temporary failures, id=",
        ),
        examples=(
            "550 5.3.5 Reject, id=12345-01 - Unable to relay message back to MTA",
            "550 5.3.5 Reject, id=12345-01 - Temporary MTA failure on relaying",
            "451 4.5.0 Error in processing, id=12345-01, virus_scan FAILED: virus scanners failed",
        ),
        summary="The receiver's content filter (amavisd-new) failed to hand the message back to "
        "its own mail server: a fault of the receiving system.",
        priority=SENDER + 1,
    ),
    Rule(
        # Amavis/Out/SMTP.pm: the reinjection to the MTA timed out.
        id="amavis.reinjection-timeout",
        reason=Reason.NETWORKERROR,
        phrases=("timed out during * mta(",),
        examples=("450 4.4.2 Timed out during DATA, MTA(smtp:[127.0.0.1]:10025), id=12345-01",),
        priority=MAILBOX,
    ),
)
