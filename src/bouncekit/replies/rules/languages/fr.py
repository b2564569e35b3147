"""French wording: Orange / La Poste's bilingual replies, French Exchange and other French NDRs.

Sources (each example names its own):

* Orange and La Poste replies collected in Sisimai's FrancePTT table
  (sisimai/go-sisimai rhost/for-franceptt.go, BSD-2-Clause) and its sample bounces
  (shared/corpus/sisimai/rhost-franceptt/); Orange's own codes (OFR_..., LPN...) are read by
  providers/orange.py, these rules read the French words, which other servers use too.
* French Exchange NDR text posted in https://github.com/ForumPostAssistant/FPA/issues/136
* Microsoft's French Exchange string for a changed recipient address, as listed on
  https://uitranslation.com/Images/?lang=fr-fr&term=04a5485eb88d
* flufl.bounce's test message simple_13 (shared/corpus/flufl/simple_13.txt.eml)
* the French entry of PHP-Bounce-Handler's bounce list (cfortune/PHP-Bounce-Handler, as kept in
  zoonru/PHP-Bounce-Handler src/Data/BouncePatterns.php)

Orange writes French without accents ("bloquee", "emetteur"); both spellings are listed where a
reply may come either way. French phrases that mta/common.py already holds ("trop de connexions",
"taille limite du message atteinte", Orange's "boite du destinataire pleine" and its kin) are
not repeated here.
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule
from bouncekit.replies.rules.mta.common import MAILBOX, SENDER, STRONG, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="fr.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "l'adresse de messagerie référencée ci-dessus n'existe pas",
            "destinataire inconnu",
            "non recensé dans l'annuaire",
        ),
        examples=(
            # shared/corpus/flufl/simple_13.txt.eml (body and subject)
            "L'adresse de messagerie référencée ci-dessus n'existe pas. Veuillez en vérifier "
            "l'orthographe.",
            "Utilisateur non recensé dans l'annuaire Ademe",
            # PHP-Bounce-Handler BouncePatterns.php
            "Destinataire inconnu ou boite aux lettres desactivee",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="fr.address-changed",
        reason=Reason.HASMOVED,
        phrases=("l'adresse électronique du destinataire a changé",),
        examples=(
            # uitranslation.com, Microsoft's fr-FR Exchange string
            "{4} : l'adresse électronique du destinataire a changé. L'adresse à laquelle ce "
            "message a été envoyé n'accepte plus de messages. Aucune adresse de transfert n'a été "
            "configurée.",
        ),
        summary="The recipient's address has changed and the old one no longer accepts mail.",
        priority=MAILBOX,
    ),
    Rule(
        id="fr.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=("la boîte aux lettres du destinataire est pleine",),
        examples=(
            # https://github.com/ForumPostAssistant/FPA/issues/136 (Exchange)
            "La boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages "
            "pour l’instant. Essayez de renvoyer votre message ultérieurement ou contactez "
            "directement le destinataire.",
        ),
        summary="The recipient's mailbox is over its storage quota.",
        priority=MAILBOX,
    ),
    Rule(
        id="fr.sender-invalid",
        reason=Reason.REJECTED,
        phrases=("emetteur invalide", "émetteur invalide"),
        examples=(
            # sisimai rhost/for-franceptt.go (Orange, code 405)
            "501 5.1.0 Emetteur invalide. Invalid Sender. OFR004_405 [405]",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The receiver refused the envelope sender (MAIL FROM) address or its domain.",
        priority=SENDER,
    ),
    Rule(
        id="fr.spf-dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "configuration spf/dns de votre nom de domaine",
            "verification dmarc en echec",
            "vérification dmarc en échec",
        ),
        examples=(
            # sisimai rhost/for-franceptt.go (Orange SPF; La Poste code 517)
            "421 smtp.orange.fr [192.0.2.1] Emetteur invalide, Veuillez verifier la configuration "
            "SPF/DNS de votre nom de domaine. Invalid Sender. SPF check failed, please verify the "
            "SPF/DNS configuration for your domain name.",
            "571 5.7.1 Message refused, DMARC verification Failed. Message refuse, verification "
            "DMARC en echec LPN007_517",
        ),
        summary="The message failed SPF or DMARC checks at the receiver.",
        priority=STRONG + 1,
    ),
    Rule(
        id="fr.authentication",
        reason=Reason.SECURITYERROR,
        phrases=("authentification requise", "authentification invalide"),
        examples=(
            # sisimai rhost/for-franceptt.go (La Poste code 402, Orange code 305)
            "550 5.5.0 Authentification requise. Authentication Required. LPN105_402",
            '550 5.7.0 Code d"authentification invalide OFR_305',
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The server requires SMTP authentication, or refused the credentials given.",
        priority=SENDER,
    ),
    Rule(
        id="fr.ip-blocked",
        reason=Reason.BLOCKED,
        phrases=(
            "adresse ip source bloquee",
            "adresse ip source bloquée",
            "ont ete bloques par nos services",
            "ont été bloqués par nos services",
        ),
        examples=(
            # sisimai rhost/for-franceptt.go (Orange code 102, La Poste code 102)
            "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host "
            "blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com",
            "550 5.5.0 Les emails envoyes vers la messagerie Laposte.net ont ete bloques par nos "
            "services. Afin de regulariser votre situation, nous vous invitons a cliquer sur le "
            "lien ci-dessous et a suivre la procedure.",
        ),
        summary="The receiving server refuses mail from your sending IP address.",
        priority=STRONG,
    ),
)
