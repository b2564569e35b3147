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
    # --- qmail-smtpd.c, qmail.c (qmail_close), qmail-remote.c, qmail-local.c (notqmail) -----
    Rule(
        id="qmail.badmailfrom",
        reason=Reason.REJECTED,
        phrases=("your envelope sender is in my badmailfrom list",),
        examples=("553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="qmail's control/badmailfrom lists your envelope sender or its domain.",
        priority=12,
    ),
    Rule(
        id="qmail.bare-lf",
        reason=Reason.NOTCOMPLIANTRFC,
        # qmail-smtpd.c straynewline(): a bare LF in the message.
        phrases=("docs/smtplf.html",),
        examples=("451 See http://pobox.com/~djb/docs/smtplf.html.",),
        summary="The message had a line ending in a bare LF; SMTP requires CRLF.",
        priority=12,
    ),
    Rule(
        id="qmail.address-too-long",
        reason=Reason.SYNTAXERROR,
        phrases=("envelope address too long for qq", "sorry, you must specify a domain"),
        examples=(
            "554 envelope address too long for qq (#5.1.3)",
            "550 5.1.2 sorry, you must specify a domain (chkuser)",
        ),
        summary="The envelope address was too long, or had no domain.",
        priority=8,
    ),
    Rule(
        id="qmail.queue-virus",
        reason=Reason.VIRUSDETECTED,
        # indimail's qmail_close: exit 33 of the qmail-queue scanner.
        phrases=("message contains virus",),
        examples=("554 Message contains virus (#5.7.1)",),
        summary="The receiving qmail's virus scanner found a virus in the message.",
        priority=12,
    ),
    Rule(
        id="qmail.dns-temporary",
        reason=Reason.NETWORKERROR,
        phrases=(
            "cname lookup failed temporarily",
            "dns temporary failure (chkuser)",
            "temporary rbl lookup error",
        ),
        examples=(
            "CNAME lookup failed temporarily. (#4.4.3)",
            "451 4.4.0 DNS temporary failure (chkuser)",
            "451 temporary RBL lookup error",
        ),
        summary="A temporary DNS failure on the qmail side.",
        priority=8,
    ),
    Rule(
        id="qmail.local-delivery-errors",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "uh-oh: home directory is writable",
            "uh-oh: .qmail file is writable",
            "unable to chdir to maildir",
            "temporary error on maildir delivery",
            "home directory is sticky",
        ),
        examples=(
            "Uh-oh: home directory is writable. (#4.7.0)",
            "Unable to chdir to maildir. (#4.2.1)",
            "Temporary error on maildir delivery. (#4.3.0)",
        ),
        summary="qmail-local could not deliver because of the receiving host's setup "
        "(permissions, a missing Maildir).",
        priority=9,
    ),
    Rule(
        id="qmail.chkuser-abuse",
        reason=Reason.TOOMANYCONN,
        # chkuser: too many recipients, or too many unknown ones, in one session.
        phrases=("you are violating our security policies",),
        examples=("550 5.7.1 sorry, you are violating our security policies (chkuser)",),
        summary="chkuser refuses further recipients in this session (too many, or too many "
        "unknown).",
        priority=16,
    ),
    # --- spamdyke (spamdyke.h): 421 temporary, 554 permanent ----------------------------------
    Rule(
        id="qmail.spamdyke-timeout",
        reason=Reason.NETWORKERROR,
        phrases=("timeout. talk faster next time",),
        examples=("421 Timeout. Talk faster next time.",),
        summary="spamdyke's idle timeout ended the session.",
        priority=8,
    ),
    Rule(
        id="qmail.spamdyke-protocol",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "refused. you are not following the smtp protocol",
            "refused. you must specify at least one valid recipient",
            "improper recipient address. try supplying a domain name",
        ),
        examples=(
            "554 Refused. You are not following the SMTP protocol.",
            "554 Improper recipient address. Try supplying a domain name.",
        ),
        summary="spamdyke refused the SMTP session: the client talked before its turn or sent "
        "no usable recipient.",
        priority=12,
    ),
    Rule(
        id="qmail.spamdyke-sender",
        reason=Reason.REJECTED,
        phrases=(
            "refused. the domain of your sender address has no mail exchanger",
            "refused. identical sender and recipient addresses are not allowed",
            "refused. mail for your sender domain is not hosted here",
            "refused. your sender address does not match your authentication username",
        ),
        examples=(
            "421 Refused. The domain of your sender address has no mail exchanger (MX).",
            "554 Refused. Identical sender and recipient addresses are not allowed.",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="spamdyke refused your envelope sender.",
        priority=12,
    ),
    Rule(
        id="qmail.spamdyke-relaying",
        reason=Reason.NORELAYING,
        phrases=("refused. sending to remote addresses (relaying) is not allowed",),
        examples=("554 Refused. Sending to remote addresses (relaying) is not allowed.",),
        summary="spamdyke refused to relay: authenticate, or check the recipient domain's MX.",
        priority=12,
    ),
    Rule(
        id="qmail.spamdyke-recipient-refused",
        reason=Reason.SUSPEND,
        phrases=(
            "refused. mail is not being accepted at this address",
            "refused. the recipient is not accepting mail right now",
        ),
        examples=(
            "554 Refused. Mail is not being accepted at this address.",
            "554 Refused. The recipient is not accepting mail right now.",
        ),
        summary="spamdyke refuses mail for this recipient (its recipient blacklist or "
        "availability setting).",
        no_verdict=True,
        priority=12,
    ),
    Rule(
        id="qmail.spamdyke-content",
        reason=Reason.SPAMDETECTED,
        phrases=("refused. your message has been blocked due to its content",),
        examples=("554 Refused. Your message has been blocked due to its content.",),
        summary="spamdyke's header blacklist matched the message.",
        priority=12,
    ),
)
