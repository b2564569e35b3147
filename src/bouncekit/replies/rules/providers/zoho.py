"""Zoho Mail (``mx.zoho.com``, ``smtpin.zoho.com``, ``*.zoho.eu``).

Zoho's reasons for refusing mail are described at https://www.zoho.com/mail/help/spam-reason.html;
reasons follow Sisimai's ``Rhost/Zoho`` table, except that "Email flagged as Spam" is spam.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Retry, Rule

DOCS = "https://www.zoho.com/mail/help/spam-reason.html"

PROVIDER = Provider(
    key="zoho",
    name="Zoho Mail",
    host_suffixes=(".zoho.com", ".zoho.eu", ".zoho.in", ".zohomail.com", ".zoho.com.au"),
    markers=("zoho mail", "smtpin.zoho.com", "mx.zoho.com", "mx2.zoho.com", "zoho.eu"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="zoho.user-does-not-exist",
        reason=Reason.USERUNKNOWN,
        phrases=("user does not exist",),
        examples=(
            "host smtpin.zoho.com[204.141.33.23] said: 550 5.1.1 User does not exist - "
            "<kijitora@zoho.com> (in reply to RCPT TO command)",
        ),
        summary="Zoho has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="zoho.dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=("email rejected per dmarc policy",),
        examples=(
            "host smtpin.zoho.com[204.141.33.23] said: 550 5.7.1 Email rejected per DMARC "
            "policy for libsisimai.org (in reply to end of DATA command)",
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
        ),
        summary="A Zoho policy of the recipient's organisation refused the message.",
        docs_url=DOCS,
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
        examples=("552 5.7.1 virus Eicar-Test-Signature detected by Zoho Mail",),
        summary="Zoho found a virus in the message.",
        docs_url=DOCS,
    ),
)
