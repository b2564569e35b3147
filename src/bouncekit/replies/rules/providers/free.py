"""Free (free.fr, ``mx1.free.fr``).

Free's postmaster page is http://postmaster.free.fr/.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "http://postmaster.free.fr/"

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
        id="free.too-many-spams",
        reason=Reason.BLOCKED,
        phrases=("too many spams from your ip",),
        examples=(
            "421 Too many spams from your IP (192.0.2.25), please visit http://postmaster.free.fr/",
        ),
        summary="Free blocks your IP after too much spam from it.",
        docs_url=DOCS,
    ),
)
