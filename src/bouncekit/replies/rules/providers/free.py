"""Free (free.fr, ``mx1.free.fr``).

Free's postmaster page, https://postmaster.free.fr/, lists the replies its MX servers give and
why; the stored copy of it shows the first of them, "550 spam detected". Blocks of an IP last up
to 24 hours and lift by themselves once the cause is gone.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster.free.fr/"

PROVIDER = Provider(
    key="free",
    name="Free (free.fr)",
    host_suffixes=(".free.fr",),
    markers=("postmaster.free.fr", "(usersearch)"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="free.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=("user unknown (usersearch)",),
        examples=("550 5.1.1 user unknown (UserSearch)",),
        summary="Free has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="free.spam-detected",
        reason=Reason.SPAMDETECTED,
        phrases=("spam detected",),
        examples=("host mx1.free.fr[192.0.2.1] said: 550 spam detected",),
        summary="Free's filter judged the message to be spam and refused it on receipt.",
        actions=(
            Action(
                "Check that the message cannot pass for spam; if you did not send it, someone "
                "forged your address.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="free.too-many-spams",
        reason=Reason.BLOCKED,
        phrases=("too many spams from your ip",),
        examples=(
            "421 Too many spams from your IP (192.0.2.25), please visit http://postmaster.free.fr/",
        ),
        summary="Free blocks your IP after too much spam from it, for at most 24 hours.",
        actions=(
            Action(
                "Stop the spam at its source, then wait: Free lifts the block by itself within "
                "24 hours; asking earlier does not help.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
)
