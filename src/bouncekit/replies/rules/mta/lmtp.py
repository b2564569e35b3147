"""LMTP servers that store mail in the mailbox, beyond what ``mda.py`` reads: Cyrus IMAP's
lmtpd (``send_lmtp_error`` in imap/lmtpengine.c) and Dovecot's LMTP server (src/lmtp/ and the
SMTP server library it uses). Postfix's lmtp(8) or a front MTA relays these replies to the
sender as "host ... said:".

https://github.com/cyrusimap/cyrus-imapd
https://doc.dovecot.org/configuration_manual/protocols/lmtp_server/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import SENDER, STRONG

RULES: tuple[Rule, ...] = (
    # --- Cyrus lmtpengine.c ----------------------------------------------------------------
    Rule(
        # IMAP_PERMISSION_DENIED with LMTP_LONG_ERROR_MSGS: the mailbox's ACL gives no one the
        # right to post ("p") to it.
        id="lmtp.cyrus-permission-denied",
        reason=Reason.FILTERED,
        phrases=("you do not have permission to post a message to this mailbox",),
        examples=(
            "550-You do not have permission to post a message to this mailbox.\n"
            "550-Please contact the owner of this mailbox in order to submit\n"
            "550-your message, or postmaster@example.org if you believe you\n"
            "550-received this message in error.\n550 5.7.1 Permission denied",
        ),
        summary="The recipient's Cyrus mailbox does not let this sender post to it (its access "
        "control list).",
        priority=STRONG,
    ),
    Rule(
        id="lmtp.cyrus-mailbox-state",
        reason=Reason.SYSTEMERROR,
        phrases=("mailbox has an invalid format", "mailbox moved"),
        statuses=("4.2.0", "4.2.1"),
        examples=("451 4.2.0 Mailbox has an invalid format", "451 4.2.1 Mailbox Moved"),
        summary="Cyrus could not deliver into the mailbox for now: it is being moved to another "
        "server or partition, or its files are damaged.",
        priority=STRONG,
    ),
    # --- Dovecot lmtp-proxy.c, lmtp-commands.c, lib-smtp --------------------------------------
    Rule(
        id="lmtp.dovecot-proxy-ttl",
        reason=Reason.SYSTEMERROR,
        phrases=("proxying appears to be looping",),
        examples=("554 5.4.6 <user@example.org> Proxying appears to be looping (TTL=0)",),
        summary="Dovecot's LMTP proxy passed the message between its own servers until the "
        "hop limit ran out: a misconfiguration of the receiving system.",
        priority=STRONG,
    ),
    Rule(
        id="lmtp.dovecot-path-syntax",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "unacceptable to: empty path not allowed",
            "invalid to: missing domain",
            "invalid to: invalid character in path",
            "invalid from: invalid character in path",
        ),
        examples=(
            "550 5.1.1 <> Unacceptable TO: Empty path not allowed",
            "501 5.5.4 Invalid TO: Missing domain",
        ),
        owner=Owner.SENDER,
        summary="The sending side wrote an address the LMTP server cannot parse.",
        priority=SENDER,
    ),
)
