"""Gmail and Google Workspace.

Google documents its SMTP replies at https://support.google.com/a/answer/3726730 ("Gmail SMTP
errors and codes"); every entry of that table, as the page printed it on 2026-02-12 and in its
2023-2024 wording, is judged in ``tests/replies/data/provider_tables/google.jsonl``. The sender
guidelines, with the 2024 bulk-sender requirements, are at
https://support.google.com/mail/answer/81126. Every Gmail reply ends in ``- gsmtp``; replies
from an administrator's own rules also carry ``gcdp``. Reasons follow Sisimai's
``Rhost/Google`` table; where a rule departs from it, its comment says why.

Gmail wraps long replies over several ``550-5.7.1`` lines, so phrases are kept short enough to
sit on one line of the wrapped reply.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule, Verdict

DOCS = "https://support.google.com/a/answer/3726730"
GUIDELINES = "https://support.google.com/mail/answer/81126"
POSTMASTER = "https://postmaster.google.com/"
SMTP_ERRORS = "https://support.google.com/a/answer/3221692"
RELAY_ERRORS = "https://support.google.com/a/answer/6140680"

PROVIDER = Provider(
    key="google",
    name="Gmail / Google Workspace",
    host_suffixes=(".google.com", ".googlemail.com", ".gmail.com"),
    # Besides gsmtp and Google's help URLs: wording that names Gmail or Google, and the titles
    # of Google's help pages that the published table prints where a live reply has the URL.
    markers=(
        "gsmtp",
        "- gcdp",
        "support.google.com/mail",
        "support.google.com/a/",
        "support.google.com/a?",
        "gmail requires",
        "gmail has detected",
        "spam sent to gmail",
        "why has gmail blocked my messages",
        "exceeded google's",
        "exceeds google's",
        "google's sending limits",
        "gmail sending limits",
        "gmail receiving limits",
        "gmail message header limits",
        "file types blocked in gmail",
        "send attachments with your gmail message",
        "your google drive storage",
        "your google account",
        "add gmail to another email client",
        "smtp relay spam policy in gmail",
        "mechanism for google developers",
        "prevent mail to gmail users",
        "workspace smtp relay",
        "your workspace account",
        "smtp relay service error messages",
        "limits for sending & getting email",
        "limits for sending & getting mail",
        "go to about smtp error messages",
        "go to email sender guidelines",
        "visit email sender guidelines",
        "go to helo/ehlo email error",
        "go to fix bounced or rejected emails",
        "allowlists, denylists, and approved senders",
        "go to email encryption in transit",
        "go to message bounced due to a policy rule",
        "control unauthenticated mail from your domain",
        "control unauthenticated email from your domain",
        "a policy is in place that prevents your message",
        "go to sign in with app passwords",
        "turn on dkim for your domain",
        "define your spf record",
        "not authorized to send email directly to our servers",
    ),
    docs_url=DOCS,
)

_POSTMASTER_TOOLS = Action(
    "Check your domain and IP reputation and spam rate in Google Postmaster Tools (keep the "
    "spam rate under 0.1%, never above 0.3%).",
    url=POSTMASTER,
)
_SENDER_GUIDELINES = Action(
    "Follow Google's email sender guidelines: SPF and DKIM for everyone; DMARC, alignment and "
    "one-click unsubscribe above 5,000 messages a day.",
    url=GUIDELINES,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="google.5.1.1-no-such-user",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "the email account that you tried to reach does not exist",
            "p=nosuchuser",
        ),
        examples=(
            "550-5.1.1 The email account that you tried to reach does not exist. Please try "
            "550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 "
            "unnecessary spaces. Learn more at 550 5.1.1 "
            "https://support.google.com/mail/?p=NoSuchUser 41si5237478qtr.44 - gsmtp",
        ),
        summary="Gmail has no account with this address.",
        docs_url="https://support.google.com/mail/answer/6596",
    ),
    # Sisimai calls this userunknown; the reply says the domain, not the mailbox, is missing.
    Rule(
        id="google.5.1.2-bad-recipient-domain",
        reason=Reason.HOSTUNKNOWN,
        phrases=("we weren't able to find the recipient domain", "p=badrcptdomain"),
        examples=(
            "553-5.1.2 We weren't able to find the recipient domain. Please check for any "
            "553-5.1.2 spelling errors, and make sure you didn't enter any spaces, periods, "
            "553-5.1.2 or other punctuation after the recipient's email address. "
            "553 5.1.2 https://support.google.com/mail/?p=BadRcptDomain a1si123456pgb.2 - gsmtp",
        ),
        summary="The domain of the recipient address does not exist; it is usually a typo.",
        docs_url=DOCS,
    ),
    Rule(
        id="google.5.1.3-invalid-recipient-address",
        reason=Reason.USERUNKNOWN,
        phrases=("the recipient address * is not a valid rfc 5321 address",),
        examples=(
            "553 5.1.3 The recipient address address is not a valid RFC 5321 address. For more "
            "information, go to About SMTP error messages and review RFC 5321 specifications.",
        ),
        summary="The recipient address is not a valid address at all (RFC 5321 syntax).",
        docs_url=SMTP_ERRORS,
    ),
    # Sisimai calls this notcompliantrfc; the reply is about the sender's own envelope address,
    # so it is the sender's to fix and says nothing about the recipient.
    Rule(
        id="google.5.1.7-invalid-sender-address",
        reason=Reason.REJECTED,
        phrases=("the sender address * is not a valid rfc 5321 address",),
        examples=(
            "553 5.1.7 The sender address address is not a valid RFC 5321 address. For more "
            "information, go to About SMTP error messages and review RFC 5321 specifications.",
        ),
        summary="Your envelope sender (MAIL FROM) is not a valid RFC 5321 address.",
        docs_url=SMTP_ERRORS,
    ),
    Rule(
        id="google.5.2.1-disabled",
        reason=Reason.SUSPEND,
        phrases=(
            "account that you tried to reach is disabled",
            "account that you tried to reach is inactive",
            "p=disableduser",
        ),
        examples=(
            "550-5.2.1 The email account that you tried to reach is disabled. Learn more at "
            "550 5.2.1 https://support.google.com/mail/?p=DisabledUser 000000000000eee.000 - gsmtp",
            "550-5.2.1 The email account that you tried to reach is inactive. For more "
            "550-5.2.1 information, go to 550 5.2.1 "
            "https://support.google.com/mail/?p=DisabledUser "
            "d2si1234567qkf.220 - gsmtp",
        ),
        summary="The Gmail account exists but is disabled or inactive; such accounts rarely "
        "come back.",
        docs_url=DOCS,
    ),
    Rule(
        id="google.4.2.1-receiving-too-fast",
        reason=Reason.SPEEDING,
        phrases=(
            "is receiving mail too quickly",
            "is receiving email too quickly",
            "is receiving mail at a rate that",
            "is receiving email at a rate that",
            "prevents additional messages from being delivered",
            "p=receivingrate",
        ),
        examples=(
            "450-4.2.1 The user you are trying to contact is receiving mail too quickly. "
            "450-4.2.1 Please resend your message at a later time. If the user is able to "
            "450-4.2.1 receive mail at that time, your message will be delivered. For more "
            "450 4.2.1 information, visit https://support.google.com/mail/answer/22839 "
            "u5si1234567pgi.10 - gsmtp",
            "550-5.2.1 The user you are trying to contact is receiving mail at a rate that "
            "550-5.2.1 prevents additional messages from being delivered. For more "
            "550 5.2.1 information, go to https://support.google.com/mail/?p=ReceivingRatePerm "
            "k4si1234567pfa.99 - gsmtp",
        ),
        summary="This one Gmail recipient is getting more mail than Gmail lets through; "
        "it is a limit on the recipient, not a block on you.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.RISKY,
        retry=Retry.LATER,
        docs_url="https://support.google.com/mail/answer/22839",
    ),
    Rule(
        id="google.4.2.1-relay-limit",
        reason=Reason.SPEEDING,
        phrases=(
            "peak smtp relay limit exceeded",
            "daily smtp relay limit exceeded",
            "daily smtp relay sending limit exceeded",
            "daily user sending limit exceeded",
            "daily sending quota exceeded",
        ),
        examples=(
            "450-4.2.1 Peak SMTP relay limit exceeded for customer. This is a temporary "
            "450-4.2.1 error. For more information on SMTP relay limits, please contact your "
            "450 4.2.1 administrator or visit https://support.google.com/a/answer/6140680 "
            "b3sm123456qkd.44 - gsmtp",
            "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail "
            "550-5.4.5 sending limits go to 550 5.4.5 "
            "https://support.google.com/a/answer/166852 h1sm1234567pfh.11 - gsmtp",
            "550 5.7.1 Daily SMTP relay sending limit exceeded for this customer. For more "
            "information on SMTP relay sending limits, contact your administrator or visit SMTP "
            "relay service error messages.",
        ),
        summary="Your Google Workspace account or SMTP relay went over its sending limit.",
        actions=(
            Action(
                "Spread sending over time or move bulk mail to a dedicated sending service; "
                "Workspace limits are per user and per day.",
                url="https://support.google.com/a/answer/166852",
            ),
        ),
        docs_url="https://support.google.com/a/answer/166852",
    ),
    Rule(
        id="google.5.2.2-over-quota",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "inbox is out of storage space",
            "you tried to reach is over quota",
            "p=overquotatemp",
            "p=overquotaperm",
        ),
        examples=(
            "552-5.2.2 The recipient's inbox is out of storage space and inactive. Please "
            "552-5.2.2 direct the recipient to 552 5.2.2 "
            "https://support.google.com/mail/?p=OverQuotaPerm c2-202229zmZBNM3agi23.222 - gsmtp",
            "452-4.2.2 The recipient's inbox is out of storage space. Please direct the "
            "452-4.2.2 recipient to 452 4.2.2 https://support.google.com/mail/?p=OverQuotaTemp "
            "q7si1234567ejd.321 - gsmtp",
        ),
        summary="The recipient's Google storage (Gmail, Drive and Photos together) is full.",
        docs_url=DOCS,
    ),
    Rule(
        id="google.4.7.0-low-reputation",
        reason=Reason.BADREPUTATION,
        phrases=(
            "very low reputation of the sending",
            "low reputation of the sending domain",
            "low reputation of the sending ip",
        ),
        examples=(
            "550-5.7.1 [192.0.2.22 18] Our system has detected that this message is 550-5.7.1 "
            "likely suspicious due to the very low reputation of the sending IP 550-5.7.1 "
            "address. To best protect our users from spam, the message has been 550-5.7.1 "
            "blocked. Please visit 550 5.7.1 https://support.google.com/mail/answer/188131 for "
            "more information. p22nn000202cat.22 - gsmtp",
            "421-4.7.0 This message is suspicious due to the very low reputation of the "
            "421-4.7.0 sending domain. To best protect our users from spam, the message has "
            "421-4.7.0 been blocked. For more information, go to 421 4.7.0 "
            "https://support.google.com/mail/answer/188131 a2si1234567plb.33 - gsmtp",
        ),
        summary="Gmail rates your sending IP or domain so low that it refuses or defers the mail.",
        actions=(_POSTMASTER_TOOLS, _SENDER_GUIDELINES),
        docs_url="https://support.google.com/mail/answer/188131",
    ),
    Rule(
        id="google.4.7.28-unusual-rate-temporary",
        reason=Reason.BLOCKED,
        phrases=(
            "gmail has detected an unusual",
            "unusual rate of unsolicited",
            "an unusual rate of mail",
            "an unusual rate of email",
            "p=unsolicitedratelimiterror",
        ),
        replycodes=("4",),
        examples=(
            "421-4.7.28 Gmail has detected an unusual rate of unsolicited mail originating "
            "421-4.7.28 from your IP address 192.0.2.25. To protect our users from spam, mail "
            "421-4.7.28 sent from your IP address has been temporarily rate limited. To review "
            "421-4.7.28 our bulk email senders guidelines, go to 421 4.7.28 "
            "https://support.google.com/mail/?p=UnsolicitedRateLimitError "
            "a2-20020a056e020e0200b0035fd3c5ebb7si14548849ilk.227 - gsmtp",
            "421-4.7.0 Our system has detected an unusual rate of unsolicited mail "
            "421-4.7.0 originating from your IP address. To protect our users from spam, "
            "421-4.7.0 mail sent from your IP address has been temporarily blocked. "
            "421 4.7.0 https://support.google.com/mail/answer/81126 v9si123456qtb.40 - gsmtp",
            "421 4.7.28 Gmail has detected an unusual rate of unsolicited email containing one "
            "of your URL domains. To protect our users from spam, email with the URL has been "
            "temporarily rate limited. To review our bulk email senders guidelines, go to Email "
            "sender guidelines.",
        ),
        summary="Gmail is rate-limiting mail from your IP, netblock, DKIM or SPF domain, or with "
        "one of your URL domains, because much of it looks unsolicited; it clears when the "
        "complaints and spam stop.",
        retry=Retry.LATER,
        actions=(_POSTMASTER_TOOLS, _SENDER_GUIDELINES),
        docs_url="https://support.google.com/mail/?p=UnsolicitedRateLimitError",
    ),
    Rule(
        id="google.5.7.28-unusual-rate",
        reason=Reason.BLOCKED,
        phrases=("unusual rate of unsolicited", "p=unsolicitedratelimiterror"),
        replycodes=("5",),
        examples=(
            "550-5.7.28 There is an unusual rate of unsolicited mail originating from "
            "550-5.7.28 your IP address. To protect our users from spam, mail sent from your "
            "550-5.7.28 IP address has been blocked. To review our bulk email senders "
            "550 5.7.28 guidelines, go to https://support.google.com/mail/answer/81126 "
            "o6si1234567pgc.92 - gsmtp",
        ),
        summary="Gmail blocks mail from your IP because much of it looked unsolicited.",
        actions=(_POSTMASTER_TOOLS, _SENDER_GUIDELINES),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.5.7.26-unauthenticated",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "unauthenticated email from",
            "the sender is unauthenticated",
            "rate limited because it is unauthenticated",
            "senders to authenticate with either spf or dkim",
            "fails to pass authentication checks",
            "does not have authentication information",
            "is not accepted due to domain's dmarc policy",
            "has an spf record with a hard fail policy",
            "p=dmarcrejection",
        ),
        examples=(
            "550-5.7.26 Unauthenticated email from libsisimai.org is not accepted due to domain's "
            "550-5.7.26 DMARC policy. Please contact the administrator of libsisimai.org domain "
            "550-5.7.26 if this was a legitimate mail. To learn about the DMARC initiative, go "
            "550-5.7.26 to 550 5.7.26 https://support.google.com/mail/?p=DmarcRejection - gsmtp",
            "550-5.7.26 This mail has been blocked because the sender is unauthenticated. "
            "550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM. "
            "550-5.7.26 550-5.7.26 Authentication results: 550-5.7.26 DKIM = did not pass "
            "550-5.7.26 SPF [relay3.example.com] with ip: [192.0.2.22] = did not pass "
            "550-5.7.26 550-5.7.26 For instructions on setting up authentication, go to "
            "550 5.7.26 https://support.google.com/mail/answer/81126#authentication "
            "c2-202200202020202020222222cat.127 - gsmtp",
            "421-4.7.26 This mail has been rate limited because it is unauthenticated. Gmail "
            "421-4.7.26 requires all senders to authenticate with either SPF or DKIM. "
            "421-4.7.26 Authentication results: DKIM = did not pass SPF [example.com] with ip: "
            "421-4.7.26 [192.0.2.25] = did not pass 421 4.7.26 "
            "https://support.google.com/mail/answer/81126#authentication x8si123.55 - gsmtp",
        ),
        summary="Gmail refused the message because it failed authentication: neither SPF nor "
        "DKIM passed, or DMARC failed for the From domain.",
        actions=(_SENDER_GUIDELINES,),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.5.7.26-any",
        reason=Reason.AUTHFAILURE,
        phrases=("gsmtp",),
        statuses=("4.7.26", "5.7.26"),
        examples=(
            "550-5.7.26 The MAIL FROM domain [example.com] has an SPF record with a hard "
            "550-5.7.26 fail policy (-all) but it fails to pass SPF checks with the ip: "
            "550-5.7.26 [192.0.2.25]. To best protect our users from spam and phishing, the "
            "550-5.7.26 message has been blocked. For more information, go to 550 5.7.26 "
            "https://support.google.com/mail/answer/81126#authentication r4si1234.77 - gsmtp",
        ),
        summary="Gmail's 5.7.26 always means failed authentication (SPF, DKIM or DMARC).",
        actions=(_SENDER_GUIDELINES,),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.5.7.27-spf",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "senders to authenticate with spf",
            "authenticate their email with spf",
            "spf authentication didn't pass",
            "didn't pass spf authentication",
            "because spf does not pass",
            "the spf record of the sending domain",
        ),
        examples=(
            "421-4.7.27 Your email has been rate limited because SPF authentication didn't "
            "421-4.7.27 pass for this message. Gmail requires all bulk email senders to "
            "421-4.7.27 authenticate their email with SPF. Authentication results: SPF "
            "421-4.7.27 [example.com] with ip: [192.0.2.25] = Did not pass 421 4.7.27 "
            "https://support.google.com/mail/answer/81126#authentication q2si1.140 - gsmtp",
            "550-5.7.27 This mail has been blocked because the sender is not authenticated "
            "550-5.7.27 with SPF. Gmail requires all large senders to authenticate with SPF. "
            "550-5.7.27 Authentication results: SPF [example.com] with ip: [192.0.2.25] = did "
            "550-5.7.27 not pass 550 5.7.27 https://support.google.com/mail/answer/81126 "
            "m7si12345.21 - gsmtp",
        ),
        statuses=("4.7.27", "5.7.27", "4.7.24", "5.7.24"),
        summary="The message did not pass SPF, which Gmail requires of bulk senders.",
        actions=(
            Action(
                "Add the sending IP or your provider's include: to the SPF record of the "
                "envelope (MAIL FROM) domain, and stay under 10 DNS lookups.",
                command="dig +short TXT YOUR-DOMAIN",
            ),
            _SENDER_GUIDELINES,
        ),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.4.7.30-dkim",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "senders to authenticate with dkim",
            "authenticate their email with dkim",
            "dkim authentication didn't pass",
            "didn't pass dkim authentication",
            "because dkim does not pass",
        ),
        examples=(
            "421-4.7.30 Your email has been rate limited because DKIM authentication didn't "
            "421-4.7.30 pass for this message. Gmail requires all email bulk senders to "
            "421-4.7.30 authenticate their email with DKIM. Authentication results: DKIM = "
            "421-4.7.30 Did not pass. 421 4.7.30 "
            "https://support.google.com/mail/answer/81126#authentication g5si1.63 - gsmtp",
            "550-5.7.30 This mail has been blocked because DKIM does not pass. Gmail requires "
            "550-5.7.30 all large senders to authenticate with DKIM. Authentication results: "
            "550-5.7.30 DKIM = did not pass. 550 5.7.30 "
            "https://support.google.com/mail/answer/81126#authentication e1si1.8 - gsmtp",
            # The table of 2024 printed this reply under 4.7.28.
            "421 4.7.28 This mail has been rate limited because DKIM does not pass. Gmail "
            "requires all large senders to authenticate with DKIM. Authentication results: DKIM "
            "= did not pass. For instructions on setting up DKIM authentication, go to Turn on "
            "DKIM for your domain.",
        ),
        summary="The message carried no valid DKIM signature, which Gmail requires of bulk "
        "senders.",
        actions=(
            Action(
                "Sign every message with DKIM for your From domain and publish the key.",
                command="dig +short TXT SELECTOR._domainkey.YOUR-DOMAIN",
            ),
            _SENDER_GUIDELINES,
        ),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.4.7.32-alignment",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "aligned with either the authenticated spf or dkim",
            "isn't aligned with either",
        ),
        examples=(
            "421-4.7.32 Your email has been rate limited because the From: header (RFC5322) "
            "421-4.7.32 in this message isn't aligned with either the authenticated SPF or "
            "421-4.7.32 DKIM organizational domain. To best protect our users from spam, the "
            "421-4.7.32 message has been blocked. 421 4.7.32 "
            "https://support.google.com/mail/answer/81126#authentication j3si1.12 - gsmtp",
        ),
        summary="The From domain matches neither the SPF nor the DKIM domain (DMARC "
        "alignment), which Gmail requires of bulk senders.",
        # 421 5.7.32 is as the table prints it: a permanent status under a temporary code.
        actions=(
            Action(
                "Sign with DKIM d= your From domain, or send with an envelope (Return-Path) "
                "on your From domain, so that DMARC aligns.",
                command="dig +short TXT _dmarc.YOUR-DOMAIN",
            ),
            _SENDER_GUIDELINES,
        ),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.4.7.40-no-dmarc-record",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "doesn't have a dmarc record",
            "add a dmarc record to their sending domain",
        ),
        examples=(
            "421 4.7.40 Your email has been rate limited because the sending domain doesn't "
            "have a DMARC record, or the DMARC record doesn't specify a DMARC policy. Gmail "
            "requires all bulk email senders to add a DMARC record to their sending domain. See "
            "Set up DMARC. To learn more about Gmail requirements for bulk email senders, visit "
            "Email sender guidelines.",
            "550 5.7.40 Your message was blocked because the sending domain doesn't have a "
            "DMARC record or the DMARC record doesn't specify a DMARC policy. Gmail requires "
            "all bulk email senders to add a DMARC record to their sending domain. See Set up "
            "DMARC. To learn more about Gmail requirements for bulk email senders, visit Email "
            "sender guidelines.",
        ),
        summary="Your From domain publishes no DMARC record (or one without a policy), which "
        "Gmail requires of bulk senders.",
        actions=(
            Action(
                "Publish a DMARC record for the From domain; p=none is enough to start.",
                command="dig +short TXT _dmarc.YOUR-DOMAIN",
                url="https://support.google.com/a/answer/2466563",
            ),
            _SENDER_GUIDELINES,
        ),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.4.7.23-ptr",
        reason=Reason.REQUIREPTR,
        phrases=(
            "does not have a ptr record",
            "doesn't have a ptr record",
            "have a ptr record, or the ptr record",
            "does not match the ip address of the hostname",
            "ipv6 sending guidelines regarding ptr",
        ),
        examples=(
            "550-5.7.25 [2001:db8::25] The IP address sending this message does not have a "
            "550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not "
            "550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages "
            "550-5.7.25 from IPs with missing PTR records. 550 5.7.25 "
            "https://support.google.com/mail/answer/81126#ip-practices w4si1.57 - gsmtp",
            "421-4.7.23 The sending IP address for this message doesn't have a PTR record, "
            "421-4.7.23 or the PTR record's forward DNS entry doesn't match the sending IP "
            "421-4.7.23 address. To protect users from spam, your email has been temporarily "
            "421 4.7.23 rate limited. https://support.google.com/mail/answer/81126 a1si1.2 - gsmtp",
        ),
        summary="The sending IP has no PTR record, or its name does not resolve back to it.",
        docs_url="https://support.google.com/mail/answer/81126#ip-practices",
    ),
    Rule(
        id="google.4.7.29-tls",
        reason=Reason.FAILEDSTARTTLS,
        phrases=(
            "senders to use tls/ssl",
            "over a tls connection",
            "not using a tls connection",
            "because tls wasn't used",
            "tls required for rcpt domain",
            "must issue a starttls command first",
        ),
        examples=(
            "421-4.7.29 Your email has been rate limited because this message wasn't sent "
            "421-4.7.29 over a TLS connection. Gmail requires all bulk email senders to use "
            "421-4.7.29 TLS/SSL for SMTP connections. 421 4.7.29 "
            "https://support.google.com/mail/answer/81126#authentication n9si1.11 - gsmtp",
            "421 4.7.0 TLS required for RCPT domain, closing connection. f2si1.34 - gsmtp",
        ),
        summary="Gmail wants this mail over TLS; your server sent it in clear text.",
        actions=(
            Action(
                "Enable STARTTLS for outgoing mail in your MTA (Postfix: "
                "smtp_tls_security_level = may)."
            ),
        ),
        docs_url=GUIDELINES,
    ),
    Rule(
        id="google.5.7.1-unsolicited-content",
        reason=Reason.SPAMDETECTED,
        phrases=(
            "likely unsolicited mail",
            "likely unsolicited email",
            "nature of the content",
            "p=unsolicitedmessageerror",
        ),
        examples=(
            "550-5.7.1 [192.0.2.25 12] Our system has detected that this message is "
            "550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, "
            "550-5.7.1 this message has been blocked. Please visit 550-5.7.1 "
            "https://support.google.com/mail/?p=UnsolicitedMessageError 550 5.7.1 for more "
            "information. l4si1234567pga.123 - gsmtp",
            "421-4.7.0 This message is suspicious due to the nature of the content or the "
            "421-4.7.0 links within. To best protect our users from spam, the message has "
            "421-4.7.0 been blocked. 421 4.7.0 https://support.google.com/mail/answer/188131 "
            "z3si1.19 - gsmtp",
        ),
        summary="Gmail's filter judged this message to be spam by its content or links.",
        actions=(_POSTMASTER_TOOLS,),
        docs_url="https://support.google.com/mail/answer/188131",
    ),
    Rule(
        id="google.5.7.0-security-content",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=(
            "content presents a potential",
            "illegal attachment on your message",
            "p=blockedmessage",
        ),
        examples=(
            "552-5.7.0 This message was blocked because its content presents a potential "
            "552-5.7.0 security issue. Please visit 552-5.7.0 "
            "https://support.google.com/mail/?p=BlockedMessage to review our 552 5.7.0 "
            "message content and attachment content guidelines. j8si1.299 - gsmtp",
        ),
        summary="Gmail blocks messages whose attachments or links could be malicious "
        "(executables, macros, some archives).",
        actions=(
            Action(
                "Remove the blocked attachment type (executables, scripts, macro documents, "
                "encrypted archives); share the file by link instead.",
                url="https://support.google.com/mail/answer/6590",
            ),
        ),
        docs_url="https://support.google.com/mail/answer/6590",
    ),
    Rule(
        id="google.5.7.1-rfc5322",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=(
            "not rfc 5322 compliant",
            "missing a valid message-id",
            "missing a valid address in the from",
            "multiple addresses in from: header",
            "multiple addresses in the from: header",
            "mail message is malformed",
            "email message is malformed",
            "addresses in from: header are not accepted",
            "encoded-word syntax is not permitted",
            "unicode character in a disallowed header",
            "p=rfcmessagenoncompliant",
        ),
        examples=(
            "550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject "
            "550-5.7.1 headers. To reduce the amount of spam sent to Gmail, this message has "
            "550-5.7.1 been blocked. Please visit 550-5.7.1 "
            "https://support.google.com/mail/?p=RfcMessageNonCompliant and review 550 5.7.1 "
            "RFC 5322 specifications for more information. c2-aguiqyuiyuqir5678167856aeu8.22 "
            "- gsmtp",
            "550-5.7.1 [2401:2500:102:3032:192.0.2.222 13] Messages with multiple 550 5.7.1 "
            "addresses in From: header are not accepted. v14si1155795plk.134 - gsmtp",
            "554 5.6.0 Email message is malformed. Not accepted. For more information, go to "
            "Email sender guidelines and review RFC 5322 specifications.",
        ),
        summary="The message breaks RFC 5322 (duplicate headers, a missing Message-ID or "
        "From), which Gmail refuses.",
        docs_url="https://support.google.com/mail/?p=RfcMessageNonCompliant",
    ),
    Rule(
        id="google.5.7.1-domain-policy",
        reason=Reason.POLICYVIOLATION,
        phrases=("has a policy that prohibit", "violates * email policy"),
        examples=(
            "550-5.7.1 The user or domain that you are sending to (or from) has a policy "
            "550-5.7.1 that prohibited the mail that you sent. Please contact your domain "
            "550-5.7.1 administrator for further details. For more information, visit "
            "550 5.7.1 https://support.google.com/a/answer/172179 p6si1.77 - gsmtp",
            "550 5.7.1 This message violates example.com email policy. - gcdp <k1si1234.5> - gsmtp",
        ),
        summary="A Google Workspace administrator's own rule refused the message.",
        actions=(Action("Ask the recipient's administrator which of their rules rejected it."),),
        docs_url="https://support.google.com/a/answer/172179",
    ),
    Rule(
        id="google.5.7.1-ip-not-allowed",
        reason=Reason.BLOCKED,
        phrases=("ip not in whitelist for rcpt domain", "try again later, closing connection"),
        examples=(
            "421 4.7.0 IP not in whitelist for RCPT domain, closing connection. y1si1234.6 - gsmtp",
        ),
        summary="The recipient's Workspace domain accepts mail only from listed IPs.",
        docs_url="https://support.google.com/a/answer/60752",
    ),
    Rule(
        id="google.5.3.4-too-big",
        reason=Reason.MESGTOOBIG,
        phrases=(
            "exceeded google's message size limits",
            "exceeds google's message size limit",
            "p=maxsizeerror",
        ),
        examples=(
            "552-5.2.3 Your message exceeded Google's message size limits. Please visit "
            "552-5.2.3 https://support.google.com/mail/?p=MaxSizeError to view our size "
            "552 5.2.3 guidelines. 188si1234567ilf.54 - gsmtp",
            "552-5.3.4 The size of your message (31457280 bytes) exceeded Google's message "
            "552-5.3.4 size limits of 26214400 bytes. 552 5.3.4 "
            "https://support.google.com/mail/?p=MaxSizeError b1si1.8 - gsmtp",
        ),
        summary="The message is larger than Gmail's 25 MB limit (after encoding).",
        docs_url="https://support.google.com/mail/answer/6584",
    ),
    Rule(
        id="google.5.3.4-header-limit",
        reason=Reason.EXCEEDLIMIT,
        phrases=(
            "bytes per individual header size",
            "message header size limit",
            "exceeds google's limit of",
            "exceeds google's header name limit",
            "exceeds google’s header name limit",
        ),
        examples=(
            "552-5.3.4 The number of attachments (550) exceeds Google's limit of 500 "
            "552-5.3.4 attachments. To view our attachment size guidelines, go to 552 5.3.4 "
            "https://support.google.com/a/answer/1366776 t9si1.4 - gsmtp",
        ),
        summary="The message has more attachments or bigger headers than Gmail accepts.",
        docs_url="https://support.google.com/a/answer/1366776",
    ),
    Rule(
        id="google.5.7.0-relay-denied",
        reason=Reason.NORELAYING,
        phrases=(
            "mail relay denied",
            "invalid credentials for relay",
            "not authorized to send email directly to our servers",
        ),
        examples=(
            "550-5.7.1 Invalid credentials for relay [192.0.2.25]. The IP address you've "
            "550-5.7.1 registered in your Workspace SMTP Relay service doesn't match the "
            "550-5.7.1 domain of the account this email is being sent from. 550 5.7.1 "
            "https://support.google.com/a/answer/6140680#invalidcred z9sm1.2 - gsmtp",
        ),
        summary="Google Workspace's SMTP relay does not recognise your IP or domain.",
        actions=(
            Action(
                "Register the sending IP in the Workspace SMTP relay settings, or use SMTP AUTH.",
                url="https://support.google.com/a/answer/6140680",
            ),
        ),
        docs_url="https://support.google.com/a/answer/6140680",
    ),
    # Sisimai has "mail sending denied" as rejected: the Workspace account that sends is
    # disabled, unregistered or suspended, which is the sender's own account.
    Rule(
        id="google.5.7.0-sending-account-denied",
        reason=Reason.REJECTED,
        phrases=(
            "mail sending denied",
            "email sending denied",
            "temporarily suspended due to abuse",
        ),
        examples=(
            "550 5.7.0 Mail sending denied. For more information, go to SMTP relay service "
            "error messages.",
            "550 5.7.0 Email relay denied ip-address. The sending email account has been "
            "temporarily suspended due to abuse. For more information, go to SMTP relay spam "
            "policy in Gmail.",
        ),
        summary="Google Workspace refuses mail from the sending account itself: it is "
        "disabled, not registered in the Workspace domain, or suspended for abuse.",
        actions=(
            Action(
                "Check in the Admin console that the sending user exists and is active; an "
                "account suspended for abuse may be compromised.",
                url=RELAY_ERRORS,
            ),
        ),
        docs_url=RELAY_ERRORS,
    ),
    Rule(
        id="google.5.7.8-login",
        reason=Reason.SECURITYERROR,
        phrases=(
            "username and password not accepted",
            "application-specific password required",
            "please log in with your web browser",
            "please log in through your web browser",
            "too many login attempts",
            "authentication required",
            "no identity changes permitted",
        ),
        examples=(
            "535-5.7.8 Username and Password not accepted. For more information, go to "
            "535 5.7.8 https://support.google.com/mail/?p=BadCredentials "
            "d9sm1234567pfd.21 - gsmtp",
            "454 4.7.0 Too many login attempts, please try again later. For more information, "
            "go to Add Gmail to another email client.",
        ),
        summary="Gmail's submission server refused your login, or wants one first.",
        actions=(
            Action(
                "Use an app password or OAuth: Google refuses plain passwords of accounts "
                "with 2-step verification.",
                url="https://support.google.com/accounts/answer/185833",
            ),
        ),
        docs_url="https://support.google.com/mail/?p=BadCredentials",
    ),
    Rule(
        id="google.4.5.3-too-many-recipients",
        reason=Reason.TOOMANYCONN,
        phrases=("your message has too many recipients", "too many recipients for this sender"),
        examples=(
            "452-4.5.3 Your message has too many recipients. For more information regarding "
            "452-4.5.3 Google's sending limits, visit 452 4.5.3 "
            "https://support.google.com/mail/answer/6592 x4si1.3 - gsmtp",
        ),
        summary="Gmail accepts a limited number of recipients per message.",
        docs_url="https://support.google.com/mail/answer/6592",
    ),
    Rule(
        id="google.4.3.0-system",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "temporary system problem",
            "mail server temporarily rejected message",
            "server has temporarily rejected this message",
            "server busy, try again later",
            "multiple destination domains per transaction",
            "domain policy size per transaction exceeded",
        ),
        examples=(
            "451-4.3.0 Mail server temporarily rejected message. For more information, go to "
            "451 4.3.0 https://support.google.com/a/answer/3221692 n6si1.7 - gsmtp",
            "421-4.3.0 Temporary System Problem. Try again later. For more information, go "
            "421 4.3.0 to https://support.google.com/a/answer/3221692 a4si1.8 - gsmtp",
            "452 4.5.3 Domain policy size per transaction exceeded, please try this recipient "
            "in a separate transaction. For more information, go to Message bounced due to a "
            "policy rule.",
        ),
        # Sisimai files the per-transaction limits here too: Gmail asks for the recipients in
        # separate transactions, which a retrying MTA does on its own.
        summary="A temporary fault or limit inside Gmail; retries usually succeed.",
        docs_url=DOCS,
    ),
    Rule(
        id="google.5.4.6-loop",
        reason=Reason.NETWORKERROR,
        phrases=("message exceeded 50 hops",),
        examples=(
            "554-5.4.6 Message exceeded 50 hops, this may indicate a mail loop. For more "
            "554 5.4.6 information, go to https://support.google.com/mail/?p=MailLoop "
            "h2si1.10 - gsmtp",
        ),
        summary="The message went round a forwarding loop.",
        docs_url=DOCS,
    ),
    Rule(
        id="google.4.7.28-duplicate-message-id",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("messages with the same message-id", "messages that have the same message-id"),
        examples=(
            "421-4.7.28 Gmail has detected this message exceeded its quota for sending "
            "421-4.7.28 messages with the same Message-ID:. To best protect our users, the "
            "421-4.7.28 message has been temporarily rejected. 421 4.7.28 "
            "https://support.google.com/mail/answer/188131 q1si1.4 - gsmtp",
        ),
        summary="Too many copies of one Message-ID reached Gmail: give each message its own.",
        docs_url="https://support.google.com/mail/answer/188131",
    ),
    # Sisimai calls these two expired; they end one SMTP session, not the message's life in a
    # queue, and the next connection is a fresh start.
    Rule(
        id="google.4.4.2-session-timeout",
        reason=Reason.NETWORKERROR,
        phrases=("timeout - closing connection", "connection expired, try reconnecting"),
        examples=(
            "451 4.4.2 Timeout - closing connection. For more information, go to About SMTP "
            "error messages.",
            "421 4.7.0 Connection expired, try reconnecting. For more information, go to About "
            "SMTP error messages.",
        ),
        summary="Gmail closed an SMTP session that was idle or open too long; the next "
        "connection usually succeeds.",
        docs_url=SMTP_ERRORS,
    ),
    Rule(
        id="google.5.5.1-protocol",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "smtp protocol violation",
            "bad sequence of commands",
            "unimplemented command",
            "unrecognized command",
            "command was issued out of sequence",
            "syntax error",
            "too many unauthenticated commands",
            "unrecognized authentication type",
            "xoauth is no longer supported",
        ),
        examples=(
            "503 5.5.1 RCPT first. An email transaction protocol command was issued out of "
            "sequence. For more information, go to About SMTP error messages and review RFC "
            "5321 specifications.",
            "451 4.5.0 SMTP protocol violation. For more information, go to About SMTP error "
            "messages and review RFC 5321 specifications.",
            "555 5.5.2 Syntax error. For more information, go to About SMTP error messages and "
            "review RFC 5321 specifications.",
            "504 5.7.40 Unrecognized authentication type. For more information, go to About "
            "SMTP error messages.",
        ),
        summary="Your SMTP client sent a command Gmail does not accept at that point or in "
        "that form.",
        actions=(
            Action(
                "Check the SMTP dialogue of the sending software: EHLO first, MAIL before "
                "RCPT, no pipelining after STARTTLS, and an AUTH mechanism Gmail offers.",
                url=SMTP_ERRORS,
            ),
        ),
        docs_url=SMTP_ERRORS,
    ),
    Rule(
        id="google.5.5.4-helo-argument",
        reason=Reason.BLOCKED,
        phrases=("helo/ehlo argument",),
        examples=(
            "501 5.5.4 HELO/EHLO argument argument invalid closing connection. For more "
            "information, go to HELO/EHLO email error.",
            "501 5.5.4 Empty HELO/EHLO argument not allowed, closing connection. For more "
            "information, go to HELO/EHLO email error.",
        ),
        summary="Gmail refuses the connection because your server's HELO/EHLO name is empty "
        "or invalid.",
        actions=(
            Action(
                "Make the sending server say EHLO with its own fully qualified name, the one "
                "its IP's PTR record gives.",
                url="https://support.google.com/mail/?p=helo",
            ),
        ),
        docs_url="https://support.google.com/mail/?p=helo",
    ),
    # Only under 5.7.1: the authentication replies say "rate limited" too, with their cause.
    Rule(
        id="google.5.7.1-rate-limited",
        reason=Reason.SPEEDING,
        phrases=("this email has been rate limited", "this mail has been rate limited"),
        statuses=("5.7.1",),
        examples=(
            "550 5.7.1 This email has been rate limited. For more information, go to Limits for "
            "sending & getting email.",
        ),
        summary="Gmail is refusing mail above its sending or receiving rate limits.",
        docs_url="https://support.google.com/a/answer/1366776",
    ),
)
