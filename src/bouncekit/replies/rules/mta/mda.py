"""Local delivery agents' own error lines, as Sisimai's ``Sisimai::MDA`` recognises them in a
bounce's text: Dovecot LDA/LMTP, BSD mail.local, procmail, maildrop, vpopmail (vdelivermail)
and vmailmgr (vdeliver).

Agent-prefixed phrases outrank the generic "procmail:" / "vdelivermail:" rules: they say
which failure of the agent it was. These lines are written by the program that stores the message in the mailbox, after the MTA
accepted it; each agent prefixes its name, except Dovecot, whose rejection reads "Your message
to <user> was automatically rejected:" followed by the reason.

https://doc.dovecot.org/configuration_manual/protocols/lda/
https://man.freebsd.org/cgi/man.cgi?query=mail.local
"""

from __future__ import annotations

from bouncekit.replies.model import Reason, Rule

RULES: tuple[Rule, ...] = (
    Rule(
        id="mda.dovecot-mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "not enough disk space",
            "quota exceeded (mailbox for user is full)",
            "was automatically rejected: * quota exceeded",
        ),
        examples=(
            "Your message to <nekochan> was automatically rejected: Not enough disk space",
            "Quota exceeded (mailbox for user is full)",
        ),
        summary="Dovecot could not store the message: the recipient's mailbox is over quota.",
        # Above common.mailer-error: Postfix's pipe(8) quotes it after "Command output:".
        priority=8,
    ),
    Rule(
        id="mda.dovecot-no-mailbox",
        reason=Reason.USERUNKNOWN,
        phrases=("was automatically rejected: * mailbox doesn't exist:",),
        examples=(
            "Your message to <kijitora> was automatically rejected: "
            "Mailbox doesn't exist: kijitora",
        ),
        summary="Dovecot has no mailbox for the recipient.",
        priority=5,
    ),
    Rule(
        id="mda.mail-local-unknown-user",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "mail.local: unknown user:",
            "mail.local: * user unknown",
            "mail.local: * invalid mailbox path",
            "mail.local: * user missing home directory",
        ),
        examples=("mail.local: unknown user: kijitora",),
        summary="The local delivery program (mail.local) found no such user on the host.",
        priority=9,
    ),
    Rule(
        id="mda.mail-local-mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "mail.local: * disc quota exceeded",
            "mail.local: * mailbox full or quota exceeded",
        ),
        examples=("mail.local: /var/mail/kijitora: Disc quota exceeded",),
        summary="mail.local could not append to the mailbox: the user is over quota.",
        priority=9,
    ),
    Rule(
        id="mda.mail-local-write-error",
        reason=Reason.SYSTEMERROR,
        phrases=("mail.local: * temporary file write error",),
        examples=("mail.local: temporary file write error",),
        summary="mail.local failed writing its temporary file: a problem of the receiving host.",
        priority=9,
    ),
    Rule(
        id="mda.procmail-quota",
        reason=Reason.MAILBOXFULL,
        phrases=("procmail: * quota exceeded while writing",),
        examples=('procmail: Quota exceeded while writing "/var/mail/kijitora"',),
        summary="procmail could not write the message: the mailbox is over quota.",
        priority=9,
    ),
    Rule(
        id="mda.procmail-disk-full",
        reason=Reason.SYSTEMFULL,
        phrases=("procmail: * no space left to finish writing",),
        examples=('procmail: No space left to finish writing "/var/mail/kijitora"',),
        summary="procmail could not write the message: the receiving host's disk is full.",
        priority=9,
    ),
    Rule(
        id="mda.maildrop-unknown-user",
        reason=Reason.USERUNKNOWN,
        phrases=("maildrop: invalid user specified.", "maildrop: cannot find system user"),
        examples=("maildrop: Invalid user specified.",),
        summary="maildrop has no such local user.",
        priority=9,
    ),
    Rule(
        id="mda.maildrop-over-quota",
        reason=Reason.MAILBOXFULL,
        phrases=("maildrop: maildir over quota.",),
        examples=("maildrop: maildir over quota.",),
        summary="maildrop could not deliver: the Maildir is over quota.",
        priority=9,
    ),
    Rule(
        id="mda.vpopmail-no-mailbox",
        reason=Reason.USERUNKNOWN,
        phrases=("vdelivermail: sorry, no mailbox here by that name.",),
        examples=("vdelivermail: Sorry, no mailbox here by that name. (#5.1.1)",),
        summary="vpopmail has no such virtual mailbox.",
        priority=9,
    ),
    Rule(
        id="mda.vpopmail-catch-all",
        reason=Reason.FILTERED,
        # "account is locked email bounced" is qmail.ldap-disabled's (suspend), as Sisimai's
        # qmail decoder reads it.
        phrases=("vdelivermail: * user does not exist, but will deliver to",),
        examples=(
            "vdelivermail: user does not exist, but will deliver to /home/vpopmail/domains/x",
        ),
        summary="vpopmail has no such user and the domain's catch-all rule refused the message.",
        priority=9,
    ),
    Rule(
        id="mda.vpopmail-over-quota",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "vdelivermail: * domain is over quota",
            "vdelivermail: * user is over quota",
            # Sisimai MailboxFull: vpopmail's Maildir delivery over the user's or the domain's
            # disk quota.
            "maildir delivery failed: userdisk quota",
            "maildir delivery failed: domaindisk quota",
        ),
        examples=(
            "vdelivermail: user is over quota",
            "550 maildir delivery failed: userdisk quota 5000000 exceeded",
        ),
        summary="vpopmail could not deliver: the mailbox or the whole domain is over quota.",
        priority=9,
    ),
    Rule(
        id="mda.vmailmgr-unknown-user",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "vdeliver: invalid or unknown base user or domain",
            "vdeliver: invalid or unknown virtual user",
            "vdeliver: user name does not refer to a virtual user",
        ),
        examples=("vdeliver: Invalid or unknown virtual user 'kijitora'",),
        summary="vmailmgr has no such virtual user.",
        priority=9,
    ),
    Rule(
        id="mda.vmailmgr-quota",
        reason=Reason.MAILBOXFULL,
        phrases=("vdeliver: delivery failed due to system quota violation",),
        examples=("vdeliver: Delivery failed due to system quota violation",),
        summary="vmailmgr could not deliver: the user is over the system quota.",
        priority=9,
    ),
    Rule(
        id="mda.dovecot-lmtp-internal",
        reason=Reason.SYSTEMERROR,
        # lmtp-local.c: lmtp_user_concurrency_limit is the receiving host's own throttle of
        # deliveries into one mailbox, not a limit on the sending client.
        phrases=("too many concurrent deliveries for user", "proxying loops to itself"),
        examples=("451 4.3.0 <user@example.org> Too many concurrent deliveries for user",),
        summary="Dovecot's LMTP server deferred the delivery: too many deliveries into this "
        "mailbox at once, or a proxy misconfiguration.",
        priority=17,
    ),
    Rule(
        id="mda.cyrus-over-quota",
        reason=Reason.MAILBOXFULL,
        # Cyrus lmtpengine.c convert_lmtp(IMAP_QUOTA_EXCEEDED).
        phrases=("over quota",),
        statuses=("4.2.2", "5.2.2"),
        examples=("452 4.2.2 Over quota", "552 5.2.2 Over quota"),
        summary="Cyrus could not deliver: the mailbox is over its quota.",
        priority=9,
    ),
)
