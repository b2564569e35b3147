"""Spectrum / Charter (``charter.net``, ``rr.com`` ...).

Spectrum's ``AUP#In-NNNN`` (incoming) and ``AUP#O-NNNN`` (outgoing) codes are explained at
https://www.spectrum.net/support/internet/understanding-email-error-codes. Reasons follow
Sisimai's ``Rhost/Spectrum`` ranges; the code decides over the generic words around it.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://www.spectrum.net/support/internet/understanding-email-error-codes"

PROVIDER = Provider(
    key="spectrum",
    name="Spectrum / Charter",
    host_suffixes=(".charter.net", ".spectrum.net", ".rr.com", ".twc.com"),
    markers=("spectrum.net/support", "aup#in-", "aup#o-"),
    docs_url=DOCS,
)


def _codes(first: int, last: int) -> tuple[str, ...]:
    """The AUP phrases for a range of Spectrum's codes (they come in steps of ten)."""
    return tuple(
        f"aup#{direction}-{number}"
        for number in range(first, last + 1, 10)
        for direction in ("in", "o")
    )


RULES: tuple[Rule, ...] = (
    Rule(
        id="spectrum.aup-1000-blocked",
        reason=Reason.BLOCKED,
        phrases=_codes(1000, 1000) + _codes(1200, 1250),
        priority=5,
        examples=(
            "554 5.7.1 192.0.2.25 blocked. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#In-1000",
        ),
        summary="Spectrum blocks your IP for suspicious activity or a Cloudmark / Spamhaus "
        "listing.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1100-dns",
        reason=Reason.REQUIREPTR,
        phrases=_codes(1100, 1150),
        priority=5,
        examples=(
            "554 5.7.1 192.0.2.25 rejected. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#In-1110",
        ),
        summary="Spectrum requires forward-confirmed reverse DNS for the sending IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1300-connections",
        reason=Reason.TOOMANYCONN,
        phrases=_codes(1300, 1340),
        priority=5,
        examples=(
            "550 5.1.0 <010001725d8ad4fc-9fe8fb1f-0292-430b-a634-1eba65166dbb-000000@amazonses.com> "
            "sender rejected. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#In-1310",
        ),
        summary="Spectrum limits concurrent and total connections per IP by reputation.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1350-volume",
        reason=Reason.SPEEDING,
        phrases=_codes(1350, 1490) + _codes(1540, 1550) + _codes(1580, 1580),
        priority=5,
        examples=(
            "452 4.2.1 Too many messages. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#In-1350",
        ),
        summary="Spectrum limits messages and recipients per IP; retry later with less.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1160-policy",
        reason=Reason.POLICYVIOLATION,
        phrases=_codes(1160, 1190) + _codes(1560, 1560),
        priority=5,
        examples=(
            "550 5.7.1 Message rejected. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#In-1160",
        ),
        summary="The message goes against the sending domain's security policy (for example "
        "DMARC) at Spectrum.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1530-size",
        reason=Reason.MESGTOOBIG,
        phrases=_codes(1530, 1530),
        priority=5,
        examples=(
            "552 5.3.4 Message too large. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#O-1530",
        ),
        summary="Spectrum accepts messages up to 20 MB.",
        docs_url=DOCS,
    ),
)
