"""Italian wording: Italian Exchange and the replies of Italian providers.

Sources (each example names its own):

* Italian Exchange NDR in Sisimai's sample bounce lhost-exchange2007-07
  (shared/corpus/sisimai/exchange2007/lhost-exchange2007-07.eml, BSD-2-Clause)
* the Italian entries of PHP-Bounce-Handler's bounce list (cfortune/PHP-Bounce-Handler, as kept
  in zoonru/PHP-Bounce-Handler src/Data/BouncePatterns.php), collected from Italian providers'
  replies

mta/common.py already holds qmail's Italian "nessun utente simile in questo indirizzo".
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="it.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "non sono riuscito a trovare l'indirizzo e-mail che hai immesso",
            "destinatario sconosciuto",
            "destin. sconosciuto",
            "destinatario errato",
            "indirizzo inesistente",
        ),
        examples=(
            # shared/corpus/sisimai/exchange2007/lhost-exchange2007-07.eml (Exchange)
            "Non sono riuscito a trovare l'indirizzo e-mail che hai immesso. Verifica l'indirizzo "
            "e-mail del destinatario e prova a inviare di nuovo il messaggio. Se il problema "
            "persiste, contatta il supporto tecnico.",
            # PHP-Bounce-Handler BouncePatterns.php (5.1.1 entries)
            "Destinatario sconosciuto o mailbox disatttivata",
            "destin. Sconosciuto",
            "Destinatario errato",
            "Indirizzo inesistente",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="it.blocked-for-disuse",
        reason=Reason.SUSPEND,
        phrases=("bloccato per inutilizzo",),
        examples=(
            # PHP-Bounce-Handler BouncePatterns.php (5.2.1 entry)
            "Questo indirizzo e' bloccato per inutilizzo",
        ),
        summary="The address was blocked because nobody used it; the mailbox is inactive.",
        priority=MAILBOX + 1,
    ),
)
