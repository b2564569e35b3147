"""On-premises Microsoft Exchange Server wording: the enhanced-status "NDR categories"
(RESOLVER.ADR.*, RESOLVER.RST.*, STOREDRV.*, QUEUE.*, SMTPSEND.*, ROUTING.*) of Exchange 2007
and later, and the "#5.x.x" lines of Exchange 2003, as collected in Sisimai's Exchange2003 and
Exchange2007 decoders (lhost/via-exchange2003.go, lhost/via-exchange2007.go in
sisimai/go-sisimai) and Microsoft's NDR reference.

https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online
Exchange Online (Microsoft 365) wording with its own rules lives in providers/.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Reason, Retry, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="exchange.recip-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "resolver.adr.recipnotfound",
            "resolver.adr.recipientnotfound",
            # Sisimai UserUnknown writes it with a space.
            "resolver.adr.recipient notfound",
            "resolver.adr.exrecipnotfound",
            "recipient not found by smtp address lookup",
            "the e-mail address you entered couldn't be found",
            "the email address you entered couldn't be found",
        ),
        examples=(
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
        ),
        summary="Exchange found no mailbox, contact or group with this address in its directory.",
        priority=12,
    ),
    Rule(
        id="exchange.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "storedrv.deliver: mailbox full",
            "mapiexceptionshutoffquotaexceeded",
            "mapiexceptionquotaexceeded",
            "recipient's mailbox is full",
            "mailbox is full and can't accept messages",
        ),
        examples=(
            "550 5.2.2 STOREDRV.Deliver: mailbox full. The following information should help "
            'identify the cause: "MapiExceptionShutoffQuotaExceeded:00.00000:FF000000"',
        ),
        summary="The recipient's Exchange mailbox is over its quota.",
        priority=12,
    ),
    Rule(
        id="exchange.store-error",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "storedrv.deliver",
            "storedrv.submit",
            "mapiexception",
            "resolver.adr.badprimary",
            "resolver.adr.invalidinsmtp",
            "resolver.adr.ambiguous",
            "recipient deferred because there is no mdb",
        ),
        examples=(
            "432 4.2.0 STOREDRV.Deliver; mailbox database thread limit exceeded",
            "550 5.2.0 RESOLVER.ADR.BadPrimary; the primary address is invalid",
        ),
        summary="The receiving Exchange server failed internally (store, directory or database).",
        priority=6,
    ),
    Rule(
        id="exchange.auth-required",
        reason=Reason.SECURITYERROR,
        phrases=("resolver.rst.authrequired",),
        examples=("550 5.7.1 RESOLVER.RST.AuthRequired; authentication required",),
        summary="The recipient (usually a group) accepts mail only from authenticated senders "
        "inside the organisation.",
        priority=12,
    ),
    Rule(
        id="exchange.not-authorized",
        reason=Reason.REJECTED,
        # Sisimai Filtered lists "resolver.rst.notauthorized"; the refusal names the sender as
        # not allowed (as providers/microsoft.py reads it), so it is the sender's, rejected.
        phrases=("resolver.rst.notauthorized", "resolver.rst.sendertoomanyrecips"),
        examples=("550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="You are not on the list of senders allowed to mail this recipient or group.",
        priority=12,
    ),
    Rule(
        id="exchange.recip-size-limit",
        reason=Reason.EXCEEDLIMIT,
        phrases=("resolver.rst.recipsizelimit", "message too large for this recipient"),
        examples=("550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient",),
        summary="The message is larger than this recipient's size limit.",
        priority=12,
    ),
    Rule(
        id="exchange.recip-limit",
        reason=Reason.TOOMANYCONN,
        phrases=("resolver.adr.reciplimit",),
        examples=("550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients",),
        summary="The message was addressed to more recipients than Exchange allows.",
        priority=16,
    ),
    Rule(
        id="exchange.queue-expired",
        reason=Reason.EXPIRED,
        phrases=("queue.expired", "message expired"),
        examples=(
            "#550 4.4.7 QUEUE.Expired; message expired ##",
            "550 4.4.7 QUEUE.Expired; message expired",
            "550 5.4.316 Message expired, connection refused",
        ),
        summary="Exchange kept retrying until the message expired in its queue.",
        priority=12,
    ),
    Rule(
        id="exchange.non-existent-domain",
        reason=Reason.HOSTUNKNOWN,
        phrases=("smtpsend.dns.nonexistentdomain", "dns.nonexistentdomain"),
        examples=("554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",),
        summary="The recipient's domain does not exist in DNS.",
        priority=12,
    ),
    Rule(
        id="exchange.mx-loopback",
        reason=Reason.NETWORKERROR,
        phrases=(
            "smtpsend.dns.mxloopback",
            "routing.noconnectorforaddresstype",
            "the dns records for the destination computer could not be found",
        ),
        examples=("554 5.4.4 SMTPSEND.DNS.MxLoopback; DNS config error",),
        summary="Exchange could not route the message: the MX points back at itself, or no "
        "connector serves the address.",
        priority=12,
    ),
    Rule(
        id="exchange.2003-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "the recipient name is not recognized",
            "unable to deliver to the recipient",
            "the e-mail account does not exist at the organization",
            "does not exist at the organization this message was sent to",
        ),
        examples=(
            "#550 5.1.1 The e-mail account does not exist at the organization this message "
            "was sent to. ##",
            "550 5.1.1 The recipient name is not recognized",
        ),
        summary="Exchange found no such recipient in its organisation.",
        priority=3,
    ),
    Rule(
        id="exchange.unknown-recipient-or-mailbox",
        reason=Reason.USERUNKNOWN,
        phrases=("remote server returned unknown recipient or mailbox unavailable",),
        examples=(
            "550 5.1.351 Remote server returned unknown recipient or mailbox unavailable -> "
            "550 <kijitora@ezweb.ne.jp>: User unknown",
        ),
        summary="The next server refused the recipient as unknown.",
        priority=2,
    ),
    Rule(
        id="exchange.2003-mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=("the recipient's mailbox is full and can't accept messages now",),
        examples=("#552 5.2.2 The recipient's mailbox is full and can't accept messages now. ##",),
        summary="The recipient's Exchange mailbox is full.",
        priority=12,
    ),
    Rule(
        id="exchange.not-authenticated-relay",
        reason=Reason.NORELAYING,
        phrases=("client was not authenticated", "5.7.1 unable to relay"),
        examples=("530 5.7.1 Client was not authenticated",),
        summary="Exchange refused relaying for an unauthenticated client.",
        priority=9,
    ),
    Rule(
        id="exchange.send-as-denied",
        reason=Reason.REJECTED,
        phrases=(
            "client does not have permissions to send as this sender",
            "submission has been rejected by agent",
        ),
        examples=("550 5.7.60 SMTP; Client does not have permissions to send as this sender",),
        summary="The authenticated account may not send with this From address (Send As).",
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.AFTER_FIX,
        actions=(
            Action(
                "Send from the authenticated account's own address, or have the administrator "
                "grant it Send As permission for this address."
            ),
        ),
        priority=9,
    ),
    Rule(
        id="exchange.external-forwarding-disabled",
        reason=Reason.POLICYVIOLATION,
        phrases=("does not allow external forwarding",),
        examples=(
            "550 5.7.520 Access denied, Your organization does not allow external forwarding. "
            "Please contact your administrator for further assistance. AS(7555)",
        ),
        summary="The sending organisation blocks automatic forwarding to outside addresses.",
        owner=Owner.SENDER,
        no_verdict=True,
        actions=(
            Action(
                "Ask your Microsoft 365 administrator to allow automatic external forwarding in "
                "the outbound spam filter policy, or stop the forwarding rule."
            ),
        ),
        priority=12,
    ),
)
