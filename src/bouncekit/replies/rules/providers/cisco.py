"""Cisco Secure Email (IronPort appliances and the Cisco-hosted ``*.iphmx.com`` cloud).

IronPort's default replies are used as they ship: the reputation refusal ("...the sending
MTA's poor reputation", a Host Access Table policy on the SenderBase Reputation Score),
``#5.1.0 Address rejected`` for LDAP-unknown recipients, and the recipient-rate throttle.
Reputation comes from Cisco Talos (SenderBase): https://talosintelligence.com/reputation_center.

The SPF and DMARC defaults are in the AsyncOS guides ("Email Authentication"); the stored copies
are third-party mirrors of Cisco's PDFs: the AsyncOS 9.1 CLI Reference
(https://manualsbrain.com/en/manuals/1700579/?page=292) and the AsyncOS 8.5.5 User Guide
(https://manualsbrain.com/ru/manuals/1649541/?page=495). Administrators can change every text,
so the markers are the shipped defaults only.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule, Verdict

DOCS = "https://www.cisco.com/c/en/us/support/security/email-security-appliance/series.html"
TALOS = "https://talosintelligence.com/reputation_center"
SPF_DEFAULTS = "https://manualsbrain.com/en/manuals/1700579/?page=292"
DMARC_DEFAULTS = "https://manualsbrain.com/ru/manuals/1649541/?page=495"

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
        # AsyncOS's default SPF and DMARC texts.
        "spf unauthorized mail is prohibited",
        "temporary error occurred during spf verification",
        "dmarc unauthenticated mail is prohibited",
        "unable to perform dmarc verification",
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
        # X.1.0 is "other address status": the gateway's lookup may have failed as well.
        verdict=Verdict.RISKY,
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
    Rule(
        id="cisco.spf-reject",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "spf unauthorized mail is prohibited",
            "temporary error occurred during spf verification",
        ),
        examples=(
            "550 #5.7.1 SPF unauthorized mail is prohibited.",
            "550 5.7.1 SPF unauthorized mail is prohibited.",
            "451 #4.4.3 Temporary error occurred during SPF verification.",
        ),
        summary="The Cisco gateway's SPF check of your HELO or MAIL FROM identity failed (a "
        "temporary DNS error gives the 451).",
        docs_url=SPF_DEFAULTS,
    ),
    Rule(
        id="cisco.dmarc-reject",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "dmarc unauthenticated mail is prohibited",
            "unable to perform dmarc verification",
        ),
        examples=(
            "550 #5.7.1 DMARC unauthenticated mail is prohibited.",
            "451 #4.7.1 Unable to perform DMARC verification.",
        ),
        summary="The From domain publishes a DMARC reject policy and the message passed "
        "neither aligned SPF nor aligned DKIM at the Cisco gateway.",
        docs_url=DMARC_DEFAULTS,
    ),
)
