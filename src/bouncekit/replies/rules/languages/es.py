"""Spanish wording: the replies of Spanish-speaking providers.

Sources (each example names its own):

* latinmail.com's reply quoted in https://github.com/sisimai/p5-sisimai/issues/66
* the Spanish entries of PHP-Bounce-Handler's bounce list (cfortune/PHP-Bounce-Handler, as kept
  in zoonru/PHP-Bounce-Handler src/Data/BouncePatterns.php), collected from providers' replies
* the Spanish samples a Spanish fork of PHPMailer-BMH added to its rules (Clavel
  NotificationBroker, Services/BounceMail/BounceMailHandlerRules.php): a plain reply and
  Spanish Exchange's NDR text

mta/common.py already holds "no existe dicha persona" and "no existe ese usuario".
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="es.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=("destinatario desconocido", "usuario desconocido"),
        examples=(
            # https://github.com/sisimai/p5-sisimai/issues/66 (latinmail.com)
            "550 <sachp@latinmail.com>: Destinatario desconocido o mailbox lleno",
            # Clavel NotificationBroker BounceMailHandlerRules.php (rule 7727)
            "550 Usuario desconocido",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="es.address-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("no se ha encontrado la dirección de correo electrónico que ha escrito",),
        examples=(
            # Clavel NotificationBroker BounceMailHandlerRules.php (rule 7731, Exchange)
            "No se ha encontrado la dirección de correo electrónico que ha escrito. Compruebe la "
            "dirección de correo electrónico del destinatario e intente reenviar el mensaje. Si el "
            "problema persiste, póngase en contacto con el administrador de correo electrónico.",
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
