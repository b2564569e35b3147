"""Orange / Wanadoo and La Poste (France).

Orange's servers (``mwinf...``) end their replies with a code such as ``OFR_416 [416]`` or
``OFR005_505``; La Poste's with ``LPN007_416``. The last three digits decide; Orange's
postmaster pages are at https://postmaster.orange.fr/. Reasons follow Sisimai's
``Rhost/FrancePTT`` table.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://postmaster.orange.fr/"

PROVIDER = Provider(
    key="orange",
    name="Orange / La Poste",
    host_suffixes=(".orange.fr", ".wanadoo.fr", ".laposte.net"),
    markers=("ofr_", "ofr0", "ofr1", "lpn0", "lpn1", "mwinf", "postmaster.orange.fr"),
    docs_url=DOCS,
)


def _codes(*numbers: str) -> tuple[str, ...]:
    # "OFR_416", "OFR006_102" and "LPN007_416" all end in "_" and the number; "[416]" too.
    return tuple(f"_{number}" for number in numbers) + tuple(f"[{n}]" for n in numbers)


RULES: tuple[Rule, ...] = (
    Rule(
        id="orange.416-invalid-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=_codes("416", "418"),
        examples=(
            "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. "
            "OFR_416 [416]",
            "550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416",
        ),
        summary="Orange / La Poste has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.417-mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=_codes("417"),
        examples=("552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]",),
        summary="The recipient's Orange mailbox is full.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.426-account-blocked",
        reason=Reason.SUSPEND,
        phrases=_codes("420", "426"),
        examples=(
            "550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. "
            "LPN007_426",
        ),
        summary="The recipient's account is blocked or archived.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.102-blocked",
        reason=Reason.BLOCKED,
        phrases=_codes("102", "103", "401", "510", "999"),
        examples=(
            "421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, "
            "please try later. OFR_999 [999]",
            "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host "
            "blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/"
            "?ip=192.0.2.25 [102]",
        ),
        summary="Orange refuses your sending IP (spam incident or reputation).",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.505-system",
        reason=Reason.SYSTEMERROR,
        phrases=_codes("505"),
        examples=(
            "421 4.2.0 Service refuse. Veuillez essayer plus tard. Service refused, please try "
            "later. OFR005_505 [505]",
        ),
        summary="Orange refused the connection for now; retry later.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.506-spam",
        reason=Reason.SPAMDETECTED,
        phrases=_codes("506"),
        examples=("550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]",),
        summary="Orange judged the message to be spam.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.104-connections",
        reason=Reason.TOOMANYCONN,
        phrases=_codes("104"),
        examples=("421 4.7.0 Too many connections, slow down. LPN105_104",),
        summary="La Poste limits connections per IP.",
        docs_url=DOCS,
    ),
)
