"""DMA's (the DragonFly Mail Agent's) own wording (dma.c, net.c), as collected in Sisimai's
DragonFly decoder (lib/Sisimai/Lhost/DragonFly.pm in sisimai/p5-sisimai).

https://github.com/corecode/dma
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="dragonfly.dns-host-not-found",
        reason=Reason.HOSTUNKNOWN,
        phrases=("dns lookup failure: host * not found",),
        examples=("DNS lookup failure: host cx.libsisimai.org not found",),
        summary="DMA found no MX or address record for the recipient's domain (net.c).",
        priority=7,
    ),
    Rule(
        id="dragonfly.gave-up",
        reason=Reason.EXPIRED,
        phrases=("could not deliver for the last * seconds. giving up.",),
        examples=("Could not deliver for the last 432000 seconds. Giving up.",),
        summary="DMA retried until its queue lifetime ran out (dma.c MAX_TIMEOUT).",
        priority=3,
    ),
)
