"""Polish wording: the replies of Polish providers (o2, Onet, WP, Interia).

Sources: the Polish entries of PHP-Bounce-Handler's bounce list (cfortune/PHP-Bounce-Handler, as
kept in zoonru/PHP-Bounce-Handler src/Data/BouncePatterns.php), collected from providers'
replies; Polish providers answer without diacritics ("Wiadomosc zostala odrzucona").
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, STRONG, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="pl.no-such-account",
        reason=Reason.USERUNKNOWN,
        phrases=("nie ma takiego konta",),
        examples=(
            # PHP-Bounce-Handler BouncePatterns.php
            "Nie ma takiego konta",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="pl.account-blocked",
        reason=Reason.SUSPEND,
        phrases=("konto jest zablokowane administracyjnie lub nieaktywne",),
        examples=(
            # PHP-Bounce-Handler BouncePatterns.php
            "Podane konto jest zablokowane administracyjnie lub nieaktywne",
        ),
        summary="The account is blocked by its administrator or inactive.",
        priority=MAILBOX + 1,
    ),
    Rule(
        id="pl.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("odrzucona przez system antyspamowy",),
        examples=(
            # PHP-Bounce-Handler BouncePatterns.php
            "Wiadomosc zostala odrzucona przez system antyspamowy",
        ),
        summary="The receiver's anti-spam system rejected the message.",
        priority=STRONG + 1,
    ),
)
