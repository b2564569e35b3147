"""Orange / Wanadoo and La Poste (France).

Orange's servers (``mwinf...``) end their replies with a code such as ``OFR_416 [416]`` or
``OFR005_505``; La Poste's with ``LPN007_416``, Orange UK's with ``OUK_513``. The last three
digits decide. Orange documents the codes at https://postmaster.orange.fr/ ("Orange error
codes"), but the stored copy of that page stops before its table, so the codes here come from
Sisimai's ``Rhost/FrancePTT`` table, whose comments quote the replies (secondary source), and
from replies quoted whole elsewhere (bentonow.com, a Postfix log on pastebin).

Reasons follow Sisimai, with three departures: ``401`` (SPF does not allow the IP) is an
authentication failure, not a block; the "service refused, please try later" codes Sisimai
leaves open (105, 108, 109, 201, 423, 424) are Orange slowing a sender down for its reputation
or volume; ``513`` (Orange UK's "Mail rejected") reads like ``506``, spam.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule, Verdict

DOCS = "https://postmaster.orange.fr/"
SISIMAI = "https://github.com/sisimai/p5-sisimai/blob/master/lib/Sisimai/Rhost/FrancePTT.pm"

PROVIDER = Provider(
    key="orange",
    name="Orange / La Poste",
    host_suffixes=(".orange.fr", ".wanadoo.fr", ".laposte.net"),
    markers=(
        "ofr_",
        "ofr0",
        "ofr1",
        "lpn0",
        "lpn1",
        "lpn416",
        "ouk_",
        "mwinf",
        "postmaster.orange.fr",
        # The bilingual wording of Orange's and La Poste's servers.
        "emetteur invalide",
        "boite du destinataire pleine",
        "taille limite du message atteinte",
    ),
    docs_url=DOCS,
)


def _codes(*numbers: str) -> tuple[str, ...]:
    # "OFR_416", "OFR006_102", "LPN007_416" and "OUK_513" all end in "_" and the number;
    # Orange adds "[416]".
    return tuple(f"_{number}" for number in numbers) + tuple(f"[{n}]" for n in numbers)


_RESET = Action(
    "Check the sending IP on the lists Orange uses (Abusix, Spamhaus, Cloudmark CSI) and ask "
    "for removal once the cause is fixed; Orange's postmaster page has the contact form.",
    url=DOCS,
)
_SLOW_DOWN = Action(
    "Orange limits connections (about three at once per IP) and volume by reputation: slow "
    "down, keep complaints low and retry over the next hours.",
    url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="orange.416-invalid-recipient",
        reason=Reason.USERUNKNOWN,
        # One La Poste reply Sisimai quotes writes "LPN416", without the underscore.
        phrases=(*_codes("416", "418"), "lpn416"),
        examples=(
            "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. "
            "OFR_416 [416]",
            "550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416",
            "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. LPN416",
        ),
        summary="Orange / La Poste has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.417-mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(*_codes("417"), "boite du destinataire pleine"),
        examples=(
            "552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417 [417]",
            "552 5.1.1 Boite du destinataire pleine. Recipient overquota.",
        ),
        summary="The recipient's Orange mailbox is full.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.420-mailbox-archived",
        reason=Reason.SUSPEND,
        phrases=_codes("420"),
        examples=(
            "550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420",
            "550 550 5.1.1 Boite du destinataire archivee. Archived recipient. LPN004_420 [420]",
        ),
        summary="The recipient's Orange mailbox is archived: the account is no longer used.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.426-account-blocked",
        reason=Reason.SUSPEND,
        phrases=_codes("426"),
        examples=(
            "550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. "
            "LPN007_426",
            "550 5.5.0 Le compte du destinataire est bloque. The recipient account isblocked. "
            "LPN007_426",
        ),
        summary="The recipient's Orange account is blocked.",
        # "Blocked" is not "gone": a blocked account may be opened again (the concept reader
        # holds "locked" and "blocked" accounts risky too); an archived one (420) is gone.
        verdict=Verdict.RISKY,
        docs_url=DOCS,
    ),
    Rule(
        id="orange.102-blocked",
        reason=Reason.BLOCKED,
        phrases=_codes("102", "103", "510", "999"),
        examples=(
            "421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, "
            "please try later. OFR_999 [999]",
            "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host "
            "blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/"
            "?ip=192.0.2.25 [102]",
            "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host "
            "blocked for spamming issues. OFR006_102 Ref",
            "Veuillez essayer plus tard. service refused, please try later. LPN004_510",
        ),
        summary="Orange refuses your sending IP (spam incident or reputation).",
        actions=(_RESET,),
        docs_url=DOCS,
    ),
    Rule(
        id="orange.105-service-refused-for-now",
        # Sisimai leaves these open. Orange refuses the service "for now" when an IP's volume
        # or reputation crosses its limits, and accepts it again hours later.
        reason=Reason.BADREPUTATION,
        phrases=_codes("105", "108", "109", "201", "423", "424"),
        examples=(
            "421 OFR004_105 Service refuse. Veuillez essayer plus tard / Service refused, "
            "please try later",
            "550 5.5.0 Service refuse. Veuillez essayer plus tard. service refused, please try "
            "later. LPN001_108",
            "Veuillez essayer plus tard. LPN003_109",
            "Veuillez essayer plus tard. OFR004_201",
            "Service refused, please try later. LPN105_423",
            "Veuillez essayer plus tard. LPN105_424",
        ),
        summary="Orange / La Poste refuse your mail for now because of your IP's volume or "
        "reputation; they accept it again once it calms down.",
        actions=(_SLOW_DOWN,),
        docs_url=DOCS,
    ),
    Rule(
        id="orange.104-connections",
        reason=Reason.TOOMANYCONN,
        phrases=_codes("104"),
        examples=(
            "421 4.7.0 Too many connections, slow down. LPN105_104",
            "Too many connections, slow down. LPN105_104",
            "421 OFR004_104 Trop de connexions, veuillez verifier votre configuration / Too many "
            "connections, slow down",
        ),
        summary="Orange / La Poste limit connections per IP.",
        actions=(_SLOW_DOWN,),
        docs_url=DOCS,
    ),
    Rule(
        id="orange.305-authentication",
        reason=Reason.SECURITYERROR,
        phrases=_codes("305", "402"),
        examples=(
            "550 5.7.0 Code d'authentification invalide OFR_305",
            "550 5.5.0 Authentification requise. Authentication Required. LPN105_402",
        ),
        summary="The login to Orange's or La Poste's submission server failed or is missing.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.401-spf",
        # Sisimai: blocked. The reply says SPF does not allow the IP: an authentication failure
        # of the sender's domain, fixed in its SPF record.
        reason=Reason.AUTHFAILURE,
        # Orange also says "Emetteur invalide" with the SPF failure as its cause: the cause wins.
        phrases=(*_codes("401"), "spf check failed", "configuration spf"),
        examples=(
            "550 5.5.0 SPF: *** is not allowed to send mail. LPN004_401",
            "421 smtp.orange.fr [192.0.2.1] Emetteur invalide, Veuillez verifier la configuration "
            "SPF/DNS de votre nom de domaine. Invalid Sender. SPF check failed, please verify the "
            "SPF/DNS configuration for your domain name.",
        ),
        priority=1,
        summary="The sender domain's SPF record does not allow the sending IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.415-invalid-sender",
        reason=Reason.REJECTED,
        phrases=(*_codes("403", "405", "415", "421"), "emetteur invalide"),
        examples=(
            "550 5.1.0 Emetteur invalide. Invalid Sender. OFR_415 [415]",
            "5.0.1 Emetteur invalide. Invalid Sender. LPN105_405",
            "Emetteur invalide. Invalid Sender. OFR_415",
            "5.5.3 Mail from not owned by user. LPN105_421.",
        ),
        summary="Orange / La Poste refuse the envelope sender: invalid, or not one the "
        "logged-in user owns.",
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
        phrases=_codes("506", "513"),
        examples=(
            "550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]",
            "Mail rejete. Mail rejected. OUK_513",
        ),
        summary="Orange judged the message to be spam.",
        docs_url=DOCS,
    ),
    Rule(
        id="orange.514-size",
        reason=Reason.MESGTOOBIG,
        phrases=(*_codes("514"), "taille limite du message atteinte"),
        examples=("Taille limite du message atteinte",),
        summary="The message is larger than Orange accepts.",
        docs_url=SISIMAI,
    ),
)
