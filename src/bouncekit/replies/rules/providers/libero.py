"""Libero Mail and Virgilio Mail (Italiaonline; Libero's MX is ``smtp-in.libero.it``).

Libero's help article "Messaggi di errore più frequenti dopo invio email",
https://aiuto.libero.it/articolo/mail/messaggi-di-errore-piu-frequenti-dopo-invio-email
(Virgilio prints the same table at
https://aiuto.virgilio.it/articolo/mail/messaggi-di-errore-piu-frequenti-dopo-invio-email/),
explains the texts its users find in delivery status notifications, most of them RFC 3463 status
titles ("BAD DESTINATION MAILBOX ADDRESS", "OTHER OR UNDEFINED MAIL SYSTEM STATUS"...). Its
rows are in ``tests/replies/data/provider_tables/libero.jsonl``; the "ACTION: FAILED",
"ACTION: DELIVERED" and "ACTION: RELAYED" rows name DSN fields, not refusals, and are left out.
None of the wording is Libero's own, so the generic rules judge it; the bare status titles that
the reply parser does not read carry a ``gap``.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://aiuto.libero.it/articolo/mail/messaggi-di-errore-piu-frequenti-dopo-invio-email"

PROVIDER = Provider(
    key="libero",
    name="Libero / Virgilio Mail (Italiaonline)",
    host_suffixes=(".libero.it", ".virgilio.it"),
    markers=(),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="libero.relay-disabled",
        reason=Reason.NORELAYING,
        phrases=("550 relay disabled",),
        examples=(
            "host smtp-in.libero.it[192.0.2.1] said: RELAYING NOT ALLOWED (550 Relay Disabled)",
        ),
        summary="The mail program's outgoing (SMTP) server is not set up correctly: it must "
        "be the one of your own provider.",
        actions=(
            Action(
                "Set the outgoing server of the mail program to your provider's SMTP server.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
)
