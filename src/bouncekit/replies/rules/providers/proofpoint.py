"""Proofpoint (Proofpoint on Demand ``*.pphosted.com``, Proofpoint Essentials).

Proofpoint's reputation block replies point to https://ipcheck.proofpoint.com/ (formerly
support.proofpoint.com/dnsbl-lookup.cgi), where the listing can be checked and removal
requested. Many companies (and Apple's iCloud edge) filter through Proofpoint.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://ipcheck.proofpoint.com/"

PROVIDER = Provider(
    key="proofpoint",
    name="Proofpoint",
    host_suffixes=(".pphosted.com", ".ppe-hosted.com", ".proofpoint.com"),
    markers=(
        "pphosted",
        "ppe-hosted",
        "ipcheck.proofpoint.com",
        "support.proofpoint.com",
        "proofpoint",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="proofpoint.ip-reputation-block",
        reason=Reason.BLOCKED,
        phrases=(
            "ipcheck.proofpoint.com",
            "support.proofpoint.com/dnsbl-lookup",
        ),
        examples=(
            "554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.25",
            "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1",
            "521 5.7.1 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.9",
        ),
        summary="Proofpoint's dynamic reputation service blocks your sending IP.",
        actions=(
            Action(
                "Look up the IP at Proofpoint's IP check and request removal with the form "
                "there once the cause is fixed.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
)
