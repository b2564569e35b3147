"""Zoho Mail (``mx.zoho.com``, ``smtpin.zoho.com``, ``*.zoho.eu``) and ZeptoMail.

Zoho publishes no table of its inbound replies that is stored where we can read it; the replies
here come from Sisimai's ``Rhost/Zoho`` table and from https://smtp.codes/zoho, which lists
them with their meaning (secondary sources). Zoho's own table for its transactional service
ZeptoMail, https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html, covers the submission
side (STARTTLS, login, sender domain, size). Why Zoho refuses mail as spam is described at
https://www.zoho.com/mail/help/spam-reason.html. Reasons follow Sisimai, except that "Email
flagged as Spam" is spam and "Mail rejected by destination domain" is the recipient domain's own
filter (Sisimai: rejected, which would blame the envelope sender).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule

DOCS = "https://www.zoho.com/mail/help/spam-reason.html"
ZEPTOMAIL = "https://www.zoho.com/zeptomail/help/api/smtp-error-codes.html"
SMTP_CODES = "https://smtp.codes/zoho"

PROVIDER = Provider(
    key="zoho",
    name="Zoho Mail",
    host_suffixes=(
        ".zoho.com",
        ".zoho.eu",
        ".zoho.in",
        ".zohomail.com",
        ".zoho.com.au",
        ".zeptomail.com",
    ),
    markers=(
        "zoho mail",
        "smtpin.zoho.com",
        "mx.zoho.com",
        "mx2.zoho.com",
        "zoho.eu",
        # Wording of Zoho's own servers (inbound filters, ZeptoMail's submission checks).
        "mail rejected by destination domain",
        "relaying disallowed as",
        "subject is mandatory",
        "email size exceeded the policy",
        "mailbox delivery failure policy error",
        "mailbox delivery restricted by policy error",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="zoho.user-does-not-exist",
        reason=Reason.USERUNKNOWN,
        phrases=("user does not exist", "mailbox delivery failure policy error"),
        examples=(
            "host smtpin.zoho.com[204.141.33.23] said: 550 5.1.1 User does not exist - "
            "<kijitora@zoho.com> (in reply to RCPT TO command)",
            # Sisimai files it with the unknown users; the 5.1.1 says the same.
            "552 5.1.1 <example@zoho.com> Mailbox delivery failure policy error",
        ),
        summary="Zoho has no mailbox at this address.",
        docs_url=SMTP_CODES,
    ),
    Rule(
        id="zoho.dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=("email rejected per dmarc policy",),
        examples=(
            "host smtpin.zoho.com[204.141.33.23] said: 550 5.7.1 Email rejected per DMARC "
            "policy for libsisimai.org (in reply to end of DATA command)",
            "host mx.zoho.com[192.0.2.1] said: 550 5.7.1 Email rejected per DMARC policy for "
            "example.com",
        ),
        summary="The From domain failed DMARC at Zoho and its policy says reject.",
        docs_url=DOCS,
    ),
    Rule(
        id="zoho.flagged-as-spam",
        reason=Reason.SPAMDETECTED,
        phrases=("email flagged as spam",),
        examples=(
            "host smtpin.zoho.com[204.141.33.23] said: 554 5.7.1 Email cannot be delivered. "
            "Reason: Email flagged as Spam. (in reply to RCPT TO command)",
        ),
        summary="Zoho's filter judged the message to be spam.",
        docs_url=DOCS,
    ),
    Rule(
        id="zoho.policy",
        reason=Reason.POLICYVIOLATION,
        phrases=("email policy violation detected", "mailbox delivery restricted by policy"),
        examples=(
            "host smtpin.zoho.com[204.141.33.23] said: 554 5.7.7 Email policy violation "
            "detected (in reply to end of DATA command)",
            "452 <example@zoho.com> Mailbox delivery restricted by policy error",
        ),
        summary="A Zoho policy of the recipient's organisation refused the message.",
        docs_url=DOCS,
    ),
    Rule(
        id="zoho.rejected-by-destination-domain",
        # Sisimai files this under "rejected" (the envelope sender); the receiving domain's own
        # filters refuse it, so it is the recipient side's filter, and the mailbox may exist.
        reason=Reason.FILTERED,
        phrases=("mail rejected by destination domain",),
        examples=(
            "host mx.zoho.com[136.143.183.44] said: 541 5.4.1 Mail rejected by destination "
            "domain (in reply to RCPT TO command)",
            "541 5.4.1 Mail rejected by destination domain",
        ),
        summary="The recipient's domain at Zoho has filters that refuse this message.",
        actions=(
            Action(
                "Ask an administrator of the recipient's domain, through another channel, to "
                "allow your messages in their Zoho filters."
            ),
        ),
        docs_url=SMTP_CODES,
    ),
    Rule(
        id="zoho.temporary-system-error",
        reason=Reason.SYSTEMERROR,
        phrases=("temporary system error",),
        examples=("host mx.zoho.com[192.0.2.1] said: 452 4.3.1 Temporary System Error",),
        summary="Zoho could not take the message for now; a later retry usually succeeds.",
        docs_url=SMTP_CODES,
    ),
    Rule(
        id="zoho.greylisted",
        reason=Reason.BLOCKED,
        phrases=("greylisted, try again after some time",),
        examples=(
            "host mx.zoho.com[204.141.33.44] said: 451 4.7.1 Greylisted, try again after some "
            "time (in reply to RCPT TO command)",
        ),
        summary="Zoho greylists first-time senders; a correct retry gets through.",
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
    Rule(
        id="zoho.virus",
        reason=Reason.VIRUSDETECTED,
        phrases=("detected by zoho mail",),
        examples=(
            "552 5.7.1 virus Eicar-Test-Signature detected by Zoho Mail",
            "552 5.7.1 virus Win.Test.EICAR_HDB-1 detected by Zoho Mail.",
        ),
        summary="Zoho found a virus in the message.",
        docs_url=ZEPTOMAIL,
    ),
    Rule(
        id="zoho.relaying-disallowed",
        reason=Reason.NORELAYING,
        phrases=("relaying disallowed",),
        examples=("553 Relaying disallowed as <emailaddress>.",),
        # ZeptoMail: the From address is on a domain the account has not verified.
        owner=Owner.SENDER,
        summary="Zoho does not let this account send as that From address: its domain is not "
        "one the account may send for.",
        actions=(
            Action(
                "Send from an address on a domain you have added and verified in your Zoho "
                "account, and log in as that sender.",
                url=ZEPTOMAIL,
            ),
        ),
        docs_url=ZEPTOMAIL,
    ),
    Rule(
        id="zoho.subject-is-mandatory",
        reason=Reason.CONTENTERROR,
        phrases=("subject is mandatory",),
        examples=("5.2.1 Subject is Mandatory.",),
        summary="ZeptoMail refuses messages without a Subject.",
        docs_url=ZEPTOMAIL,
    ),
    Rule(
        id="zoho.size-exceeded-policy",
        reason=Reason.MESGTOOBIG,
        phrases=("email size exceeded the policy",),
        examples=("5.2.0 Email size exceeded the policy.",),
        summary="The attachments are larger than the account's policy allows.",
        docs_url=ZEPTOMAIL,
    ),
)
