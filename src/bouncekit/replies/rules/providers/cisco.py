"""Cisco Secure Email (IronPort appliances and the Cisco-hosted ``*.iphmx.com`` cloud).

IronPort's default replies are used as they ship: the reputation refusal ("...the sending
MTA's poor reputation"), ``#5.1.0 Address rejected`` for LDAP-unknown recipients, and the
recipient-rate throttle. Reputation comes from Cisco Talos (SenderBase):
https://talosintelligence.com/reputation_center.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://www.cisco.com/c/en/us/support/security/email-security-appliance/series.html"
TALOS = "https://talosintelligence.com/reputation_center"

PROVIDER = Provider(
    key="cisco",
    name="Cisco Secure Email (IronPort)",
    host_suffixes=(".iphmx.com", ".ironport.com"),
    markers=(
        "ironport",
        "iphmx.com",
        "sending mta's poor reputation",
        "#5.1.0 address rejected",
        "too many recipients received this hour",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="cisco.poor-reputation",
        reason=Reason.BADREPUTATION,
        phrases=("sending mta's poor reputation",),
        examples=(
            "554 Your access to this mail system has been rejected due to the sending MTA's "
            "poor reputation. If you believe that this failure is in error, please contact the "
            "intended recipient via alternate means.",
        ),
        summary="The recipient's Cisco gateway refuses your IP for its Talos (SenderBase) "
        "reputation score.",
        actions=(
            Action(
                "Look up the IP's reputation at Cisco Talos and open a reputation ticket there.",
                url=TALOS,
            ),
        ),
        docs_url=TALOS,
    ),
    Rule(
        id="cisco.address-rejected",
        reason=Reason.USERUNKNOWN,
        phrases=("#5.1.0 address rejected",),
        examples=("550 #5.1.0 Address rejected kijitora@example.com",),
        summary="The Cisco gateway's directory (LDAP accept) has no such recipient.",
        docs_url=DOCS,
    ),
    Rule(
        id="cisco.recipient-rate",
        reason=Reason.SPEEDING,
        phrases=("too many recipients received this hour",),
        examples=("452 Too many recipients received this hour",),
        summary="The Cisco gateway limits how many recipients it takes from your IP per hour.",
        docs_url=DOCS,
    ),
)
