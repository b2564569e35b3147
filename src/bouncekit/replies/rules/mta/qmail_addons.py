"""The add-ons found on countless qmail hosting servers, in their own words: simscan's custom
SMTP rejections, the qmail-ldap patch's qmail-smtpd, and SpamControl's qmail-smtpd (s/qmail,
aQmail). chkuser, vpopmail and spamdyke are in ``qmail.py``.

simscan writes a ``D`` custom error that qmail-smtpd (with the qmail-queue-custom-error patch)
sends as ``554 <text>``. SpamControl appends ``(#5.7.1)`` to most of its refusals, whatever
their subject, so the text decides, not the status.

https://github.com/qmail/simscan
https://github.com/qmail-ldap/qmail-ldap
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Rule

from .common import CAUSE, LIMIT, MAILBOX, SENDER, STRONG, USER

RULES: tuple[Rule, ...] = (
    # --- simscan.c (main: ENABLE_CUSTOM_SMTP_REJECT) ---------------------------------------
    Rule(
        id="qmail_addons.simscan-virus",
        reason=Reason.VIRUSDETECTED,
        phrases=("your email was rejected because it contains the * virus",),
        examples=("554 Your email was rejected because it contains the Eicar-Signature virus",),
        summary="simscan's virus scanner (ClamAV or Trophie) found a virus in the message.",
        priority=STRONG,
    ),
    Rule(
        id="qmail_addons.simscan-filter",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=(
            "your email was rejected because it contains a bad attachment",
            "your email was rejected because it matches a filter",
        ),
        examples=(
            "554 Your email was rejected because it contains a bad attachment: invoice.exe",
            "554 Your email was rejected because it matches a filter (Subject: .*lottery.*)",
        ),
        summary="simscan refused the message for an attachment type or a pattern its "
        "administrator blocks.",
        priority=STRONG,
    ),
    Rule(
        # The dspam training addresses (spam@, nospam@) take mail only from relay clients.
        id="qmail_addons.simscan-training-address",
        reason=Reason.REJECTED,
        phrases=("you are not authorized to send email to this address",),
        examples=("554 You are not authorized to send email to this address",),
        owner=Owner.SENDER,
        priority=SENDER,
    ),
    # --- chkuser 2.0 chkuser_settings.h: "(#x.y.z - chkuser)" strings -------------------------
    Rule(
        id="qmail_addons.chkuser-resource",
        reason=Reason.SYSTEMERROR,
        phrases=("system temporary unavailable, try again later",),
        examples=("430 system temporary unavailable, try again later (#4.3.0 - chkuser)",),
        owner=Owner.RECEIVER,
        summary="chkuser could not check the recipient for now (its user database is unavailable).",
        priority=STRONG,
    ),
    Rule(
        id="qmail_addons.chkuser-max-recipients",
        reason=Reason.TOOMANYCONN,
        phrases=("reached maximum number of recipients for one session",),
        examples=(
            "571 sorry, reached maximum number of recipients for one session (#5.7.1 - chkuser)",
        ),
        summary="chkuser's limit of recipients for one SMTP session was reached.",
        priority=LIMIT,
    ),
    Rule(
        id="qmail_addons.chkuser-rcpt-mx",
        reason=Reason.HOSTUNKNOWN,
        phrases=("can't find a valid mx for rcpt domain",),
        examples=("511 sorry, can't find a valid MX for rcpt domain (#5.1.1 - chkuser)",),
        summary="The recipient's domain has no usable MX: nothing receives its mail.",
        priority=MAILBOX,
    ),
    Rule(
        id="qmail_addons.chkuser-sender-format",
        reason=Reason.REJECTED,
        phrases=("sorry, sender address has invalid format",),
        examples=("571 sorry, sender address has invalid format (#5.7.1 - chkuser)",),
        owner=Owner.SENDER,
        summary="chkuser refused the envelope sender's address format.",
        priority=SENDER,
    ),
    Rule(
        id="qmail_addons.chkuser-dns-temporary",
        reason=Reason.NETWORKERROR,
        phrases=("dns temporary failure (#4.5.1 - chkuser)",),
        examples=("451 DNS temporary failure (#4.5.1 - chkuser)",),
        owner=Owner.RECEIVER,
        summary="chkuser's DNS lookup of the sender's or recipient's domain failed for now.",
        priority=STRONG,
    ),
    # --- qmail-ldap qmail-smtpd.c ------------------------------------------------------------
    Rule(
        id="qmail_addons.ldap-return-mx-dns",
        reason=Reason.NETWORKERROR,
        phrases=("dns temporary failure at return mx check",),
        examples=("421 DNS temporary failure at return MX check, try again later (#4.3.0)",),
        owner=Owner.RECEIVER,
        summary="qmail-ldap could not look up the MX of the envelope sender's domain for now.",
        priority=STRONG,
    ),
    Rule(
        # err_bmf, the 550GREETING default, NOBOUNCE and the SANITYCHECK / RETURNMXCHECK /
        # SENDERCHECK refusals of the envelope sender.
        id="qmail_addons.ldap-sender-denied",
        reason=Reason.REJECTED,
        phrases=(
            "your mail was administratively denied",
            "rfc2821 bounces are administratively denied",
            "mailfrom without * is administratively denied",
            "refused mailfrom because",
            "i don't accept bounce messages with more than one recipient",
        ),
        examples=(
            "553 sorry, your mail was administratively denied. (#5.7.1)",
            "554 RFC2821 bounces are administratively denied",
            "554 mailfrom without . in domain part is administratively denied",
            "554 refused mailfrom because return MX does not exist",
            "554 refused mailfrom because valid local sender address required",
            "550 sorry, I don't accept bounce messages with more than one recipient. Go read "
            "RFC2821. (#5.7.1)",
        ),
        owner=Owner.SENDER,
        summary="qmail-ldap refused the envelope sender (its badmailfrom list, its sanity "
        "checks, or a sender domain without MX).",
        priority=SENDER,
    ),
    Rule(
        id="qmail_addons.ldap-mime-content",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("we don't accept email with this mime content",),
        examples=("552 we don't accept email with this MIME content (#5.3.4)",),
        summary="qmail-ldap's SMTPEXECCHECK refused an executable attachment.",
        priority=STRONG,
    ),
    Rule(
        # qmail-ldap smtp_tls, SpamControl err_starttls: the receiving server's own TLS setup.
        id="qmail_addons.tls-local",
        reason=Reason.FAILEDSTARTTLS,
        phrases=(
            "tls not available: unable to initialize ctx",
            "tls not available: missing rsa private key",
            "tls not available: missing certificate",
            "tls not available due to temporary reason",
        ),
        examples=(
            "454 TLS not available: missing certificate (#4.3.0)",
            "454 TLS not available due to temporary reason (#5.7.3)",
        ),
        owner=Owner.RECEIVER,
        summary="The receiving qmail server could not offer TLS: its own certificate or key is "
        "missing.",
        priority=CAUSE,
    ),
    # --- SpamControl smtpdlog.c (s/qmail, aQmail) --------------------------------------------
    Rule(
        id="qmail_addons.spamcontrol-helo",
        reason=Reason.BLOCKED,
        phrases=("sorry, invalid helo/ehlo greeting",),
        examples=("550 sorry, invalid HELO/EHLO greeting (#5.7.1)",),
        summary="The receiving qmail refused the HELO/EHLO name your server announced.",
        priority=STRONG,
    ),
    Rule(
        id="qmail_addons.spamcontrol-sender",
        reason=Reason.REJECTED,
        phrases=("sorry, your envelope sender must exist",),
        examples=("553 sorry, your envelope sender must exist (#5.7.1)",),
        owner=Owner.SENDER,
        summary="The envelope sender's domain has no DNS records the receiver accepts.",
        priority=SENDER,
    ),
    Rule(
        # err_recipient with RECIPIENTS450: an unknown recipient, answered as temporary.
        id="qmail_addons.spamcontrol-recipient-450",
        reason=Reason.USERUNKNOWN,
        phrases=("sorry, mailbox currently unavailable (#4.2.1)",),
        examples=("450 sorry, mailbox currently unavailable (#4.2.1)",),
        summary="SpamControl's recipient check did not find the address, and is set to answer "
        "that with a temporary error.",
        priority=USER + 1,
    ),
    Rule(
        id="qmail_addons.spamcontrol-bare-lf",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("bare line feeds (lf) are not accepted in smtp",),
        examples=(
            "451 Bare Line Feeds (LF) are not accepted in SMTP; CRLF is required according to "
            "RFC 2822.",
        ),
        summary="The message had lines ending in a bare LF; SMTP requires CRLF.",
        priority=STRONG,
    ),
)
