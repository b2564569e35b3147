"""Exim's own wording (src/deliver.c, src/verify.c, src/acl.c, src/routers/dnslookup.c,
src/transports/appendfile.c, src/transports/smtp.c), as collected in Sisimai's Exim decoder
(lhost/via-exim.go in sisimai/go-sisimai) and seen in its sample bounces.

https://www.exim.org/exim-html-current/doc/html/spec_html/ch-access_control_lists.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="exim.callout-sender-verify",
        reason=Reason.REJECTED,
        phrases=(
            "previous (cached) callout verification failure",
            "sender verify failed",
            "sender verify defer",
            "could not complete sender verify",
        ),
        examples=(
            "550-Previous (cached) callout verification failure",
            "550-Verification failed for <kijitora@example.jp>\n550-Called:   192.0.2.1\n"
            "550-Sent:     RCPT TO:<kijitora@example.jp>\n550-Response: 550 5.1.1 User unknown\n"
            "550 Sender verify failed",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Exim's sender callout: the receiver asked your MAIL FROM domain's server "
        "whether the envelope sender exists, and it said no (or could not be reached).",
        priority=13,
    ),
    Rule(
        id="exim.recipient-verify-failed",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient verify failed", "recipient verification failed"),
        examples=("550 Recipient verify failed: <kijitora@example.jp>",),
        summary="The receiving Exim could not verify the recipient address: it does not exist "
        "behind that server.",
        priority=3,
    ),
    Rule(
        id="exim.unrouteable-address",
        reason=Reason.HOSTUNKNOWN,
        phrases=(
            "unrouteable address",
            "all relevant mx records point to non-existent hosts",
            "all host address lookups failed permanently",
        ),
        examples=(
            "550 Unrouteable address",
            "550 all relevant MX records point to non-existent hosts",
        ),
        summary="Exim could not route the recipient's domain: it has no usable MX or A record.",
        priority=6,
    ),
    Rule(
        id="exim.no-smtp-service",
        reason=Reason.NOTACCEPT,
        phrases=("an mx or srv record indicated no smtp service",),
        examples=("550 an MX or SRV record indicated no SMTP service",),
        summary="The recipient's domain publishes a null MX: it accepts no mail (RFC 7505).",
        priority=7,
    ),
    Rule(
        id="exim.mailbox-is-full",
        reason=Reason.MAILBOXFULL,
        phrases=("mailbox is full: retry timeout exceeded", "error: quota exceed"),
        examples=("550 mailbox is full: retry timeout exceeded",),
        summary="Exim's appendfile transport could not write to the mailbox: over quota.",
        priority=12,
    ),
    Rule(
        id="exim.retry-timeout",
        reason=Reason.EXPIRED,
        phrases=(
            "retry timeout exceeded",
            "all hosts have been failing for a long time",
            "retry time not reached for any host after a long failure period",
        ),
        examples=(
            "550 retry timeout exceeded",
            "451 all hosts have been failing for a long time and were last tried after this "
            "message arrived",
        ),
        summary="Exim retried until its retry rules gave up.",
        priority=3,
    ),
    Rule(
        id="exim.frozen",
        reason=Reason.ONHOLD,
        phrases=("has been frozen", "was frozen on arrival"),
        examples=("451 Message 1P1YNN-0003AD-Ga has been frozen by the system filter.",),
        summary="Exim froze the message: it is held until an administrator releases it.",
        priority=4,
    ),
    Rule(
        id="exim.too-many-received",
        reason=Reason.NETWORKERROR,
        phrases=('too many "received" headers - suspected mail loop',),
        examples=('554 Too many "Received" headers - suspected mail loop',),
        summary="The message passed through too many servers: a mail loop.",
        priority=12,
    ),
    Rule(
        id="exim.remote-after-connect",
        reason=Reason.BLOCKED,
        phrases=("smtp error from remote mail server after initial connection",),
        examples=(
            "SMTP error from remote mail server after initial connection:\n"
            "host mx.example.jp [192.0.2.1]: 554 mx.example.jp ESMTP not accepting messages",
        ),
        summary="The receiving server refused your server at the greeting, before any "
        "address was sent: your sending IP is blocked there.",
        priority=1,
    ),
    Rule(
        id="exim.spam-detected",
        reason=Reason.SPAMDETECTED,
        phrases=(
            "the mail server detected your message as spam",
            "your message as spam and has prevented delivery",
            "rejected by the local scanning code",
            "rejected by the local scannning code",
        ),
        examples=("550 The mail server detected your message as spam and has prevented delivery.",),
        summary="SpamAssassin (run by Exim at SMTP time) judged the message to be spam.",
        priority=12,
    ),
    Rule(
        id="exim.syntax-errors",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "malformed address:",
            "angle-brackets nested too deep",
            "domain missing in source-routed address",
            "missing or malformed local part",
        ),
        examples=(
            "501 <kijitora@@example.jp>: malformed address: @example.jp may not follow <kijitora@",
        ),
        summary="The address given to Exim was malformed.",
        priority=6,
    ),
    Rule(
        id="exim.local-delivery",
        reason=Reason.SYSTEMERROR,
        phrases=("local delivery failed", "lmtp error after"),
        examples=("550 local delivery failed",),
        summary="Exim's local delivery (pipe, file or LMTP) failed on the receiving host.",
        priority=4,
    ),
)
