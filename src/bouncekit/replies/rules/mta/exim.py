"""Exim's own wording (src/deliver.c, src/verify.c, src/acl.c, src/routers/dnslookup.c,
src/transports/appendfile.c, src/transports/smtp.c), as collected in Sisimai's Exim decoder
(lhost/via-exim.go in sisimai/go-sisimai) and seen in its sample bounces.

https://www.exim.org/exim-html-current/doc/html/spec_html/ch-access_control_lists.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule
from bouncekit.replies.rules.mta.common import CAUSE

RULES: tuple[Rule, ...] = (
    Rule(
        id="exim.callout-sender-verify",
        reason=Reason.REJECTED,
        phrases=(
            "previous (cached) callout verification failure",
            "sender verify failed",
            "sender verify defer",
            "could not complete sender verify",
            # smtp_in.c smtp_handle_acl_fail: the sender's domain refuses its postmaster or
            # the null sender that the callout used.
            "postmaster verification failed while checking",
            "callback setup failed while verifying",
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
        # Above common.not-accept: the callout text quotes "does not accept mail from domains".
        priority=CAUSE + 1,
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
        phrases=("local delivery failed",),
        examples=("550 local delivery failed",),
        summary="Exim's local delivery (pipe, file or LMTP) failed on the receiving host.",
        priority=4,
    ),
    Rule(
        id="exim.lmtp-error",
        reason=Reason.SYSTEMERROR,
        # transports/lmtp.c: the LMTP server's own reply follows and says why; these words
        # decide only when it says nothing a rule knows.
        phrases=("lmtp error after",),
        examples=("LMTP error after end of data: 451 4.3.0 Temporary internal failure",),
        summary="The receiving host's LMTP server (Dovecot, Cyrus) refused the message.",
        priority=-1,
    ),
    # --- the default configuration (src/configure.default) and the ACL examples of the
    # specification (doc/spec.txt) ---------------------------------------------------------
    Rule(
        id="exim.restricted-characters",
        reason=Reason.SYNTAXERROR,
        phrases=("restricted characters in address",),
        examples=("550 Restricted characters in address",),
        summary="Exim's default ACL refuses local parts with characters such as '/', '|' or a "
        "leading dot.",
        priority=10,
    ),
    Rule(
        id="exim.header-syntax",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=(
            "maximum allowed line length is 998 octets",
            "header syntax",
            "a valid sender header is required for bounces",
        ),
        examples=(
            "550 maximum allowed line length is 998 octets, got 1200",
            "550 header syntax",
            "550 A valid sender header is required for bounces",
        ),
        summary="The message breaks RFC 5322 (a line over 998 octets, or a malformed header).",
        priority=11,
    ),
    Rule(
        id="exim.cannot-verify-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=("can't verify recipient",),
        examples=("550 Can't verify recipient",),
        summary="The receiving Exim could not verify the recipient (verify = recipient).",
        no_verdict=True,
        priority=3,
    ),
    Rule(
        id="exim.rate-limit",
        reason=Reason.SPEEDING,
        phrases=("sender rate exceeds",),
        examples=("451 Sender rate exceeds 100 messages per 1h",),
        summary="An Exim ratelimit ACL: your server sends faster than the receiver allows.",
        priority=17,
    ),
    Rule(
        id="exim.too-many-rcpts",
        reason=Reason.TOOMANYCONN,
        phrases=("i don't take more than",),
        examples=("550 I don't take more than 20 RCPTs",),
        summary="The receiving Exim limits the recipients of one message.",
        priority=16,
    ),
    Rule(
        id="exim.malware",
        reason=Reason.VIRUSDETECTED,
        phrases=("this message contains malware",),
        examples=("550 This message contains malware (Eicar-Signature)",),
        summary="Exim's malware ACL condition found a virus in the message.",
        priority=12,
    ),
    # --- smtp_in.c ---------------------------------------------------------------------------
    Rule(
        id="exim.connection-refused",
        reason=Reason.BLOCKED,
        # host_reject_connection, tcp wrappers, IP options: refused at the greeting.
        phrases=("smtp service not available",),
        replycodes=("554",),
        examples=("554 SMTP service not available",),
        summary="The receiving Exim refuses connections from your sending IP.",
        priority=9,
    ),
    Rule(
        id="exim.protocol-errors",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "smtp synchronization error",
            "too many syntax or protocol errors",
            "too many nonmail commands",
            "too many unrecognized commands",
        ),
        examples=("554 SMTP synchronization error", "554 Too many nonmail commands"),
        summary="Your SMTP client broke the protocol (sent before the server's reply, or too "
        "many bad commands).",
        priority=12,
    ),
    Rule(
        id="exim.tls-unavailable",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("tls currently unavailable",),
        examples=("454 TLS currently unavailable",),
        owner=Owner.RECEIVER,
        summary="The receiving Exim offers STARTTLS but cannot start it now (its own TLS "
        "setup failed).",
        priority=CAUSE + 1,
    ),
    Rule(
        id="exim.tls-security-failure",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("security failure",),
        replycodes=("554",),
        examples=("554 Security failure",),
        summary="The TLS handshake after STARTTLS failed.",
        priority=9,
    ),
    # --- delivery (transports/smtp.c, routers) ----------------------------------------------
    Rule(
        id="exim.remote-closed",
        reason=Reason.NETWORKERROR,
        phrases=("remote host closed connection in response to",),
        examples=("Remote host closed connection in response to end of data",),
        summary="The recipient's server dropped the connection mid-session.",
        priority=4,
    ),
    Rule(
        id="exim.tls-required",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("a tls session is required, but",),
        examples=(
            "host mx.example.org [192.0.2.1]: a TLS session is required, but the server did "
            "not offer TLS support",
        ),
        summary="Your Exim must use TLS for this destination (hosts_require_tls, DANE) and "
        "could not.",
        priority=CAUSE,
    ),
    Rule(
        id="exim.dns-defer",
        reason=Reason.NETWORKERROR,
        phrases=("host lookup did not complete", "all host address lookups failed temporarily"),
        examples=("host lookup did not complete",),
        summary="A temporary DNS failure looking up the recipient's domain.",
        priority=6,
    ),
    Rule(
        id="exim.mx-to-self",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "lowest numbered mx record points to local host",
            "remote host address is the local host",
        ),
        examples=("lowest numbered MX record points to local host",),
        summary="The recipient domain's MX points back at the delivering host: a "
        "configuration error.",
        priority=8,
    ),
    Rule(
        id="exim.pipe-failed",
        reason=Reason.MAILERERROR,
        phrases=("child process of * transport returned", "pipe delivery process timed out"),
        examples=(
            "Child process of address_pipe transport returned 73 (could mean unable to create "
            "file) from command: /usr/bin/procmail",
            "pipe delivery process timed out",
        ),
        summary="The receiving host's delivery command failed.",
        priority=8,
    ),
)
