"""qmail's own wording (qmail-remote.c, qmail-local.c, qmail-smtpd.c, qmail-send.c), the
qmail-ldap and vpopmail (vdelivermail) patches, and netqmail / notqmail, as collected in
Sisimai's qmail decoder (lhost/via-qmail.go in sisimai/go-sisimai) and its sample bounces.

https://cr.yp.to/qmail.html
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule, Verdict

RULES: tuple[Rule, ...] = (
    Rule(
        id="qmail.does-not-like-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=("does not like recipient",),
        examples=(
            "<kijitora@example.jp>:\n192.0.2.153 does not like recipient.\n"
            "Remote host said: 550 sorry, no mailbox here by that name. (#5.1.1)\n"
            "Giving up on 192.0.2.153.",
            "192.0.2.153 does not like recipient. Remote host said: 550 5.1.1 "
            "<kijitora@example.jp>... User Unknown",
        ),
        summary="qmail's remote delivery: the receiving server refused the recipient at RCPT "
        "TO; its own words follow.",
        priority=-1,
    ),
    Rule(
        id="qmail.sorry-no-mailbox",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "sorry, no mailbox here by that name",
            "sorry, user unknown",
            "sorry, badrcptto",
            "your envelope recipient is in my badrcptto list",
            "this recipient is in my badrecipientto list",
            "this recipient is not in my validrcptto list",
            "sorry, your envelope recipient has been denied",
            "vdeliver: invalid or unknown virtual user",
            "invalid or unknown virtual user",
            # Sisimai UserUnknown: qmail's rcpthosts refusal where the patch names the user.
            "that domain or user isn't in my list of allowed rcpthosts",
        ),
        examples=(
            "550 sorry, no mailbox here by that name. (#5.1.1)",
            "553 sorry, your envelope recipient is in my badrcptto list (#5.7.1)",
            "553 sorry, that domain or user isn't in my list of allowed rcpthosts (#5.7.1)",
        ),
        summary="The receiving qmail has no such mailbox.",
        priority=2,
    ),
    Rule(
        id="qmail.rcpthosts",
        reason=Reason.NORELAYING,
        phrases=(
            "sorry, that domain isn't in my list of allowed rcpthosts",
            # Sisimai NoRelaying writes it without the final "s".
            "that domain isn't in my list of allowed rcpthost",
        ),
        examples=("553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)",),
        summary="qmail's rcpthosts: the server does not accept mail for that domain from you "
        "(relaying without authentication, or a wrong MX).",
        priority=9,
    ),
    Rule(
        # Sisimai SecurityError: qmail-smtpd with SMTP AUTH says why it will not relay, and
        # the missing authentication is the cause.
        id="qmail.rcpthosts-not-authenticated",
        reason=Reason.SECURITYERROR,
        phrases=("you don't authenticate or the domain isn't in my list of allowed rcpthosts",),
        examples=(
            "553 sorry, you don't authenticate or the domain isn't in my list of allowed "
            "rcpthosts (#5.7.1)",
        ),
        summary="qmail accepts mail for other domains only from authenticated clients: "
        "authenticate to your submission server, or check the recipient domain's MX.",
        priority=10,
    ),
    Rule(
        id="qmail.my-name-was-rejected",
        reason=Reason.BLOCKED,
        phrases=("but my name was rejected", "but greeting failed"),
        examples=(
            "Connected to 192.0.2.112 but my name was rejected.\n"
            "Remote host said: 501 5.0.0 Invalid domain name",
        ),
        summary="The receiving server refused your server's HELO name or its greeting: a "
        "block on your sending host.",
        priority=14,
    ),
    Rule(
        id="qmail.sender-was-rejected",
        reason=Reason.REJECTED,
        phrases=("but sender was rejected",),
        examples=(
            "Connected to 192.0.2.225 but sender was rejected.\n"
            "Remote host said: 550 5.7.1 <root@nijo.example.jp>... Access denied",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The receiving server refused your envelope sender at MAIL FROM.",
        priority=9,
    ),
    Rule(
        id="qmail.databytes",
        reason=Reason.MESGTOOBIG,
        phrases=(
            "that message size exceeds my databytes limit",
            "message size exceeds fixed maximum message size:",
        ),
        examples=("552 sorry, that message size exceeds my databytes limit (#5.3.4)",),
        summary="The message is larger than the receiving qmail's databytes limit.",
        priority=11,
    ),
    Rule(
        id="qmail.no-host",
        reason=Reason.HOSTUNKNOWN,
        phrases=(
            "sorry, i couldn't find any host named",
            "sorry, i couldn't find any host by that name",
        ),
        examples=("Sorry, I couldn't find any host named example.invalid. (#5.1.2)",),
        summary="qmail found no A or MX record for the recipient's domain.",
        priority=7,
    ),
    Rule(
        id="qmail.null-mx",
        reason=Reason.NOTACCEPT,
        phrases=("sorry, i couldn't find a mail exchanger or ip address",),
        examples=("Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)",),
        summary="The recipient's domain publishes a null MX: it accepts no mail.",
        priority=8,
    ),
    Rule(
        id="qmail.no-smtp-connection",
        reason=Reason.NETWORKERROR,
        phrases=(
            "sorry, i wasn't able to establish an smtp connection",
            "although i'm listed as a best-preference mx or a for that host",
        ),
        examples=(
            "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)\n"
            "I'm not going to try again; this message has been in the queue too long.",
        ),
        summary="qmail could not connect to any of the recipient domain's servers.",
        priority=7,
    ),
    Rule(
        id="qmail.ldap-errors",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "unable to contact ldap server",
            "temporary failure in ldap lookup",
            "timeout while performing search on ldap server",
            "automatic homedir creator crashed",
            "illegal value in ldap attribute",
            "ldap attribute is not given but mandatory",
            "temporary error in automatic homedir creation",
            "unable to login into ldap server",
            "too many results returned but needs to be unique",
            "error while executing qmail-forward",
            "bad interpreter: no such file or directory",
        ),
        examples=(
            "Unable to contact LDAP server. (#4.4.3)I'm not going to try again; this message "
            "has been in the queue too long.",
        ),
        summary="The receiving qmail-ldap installation failed internally.",
        priority=7,
    ),
    Rule(
        id="qmail.ldap-disabled",
        reason=Reason.SUSPEND,
        phrases=(
            "mailaddress is administratively disabled",
            "mailaddress is administrativly disabled",
            "account is locked email bounced",
        ),
        examples=(
            "vdelivermail: account is locked email bounced kijitora@neko2.example.co.jp (#5.2.1)",
            "550 Mailaddress is administratively disabled. (#5.2.1)",
        ),
        summary="The mailbox exists but has been disabled.",
        verdict=Verdict.INVALID,
        priority=8,
    ),
    Rule(
        id="qmail.ldap-size",
        reason=Reason.EXCEEDLIMIT,
        phrases=("the message exeeded the maximum size the user accepts",),
        examples=("552 The message exeeded the maximum size the user accepts. (#5.2.3)",),
        summary="The message is larger than this mailbox accepts.",
        priority=12,
    ),
    Rule(
        id="qmail.queue-too-long",
        reason=Reason.EXPIRED,
        phrases=("this message has been in the queue too long",),
        examples=(
            "I'm not going to try again; this message has been in the queue too long. (#4.4.7)",
        ),
        summary="qmail gave up after the queue lifetime; the last temporary error before it "
        "says why.",
        priority=2,
    ),
    Rule(
        id="qmail.disk-quota",
        reason=Reason.MAILBOXFULL,
        phrases=("disk quota exceeded", "user over quota. (#5.1.1)"),
        examples=("Sorry, disk quota exceeded. (#4.2.2)",),
        summary="The recipient's mailbox is over quota.",
        priority=8,
    ),
)
