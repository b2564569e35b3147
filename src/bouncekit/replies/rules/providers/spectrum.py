"""Spectrum / Charter (``charter.net``, ``rr.com`` ...).

Spectrum explains its ``AUP#`` codes in "Understanding email error codes",
https://www.spectrum.net/support/internet/understanding-email-error-codes (business:
spectrumbusiness.net): ``AUP#I-NNNN`` for mail coming in to Spectrum, ``AUP#O-NNNN`` for mail
its customers send out. That page is not stored where we can read it; the codes and their
meanings come from Sisimai's ``Rhost/Spectrum`` table, which quotes the page code by code
(secondary source). Replies seen in the wild write the direction as ``I`` (``AUP#I-1010``);
older notes write ``In``.

Reasons follow Sisimai's ranges, except: 1160-1190 ("goes against your domain's security
policies", the sender domain's DMARC) is an authentication failure, not a policy violation of
the message; 1260 (Spectrum takes no IPv6) and 1560 (too many invalid recipients) are the
sender's to fix. The code decides over the generic words around it.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Rule

DOCS = "https://www.spectrum.net/support/internet/understanding-email-error-codes"

PROVIDER = Provider(
    key="spectrum",
    name="Spectrum / Charter",
    host_suffixes=(".charter.net", ".spectrum.net", ".rr.com", ".twc.com"),
    markers=("spectrum.net/support", "aup#i-", "aup#in-", "aup#o-"),
    docs_url=DOCS,
)


def _codes(first: int, last: int) -> tuple[str, ...]:
    """The AUP phrases for a range of Spectrum's codes (they come in steps of ten)."""
    return tuple(
        f"aup#{direction}-{number}"
        for number in range(first, last + 1, 10)
        for direction in ("i", "in", "o")
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
            "AUP#I-1000",
            "AUP#I-1200",
            "AUP#I-1220",
        ),
        summary="Spectrum blocks your IP for suspicious activity (1000), or because Cloudmark "
        "CSI (1200-1210) or Spamhaus (1220-1250) lists it; only the list's owner can lift it.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1010-account-blocked",
        # The sending account, blocked or limited for suspicious activity: about the sender.
        reason=Reason.REJECTED,
        phrases=_codes(1010, 1080) + _codes(1500, 1520),
        priority=5,
        examples=("AUP#I-1010", "AUP#I-1020", "AUP#I-1500", "AUP#I-1520"),
        owner=Owner.SENDER,
        summary="Spectrum blocks or limits sending from this account for suspicious activity "
        "(1010-1080), or refuses a From address other than the one signed in, or on a domain "
        "it does not host (1500, 1520).",
        actions=(
            Action(
                "Spectrum customers: change all Spectrum passwords, send from the address you "
                "signed in with, then contact Spectrum to lift the block."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1090-not-processed",
        reason=Reason.SYSTEMERROR,
        phrases=_codes(1090, 1090),
        priority=5,
        examples=("AUP#I-1090",),
        summary="Spectrum could not process the message now; try again later.",
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
            "AUP#I-1100",
        ),
        summary="Spectrum requires forward-confirmed reverse DNS for the sending IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1160-domain-policy",
        # Sisimai: policyviolation. "Goes against your domain's security policies": the sender
        # domain's own DMARC, fixed by that domain's administrators.
        reason=Reason.AUTHFAILURE,
        phrases=_codes(1160, 1190),
        priority=5,
        examples=(
            "550 5.7.1 Message rejected. Please see "
            "https://www.spectrum.net/support/internet/understanding-email-error-codes for "
            "more information. AUP#In-1160",
            "AUP#I-1160",
        ),
        summary="The message goes against the sending domain's own security policy (such as "
        "DMARC); the domain's administrators can fix it.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1260-ipv6",
        # Sisimai: networkerror. Spectrum takes no mail over IPv6: the sender must connect over
        # IPv4, so it is the sender's to fix.
        reason=Reason.NETWORKERROR,
        phrases=_codes(1260, 1260),
        priority=5,
        examples=("AUP#I-1260",),
        owner=Owner.SENDER,
        summary="Spectrum does not take mail over IPv6; connect over IPv4.",
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
            "AUP#I-1300",
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
            "AUP#I-1350",
            "AUP#I-1540",
            "AUP#I-1550",
            "AUP#I-1580",
        ),
        summary="Spectrum limits messages and recipients per IP, session and message; retry "
        "later with less.",
        docs_url=DOCS,
    ),
    Rule(
        id="spectrum.aup-1560-invalid-recipients",
        # Sisimai: policyviolation, which would blame the message; the sender's list is at fault.
        reason=Reason.POLICYVIOLATION,
        phrases=_codes(1560, 1560),
        priority=5,
        examples=("AUP#I-1560",),
        owner=Owner.SENDER,
        summary="Spectrum refused the mail for too many invalid recipients; check the addresses "
        "and try again later.",
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
            "AUP#I-1530",
        ),
        summary="Spectrum accepts messages up to 20 MB.",
        docs_url=DOCS,
    ),
)
