"""Seznam.cz (email.cz, seznam.cz, post.cz, spoluzaci.cz; MX ``mx1.seznam.cz``).

Seznam's help explains each kind of bounce on a page of its own; the one stored,
https://napoveda.seznam.cz/uzivatel-neexistuje ("Uživatel neexistuje", user does not exist),
prints Seznam's reply for an unknown recipient, ``5.1.1 szn; User hasn't got the service
mapped``. It is the one line of ``tests/replies/data/provider_tables/seznam.jsonl``; the other
examples on that page are other servers' wording.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://napoveda.seznam.cz/uzivatel-neexistuje"

PROVIDER = Provider(
    key="seznam",
    name="Seznam.cz",
    host_suffixes=(".seznam.cz",),
    markers=("user hasn't got the service mapped",),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="seznam.service-not-mapped",
        reason=Reason.USERUNKNOWN,
        phrases=("user hasn't got the service mapped",),
        examples=("5.1.1 szn; User hasn't got the service mapped",),
        summary="Seznam has no mailbox at this address; check it for typos.",
        docs_url=DOCS,
    ),
)
