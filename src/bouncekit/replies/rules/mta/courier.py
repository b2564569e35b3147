"""Courier-MTA's own wording (courier/module.esmtp/esmtpclient.c, courier/submit.C,
courier/libs/comctlfile.c, courierd), as collected in Sisimai's Courier decoder
(lhost/via-courier.go in sisimai/go-sisimai) and its sample bounces.

https://www.courier-mta.org/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="courier.unknown-user",
        reason=Reason.USERUNKNOWN,
        phrases=("no such user or mailbox", "courier: unknown user"),
        examples=("550 <kijitora@example.jp>: no such user or mailbox",),
        summary="The receiving Courier has no such mailbox.",
        priority=2,
    ),
    Rule(
        id="courier.sender-dns",
        reason=Reason.REJECTED,
        phrases=(
            "mail from <* rejected: dns lookup failed",
            "sender address rejected: dns lookup failed",
            "invalid sender domain",
        ),
        examples=("517 Invalid sender domain: example.invalid",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Courier could not resolve the envelope sender's domain.",
        priority=12,
    ),
    Rule(
        id="courier.no-such-domain",
        reason=Reason.HOSTUNKNOWN,
        phrases=("unknown; no such domain", "no such domain."),
        examples=(
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.1.2\n"
            "Diagnostic-Code: unknown; No such domain.",
            "550 No such domain.",
        ),
        summary="Courier found no MX or A record for the recipient's domain.",
        priority=7,
    ),
    Rule(
        id="courier.delays",
        reason=Reason.EXPIRED,
        phrases=("delivery to this address has been delayed", "this message has been delayed"),
        examples=(
            "450 4.4.7 Delivery to this address has been delayed; will retry for up to 7 days",
        ),
        summary="Courier could not deliver yet and will keep retrying until the queue "
        "lifetime ends.",
        priority=2,
    ),
    Rule(
        id="courier.blacklisted",
        reason=Reason.BLOCKED,
        phrases=("blacklisted by block_", "access denied by blocklist"),
        examples=("550 Access denied by blocklist: listed in bl.example.net",),
        summary="Courier's BLACKLISTS (block_*) refused your sending IP.",
        priority=11,
    ),
    Rule(
        id="courier.sender-dns-temporary",
        reason=Reason.REJECTED,
        # submit: the lookup of the envelope sender's domain failed for now.
        phrases=("dns lookup failure: * try again later",),
        replycodes=("417",),
        examples=("417 DNS lookup failure: example.com.  Try again later.",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Courier could not look up your envelope sender's domain for now.",
        priority=19,
    ),
    Rule(
        id="courier.recipient-whitelist",
        reason=Reason.FILTERED,
        phrases=("you are not whitelisted by this recipient",),
        examples=("412 You are not whitelisted by this recipient, please try again later.",),
        summary="The recipient accepts mail only from senders on their whitelist.",
        priority=12,
    ),
    Rule(
        id="courier.routing-loop",
        reason=Reason.NETWORKERROR,
        phrases=("routing loop detected -- too many received: headers",),
        examples=("546 Routing loop detected -- too many Received: headers.",),
        summary="The message passed through too many servers: a mail loop.",
        priority=12,
    ),
    Rule(
        id="courier.tls-unavailable",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("tls not available, but it's required for this connection",),
        examples=("440 TLS not available,  but it's required for this connection.",),
        owner=Owner.RECEIVER,
        summary="The receiving Courier requires TLS on this port but cannot start it.",
        priority=19,
    ),
    Rule(
        id="courier.message-limit",
        reason=Reason.SPEEDING,
        phrases=("number of messages exceeded administrative limit",),
        examples=("500 Number of messages exceeded administrative limit.",),
        summary="Courier limits the messages one client may send.",
        priority=17,
    ),
    Rule(
        id="courier.unicode",
        reason=Reason.CONTENTERROR,
        phrases=(
            "unable to deliver unicode e-mail to a non-unicode mail server",
            "does not support the sender's international e-mail address",
        ),
        examples=("553 Unable to deliver Unicode E-mail to a non-Unicode mail server.",),
        summary="The message uses internationalised (SMTPUTF8) addresses the next server does "
        "not support.",
        priority=12,
    ),
    Rule(
        id="courier.recipient-dns",
        reason=Reason.NETWORKERROR,
        phrases=("this domain's dns violates rfc 1035",),
        examples=("This domain's DNS violates RFC 1035.",),
        summary="The recipient domain's DNS records are broken (RFC 1035).",
        priority=8,
    ),
    Rule(
        # submit's refusal of a sender its access rules do not allow, with Courier's own
        # three-digit code (not an SMTP reply code).
        id="courier.delivery-not-authorized",
        reason=Reason.REJECTED,
        phrases=("571 delivery not authorized",),
        examples=("571 Delivery not authorized, message refused.",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Courier's access rules do not let this sender submit the message.",
        priority=8,
    ),
)
