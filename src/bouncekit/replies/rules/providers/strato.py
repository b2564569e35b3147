"""STRATO (German web host; its mail servers answer as ``smtpin.rzone.de``).

STRATO's FAQ "Fehlermeldungen bei E-Mails" lists the refusals its users meet, with cause and
fix: the current version at https://strato.de/faq/mail/fehlermeldungen-bei-e-mails and an older
one, FAQ #2420, at https://www.strato.de/faq/mail/fehlermeldungen-bei-e-mails/ (the stored
copies show their first rows). FAQ article 2304,
https://www.strato.de/faq/article/2304/Ich-habe-eine-E-Mail-ueber-den-Versand-von-Spam-erhalten.html,
lists the refusals of STRATO's outgoing spam filter; its stored copy ends at a 450 line that is
cut off, left out here. The English versions of FAQ #2420,
https://www.strato.com/faq/en_us/product/why-are-my-emails-not-being-delivered/ and
https://www.strato-hosting.co.uk/faq/product/why-are-my-emails-not-being-delivered, add the
relay and spam rows and STRATO's "(B-EFROM-STRATO)" refusal. All rows are in
``tests/replies/data/provider_tables/strato.jsonl``.

The mailbox-full row lists wordings that any server uses; they are judged by the generic rules.
The Dutch version of the FAQ (https://www.strato.nl/faq/mail/waarom-krijg-ik-foutmeldingen-bij-het-werken-met-e-mail/)
explains a bare "Refused by local policy. No SPAM please" as a blocked server or sender, where
the German one, with the 550 5.7.1 code, speaks of the message's content; the German reading is
taken, and the Dutch row left out.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://strato.de/faq/mail/fehlermeldungen-bei-e-mails"
EN_FAQ = "https://www.strato-hosting.co.uk/faq/product/why-are-my-emails-not-being-delivered"
OUTGOING = (
    "https://www.strato.de/faq/article/2304/"
    "Ich-habe-eine-E-Mail-ueber-den-Versand-von-Spam-erhalten.html"
)

PROVIDER = Provider(
    key="strato",
    name="STRATO",
    host_suffixes=(".rzone.de",),
    # STRATO's own wordings (its filter's "Refused by local policy." sentences, and the
    # misspelt "adress" of its unknown-recipient reply).
    markers=(
        "recipient e-mail adress unknown",
        "(b-efrom-strato)",
        "refused by local policy. no spam please",
        "refused by local policy. message contains a dangerous attachment",
        "refused by local policy. sending of spam is not permitted",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="strato.no-spam-please",
        reason=Reason.SPAMDETECTED,
        phrases=("refused by local policy. no spam please",),
        examples=(
            "Refused by local policy. No SPAM please! (...)",
            "550 5.7.1 Refused by local policy. No SPAM please",
        ),
        # In brackets STRATO names what looked like spam: B-URL (a link), B-TEXT, B-SCORE or
        # B-EX (text), B-ATTACH (an attachment that may not be sent).
        summary="STRATO's filter found content that marks the message as spam; the bracket "
        "names it: B-URL a link, B-TEXT, B-SCORE or B-EX text, B-ATTACH an attachment.",
        actions=(
            Action(
                "Remove the suspicious link, text or attachment, signatures included, and "
                "send again.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="strato.recipient-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient e-mail adress unknown",),
        examples=("550 recipient e-mail adress unknown",),
        summary="STRATO has no mailbox at this address; check its spelling.",
        docs_url=DOCS,
    ),
    Rule(
        id="strato.forbidden-envelope-from-domain",
        reason=Reason.REJECTED,
        phrases=("(b-efrom-strato)",),
        examples=("550 Forbidden domain 'xxx' in Envelope-From (B-EFROM-STRATO)",),
        summary="The envelope sender (Return-Path) uses a domain that belongs to STRATO "
        "itself, which senders may not use.",
        actions=(Action("Use your own domain in the envelope sender.", url=EN_FAQ),),
        docs_url=EN_FAQ,
    ),
    Rule(
        id="strato.dangerous-attachment",
        reason=Reason.VIRUSDETECTED,
        phrases=("message contains a dangerous attachment",),
        examples=("550 5.7.1 Refused by local policy. Message contains a dangerous attachment!",),
        summary="STRATO's outgoing filter refused an attachment classified as spam or of a "
        "forbidden type (such as .exe or .com).",
        docs_url=OUTGOING,
    ),
    Rule(
        id="strato.sending-of-spam-not-permitted",
        reason=Reason.SPAMDETECTED,
        phrases=("sending of spam is not permitted",),
        examples=("550 5.7.1 Refused by local policy. Sending of SPAM is not permitted!",),
        summary="STRATO's outgoing filter judged the message to be spam and did not send it.",
        actions=(
            Action(
                "Check the message's content, links and attachments; if you did not send it, "
                "change the mailbox password: spammers use stolen STRATO mailboxes.",
                url=OUTGOING,
            ),
        ),
        docs_url=OUTGOING,
    ),
)
