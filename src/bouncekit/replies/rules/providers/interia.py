"""Interia Poczta (interia.pl, interia.eu, poczta.fm...; Grupa Interia.pl).

Interia's help article "Dlaczego wiadomość nie została dostarczona?",
https://pomoc.poczta.interia.pl/news-dlaczego-wiadomosc-nie-zostala-dostarczona,nId,6589600,
lists the replies of its servers with their meaning in Polish and English; the stored copy shows
the first four, which are in ``tests/replies/data/provider_tables/interia.jsonl``. Their
wording is not Interia's alone, so the rules apply when the reply comes from an Interia host.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://pomoc.poczta.interia.pl/news-dlaczego-wiadomosc-nie-zostala-dostarczona,nId,6589600"

PROVIDER = Provider(
    key="interia",
    name="Interia Poczta",
    host_suffixes=(".interia.pl",),
    markers=(),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="interia.account-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("account not found",),
        examples=("host mx.poczta.interia.pl[192.0.2.1] said: 550 5.1.1 Account not found",),
        summary="Interia has no account at this address, or has blocked it.",
        docs_url=DOCS,
    ),
    Rule(
        id="interia.recipient-does-not-want-your-mail",
        reason=Reason.FILTERED,
        phrases=("recipient doesn't want your mail",),
        examples=(
            "host mx.poczta.interia.pl[192.0.2.1] said: 550 5.7.1 Recipient doesn't want your mail",
        ),
        summary="The recipient has probably put you on their list of blocked senders.",
        docs_url=DOCS,
    ),
)
