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
from bouncekit.replies.rules.mta.common import CAUSE

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
            "sendasdeniedexception",
        ),
        examples=(
            "550 5.7.60 SMTP; Client does not have permissions to send as this sender",
            # Exchange's store driver, as a Microsoft Q&A thread quotes it.
            "554 5.2.252 STOREDRV.Submission.Exception:SendAsDeniedException."
            "MapiExceptionSendAsDenied; Failed to process message due to a permanent exception",
        ),
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
    # --- Exchange Server 2019's NDR table (learn.microsoft.com "NDRs in Exchange Server", as
    # Sisimai's Rhost/Microsoft.pm tables it) and the SMTP receive connector's replies --------
    Rule(
        id="exchange.invalid-recipient-address",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "storedrv.submit; invalid recipient address",
            "recipient address reserved by rfc 2606",
            "recipient addresses in single label domains not accepted",
        ),
        examples=(
            "550 5.1.3 STOREDRV.Submit; invalid recipient address",
            "501 5.1.4 Recipient address reserved by RFC 2606",
            "501 5.1.6 Recipient addresses in single label domains not accepted",
        ),
        summary="Exchange refused the recipient address as not valid (bad format, a reserved "
        "top-level domain such as .example, or a single-label domain).",
        priority=12,
    ),
    Rule(
        id="exchange.sender-address-invalid",
        reason=Reason.REJECTED,
        # 5.1.7 is the sender's mailbox address: "Invalid address" here is not the recipient's.
        phrases=("invalid address", "unknown sender address"),
        statuses=("5.1.7",),
        examples=("550 5.1.7 Invalid address", "550 5.1.7 Unknown sender address"),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Exchange refused your envelope sender address.",
        priority=9,
    ),
    Rule(
        id="exchange.mailbox-cannot-be-accessed",
        reason=Reason.SUSPEND,
        phrases=("mailbox cannot be accessed",),
        examples=("550 5.2.1 Mailbox cannot be accessed",),
        summary="Exchange could not open the recipient's mailbox (disabled, or being moved).",
        no_verdict=True,
        priority=8,
    ),
    Rule(
        id="exchange.receiver-configuration",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "destination mailbox address ambiguous",
            "mailing list expansion problem",
            "misconfigured forwarding address",
            "system incorrectly configured",
            "missing or bad storedriver mdb properties",
            "service not active",
            "temporary server error. please try again later",
        ),
        examples=(
            "550 5.1.4 Destination mailbox address ambiguous",
            "550 5.2.4 Mailing list expansion problem",
            "550 5.2.14 Misconfigured forwarding address",
            "554 5.3.5 System incorrectly configured",
            "421 4.3.2 Service not active",
            "451 4.7.0 Temporary server error. Please try again later. PRX4",
        ),
        summary="The receiving Exchange organisation is misconfigured or its transport "
        "components are not running.",
        priority=12,
    ),
    Rule(
        id="exchange.content-errors",
        reason=Reason.CONTENTERROR,
        phrases=(
            "too many related errors",
            "agent generated message depth exceeded",
            "invalid message content",
            "corrupt message content",
        ),
        examples=(
            "554 5.3.0 Too many related errors",
            "550 5.4.11 Agent generated message depth exceeded",
            "550 5.5.6 Invalid message content",
            "554 5.6.0 STOREDRV.Deliver; Corrupt message content",
        ),
        summary="Exchange could not process the message's content (malformed, or it made a "
        "transport agent fail).",
        priority=12,
    ),
    Rule(
        id="exchange.invalid-arguments",
        reason=Reason.NETWORKERROR,
        phrases=("invalid arguments",),
        statuses=("5.4.4",),
        examples=("554 5.4.4 Invalid arguments",),
        summary="Exchange found no route for the message (a send connector or DNS problem).",
        priority=8,
    ),
    Rule(
        id="exchange.helo-invalid-domain",
        reason=Reason.BLOCKED,
        phrases=("invalid domain name",),
        statuses=("5.5.4",),
        examples=("501 5.5.4 Invalid domain name",),
        summary="Exchange refused the domain your server gave in HELO/EHLO.",
        priority=9,
    ),
    Rule(
        id="exchange.domain-secure",
        reason=Reason.BLOCKED,
        phrases=("restrictdomainstoipaddresses or restrictdomainstocertificate",),
        examples=("550 5.7.51 RestrictDomainsToIPAddresses or RestrictDomainsToCertificate",),
        summary="The receiver accepts this sender domain only from listed IP addresses or "
        "with a given TLS certificate.",
        priority=12,
    ),
    Rule(
        id="exchange.sender-not-authenticated-for-recipient",
        reason=Reason.REJECTED,
        phrases=(
            "resolver.rst.sendernotauthenticatedforgroup",
            "resolver.rst.sendernotauthenticatedformailbox",
            "resolver.rst.sendernotauthenticatedforpublicfolder",
        ),
        examples=(
            "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; "
            "Delivery restriction check failed because the sender was not authenticated when "
            "sending to this group",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The recipient (group, mailbox or public folder) accepts mail only from senders "
        "inside its organisation.",
        priority=CAUSE + 1,
    ),
    Rule(
        id="exchange.connection-limits",
        reason=Reason.TOOMANYCONN,
        phrases=(
            "maximum number of concurrent server connections has exceeded a limit",
            "maximum number of concurrent connections has exceeded a limit",
        ),
        examples=(
            "421 4.3.2 The maximum number of concurrent server connections has exceeded a "
            "limit, closing transmission channel",
        ),
        summary="The receive connector's connection limits (MaxInboundConnection, "
        "MaxInboundConnectionPerSource).",
        priority=16,
    ),
    Rule(
        id="exchange.submission-rate",
        reason=Reason.SPEEDING,
        phrases=("message submission rate for this client has exceeded the configured limit",),
        examples=(
            "421 4.4.2 Message submission rate for this client has exceeded the configured limit",
        ),
        summary="The receive connector's MessageRateLimit: your server sends too fast.",
        priority=17,
    ),
    Rule(
        id="exchange.protocol-errors",
        reason=Reason.SYNTAXERROR,
        phrases=("too many errors on this connection",),
        examples=("421 4.7.0 Too many errors on this connection, closing transmission channel",),
        summary="Your SMTP client made more protocol errors than the receive connector allows "
        "(MaxProtocolErrors).",
        priority=12,
    ),
    Rule(
        id="exchange.client-timeout",
        reason=Reason.NETWORKERROR,
        phrases=("timeout waiting for client input",),
        examples=("451 4.7.0 Timeout waiting for client input",),
        summary="The session was idle longer than the receive connector allows.",
        priority=12,
    ),
    Rule(
        id="exchange.sender-id",
        reason=Reason.AUTHFAILURE,
        phrases=("sender id (pra) not permitted",),
        examples=("550 5.7.1 Sender ID (PRA) Not Permitted",),
        summary="Exchange's Sender ID agent: the sending IP is not permitted by the sender "
        "domain's SPF record.",
        priority=CAUSE,
    ),
    Rule(
        id="exchange.ip-block-list",
        reason=Reason.BLOCKED,
        phrases=("does not have permissions to submit to this server",),
        examples=(
            "550 5.7.1 External client with IP address 192.0.2.1 does not have permissions to "
            "submit to this server. Visit http://support.microsoft.com/kb/928123 for more "
            "information.",
        ),
        summary="Exchange's Connection Filter agent refused your sending IP (its IP Block list).",
        priority=12,
    ),
)
