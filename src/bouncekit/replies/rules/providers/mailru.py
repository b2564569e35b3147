"""Mail.ru (VK) mail, ``mxs.mail.ru``.

Postmaster documentation: https://help.mail.ru/mail/postmaster/ (formerly help.mail.ru/mail-help/
postmaster); its replies link to it. No copy of Mail.ru's own list of its replies is stored where
we can read it; the table here comes from pages that quote them: mailout.ru's list of common
Mail.ru errors, errorsmaster.ru (which repeats Mail.ru's help for "550 spam message rejected")
and viws.ru (the DMARC refusal) (secondary sources).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Rule

DOCS = "https://help.mail.ru/mail/postmaster/"

PROVIDER = Provider(
    key="mailru",
    name="Mail.ru",
    host_suffixes=(".mail.ru",),
    markers=(
        "help.mail.ru",
        "corp.mail.ru",
        "message was not accepted -- invalid mailbox",
        "message sending for this account is disabled",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="mailru.dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=("owner dmarc policy",),
        examples=(
            "550 5.7.1 This message was not accepted due to domain (libsisimai.org) owner DMARC "
            "policy (RFC 7489) https://help.mail.ru/mail-help/postmaster/dmarc",
        ),
        summary="The From domain failed DMARC at Mail.ru and its policy says reject.",
        docs_url=DOCS,
    ),
    Rule(
        id="mailru.user-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("is unavailable: user not found", "invalid mailbox"),
        examples=(
            "550 Message was not accepted -- invalid mailbox. Local mailbox kijitora@mail.ru "
            "is unavailable: user not found",
        ),
        summary="Mail.ru has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="mailru.account-disabled",
        reason=Reason.SUSPEND,
        phrases=("is unavailable: account is disabled",),
        examples=(
            "550 Message was not accepted -- invalid mailbox. Local mailbox kijitora@mail.ru "
            "is unavailable: account is disabled",
        ),
        summary="The Mail.ru account is disabled.",
        docs_url=DOCS,
    ),
    Rule(
        id="mailru.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("spam message rejected", "notspam-support"),
        examples=(
            "550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c="
            "AbCdEfGh or report details to abuse@corp.mail.ru. Error code: 1A2B3C4D.",
        ),
        summary="Mail.ru judged the message to be spam.",
        docs_url=DOCS,
    ),
    Rule(
        id="mailru.dynamic-or-generic-ptr",
        reason=Reason.REQUIREPTR,
        phrases=("hosts with dynamic ip or generic dns ptr-records",),
        examples=(
            # A Postfix log at https://pastebin.com/W1K7kf3m.
            "host mxs.mail.ru[94.100.180.150] said: 550 Sorry, we do not accept mail from hosts "
            "with dynamic IP or generic DNS PTR-records. Please get a custom reverse DNS name "
            "from your ISP for your host 46.8.13.30 or contact abuse@corp.mail.ru in case of "
            "error (in reply to RCPT TO command)",
        ),
        summary="Mail.ru refuses IPs whose reverse DNS name is missing or looks dynamic or "
        "generic.",
        actions=(
            Action(
                "Ask whoever owns the IP for a reverse DNS name of your own (not one made of "
                "the IP's digits), or write to abuse@corp.mail.ru if the IP is misjudged."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mailru.sending-disabled",
        # The sender's own Mail.ru account, blocked for sending after a suspected break-in: it
        # says nothing about the recipient.
        reason=Reason.REJECTED,
        phrases=("message sending for this account is disabled",),
        examples=("550 message sending for this account is disabled",),
        owner=Owner.SENDER,
        summary="Mail.ru has stopped your account from sending, usually because it suspects "
        "the password was stolen and the account sent spam.",
        actions=(
            Action(
                "Change or restore the password of the sending mailbox and confirm you own it "
                "in Mail.ru's web interface; then send again."
            ),
        ),
        docs_url=DOCS,
    ),
)
