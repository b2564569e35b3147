"""German wording: replies of German providers and the localized texts of German Exchange.

Sources (each example names its own):

* WEB.DE's bilingual replies as listed by sitepackage.de,
  http://www.sitepackage.de/service/dokumentation/auswertung/typische-fehlermeldungen-bei-unzustellbarkeit.html
* bytecamp.net's own bilingual replies, https://www.bytecamp.net/de/faq/email/zustellen.html
* flufl.bounce's test message dsn_10 (shared/corpus/flufl/dsn_10.txt.eml)
* German Exchange NDR text posted in
  https://github.com/corona-warn-app/cwa-quicktest-onboarding/issues/47
* the German needles of DZHW's bounce scanner (Java package
  eu.dzhw.zofar.mailReturns.scanning.util.analyze, Analyzer.java), collected from real bounces
* the German entries of PHP-Bounce-Handler's bounce list (cfortune/PHP-Bounce-Handler, as kept in
  zoonru/PHP-Bounce-Handler src/Data/BouncePatterns.php) and of PHPMailer-BMH's samples (as kept
  in Clavel NotificationBroker's BounceMailHandlerRules.php)
* the German rules of bouncefetch, a German IMAP bounce sorter (2called-chaos/bouncefetch
  config/rules.rb), written from the bounces it met

German spellings without umlauts ("Empfaenger", "ueberschritten") are as common in replies as
the umlaut forms: servers often answer in ASCII.
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule
from bouncekit.replies.rules.mta.common import LIMIT, MAILBOX, STRONG, USER

RULES: tuple[Rule, ...] = (
    Rule(
        id="de.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "benutzer nicht bekannt",
            "empfaenger unbekannt",
            "empfänger unbekannt",
            "adressat unbekannt",
            "niemand unter dieser adresse bekannt",
        ),
        examples=(
            # sitepackage.de (WEB.DE)
            "550 Benutzer nicht bekannt/User unknown",
            # shared/corpus/flufl/dsn_10.txt.eml
            "550 {mx001-rz3} <anne.person@dom.ain>... User unknown or not available - "
            "Empfaenger unbekannt oder nicht erreichbar",
            # PHP-Bounce-Handler BouncePatterns.php (GMX)
            "Adressat unbekannt oder Mailbox deaktiviert",
            # bouncefetch config/rules.rb
            "niemand unter dieser adresse bekannt",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="de.address-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "die eingegebene e-mail-adresse konnte nicht gefunden werden",
            "das format der e-mail-adresse ist ungültig",
            "der empfaenger ist syntaktisch scheinbar fehlerhaft",
            "die e-mail-adresse des empfängers wurde im e-mail-system des empfängers",
        ),
        examples=(
            # DZHW Analyzer.java, as its needles are written (lowercased): German Exchange's
            # "The e-mail address you entered couldn't be found" and "The format of the e-mail
            # address isn't correct", and another server's "recipient seems syntactically wrong".
            "die eingegebene e-mail-adresse konnte nicht gefunden werden",
            "das format der e-mail-adresse ist ungültig",
            "der empfaenger ist syntaktisch scheinbar fehlerhaft",
            # bouncefetch config/rules.rb matches the start of Microsoft 365's German "the
            # recipient's address was not found in the recipient's e-mail system" as it comes in
            # quoted-printable ("empf=e4ngers"); decoded:
            "die e-mail-adresse des empfängers wurde im e-mail-system des empfängers",
        ),
        summary="The address does not exist there, or is not a valid address at all.",
        priority=USER,
    ),
    Rule(
        id="de.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "das postfach des empfängers ist voll",
            "das postfach des empfaengers ist voll",
            "benutzer hat das speichervolumen ueberschritten",
            "benutzer hat das speichervolumen überschritten",
            "speicherplatz des kontos ueberschritten",
            "speicherplatz des kontos überschritten",
            "kapazität des empfänger e-mail postfaches erschöpft",
        ),
        examples=(
            # https://github.com/corona-warn-app/cwa-quicktest-onboarding/issues/47 (Exchange)
            "Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen. "
            "Versuchen Sie zu einem späteren Zeitpunkt noch mal, Ihre Nachricht zu senden, oder "
            "wenden Sie sich direkt an den Empfänger.",
            # sitepackage.de (WEB.DE)
            "550 Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed "
            "storage space.",
            # bytecamp.net FAQ
            "422 4.2.2 Quota limit exceeded (Speicherplatz des Kontos ueberschritten)",
            # bouncefetch config/rules.rb
            "da die kapazität des empfänger e-mail postfaches erschöpft ist.",
        ),
        summary="The recipient's mailbox is over its storage quota.",
        priority=MAILBOX,
    ),
    Rule(
        id="de.too-many-messages",
        reason=Reason.MAILBOXFULL,
        phrases=("benutzer hat zuviele mails auf dem server",),
        examples=(
            # sitepackage.de (WEB.DE); also in PHP-Bounce-Handler's list as mailbox full
            "550 Benutzer hat zuviele Mails auf dem Server. / User has too many messages on the "
            "server.",
            # PHPMailer-BMH sample (Clavel NotificationBroker BounceMailHandlerRules.php)
            "Diagnostic-Code: SMTP; 422 Benutzer hat zuviele Mails auf dem Server",
        ),
        summary="The recipient's mailbox holds as many messages as it may; it is full.",
        # Above the rate-limit band: the English half of WEB.DE's reply ("too many messages")
        # reads like throttling, but the German half says the mailbox is full.
        priority=LIMIT + 1,
    ),
    Rule(
        id="de.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("nachricht als spam eingestuft",),
        examples=(
            # bytecamp.net FAQ
            "571 5.7.1 message classified as spam (Nachricht als Spam eingestuft)",
        ),
        summary="The receiver's filter judged the content of the message to be spam.",
        priority=STRONG + 1,
    ),
    Rule(
        id="de.senders-restricted",
        reason=Reason.FILTERED,
        phrases=("nur emails von bestimmten email-adressen akzeptiert",),
        examples=(
            # bouncefetch config/rules.rb
            "nur emails von bestimmten email-adressen akzeptiert",
        ),
        summary="The recipient accepts mail only from chosen senders; you are not among them.",
        priority=STRONG + 1,
    ),
    Rule(
        id="de.embedded-images",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("keine emails mit eingebetteten bildern akzeptiert",),
        examples=(
            # bouncefetch config/rules.rb
            "keine emails mit eingebetteten bildern akzeptiert",
        ),
        summary="The receiver accepts no mail with embedded images; send it without them.",
        priority=STRONG,
    ),
)
