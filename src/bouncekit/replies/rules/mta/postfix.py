"""Postfix's own wording (src/smtpd/smtpd_check.c, src/smtp/smtp_proto.c, src/smtp/smtp_connect.c,
src/local/*.c and the access(5) docs), and the replies of Sisimai's Postfix sample bounces.

https://www.postfix.org/postconf.5.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Retry, Rule
from bouncekit.replies.rules.mta.common import CAUSE

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
    # --- smtpd_check.c: more of its own texts -------------------------------------------------
    Rule(
        id="postfix.recipient-domain-dns-malformed",
        reason=Reason.NETWORKERROR,
        # reject_unknown_recipient_domain when the recipient domain's DNS answer is broken
        # (DNS_INVAL); the same words about a sender domain are the sender's (subjects.py).
        phrases=("recipient address rejected: malformed dns server reply",),
        examples=(
            "450 4.1.2 <user@example.org>: Recipient address rejected: Malformed DNS server reply",
        ),
        summary="The receiving Postfix got a malformed DNS answer for the recipient's domain.",
        priority=11,
    ),
    Rule(
        id="postfix.unverified-probe-unreachable",
        reason=Reason.NETWORKERROR,
        # reject_unverified_recipient: the verify probe could not reach the next server; the
        # probe's own error follows the words.
        phrases=(
            "unverified address: connect to",
            "unverified address: lost connection with",
            "unverified address: conversation with",
            "unverified address: delivery temporarily suspended",
        ),
        examples=(
            "450 4.1.1 <user@example.org>: Recipient address rejected: unverified address: "
            "connect to mx.example.org[192.0.2.1]:25: Connection timed out",
        ),
        summary="The receiving Postfix verifies recipients by probing the next server, and the "
        "probe could not reach it: nothing is known about the address yet.",
        no_verdict=True,
        priority=6,
    ),
    Rule(
        id="postfix.verification-problem",
        reason=Reason.SYSTEMERROR,
        phrases=("rejected: address verification problem",),
        examples=(
            "450 4.1.1 <user@example.org>: Recipient address rejected: address verification "
            "problem",
        ),
        summary="The receiving Postfix's address verification service failed.",
        no_verdict=True,
        priority=11,
    ),
    Rule(
        id="postfix.no-valid-recipients",
        reason=Reason.USERUNKNOWN,
        # smtpd.c data_cmd: every RCPT TO of the transaction was refused before; the refusals
        # say why, this reply does not.
        phrases=("error: no valid recipients",),
        examples=("554 5.5.1 Error: no valid recipients",),
        summary="The receiving Postfix refused every recipient earlier in the session (most "
        "often as unknown); the earlier RCPT TO replies say why.",
        no_verdict=True,
        priority=1,
    ),
    # --- smtpd.c: rate limits (anvil) and protocol errors --------------------------------------
    Rule(
        id="postfix.client-rate-limit",
        reason=Reason.SPEEDING,
        phrases=(
            "error: too many recipients from",
            "error: too much mail from",
            "error: too many auth commands from",
        ),
        examples=(
            "450 4.7.1 Error: too many recipients from 192.0.2.1",
            "450 4.7.1 Error: too much mail from 192.0.2.1",
            "450 4.7.1 Error: too many AUTH commands from 192.0.2.1",
        ),
        summary="Postfix's per-client rate limits (smtpd_client_recipient_rate_limit, "
        "smtpd_client_message_rate_limit, smtpd_client_auth_rate_limit): slow down.",
        priority=17,
    ),
    Rule(
        id="postfix.tls-session-rate",
        reason=Reason.TOOMANYCONN,
        phrases=("error: too many new tls sessions from",),
        examples=(
            "421 4.7.0 mx.example.org Error: too many new TLS sessions from 192.0.2.1",
            "454 4.7.0 Error: too many new TLS sessions from 192.0.2.1",
        ),
        summary="Postfix limits new TLS handshakes per client (smtpd_client_new_tls_session_"
        "rate_limit): reuse connections or TLS sessions.",
        priority=16,
    ),
    Rule(
        id="postfix.protocol-errors",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "error: too many errors",
            "error: smtp protocol synchronization",
            "syntax: mail from:<address>",
            "syntax: rcpt to:<address>",
        ),
        examples=(
            "421 4.7.0 mx.example.org Error: too many errors",
            "554 5.5.0 Error: SMTP protocol synchronization",
            "501 5.5.4 Syntax: MAIL FROM:<address>",
        ),
        summary="Your SMTP client broke the protocol (commands out of turn, bad syntax, or so "
        "many refused commands that Postfix hung up).",
        priority=12,
    ),
    Rule(
        id="postfix.bare-lf",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("error: bare <lf> received",),
        examples=("521 5.5.2 mx.example.org Error: bare <LF> received",),
        summary="The message had lines ending in a bare LF, not CRLF (smtpd_forbid_bare_newline, "
        "Postfix's defence against SMTP smuggling).",
        priority=12,
    ),
    # --- postscreen ---------------------------------------------------------------------------
    Rule(
        id="postfix.postscreen-reject",
        reason=Reason.BLOCKED,
        # postscreen's replies to a client on its access list or one that failed a test
        # (postscreen.c, postscreen_smtpd.c): 5.3.2 when enforced, 450 4.3.2 at RCPT TO until
        # a client that passed the after-greeting tests reconnects (greylisting in effect).
        phrases=("service currently unavailable",),
        statuses=("5.3.2", "4.3.2"),
        replycodes=("450", "521", "550"),
        examples=(
            "550 5.3.2 Service currently unavailable",
            "521 5.3.2 Service currently unavailable",
            "450 4.3.2 Service currently unavailable",
        ),
        summary="Postfix's postscreen refused your sending IP: it is on the receiver's block "
        "list, failed a protocol test, or (450) must reconnect after passing the tests.",
        no_verdict=True,
        priority=11,
    ),
    Rule(
        id="postfix.postscreen-hangup",
        reason=Reason.BLOCKED,
        phrases=("error: i can break rules, too. goodbye.",),
        examples=("521 5.7.0 Error: I can break rules, too. Goodbye.",),
        summary="postscreen hung up on your client for breaking the SMTP protocol (a bot sign).",
        priority=12,
    ),
    # --- delivery agents: local, virtual, pipe, smtp ----------------------------------------
    Rule(
        id="postfix.local-mailbox-full",
        reason=Reason.MAILBOXFULL,
        # local/mailbox.c and virtual/maildir.c: EFBIG (mailbox_size_limit) and EDQUOT map
        # to 5.2.2 (global/mbox_open.c mbox_dsn).
        phrases=(
            "cannot update mailbox * error writing message: file too large",
            "cannot update mailbox * disk quota exceeded",
            "create maildir file * disk quota exceeded",
        ),
        examples=(
            "<user@example.org>: cannot update mailbox /var/mail/user for user user. error "
            "writing message: File too large",
        ),
        summary="Postfix's local delivery could not append to the mailbox: it is over its size "
        "limit or the user's disk quota.",
        priority=9,
    ),
    Rule(
        id="postfix.local-disk-full",
        reason=Reason.SYSTEMFULL,
        phrases=(
            "cannot update mailbox * no space left on device",
            "create maildir file * no space left on device",
        ),
        examples=(
            "<user@example.org>: cannot update mailbox /var/mail/user for user user. error "
            "writing message: No space left on device",
        ),
        summary="The receiving host's mail spool is out of disk space.",
        priority=9,
    ),
    Rule(
        id="postfix.pipe-user-unknown",
        reason=Reason.USERUNKNOWN,
        # global/pipe_command.c: a command exiting EX_NOUSER (67) reads as sys_exits.c's
        # "user unknown", then its own output.
        phrases=("user unknown. command output:",),
        examples=("<user@example.org>: user unknown. Command output: Invalid user specified.",),
        summary="The delivery command (maildrop, Dovecot's deliver...) has no such user.",
        priority=9,
    ),
    Rule(
        id="postfix.pipe-command-failed",
        reason=Reason.MAILERERROR,
        phrases=(
            "command died with signal",
            "command time limit exceeded:",
            "service unavailable. command output:",
        ),
        examples=(
            '<user@example.org>: Command died with signal 9: "/usr/lib/dovecot/deliver"',
            '<user@example.org>: Command time limit exceeded: "/usr/bin/spamc"',
        ),
        summary="The receiving host's delivery command (pipe(8)) failed or hung.",
        priority=7,
    ),
    Rule(
        id="postfix.connect-failed",
        reason=Reason.NETWORKERROR,
        phrases=(
            "connect to * connection refused",
            "connect to * no route to host",
            "connect to * network is unreachable",
            "lost connection with * while",
        ),
        examples=(
            "<user@example.org>: connect to mx.example.org[192.0.2.1]:25: Connection refused",
            "<user@example.org>: delivery temporarily suspended: connect to "
            "mx.example.org[192.0.2.1]:25: Connection refused",
            "<user@example.org>: lost connection with mx.example.org[192.0.2.1] while sending "
            "RCPT TO",
        ),
        summary="Postfix could not reach, or lost, the recipient's server; it retries until "
        "the queue lifetime ends.",
        priority=4,
    ),
    Rule(
        id="postfix.tls-cert-not-verified",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("server certificate not verified",),
        examples=("<user@example.org>: Server certificate not verified",),
        owner=Owner.RECEIVER,
        retry=Retry.AFTER_FIX,
        summary="Your Postfix requires a verified TLS certificate for this destination "
        "(smtp_tls_security_level=verify/secure, DANE or MTA-STS) and the server's did not "
        "verify.",
        priority=CAUSE,
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
