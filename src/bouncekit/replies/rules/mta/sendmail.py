"""Sendmail's own wording (sendmail/srvrsmtp.c, sendmail/parseaddr.c, sendmail/deliver.c,
cf/feature/*.m4 and the access database defaults), as collected in Sisimai's Sendmail and
V5sendmail decoders (lhost/via-sendmail.go, lhost/via-v5sendmail.go in sisimai/go-sisimai)
and seen in its sample bounces.

https://www.sendmail.org/~ca/email/doc8.12/op-sh-5.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="sendmail.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(">... user unknown", "... user unknown", "... no such user"),
        examples=(
            "550 5.1.1 <kijitora@example.jp>... User Unknown",
            "550 5.2.1 <kijitora@cr.nyaan.jp>... User Unknown",
        ),
        summary="Sendmail's local delivery agent has no such user.",
        priority=1,
    ),
    Rule(
        id="sendmail.relaying-denied",
        reason=Reason.NORELAYING,
        phrases=(
            "relaying denied. proper authentication required",
            "relaying denied. ip name lookup failed",
            "relaying denied",
        ),
        examples=(
            "550 5.7.1 <kijitora@example.org>... Relaying denied. Proper authentication required.",
        ),
        summary="Sendmail refused to relay: authenticate to your own submission server.",
        priority=9,
    ),
    Rule(
        id="sendmail.ip-name-lookup",
        reason=Reason.REQUIREPTR,
        phrases=("ip name lookup failed", "ip name possibly forged"),
        examples=("450 4.7.1 Access denied. IP name lookup failed [192.0.2.222]",),
        summary="Sendmail could not resolve your sending IP's reverse DNS name.",
        priority=12,
    ),
    Rule(
        id="sendmail.sender-domain",
        reason=Reason.REJECTED,
        phrases=(
            "domain of sender address * does not exist",
            "domain of sender address * does not resolve",
            "sender domain must resolve",
            "sender domain must exist",
            "real domain name required for sender address",
            "domain name required for sender address",
            # FEATURE(`badmx'): the sender domain's MX, checked at MAIL FROM.
            "mx lookup failure for",
            "illegal mx record for host",
            "invalid mx record for host",
        ),
        examples=(
            "553 5.1.8 <httpd@host1.mx.example.jp>... Domain of sender address "
            "httpd@host1.mx.example.jp does not exist",
            "451 4.1.8 Domain of sender address kijitora@example.jp does not resolve",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Sendmail checks that the envelope sender's domain resolves and has a sane MX; "
        "yours does not.",
        priority=12,
    ),
    Rule(
        id="sendmail.host-unknown",
        reason=Reason.HOSTUNKNOWN,
        phrases=(
            "host unknown (name server:",
            "name server: host not found",
            "unknown mail transport error",
        ),
        examples=(
            "550 5.1.2 <kijitora@example.invalid>... Host unknown (Name server: "
            "example.invalid: host not found)",
        ),
        summary="Sendmail could not find the recipient's domain in DNS.",
        priority=7,
    ),
    Rule(
        id="sendmail.message-size",
        reason=Reason.MESGTOOBIG,
        phrases=("message size exceeds fixed maximum message size",),
        statuses=("5.3.4", "4.3.4", "5.2.3"),
        examples=("552 5.3.4 Message size exceeds fixed maximum message size (10485760)",),
        summary="The message is larger than Sendmail's MaxMessageSize.",
        priority=10,
    ),
    Rule(
        id="sendmail.headers-too-large",
        reason=Reason.CONTENTERROR,
        phrases=("headers too large", "too many headers"),
        examples=("552 5.6.0 Headers too large (32768 max)",),
        summary="The message headers exceed Sendmail's MaxHeadersLength.",
        priority=11,
    ),
    Rule(
        id="sendmail.too-many-hops",
        reason=Reason.NETWORKERROR,
        phrases=("too many hops", "hop count exceeded"),
        examples=("554 5.4.6 Too many hops 26 (25 max): from <neko@example.jp> via localhost",),
        summary="The message went around in a mail loop.",
        priority=8,
    ),
    Rule(
        id="sendmail.open-proxy",
        reason=Reason.BLOCKED,
        phrases=("rejecting open proxy", "open relay", "which is an open relay"),
        examples=("550 5.7.1 Rejecting open proxy 192.0.2.1",),
        summary="Sendmail refused your IP because it looks like an open proxy or relay.",
        priority=11,
    ),
    Rule(
        id="sendmail.mail-loops",
        reason=Reason.SYSTEMERROR,
        phrases=("mail loops back to me", "config error: mail loops back"),
        examples=("554 5.3.5 Local configuration error: mail loops back to me (MX problem?)",),
        summary="The receiving Sendmail is misconfigured: the MX points back at itself.",
        priority=8,
    ),
    Rule(
        id="sendmail.too-many-sessions",
        reason=Reason.TOOMANYCONN,
        phrases=("too many smtp sessions for this host", "too many open connections"),
        examples=("421 4.7.0 mx.example.jp Too many SMTP sessions for this host",),
        summary="Sendmail limits concurrent connections per client (ConnectionRateThrottle / "
        "MaxDaemonChildren).",
        priority=16,
    ),
    Rule(
        id="sendmail.insufficient-disk",
        reason=Reason.SYSTEMFULL,
        phrases=("insufficient disk space; try again later",),
        examples=("452 4.4.5 Insufficient disk space; try again later",),
        summary="The receiving Sendmail's queue disk is full.",
        priority=12,
    ),
    Rule(
        id="sendmail.sent-to-yourself",
        reason=Reason.REJECTED,
        phrases=("you cannot send e-mail to yourself", "your e-mail is redundant"),
        examples=(
            "550 Your E-Mail is redundant. You cannot send E-Mail to yourself "
            "(shironeko@example.jp).",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The receiver refuses mail whose sender and recipient are the same address.",
        priority=9,
    ),
    Rule(
        id="sendmail.address-syntax",
        reason=Reason.SYNTAXERROR,
        # parseaddr.c: the address in the command could not be parsed (a client's fault, not
        # a statement that the mailbox does not exist).
        phrases=("unbalanced '", "8-bit character in mailbox address"),
        examples=(
            "553 5.1.0 <user@example.org>>... Unbalanced '>'",
            '501 5.1.3 8-bit character in mailbox address "<us\u00e9r@example.org>"',
        ),
        summary="Sendmail could not parse the address your client sent.",
        priority=8,
    ),
    Rule(
        id="sendmail.dnsbl-temporary",
        reason=Reason.NETWORKERROR,
        phrases=("temporary lookup failure of",),
        examples=("451 4.4.3 Temporary lookup failure of 192.0.2.1 at zen.spamhaus.org",),
        owner=Owner.RECEIVER,
        summary="FEATURE(`dnsbl') could not query the blocklist: a DNS problem of the receiver, "
        "not a listing.",
        priority=12,
    ),
    Rule(
        id="sendmail.require-rdns",
        reason=Reason.REQUIREPTR,
        phrases=(
            "fix reverse dns for",
            "client ip address * does not resolve",
            "possibly forged hostname for",
        ),
        examples=(
            "550 5.7.1 Fix reverse DNS for 192.0.2.1",
            "451 4.1.8 Client IP address 192.0.2.1 does not resolve",
            "451 4.1.8 Possibly forged hostname for 192.0.2.1",
        ),
        summary="FEATURE(`require_rdns'): your sending IP's reverse DNS is missing or does not "
        "resolve back to it.",
        priority=18,
    ),
    Rule(
        id="sendmail.not-accepting",
        reason=Reason.BLOCKED,
        # srvrsmtp.c: the greeting of a server run with nullserver or FEATURE(`greet_pause')
        # refusing an early talker.
        phrases=("not accepting messages",),
        replycodes=("554",),
        examples=("554 5.0.0 mx.example.org not accepting messages",),
        summary="The receiving server refuses your server at the greeting.",
        priority=9,
    ),
    Rule(
        id="sendmail.protocol-errors",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "too many bad commands; closing connection",
            "command too long, possible attack",
            "smtp protocol error",
        ),
        examples=(
            "421 4.7.0 mx.example.org Too many bad commands; closing connection",
            "554 5.5.0 SMTP protocol error",
        ),
        summary="Your SMTP client broke the protocol.",
        priority=12,
    ),
    Rule(
        id="sendmail.tls-unavailable",
        reason=Reason.FAILEDSTARTTLS,
        phrases=(
            "tls not available right now",
            "tls not available after start",
            "tls currently not available",
            "tls not available: error",
            "tls not available: can't switch",
        ),
        examples=("454 4.3.3 TLS not available right now",),
        owner=Owner.RECEIVER,
        summary="The receiving Sendmail offers STARTTLS but cannot start it now.",
        priority=19,
    ),
    Rule(
        id="sendmail.remote-protocol-error",
        reason=Reason.NETWORKERROR,
        phrases=("remote protocol error",),
        examples=("554 5.5.0 Remote protocol error",),
        summary="The next server broke the SMTP protocol (EX_PROTOCOL).",
        priority=6,
    ),
    Rule(
        id="sendmail.deferred-connection",
        reason=Reason.NETWORKERROR,
        # err.c errstring(): the "Deferred:" reasons of a queued message.
        phrases=(
            "deferred: connection refused by",
            "deferred: connection reset by",
            "deferred: host * is down",
            "deferred: name server:",
        ),
        examples=(
            "Deferred: Connection refused by mx.example.org.",
            "Deferred: Host mx.example.org is down",
        ),
        summary="Sendmail could not reach the recipient's server and keeps the message queued.",
        priority=10,
    ),
    Rule(
        id="sendmail.queue-timeout",
        reason=Reason.EXPIRED,
        # envelope.c: Timeout.queuereturn and Timeout.queuewarn.
        phrases=(
            "cannot send message for",
            "could not send message for past",
            "message could not be delivered for",
        ),
        examples=(
            "Cannot send message for 5 days",
            "Warning: could not send message for past 4 hours",
        ),
        summary="Sendmail kept retrying until the queue return timeout.",
        priority=3,
    ),
    Rule(
        id="sendmail.mailer-died",
        reason=Reason.MAILERERROR,
        phrases=("mailer * died with signal",),
        examples=("451 4.3.0 mailer local died with signal 9",),
        summary="The local delivery program on the receiving host crashed.",
        priority=8,
    ),
)
