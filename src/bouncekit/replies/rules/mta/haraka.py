"""Haraka's own wording: the defaults of its core (connection.js) and the replies of the plugins
it ships or lists as its own (npm Haraka 3.3.4 and its haraka-plugin-* packages).

A Haraka plugin answers ``next(DENY, msg)``; the core sends ``550 msg`` (``450`` for DENYSOFT,
``554`` at connect and DATA) and falls back to "sender <x> denied" or "HELO denied" when the
plugin gives no text. Replies built with haraka-dsn carry an RFC 3463 code ("550 5.7.23 ...").

https://github.com/haraka/Haraka
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule, Verdict

from .common import CAUSE, LIMIT, SENDER, STRONG, USER, WEAK

RULES: tuple[Rule, ...] = (
    # --- the connecting host ---------------------------------------------------------------
    Rule(
        # connection.js connect_respond; haraka-plugin-access (any blacklist); early_talker.
        id="haraka.not-welcome",
        reason=Reason.BLOCKED,
        phrases=("your mail is not welcome here", "you are not welcome here", "you talk too soon"),
        examples=(
            "554 Your mail is not welcome here",
            "554 You are not welcome here.",
            "554 You talk too soon",
        ),
        summary="Haraka refused the connection from your sending host (a blocklist, its access "
        "list, or your server talking before the greeting).",
        priority=STRONG,
    ),
    Rule(
        # haraka-plugin-dns-list check_backscatterer.
        id="haraka.backscatterer",
        reason=Reason.BLOCKED,
        phrases=("is listed by ips.backscatterer.org",),
        examples=("550 Host mail.example.com [192.0.2.1] is listed by ips.backscatterer.org",),
        summary="Your sending IP is on ips.backscatterer.org: it sent bounces or auto-replies "
        "to forged senders.",
        priority=STRONG,
    ),
    Rule(
        # connection.js lookup_rdns_respond; haraka-plugin-fcrdns; helo.checks big_company.
        id="haraka.rdns",
        reason=Reason.REQUIREPTR,
        phrases=(
            "rdns lookup failed",
            "rdns temporary failure",
            "rejected; no rdns",
            "rdns lookup error",
            "no fcrdns match found",
            "big company w/o rdns",
        ),
        examples=(
            "554 rDNS Lookup Failed",
            "421 rDNS Temporary Failure",
            "550 client [192.0.2.1] rejected; no rDNS",
            "450 client [192.0.2.1] rDNS lookup error (ETIMEOUT)",
            "550 Sorry, no FCrDNS match found",
            "550 Big company w/o rDNS? Unlikely.",
        ),
        summary="Haraka requires forward-confirmed reverse DNS for the sending IP.",
        priority=CAUSE,
    ),
    Rule(
        # haraka-plugin-fcrdns generic_rdns: a PTR name that looks like an access line.
        id="haraka.generic-rdns",
        reason=Reason.BLOCKED,
        phrases=("generic rdns, please use your isps smtp relay",),
        examples=(
            "550 client dsl-192-0-2-1.example.net [192.0.2.1] rejected; generic rDNS, please "
            "use your ISPs SMTP relay",
        ),
        summary="Your sending IP's reverse DNS looks like a dynamic or residential address.",
        priority=CAUSE + 1,
    ),
    Rule(
        # haraka-plugin-helo.checks: every check names the HELO it refuses.
        id="haraka.helo-checks",
        reason=Reason.BLOCKED,
        phrases=(
            "helo host host_mismatch(",
            "helo host name invalid",
            "helo host must be a fqdn or address literal",
            "helo/ehlo argument invalid",
            "that helo not allowed here",
            "helo host does not match rdns",
            "invalid address format in helo",
            "helo is dynamic",
            "you are not who you say you are",
            "helo ip literal not in the same /24",
            "helo ip literal does not match your ip",
            "invalid helo host cannot achieve forward dns match",
            "helo host has no forward dns match",
            "dns timeout resolving your helo hostname",
            "helo protocol mismatch",
            "ehlo protocol mismatch",
        ),
        examples=(
            "550 HELO host name invalid",
            "550 HELO host must be a FQDN or address literal (RFC 5321 2.3.5)",
            "501 5.5.4 HELO/EHLO argument invalid - HELO hostname contains non-ASCII characters "
            "(RFC 5321 2.3.5), closing connection",
            "550 Invalid address format in HELO",
            "550 HELO host has no forward DNS match",
            "550 You are not who you say you are",
        ),
        summary="Haraka's helo.checks refused the HELO/EHLO name your server gave: use its real, "
        "resolvable host name (the PTR name of the sending IP).",
        priority=STRONG + 2,
    ),
    Rule(
        # haraka-plugin-karma: the connection's accumulated score.
        id="haraka.karma",
        reason=Reason.BADREPUTATION,
        phrases=("very bad karma score",),
        examples=("550 very bad karma score: -12",),
        summary="Haraka's karma plugin scored this connection too low (history of your IP and "
        "domain, failed checks in this session).",
        priority=STRONG,
    ),
    Rule(
        # haraka-plugin-limit max_errors: the session is penalised after too many errors.
        id="haraka.limit-errors",
        reason=Reason.BLOCKED,
        phrases=("too many errors",),
        examples=("450 Too many errors",),
        priority=WEAK,
    ),
    Rule(
        # haraka-plugin-limit max_recipients.
        id="haraka.limit-recipients",
        reason=Reason.SPEEDING,
        phrases=("too many recipient attempts",),
        examples=("450 Too many recipient attempts",),
        priority=LIMIT,
    ),
    # --- the envelope sender ---------------------------------------------------------------
    Rule(
        # connection.js mail_respond: the default text of a MAIL FROM refusal.
        id="haraka.sender-denied",
        reason=Reason.REJECTED,
        phrases=("sender <*> denied",),
        examples=("550 sender <bounce@example.com> denied",),
        owner=Owner.SENDER,
        summary="A Haraka plugin refused your envelope sender (MAIL FROM) without saying why.",
        priority=SENDER,
    ),
    Rule(
        # haraka-plugin-mail_from.is_resolvable; haraka-plugin-access; auth_base; smtp_forward;
        # rcpt_to.host_list_base anti_spoof; qmail-deliverable for lists.
        id="haraka.sender-refused",
        reason=Reason.REJECTED,
        phrases=(
            "mx for your from address",
            "null mx: * does not send mail",
            "that sender cannot send mail here",
            "email from that domain is not accepted here",
            "doesn't match auth domain",
            "spoofed mail from",
            "is not allowed from your host",
            "mailing lists do not accept null senders",
        ),
        examples=(
            "550 No MX for your FROM address",
            "550 No valid MX for your FROM address",
            "550 5.7.27 Null MX: example.com does not send mail",
            "550 <bounce@example.com> That sender cannot send mail here",
            "550 Email from that domain is not accepted here.",
            "550 Envelope domain 'example.com' doesn't match AUTH domain 'example.net'",
            "550 Spoofed MAIL FROM",
            "550 Mail from domain 'example.org' is not allowed from your host",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Haraka refused your envelope sender: its domain has no usable MX, it is "
        "blacklisted, or it does not match the authenticated account or host.",
        priority=STRONG,
    ),
    Rule(
        # haraka-plugin-bounce: a bounce (null sender) the receiver judges invalid.
        id="haraka.bounce",
        reason=Reason.REJECTED,
        phrases=(
            "bounces not accepted here",
            "this bounce message has too many recipients",
            "bounce with non-empty return-path",
            "does not accept bounces",
            "invalid bounce",
        ),
        examples=(
            "550 Bounces not accepted here",
            "550 this bounce message has too many recipients",
            "550 bounce with non-empty Return-Path (RFC 3834)",
            "550 user@example.org does not accept bounces",
            "550 Invalid bounce (spoofed sender)",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="Haraka's bounce plugin refused a delivery status notification (null sender) "
        "as backscatter.",
        priority=LIMIT + 1,
    ),
    Rule(
        # haraka-plugin-spf with openspf_text: the reply is only the explanation URL.
        id="haraka.openspf-url",
        reason=Reason.AUTHFAILURE,
        phrases=("openspf.org/why?",),
        examples=(
            "550 5.7.1 http://www.openspf.org/Why?s=mfrom&id=bounce@example.com&ip=192.0.2.1",
        ),
        priority=CAUSE,
    ),
    # --- the recipient ---------------------------------------------------------------------
    Rule(
        # connection.js rcpt_respond: no rcpt_to plugin accepted the domain (not hosted here,
        # and you may not relay).
        id="haraka.cannot-deliver",
        reason=Reason.NORELAYING,
        phrases=("i cannot deliver mail for <",),
        examples=("550 I cannot deliver mail for <user@example.org>",),
        summary="This Haraka server does not accept mail for the recipient's domain: it is not "
        "hosted there and relaying is not allowed. Check the domain's MX records.",
        priority=SENDER,
    ),
    Rule(
        # haraka-plugin-relay dest_domains; haraka-plugin-qmail-deliverable "not local".
        id="haraka.relay",
        reason=Reason.NORELAYING,
        phrases=("mail for that recipient is not accepted here", "550 not local"),
        examples=("550 Mail for that recipient is not accepted here.", "550 not local"),
        priority=SENDER,
    ),
    Rule(
        # haraka-plugin-qmail-deliverable: qmail-deliverabled says the address has no mailbox.
        id="haraka.not-deliverable",
        reason=Reason.USERUNKNOWN,
        phrases=("550 not deliverable",),
        examples=("550 not deliverable",),
        priority=USER,
    ),
    Rule(
        # haraka-plugin-access rcpt_to blacklist: the receiver refuses mail for this address.
        id="haraka.recipient-not-allowed",
        reason=Reason.FILTERED,
        phrases=("that recipient is not allowed",),
        examples=("550 <user@example.org> That recipient is not allowed",),
        verdict=Verdict.UNKNOWN,
        priority=STRONG,
    ),
    # --- the message -----------------------------------------------------------------------
    Rule(
        # connection.js: bare LF in DATA, and the MIME part limit.
        id="haraka.message-format",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=(
            "haraka.github.io/barelf",
            "header allowed. see rfc 5322",
            "required header '*' missing",
            "must not have a return-path header",
            "the date header could not be parsed",
        ),
        examples=(
            "451 Bare line-feed; see https://haraka.github.io/barelf/",
            "550 Only one From header allowed. See RFC 5322, Section 3.6",
            "550 Required header 'Date' missing",
            "550 outgoing mail must not have a Return-Path header (RFC 5321)",
            "550 The Date header could not be parsed",
        ),
        priority=STRONG + 2,
    ),
    Rule(
        # connection.js MIME parts; haraka-plugin-headers date and Delivered-To checks.
        id="haraka.message-content",
        reason=Reason.CONTENTERROR,
        phrases=(
            "transaction failed due to too many mime parts",
            "the date header is too far in the future",
            "the date header is too old",
            "invalid delivered-to header content",
        ),
        examples=(
            "554 Transaction failed due to too many MIME parts",
            "550 The Date header is too old",
            "550 Invalid Delivered-To header content",
        ),
        priority=STRONG,
    ),
    Rule(
        # connection.js: a command line over 512 octets.
        id="haraka.line-too-long",
        reason=Reason.SYNTAXERROR,
        phrases=("command line too long",),
        examples=("521 Command line too long",),
        priority=STRONG + 1,
    ),
    Rule(
        # plugins/data.signatures.js; haraka-plugin-headers from_phish.
        id="haraka.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("mail matches a known spam signature", "phishing message appears to impersonate"),
        examples=(
            "550 Mail matches a known spam signature",
            "550 Phishing message appears to impersonate paypal.com",
        ),
        priority=STRONG + 1,
    ),
    Rule(
        # haraka-plugin-attachment; plugins/prevent_credential_leaks.js.
        id="haraka.policy",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=(
            "message contains disallowed file extension",
            "message contains unacceptable content type",
            "message contains unacceptable attachment",
            "credential leak detected",
        ),
        examples=(
            "550 Message contains disallowed file extension (exe)",
            "550 Message contains unacceptable attachment (invoice.exe)",
            "550 Credential leak detected: never give out your username/password to anyone!",
        ),
        priority=STRONG + 1,
    ),
    # --- the receiving system --------------------------------------------------------------
    Rule(
        # Deferrals for the receiver's own faults: its resolver, its scanners, its greylist
        # database, qmail-deliverabled.
        id="haraka.local-failure",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "temp. resolver error",
            "backend failure. please, retry later",
            "spamd scan error",
            "spamd connect timeout",
            "spamd scan timeout",
            "error connecting to virus scanner",
            "virus scanner error",
            "virus scanner timeout",
            "temporarily undeliverable: group/world writable",
            "temporarily undeliverable: sticky home directory",
            "error communicating with qmail-deliverabled",
            "outbound is unavailable",
        ),
        examples=(
            "450 Temp. resolver error (ETIMEOUT)",
            "450 4.7.0 Backend failure. Please, retry later or contact our support.",
            "450 spamd scan error",
            "450 Error connecting to virus scanner",
            "450 Virus scanner error (AVG)",
            "450 error communicating with qmail-deliverabled.",
        ),
        summary="The receiving Haraka server could not complete a check of its own (DNS "
        "resolver, spam or virus scanner, database); it will accept a later retry.",
        priority=STRONG + 4,
    ),
)
