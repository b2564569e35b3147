"""Deutsche Telekom T-Online (``mx00.t-online.de`` ... ``mx03.t-online.de``).

T-Online explains its requirements and its rejections at https://postmaster.t-online.de/
(section 6, "IP troubleshooting"); the stored copy of that page holds only its table of
contents, so the replies here are quoted from pages that show them whole: spamresource.com and
serverdevworker.com for ``(BL)``, timmehosting.de for ``(NOWL)``, help.creoline.com for
``(DIAL)`` (secondary sources). A T-Online refusal names the sending IP (``IP=192.0.2.1``),
ends with a code in brackets and asks for mail to an address at ``rx.t-online.de``: ``tosa@``
(abuse), ``toda@`` (dial-up ranges), ``postmaster@``.

T-Online accepts mail only from hosts it knows: an IP with no reputation is refused like one
with a bad one, until its operator asks for a reset and meets section 4.1 of the postmaster page
(a name for the host that leads to a website with the operator's imprint).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster.t-online.de/index.en.html"

PROVIDER = Provider(
    key="tonline",
    name="T-Online (Deutsche Telekom)",
    host_suffixes=(".t-online.de",),
    markers=("rx.t-online.de", "postmaster.t-online.de"),
    docs_url=DOCS,
)

_CONTACT = Action(
    "Make the sending host meet T-Online's requirements (section 4.1: a host name that leads "
    "to a website with your imprint, valid reverse DNS), then write to the address in the "
    "reply at rx.t-online.de for a reset.",
    url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="tonline.bl-blocked",
        reason=Reason.BLOCKED,
        phrases=("a problem occurred. (ask your postmaster", ") (bl)"),
        examples=(
            "host mx02.t-online.de[194.25.134.9] refused to talk to me: 554 IP=192.0.2.1 - A "
            "problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de "
            "to clarify.) (BL)",
        ),
        summary="T-Online has put your sending IP on its own block list (BL).",
        actions=(_CONTACT,),
        docs_url=DOCS,
    ),
    Rule(
        id="tonline.nowl-no-reputation",
        # "None/bad reputation": refused until reset, a block rather than a slow-down.
        reason=Reason.BLOCKED,
        phrases=("none/bad reputation", "(nowl)"),
        examples=(
            "554 IP=192.0.2.1 - None/bad reputation. Ask your postmaster for help or to "
            "contact <postmaster@rx.t-online.de> for reset. (NOWL)",
        ),
        summary="T-Online refuses your IP because it has no reputation there (new, or silent "
        "for a long time) or a bad one, and it is not on T-Online's whitelist (NOWL).",
        actions=(_CONTACT,),
        docs_url=DOCS,
    ),
    Rule(
        id="tonline.dial-dynamic-ip",
        reason=Reason.BLOCKED,
        phrases=("dialup/transient ip not allowed", "(dial)"),
        examples=(
            "554 Dialup/transient IP not allowed. Use a mailgateway or contact "
            "toda@rx.t-online.de if obsolete. (DIAL)",
        ),
        summary="T-Online takes your IP for a dial-up or dynamic address, which may not deliver "
        "mail directly; it also says this when it finds no imprint for the sending host.",
        actions=(
            _CONTACT,
            Action("Or relay through your provider's or an email service's mail gateway."),
        ),
        docs_url=DOCS,
    ),
)
