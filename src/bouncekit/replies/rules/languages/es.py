"""Spanish wording: the replies of Spanish-speaking providers.

Sources (each example names its own):

* latinmail.com's reply quoted in https://github.com/sisimai/p5-sisimai/issues/66
* the Spanish entries of PHP-Bounce-Handler's bounce list (cfortune/PHP-Bounce-Handler, as kept
  in zoonru/PHP-Bounce-Handler src/Data/BouncePatterns.php), collected from providers' replies

mta/common.py already holds "no existe dicha persona" and "no existe ese usuario".
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="es.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=("destinatario desconocido",),
        examples=(
            # https://github.com/sisimai/p5-sisimai/issues/66 (latinmail.com)
            "550 <sachp@latinmail.com>: Destinatario desconocido o mailbox lleno",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="es.inactive",
        reason=Reason.SUSPEND,
        phrases=(
            "ha expirado por falta de uso",
            "el usuario esta en estado: inactivo",
            "el usuario está en estado: inactivo",
        ),
        examples=(
            # PHP-Bounce-Handler BouncePatterns.php
            "Esta casilla ha expirado por falta de uso",
            "El usuario esta en estado: inactivo",
        ),
        summary="The mailbox exists but is inactive or has expired for lack of use.",
        priority=MAILBOX + 1,
    ),
)
