"""Postfix policy daemons other than the SPF ones (``policyd_spf.py``) and the greylisting
daemons: policyd-weight, postfwd and PolicyD v2 ("cluebringer").

Postfix puts their text after ``<rcpt>: Recipient address rejected:``, with its 5.7.1 default
status, so the words after that prefix say what was refused: almost always the sending host,
its HELO name or its sending volume, never the recipient.

https://www.policyd-weight.org/
https://postfwd.org/
https://www.policyd.org/
"""

from __future__ import annotations

from bouncekit.replies.model import Owner, Reason, Retry, Rule

from .common import CAUSE, LIMIT, STRONG

RULES: tuple[Rule, ...] = (
    # --- policyd-weight (/usr/sbin/policyd-weight, 0.1.15.2) ----------------------------------
    Rule(
        # $REJECTMSG: the weighted score of DNSBL listings, HELO/hostname mismatch, a client
        # that is not an MX or A of the sender's domain, a dynamic-looking host. It may end in
        # "; in <rhsbl>", "; please relay via your ISP", "; Please use DynDNS" or, from the
        # cache, "[cached] - retrying too fast": none of them is about content or speed.
        id="policy_daemons.policyd-weight-score",
        reason=Reason.BLOCKED,
        phrases=("mail appeared to be spam or forged",),
        examples=(
            "550 5.7.1 <user@example.org>: Recipient address rejected: Mail appeared to be SPAM "
            "or forged. Ask your Mail/DNS-Administrator to correct HELO and DNS MX settings or "
            "to get removed from DNSBLs; MTA helo: mail, MTA hostname: unknown[192.0.2.1] "
            "(helo/hostname mismatch)",
            "550 5.7.1 <user@example.org>: Recipient address rejected: Mail appeared to be SPAM "
            "or forged. Ask your Mail/DNS-Administrator to correct HELO and DNS MX settings or "
            "to get removed from DNSBLs [cached] - retrying too fast. penalty: 30 seconds x 0 "
            "retries.",
        ),
        summary="policyd-weight scored your sending host as suspicious: DNSBL listings, a HELO "
        "name that does not match its DNS, or a host that is not an MX of your domain.",
        priority=LIMIT + 1,
    ),
    Rule(
        id="policy_daemons.policyd-weight-dnsbl",
        reason=Reason.BLOCKED,
        phrases=("your mta is listed in too many dnsbls",),
        examples=(
            "550 5.7.1 <user@example.org>: Recipient address rejected: Your MTA is listed in too "
            "many DNSBLs; check http://www.robtex.com/rbl/192.0.2.1.html",
        ),
        summary="policyd-weight found your sending IP on more DNS blocklists than it allows.",
        priority=LIMIT + 1,
    ),
    Rule(
        id="policy_daemons.policyd-weight-no-dns",
        reason=Reason.REQUIREPTR,
        phrases=("no dns entries for your mta, helo and domain",),
        examples=(
            "450 4.7.1 <user@example.org>: Recipient address rejected: No DNS entries for your "
            "MTA, HELO and Domain. Contact YOUR administrator Your HELO: mail, IP: 192.0.2.1",
        ),
        summary="policyd-weight found no DNS records for your sending IP, its HELO name or "
        "the sender's domain.",
        priority=CAUSE,
    ),
    # --- postfwd (postfwd1/postfwd2 %MAX_SCORES default) ---------------------------------------
    Rule(
        id="policy_daemons.postfwd-score",
        reason=Reason.BLOCKED,
        phrases=("postfwd score exceeded", "postfwd2 score exceeded"),
        examples=(
            "554 5.7.1 <user@example.org>: Recipient address rejected: postfwd score exceeded",
        ),
        summary="postfwd's rules, most often about the sending host (DNSBLs, HELO, reverse "
        "DNS), added up to a score above its limit.",
        priority=STRONG,
    ),
    # --- PolicyD v2 / cluebringer (cbp/modules/*.pm) -------------------------------------------
    Rule(
        # Greylisting.pm: a new triplet.
        id="policy_daemons.cluebringer-greylisting",
        reason=Reason.BLOCKED,
        phrases=("greylisting in effect, please come back later",),
        examples=(
            "451 4.7.1 <user@example.org>: Recipient address rejected: Greylisting in effect, "
            "please come back later",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.LATER,
        summary="PolicyD greylisted the message: a well-behaved server retries and gets through.",
        priority=CAUSE,
    ),
    Rule(
        id="policy_daemons.cluebringer-blacklisted",
        reason=Reason.BLOCKED,
        phrases=("greylisting in effect, sending server blacklisted",),
        examples=(
            "554 5.7.1 <user@example.org>: Recipient address rejected: Greylisting in effect, "
            "sending server blacklisted",
        ),
        summary="PolicyD blacklisted your sending server for failing too many greylisting retries.",
        priority=CAUSE,
    ),
    Rule(
        # CheckHelo.pm: RejectInvalid, RejectIP, RejectUnresolvable, the blacklist, HRP.
        id="policy_daemons.cluebringer-helo",
        reason=Reason.BLOCKED,
        phrases=("rejected: invalid helo/ehlo;",),
        examples=(
            "554 5.7.1 <user@example.org>: Recipient address rejected: Invalid HELO/EHLO; Must "
            "be a FQDN or an address literal, not 'mail'",
            "554 5.7.1 <user@example.org>: Recipient address rejected: Invalid HELO/EHLO; Cannot "
            "resolve 'mail.example.invalid', no such domain",
            "554 5.7.1 <user@example.org>: Recipient address rejected: Invalid HELO/EHLO; HRP "
            "limit exceeded",
        ),
        summary="PolicyD refused the HELO/EHLO name your server announced (not a resolvable "
        "fully-qualified name, blacklisted, or changed too often).",
        priority=CAUSE,
    ),
    Rule(
        id="policy_daemons.cluebringer-spf",
        reason=Reason.AUTHFAILURE,
        phrases=("rejected: failed spf check",),
        examples=(
            "554 5.7.1 <user@example.org>: Recipient address rejected: Failed SPF check; Please "
            "see http://www.openspf.org/Why?s=mfrom;id=bounce%40example.com;ip=192.0.2.1;"
            "r=mx.example.org; example.com, Sender is not authorized by default to use "
            "'bounce@example.com' in 'mfrom' identity (mechanism '-all' matched)",
        ),
        summary="PolicyD's SPF check failed: your sending IP is not authorised by the SPF "
        "record of the envelope sender's domain.",
        priority=CAUSE,
    ),
    Rule(
        # Quotas.pm: a message count or cumulative size limit over a period, per sender, IP or
        # SASL user as the policy tracks it.
        id="policy_daemons.cluebringer-quota",
        reason=Reason.SPEEDING,
        phrases=(
            "policy rejection; message count quota exceeded",
            "policy rejection; cumulative message size quota exceeded",
        ),
        examples=(
            "554 5.7.1 <user@example.org>: Recipient address rejected: Policy rejection; Message "
            "count quota exceeded",
            "554 5.7.1 <user@example.org>: Recipient address rejected: Policy rejection; "
            "Cumulative message size quota exceeded",
        ),
        owner=Owner.SENDER,
        summary="PolicyD's sending quota for this period is used up: too many messages, or "
        "too much data, from the sender or its IP.",
        priority=CAUSE,
    ),
)
