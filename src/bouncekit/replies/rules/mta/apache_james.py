"""Apache James's SMTP server, in its own words: the fast-fail hooks of
protocols/smtp/.../core/fastfail (greylisting, DNSRBL, HELO, recipient and sender checks) and
the core hooks for relaying, authentication and message size.

https://github.com/apache/james-project (protocols/smtp)
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Retry, Rule

from .common import CAUSE, LIMIT, SENDER, STRONG

RULES: tuple[Rule, ...] = (
    Rule(
        # AbstractGreylistHandler: TEMPORARY_REJECT for a new triplet, TO_FAST for a retry
        # inside the block time.
        id="apache_james.greylisting",
        reason=Reason.BLOCKED,
        phrases=(
            "temporary rejected: please try again later",
            "temporary rejected: reconnect to fast",
        ),
        examples=(
            "451 4.4.3 Temporary rejected: Please try again later",
            "451 4.4.3 Temporary rejected: Reconnect to fast. Please try again later",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.LATER,
        summary="Apache James greylisted the message: a well-behaved server retries after the "
        "block time and gets through.",
        priority=CAUSE,
    ),
    Rule(
        id="apache_james.helo",
        reason=Reason.BLOCKED,
        phrases=("provided ehlo/helo * can not resolved",),
        examples=("501 5.5.4 Provided EHLO/HELO mail.example.invalid can not resolved.",),
        summary="Apache James refused the HELO/EHLO name your server announced: it does not "
        "resolve in DNS.",
        priority=STRONG,
    ),
    Rule(
        id="apache_james.max-recipients",
        reason=Reason.TOOMANYCONN,
        phrases=("requested action not taken: max recipients reached",),
        examples=("452 4.5.3 Requested action not taken: max recipients reached",),
        summary="The message has more recipients than the receiving Apache James accepts in "
        "one transaction.",
        priority=LIMIT,
    ),
    Rule(
        # AbstractSenderAuthIdentifyVerificationHook: MAIL FROM is not the authenticated user.
        id="apache_james.sender-auth-mismatch",
        reason=Reason.REJECTED,
        phrases=("incorrect authentication for specified email address",),
        examples=("503 5.7.1 Incorrect Authentication for Specified Email Address",),
        owner=Owner.SENDER,
        summary="The envelope sender is not an address the authenticated user may send as.",
        priority=SENDER,
    ),
    Rule(
        id="apache_james.size-syntax",
        reason=Reason.SYNTAXERROR,
        phrases=("syntactically incorrect value for size parameter",),
        examples=("501 5.5.4 Syntactically incorrect value for SIZE parameter",),
        owner=Owner.SENDER,
        priority=SENDER,
    ),
)
