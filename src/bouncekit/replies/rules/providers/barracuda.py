"""Barracuda Email Security Gateway / Email Security Service (``*.ess.barracuda.com``).

Barracuda's replies are short: a refused message is ``550 permanent failure for one or more
recipients (address:blocked)``. Its reputation list (BRBL) is a separate blocklist, named by
many other servers too, so it lives in :mod:`bouncekit.replies.blocklists`, not here.
Documentation: https://campus.barracuda.com/product/emailgatewaydefense/doc/96023032/
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://campus.barracuda.com/product/emailgatewaydefense/doc/96023032/"

PROVIDER = Provider(
    key="barracuda",
    name="Barracuda Email Security",
    host_suffixes=(".barracudanetworks.com", ".ess.barracuda.com", ".barracuda.com"),
    markers=(
        "ess.barracuda.com",
        "permanent failure for one or more recipients",
        "barracuda email security",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="barracuda.blocked",
        reason=Reason.SPAMDETECTED,
        phrases=("permanent failure for one or more recipients * :blocked)",),
        examples=(
            "550 permanent failure for one or more recipients (kijitora@example.com:blocked)",
        ),
        summary="The recipient's Barracuda scored the message as spam or a policy rule blocked it.",
        actions=(
            Action(
                "Ask the recipient's administrator to check the Barracuda message log and "
                "allow your domain."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="barracuda.virus",
        reason=Reason.VIRUSDETECTED,
        phrases=("permanent failure for one or more recipients * :virus)",),
        examples=("550 permanent failure for one or more recipients (kijitora@example.com:virus)",),
        summary="The recipient's Barracuda found a virus in the message.",
        docs_url=DOCS,
    ),
)
