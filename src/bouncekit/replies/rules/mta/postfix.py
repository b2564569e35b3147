"""Postfix's own wording (src/smtpd/smtpd_check.c, src/smtp/smtp_proto.c, src/smtp/smtp_connect.c,
src/local/*.c and the access(5) docs), and the replies of Sisimai's Postfix sample bounces.

https://www.postfix.org/postconf.5.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="postfix.user-unknown-in-table",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "user unknown in local recipient table",
            "user unknown in virtual mailbox table",
            "user unknown in virtual alias table",
            "user unknown in relay recipient table",
        ),
        examples=(
            "550 5.1.1 <nosuchuser@example.test>: Recipient address rejected: User unknown in "
            "local recipient table",
            "550 5.1.1 <neko@example.co.jp>: Recipient address rejected: User unknown in virtual "
            "mailbox table",
        ),
        priority=10,
    ),
    Rule(
        id="postfix.relay-access-denied",
        reason=Reason.NORELAYING,
        phrases=("relay access denied",),
        examples=("554 5.7.1 <someone@elsewhere.test>: Relay access denied",),
    ),
    Rule(
        id="postfix.client-host-rejected-hostname",
        reason=Reason.REQUIREPTR,
        phrases=(
            "client host rejected: cannot find your hostname",
            "client host rejected: cannot find your reverse hostname",
        ),
        examples=(
            "450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.1]",
            "550 5.7.25 Client host rejected: cannot find your reverse hostname, [192.0.2.1]",
        ),
        summary="Postfix's reject_unknown_client_hostname / reject_unknown_reverse_client_"
        "hostname: your sending IP has no PTR, or its name does not resolve back.",
        priority=14,
    ),
    Rule(
        id="postfix.helo-rejected",
        reason=Reason.BLOCKED,
        phrases=(
            "helo command rejected: host not found",
            "helo command rejected: need fully-qualified hostname",
            "helo command rejected: invalid ip address",
        ),
        examples=("504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",),
        summary="Postfix refused your server's HELO/EHLO name: use a real, resolvable host "
        "name (the PTR name of the sending IP).",
        priority=12,
    ),
    Rule(
        id="postfix.sender-address-rejected",
        reason=Reason.REJECTED,
        phrases=(
            "sender address rejected: domain not found",
            "sender address rejected: need fully-qualified address",
            "sender address rejected: access denied",
            "sender address rejected: not owned by user",
            "data command rejected: multi-recipient bounce",
        ),
        examples=(
            "450 4.1.8 <kijitora@example.invalid>: Sender address rejected: Domain not found",
            "553 5.7.1 <neko@example.org>: Sender address rejected: not owned by user "
            "kijitora@example.org",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Postfix refused your envelope sender (MAIL FROM) address or its domain.",
        priority=13,
    ),
    Rule(
        id="postfix.recipient-domain-not-found",
        reason=Reason.HOSTUNKNOWN,
        phrases=("recipient address rejected: domain not found",),
        examples=(
            "450 4.1.2 <kijitora@example.invalid>: Recipient address rejected: Domain not found",
        ),
        summary="The recipient's domain has no DNS records (reject_unknown_recipient_domain).",
        priority=7,
    ),
    Rule(
        id="postfix.recipient-fqdn",
        reason=Reason.SYNTAXERROR,
        phrases=("recipient address rejected: need fully-qualified address",),
        examples=(
            "504 5.5.2 <kijitora>: Recipient address rejected: need fully-qualified address",
        ),
        summary="The recipient address has no domain part.",
        priority=7,
    ),
    Rule(
        id="postfix.message-size",
        reason=Reason.MESGTOOBIG,
        phrases=("message size exceeds fixed limit", "message file too big"),
        examples=(
            "552 5.3.4 Message size exceeds fixed limit",
            "552 5.3.4 Error: message file too big",
        ),
        summary="The message is larger than the receiving Postfix's message_size_limit.",
        priority=11,
    ),
    Rule(
        id="postfix.too-many-recipients",
        reason=Reason.TOOMANYCONN,
        phrases=("error: too many recipients", "too many connections from"),
        examples=(
            "452 4.5.3 Error: too many recipients",
            "421 4.7.0 mx.example.org Error: too many connections from 192.0.2.1",
        ),
        summary="Postfix limits recipients per message and connections per client.",
        priority=16,
    ),
    Rule(
        id="postfix.insufficient-storage",
        reason=Reason.SYSTEMFULL,
        phrases=("insufficient system storage",),
        examples=("452 4.3.1 Insufficient system storage",),
        summary="The receiving Postfix's queue file system is nearly full.",
        priority=12,
    ),
    Rule(
        id="postfix.dns-try-again",
        reason=Reason.NETWORKERROR,
        phrases=("host not found, try again", "name service error for name=* try again"),
        examples=(
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 4.4.3\n"
            "Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error for "
            "name=example.org type=MX: Host not found, try again",
        ),
        summary="A temporary DNS failure: the recipient's name servers did not answer.",
        priority=7,
    ),
    Rule(
        id="postfix.connect-timeout",
        reason=Reason.EXPIRED,
        phrases=("connect to * connection timed out", "conversation with * timed out"),
        examples=(
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 4.4.1\n"
            "Diagnostic-Code: X-Postfix; connect to bukkoji.example.org[192.0.2.1]:25: "
            "Connection timed out",
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 4.4.2\n"
            "Diagnostic-Code: X-Postfix; conversation with mx.example.org[192.0.2.1] timed out "
            "while receiving the initial server greeting",
        ),
        summary="Postfix could not talk to the recipient's server in time; after the queue "
        "lifetime the message bounces.",
        priority=4,
    ),
    Rule(
        id="postfix.refused-to-talk",
        reason=Reason.BLOCKED,
        phrases=("server refused to talk to me",),
        examples=(
            "delivery temporarily suspended: connect to mfsmax.example.com[192.0.2.232]: "
            "server refused to talk to me: 421 Service not available, closing transmission "
            "channel",
        ),
        summary="The receiving server refused your server at the greeting, before any "
        "address was sent: usually a block on your sending IP.",
        priority=11,
    ),
    Rule(
        id="postfix.pipelining",
        reason=Reason.SYNTAXERROR,
        phrases=("improper use of smtp command pipelining",),
        examples=("503 5.5.0 <kijitora@example.jp>: Improper use of SMTP command pipelining",),
        summary="Your SMTP client sent commands before the server's reply (a spam-bot sign).",
        priority=12,
    ),
    # access(5) rejections with a text of the administrator's choosing: the enhanced status
    # they chose says more than the weak word "rejected" (Sisimai reads the status here).
    Rule(
        id="postfix.access-rejected-media",
        reason=Reason.CONTENTERROR,
        phrases=("recipient address rejected:", "sender address rejected:"),
        statuses=("5.6.",),
        examples=(
            "550 5.6.0 <contenterror@libsisimai.net>: Recipient address rejected: Media error. "
            "See https://libsisimai.org/en/reason/#contenterror",
        ),
        summary="The receiver's access table refused the message with a media (content) status.",
        priority=-4,
    ),
    Rule(
        id="postfix.access-rejected-security",
        reason=Reason.SECURITYERROR,
        phrases=("recipient address rejected:",),
        statuses=("5.7.1",),
        examples=(
            "551 5.7.1 <securityerror@libsisimai.net>: Recipient address rejected: Delivery not "
            "authorized. See https://libsisimai.org/en/reason/#securityerror",
        ),
        summary="The receiver's access table refused the recipient with a security status "
        "(delivery not authorized).",
        priority=-4,
    ),
    Rule(
        id="postfix.access-rejected-other",
        reason=Reason.ONHOLD,
        phrases=("recipient address rejected:",),
        statuses=("5.0.0",),
        examples=(
            "550 5.0.0 <onhold@libsisimai.net>: Recipient address rejected: On hold. See "
            "https://libsisimai.org/en/reason/#onhold",
        ),
        summary="The receiver's access table refused the recipient without any detail: the "
        "cause cannot be told from the reply.",
        priority=-4,
    ),
)
