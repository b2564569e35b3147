"""Wording shared by many MTAs, grouped by reason.

Sources: Sisimai's per-reason phrase lists (lib/Sisimai/Reason/*.pm in sisimai/p5-sisimai and
reason/why-*.go in sisimai/go-sisimai, BSD-2-Clause), the replies of the sample bounces in
Sisimai's set-of-emails, RFC 3463 / RFC 5321 wording, and replies seen from common MTAs.

Priorities used across the generic modules (higher wins; the longest phrase wins a tie):

* ``-5``: weak words ("rejected", "access denied", "not allowed"): a specific enhanced status
  code beats them.
* ``0``: the address does not exist (user unknown and its many spellings).
* ``5``: the mailbox exists but cannot take the message (full, disabled, moved), the domain,
  expiry, system and network failures: narrower than a bare "user" phrase.
* ``8``: the envelope sender was refused, relaying, authentication required.
* ``10``: the sending IP, its reverse DNS or reputation, and the content (spam, virus, policy,
  size): such replies often quote the recipient and must not read as "user unknown".
* ``15``: volume and connection limits ("too many recipients" beats an unknown user).
* ``18``: a stated cause on the sender's side: authentication (SPF, DKIM, DMARC), reverse DNS,
  TLS. A deferral or block that gives its reason is about that reason, not about the speed or
  the spam it also mentions ("too many messages from your IP, SPF softfail").
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Reason, Retry, Rule, Verdict

WEAK = -5
USER = 0
MAILBOX = 5
SENDER = 8
STRONG = 10
LIMIT = 15
CAUSE = 18

RULES: tuple[Rule, ...] = (
    # --- userunknown ---------------------------------------------------------------------
    Rule(
        id="common.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "user unknown",
            "unknown user",
            "unknown recipient",
            "recipient unknown",
            "unknown mailbox",
            "unknown local part",
            "unknown local-part",
            "unknown e-mail address",
            "unknown email address",
            "address unknown",
            "user not known",
            "user not found",
            "user not exist",
            "user does not exist",
            "user doesn't exist",
            "recipient not found",
            "recipient not exist",
            "recipient does not exist",
            "recipient doesn't exist",
            "recipient is not local",
            "recipient not ok",
            "recipient is not accepted",
            "non-existent user",
            "nonexistent user",
            "non existent user",
            "user missing home directory",
            "is not a known user",
            "not a known user",
            "not a valid user",
            "not a valid recipient",
            "is not a valid mailbox",
            "is not an active address at this host",
            "not a local address",
            "addressee unknown",
            "local user * not found",
            # Sisimai UserUnknown (lib/Sisimai/Reason/UserUnknown.pm)
            "can't accept user",
            "mailbox unavaiable",
            "no valid recipients, bye",
            "not email addresses",
            "the user's email name is not found",
            "this spectator does not exist",
            "< * > not found",
            "no * in name directory",
            "rcpt < * does not exist",
            "rcpt ( * t exist",
            "user ( * ) unknown",
            # Sisimai's pair ("<", ">... blocked by ") is left out: "blocked by" names a block,
            # most often of the sender, and Sendmail echoes the address before any refusal.
            "bad_recipient",
        ),
        examples=(
            "550 5.1.1 User unknown",
            "550 5.1.1 <kijitora@example.jp>... User Unknown",
            "550 Unknown user kijitora@example.co.jp",
            "550 <kijitora-nyaan@example.co.jp>... User not exist",
            "550 User not found",
            "553 5.1.1 <kijitora@example.org>: Recipient not found",
            "550 5.1.1 Recipient does not exist",
            "smtp;550 5.2.1 <EXAMPLE@PRODIGY.NET>... Addressee unknown, relay=[192.0.2.1]",
            "550 Local User [xxx@123.com] not found.",
            # Sisimai UserUnknown
            "550 5.1.1 <kijitora@example.jp> not found",
            "550 5.1.1 RCPT <kijitora@example.jp> does not exist",
            "550 No kijitora@example.jp in name directory",
            "550 user (kijitora@example.jp) unknown",
            "550 Sorry, can't accept user",
            "550 No valid recipients, bye",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="common.no-such-user",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "no such user",
            "no such recipient",
            "no such mailbox",
            "no such address",
            "no such person at this address",
            "no mailbox here by that name",
            "no mailbox by that name",
            "no account by that name",
            "no mail box available for this user",
            "no mailbox found",
            "there is no one at this address",
            "no existe dicha persona",
            "no existe ese usuario",
            "nessun utente simile in questo indirizzo",
            "utilisateur inconnu",
            # Sisimai UserUnknown
            "no thank you rejected: account unavailable",
        ),
        examples=(
            "550 No such user here",
            "550 kijitora@example.com... No such user",
            "550 5.1.1 <kijitora@example.org>: No such mailbox",
            "550 Sorry, no mailbox here by that name. (#5.1.1)",
            # Sisimai UserUnknown
            "550 No thank you rejected: Account Unavailable: kijitora@example.jp",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="common.mailbox-unavailable",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "requested action not taken: mailbox unavailable",
            "mailbox unavailable",
            "mailbox is unavailable",
            "mailbox not available",
            "user account is unavailable",
            "account is unavailable",
            "recipient address is unavailable",
        ),
        examples=(
            "550 5.5.0 Requested action not taken: mailbox unavailable",
            "550 Requested action not taken: mailbox unavailable (-0000000022:2222:-0000000022)",
            "550 User account is unavailable",
            "550 5.1.1 Mailbox unavailable",
        ),
        summary="The receiving server calls the mailbox unavailable; most often it does not "
        "exist, but these are RFC 5321's own words for any 550 (\"mailbox not found, no "
        'access, or command rejected for policy reasons"), and servers give them for a '
        "refusal of the sender too.",
        # The words do not say the mailbox is gone (RFC 5321, 4.2.3, glosses 550 "mailbox
        # unavailable" as "not found, no access, or policy"; Interia's help page reads its own
        # "550 5.2.1 Mailbox not available" as a mistyped address, a full inbox or a suspended
        # account, pomoc.poczta.interia.pl nId 6589600): a second failure confirms it.
        verdict=Verdict.RISKY,
        priority=USER,
    ),
    # Google Groups' notice for a group address: it hedges between a missing group and a
    # sender who may not post to it.
    Rule(
        id="common.group-may-not-exist",
        reason=Reason.USERUNKNOWN,
        phrases=("the group you tried to contact * may not exist",),
        examples=(
            "We're writing to let you know that the group you tried to contact (pks-feedback) "
            "may not exist, or you may not have permission to post messages to the group.",
        ),
        summary="Google Groups says the group may not exist, or you may not post to it.",
        verdict=Verdict.RISKY,
        priority=USER,
    ),
    Rule(
        id="common.mailbox-does-not-exist",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "mailbox does not exist",
            "mailbox doesn't exist",
            "mailbox * does not exist",
            "mailbox not found",
            "mailbox not present",
            "mailbox invalid",
            "invalid mailbox",
            "mailbox address does not exist",
            "address does not exist",
            "address doesn't exist",
            "email address does not exist",
            "email address could not be found",
            "e-mail address does not exist",
            "account does not exist",
            "account * does not exist",
            "this address no longer accepts mail",
            "this email address is wrong or no longer valid",
            "this user doesn't have a * account",
            "recipient * was not found in",
            "user * was not found",
            "user * does not exist",
            "destination addresses were unknown",
            "destination server rejected recipients",
            "address not present in directory",
        ),
        examples=(
            "550 5.1.1 Mailbox does not exist",
            "Remote host said: 550 this domain example.com: Mailbox Does Not Exist -- Giving up",
            "550 5.1.1 <kijitora@example.jp>: Email address could not be found, or was "
            "misspelled (G8)",
            "550 5.1.1 Recipient kijitora@example.jp was not found in the directory",
        ),
        summary="The receiving server says this mailbox does not exist.",
        priority=USER,
    ),
    Rule(
        id="common.invalid-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "invalid recipient",
            "invalid-recipient",
            # SendGrid's reply for a malformed or non-existent mailbox (its SMTP errors page);
            # "inactive" alone would read as a disabled one.
            "invalid/inactive user",
            "recipient invalid",
            "invalid address",
            "address invalid",
            "recipient address rejected: invalid user",
            "recipient address rejected: unknown user",
            "recipient address rejected: userunknown",
            "recipient address rejected: user unknown",
            "recipient address rejected: undeliverable address",
            "bad recipient",
            "bad destination mailbox address",
            "bad-recipient",
            "#5.1.1 bad address",
            "address rejected kijitora",
            "adresse d au moins un destinataire invalide",
            "adresse destinataire invalide",
            "invalid user",
            "not in recipient list",
            "address is marked as invalid",
        ),
        examples=(
            "553 Invalid recipient kijitora@example.org (Mode: normal)",
            "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416 "
            "[416]",
            "550 5.1.1 <kijitora@example.jp>: Recipient address rejected: Invalid user",
            "550 #5.1.1 bad address kijitora@example.jp",
            "550 Invalid User",
            "smtp;554 5.7.1 <email@example.com>: Recipient address rejected: Not in recipient list",
            "smtp;550 5.7.1 <email@example.com>: Recipient address rejected: User email address is marked as invalid.",
        ),
        summary="The receiving server says the recipient address is not valid there.",
        priority=USER,
    ),
    Rule(
        id="common.address-rejected-5.1",
        reason=Reason.USERUNKNOWN,
        phrases=("address rejected", "recipient address rejected", "recipient rejected"),
        statuses=("5.1.1", "5.1.0", "4.1.1", "5.1.6"),
        examples=(
            "550 5.1.1 Address rejected kijitora@example.co.jp",
            "550 #5.1.0 Address rejected.",
        ),
        summary="The recipient address was rejected with a status code meaning the mailbox "
        "does not exist.",
        priority=USER,
    ),
    Rule(
        id="common.recipient-address-rejected-bare",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient address rejected.",),
        replycodes=("550", "553"),
        examples=("550 <neko-nyaan@ne.auone-net.jp>: Recipient address rejected.",),
        summary="The recipient address was rejected without further explanation; usually "
        "it does not exist.",
        verdict=Verdict.RISKY,  # a bare rejection does not say why
        priority=USER,
    ),
    Rule(
        id="common.recipient-access-denied",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient address rejected: access denied",),
        examples=(
            "550 5.4.1 [kijitora@example.org]: Recipient address rejected: Access denied "
            "[NEKOCHAN.cat-neko22.prod.protection.outlook.com]",
        ),
        summary="Directory-based edge blocking: the recipient is not in the receiving "
        "organisation's directory.",
        verdict=Verdict.RISKY,  # as microsoft.5.4.1-dbeb-access-denied: "access denied"
        priority=MAILBOX,
    ),
    Rule(
        # Sisimai UserUnknown lists these; they are so general (a DSN's heading, any noun that
        # "does not exist.") that they decide only where nothing more specific does.
        id="common.user-unknown-weak",
        reason=Reason.USERUNKNOWN,
        phrases=("does not exist.", "the following recipients was undeliverable"),
        examples=(
            "550 kijitora@example.jp does not exist.",
            "550 The following recipients was undeliverable",
        ),
        summary="The receiving server says the recipient does not exist.",
        priority=WEAK,
    ),
    # --- mailboxfull ---------------------------------------------------------------------
    Rule(
        id="common.mailbox-full",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "mailbox full",
            "mailbox is full",
            "mailbox * is full",
            "mailbox has exceeded",
            "mailbox exceeded",
            "mailfolder is full",
            "full mailbox",
            "inbox is full",
            "inbox is out of storage",
            "over quota",
            "overquota",
            "over the allowed quota",
            "over its quota",
            "over their quota",
            "exceeding their quota",
            "quota exceeded",
            "quota exceed",
            "exceeded quota",
            "exceeds quota",
            "quota violation",
            "disk quota",
            "quota usage exceeded",
            "exceeded storage allocation",
            "insufficient storage",
            "not enough storage space",
            "does not have enough space",
            "user has exceeded quota",
            "user has too many messages on the server",
            "user's space has been used up",
            "mailbox quota",
            "boite du destinataire pleine",
            "account is over quota",
            "recipient reached disk quota",
            "too much mail data",
            "folder full",
            "folder is full",
            "exhausted allowed storage",
            "mailbox size exceeded",
            # Sisimai MailboxFull
            "diskspace quota",
            "user is over the quota",
        ),
        examples=(
            "550 Mailbox full",
            "550 5.2.2 <kijitora@example.jp>... Mailbox Full",
            "552 5.2.2 Over quota",
            "452 4.2.2 Mailbox full",
            "522 5.2.0 Delivery failed: Over quota",
            "552 5.2.2 <neko@nyaaan.example.org> Quota exceeded (mailbox for user is full)",
            "552 5.2.2 The email account that you tried to reach is over quota.",
            "Diagnostic-Code:550 5.2.5 Folder full",
            "550 Benutzer hat das Speichervolumen ueberschritten. / User has exhausted allowed storage space.",
            # Sisimai MailboxFull
            "552 5.2.2 User is over the quota",
            "552 Requested mail action aborted: diskspace quota exceeded",
        ),
        summary="The recipient's mailbox is over its storage quota.",
        priority=MAILBOX,
    ),
    Rule(
        # A mailbox that holds too many messages is full, whatever a rate rule's "too many
        # messages" says (Sisimai's MailboxFull list).
        id="common.mailbox-message-count",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "too many messages on the server",
            "too many messages in the mailbox",
            "too many messages in mailbox",
            "mailbox has too many messages",
        ),
        examples=(
            "550 Benutzer hat zuviele Mails auf dem Server. / User has too many messages on the "
            "server.",
        ),
        summary="The recipient's mailbox holds as many messages as it may.",
        priority=LIMIT + 1,
    ),
    Rule(
        id="common.mailbox-size-limit",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "mailbox size limit exceeded",
            "mailbox exceeds allowed size",
            "mailbox would exceed maximum allowed storage",
            "mailbox has exceeded its disk space limit",
            "recipient mailbox has exceeded its disk space limit",
            # Sisimai MailboxFull: a mailbox refused for what it has received is full, not
            # suspended, though the words say "account disabled".
            "account disabled temporarly for exceeding receiving limits",
            "account disabled temporarily for exceeding receiving limits",
        ),
        examples=(
            "552 5.2.2 Mailbox size limit exceeded",
            "550 Account disabled temporarly for exceeding receiving limits",
            "452 4.2.2 <kijitora@example.jp>: Recipient rejected: Mailbox would exceed maximum "
            "allowed storage",
        ),
        summary="The recipient's mailbox is over its storage quota.",
        priority=STRONG + 2,
    ),
    # --- suspend -------------------------------------------------------------------------
    Rule(
        id="common.mailbox-disabled",
        reason=Reason.SUSPEND,
        phrases=(
            # Sisimai UserUnknown lists "mailbox is inactive": the mailbox exists but is
            # switched off, which is suspend (see "user not active" below).
            "mailbox is inactive",
            "account that you tried to reach is disabled",
            "account that you tried to reach is inactive",
            "mailbox inactive",
            "mailbox disabled",
            "mailbox is disabled",
            "mailbox has been disabled",
            "mailbox is frozen",
            "mailbox currently suspended",
            "account is disabled",
            "account disabled",
            "account has been disabled",
            "account is inactive",
            "account inactive",
            "inactive account",
            "account has been suspended",
            "account is suspended",
            "has been suspended",
            "is currently suspended",
            "account is locked",
            "account has been locked",
            "account is blocked",
            "recipient account is blocked",
            "disabled recipient",
            "disabled recipient address",
            "user suspended",
            "user is terminated",
            "is a deactivated mailbox",
            "this account has been disabled or discontinued",
            "this account has been temporarily suspended",
            "recipient rejected: temporarily inactive",
            "temporarily inactive",
            "user or domain is disabled",
            "archived recipient",
            "boite du destinataire archivee",
            "le compte du destinataire est bloque",
            "recipient suspend the service",
            "mailaddress is administratively disabled",
            "mailaddress is administrativly disabled",
            "mailaddress is administrativley disabled",
            "mailaddress is administrativeley disabled",
            "vdelivermail: account is locked",
            "account closed",
            "user is inactive",
            "inactive mbox",
            "inactive mailbox",
            "suspended user",
            # Sisimai Suspend
            "temporary locked",
            # Sisimai UserUnknown lists "user not active" (and "mailbox is inactive", above);
            # an inactive mailbox exists but is switched off, which is suspend here, as Sisimai
            # itself reads "inactive account" and "invalid/inactive user".
            "user not active",
        ),
        examples=(
            "5.1.0 Unknown address error 550-'Mailbox is inactive'",
            "550 Mailbox is frozen. See http://mail.i.ua/err/3/",
            "525 5.7.13 Disabled recipient address",
            "554 delivery error: dd Sorry your message to kijitora@example.co.jp cannot be "
            "delivered. This account has been disabled or discontinued [#102]. - "
            "mta222.mail.neko.example.co.jp",
            "550 5.2.1 Mailbox disabled for this recipient",
            "550 : Recipient address rejected: Account Closed",
            "550 5.2.1 ... User is inactive",
            "550 5.1.1 Inactive mbox",
            "550 5.1.1 Suspended user",
            "550 5.7.1 Account temporary locked",
        ),
        summary="The mailbox exists but is disabled, suspended or inactive.",
        priority=MAILBOX + 1,
    ),
    # --- hasmoved ------------------------------------------------------------------------
    Rule(
        id="common.has-moved",
        reason=Reason.HASMOVED,
        phrases=(
            "has been replaced by",
            "recipient no longer on server",
            "user has moved",
            "mailbox has moved",
            "address has changed",
            "no longer at this address",
            "not our customer",
            "not our user",
        ),
        examples=(
            "550 5.1.6 recipient no longer on server: kijitora@example.jp",
            "551 not our customer",
            "551 5.1.6 User has moved; please try <neko@example.org>",
        ),
        summary="The recipient has moved; the reply may name the new address.",
        priority=MAILBOX,
    ),
    # --- hostunknown ---------------------------------------------------------------------
    Rule(
        id="common.host-unknown",
        reason=Reason.HOSTUNKNOWN,
        phrases=(
            "host unknown",
            "unknown host",
            "host or domain name not found",
            "domain name not found",
            "no such domain",
            "domain does not exist",
            "domain doesn't exist",
            "domain not found",
            "unknown domain",
            "domain is not reachable",
            "recipient domain must exist",
            "mail domain mentioned in email address is unknown",
            "unrouteable address",
            "unroutable address",
            "invalid domain",
            "name or service not known",
            "the account or domain may not exist",
            "domain name lookup failed",
            "no mail exchanger for domain",
            # Sisimai HostUnknown
            "domain must exist",
            "host unreachable",
        ),
        examples=(
            "550 Host unknown",
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.4.4\n"
            "Diagnostic-Code: X-Postfix; Host or domain name not found. Name service error for "
            "name=example.jp type=A: Host not found",
            "550 5.4.4 Invalid domain",
            "550 5.1.2 <kijitora@example.invalid>: Recipient address rejected: Domain not found",
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.1.2\n"
            "Diagnostic-Code: unknown; No such domain.",
            "550 5.1.2 Domain must exist",
            "550 5.4.4 Host unreachable",
        ),
        summary="The recipient's domain does not exist or has no mail server.",
        priority=MAILBOX,
    ),
    Rule(
        # Sisimai HostUnknown's pair ("553 ", " does not exist"); weak: "user ... does not
        # exist" and the sender's domain are read by their own rules first.
        id="common.553-does-not-exist",
        reason=Reason.HOSTUNKNOWN,
        phrases=("does not exist",),
        replycodes=("553",),
        examples=("553 example.org does not exist",),
        summary="The receiving server says the recipient's domain does not exist.",
        priority=WEAK + 1,
    ),
    # --- notaccept -----------------------------------------------------------------------
    Rule(
        id="common.not-accept",
        reason=Reason.NOTACCEPT,
        phrases=(
            "host does not accept mail",
            "host/domain does not accept mail",
            "domain does not accept mail",
            "does not accept mail (nullmx)",
            "doesn't receive email according to the administrator",
            "null mx",
            "nullmx",
            "mail receiving disabled",
            "no mx record found for domain",
            "smtp protocol returned a permanent error",
            # Sisimai NotAccept
            "name server: .: host not found",
            "no route for current request",
        ),
        examples=(
            "550 Host does not accept mail",
            "556 5.1.10 <kijitora@example.org>: Recipient address example.org does not accept "
            "mail (nullMX)",
            "550 Name server: .: host not found",
            "550 No route for current request",
        ),
        summary="The domain accepts no mail: it publishes a null MX (RFC 7505) or its servers "
        "refuse all mail.",
        priority=MAILBOX + 1,
    ),
    # --- norelaying ----------------------------------------------------------------------
    Rule(
        id="common.relaying-denied",
        reason=Reason.NORELAYING,
        phrases=(
            "relaying denied",
            "relay denied",
            "relay access denied",
            "relay not permitted",
            "relaying not permitted",
            "relaying not allowed",
            "relaying is not allowed",
            "relaying prohibited",
            "relaying mail to",
            "unable to relay",
            "no relaying",
            "we do not relay",
            "we don't relay",
            "not allowed to relay",
            "not permitted to relay",
            "insecure mail relay",
            "this system is not configured to relay mail",
            "we don't handle mail for",
            "we do not handle mail for",
            "mail server requires authentication when attempting to send to a non-local",
            "relay not authorized",
            "relay prohibited",
            "relay operation rejected",
            "relaying disallowed",
            "not in my list of allowed",
            "as a relay",
            "relay not permitted",
            # Sisimai NoRelaying
            "not a gateway",
            "not local host",
            # Amazon SES refusing to send for an identity not verified in the account.
            "email address is not verified",
        ),
        examples=(
            "550 5.7.1 Relaying denied",
            "550 5.7.1 <kijitora@example.org>... Relaying denied",
            "554 5.7.1 <kijitora@example.com>: Relay access denied",
            "550 5.7.1 Unable to relay for kijitora@example.net",
            "550 Relay prohibited",
            "554 Relay operation rejected",
            "553 Sorry, this domain is not in my list of allowed hosts (#5.7.1)",
            "smtp;553 you are trying to use me [xx.messagelabs.com] as a relay, but I have not been configured to let you [192.0.2.1, example.com] do this.",
            "550 5.7.1 not local host example.org, not a gateway",
            "554 Email address is not verified.",
        ),
        summary="The server refused to relay: send through your own authenticated "
        "submission server, or check the recipient domain's MX.",
        priority=SENDER,
    ),
    Rule(
        # Sisimai NoRelaying: "not an open relay" refuses relaying; it is not a listing of an
        # open relay (sendmail.open-proxy's "open relay").
        id="common.not-an-open-relay",
        reason=Reason.NORELAYING,
        phrases=("not an open relay",),
        examples=("550 This is not an open relay, so get lost",),
        summary="The server refused to relay: send through your own authenticated "
        "submission server, or check the recipient domain's MX.",
        priority=STRONG + 2,
    ),
    Rule(
        id="common.command-not-permitted",
        reason=Reason.NORELAYING,
        phrases=("command not permitted",),
        examples=("550 5.7.1 Command not permitted",),
        summary="The server did not accept the command from an unauthenticated client: it "
        "usually means relaying without authentication.",
        priority=SENDER - 1,
    ),
    # --- rejected (the envelope sender) --------------------------------------------------
    Rule(
        id="common.sender-verification-failed",
        reason=Reason.REJECTED,
        phrases=(
            "sender verify failed",
            "sender verification failed",
            "sender verification failure",
            "verification failed for",
            "callout verification failure",
            "sender address verification failed",
            "could not verify sender",
            "unable to verify sender",
            "sender address could not be verified",
            "sender address rejected: undeliverable address",
            "cannot verify sender",
        ),
        examples=(
            "550-Verification failed for <kijitora@example.jp>\n550-Unrouteable address\n"
            "550 Sender verify failed",
            "550-Previous (cached) callout verification failure",
            "550 Sender verification failed",
            "450 4.1.7 <neko@example.org>: Sender address rejected: undeliverable address: "
            "host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The receiver tried to verify your envelope sender address (a callout) and "
        "could not: the MAIL FROM address must exist and accept bounces.",
        priority=STRONG + 2,
    ),
    Rule(
        id="common.sender-rejected",
        reason=Reason.REJECTED,
        phrases=(
            "sender address rejected",
            "sender rejected",
            "sender was rejected",
            "sender email address rejected",
            "sender not allowed",
            "sender denied",
            "invalid sender",
            "sender is invalid",
            "bad sender",
            "domain of sender address",
            "sender domain does not exist",
            "sender domain must exist",
            "sender domain is empty",
            "sender address domain does not exist",
            "unroutable sender address",
            "unrouteable sender address",
            "returned mail not accepted here",
            "null sender is not allowed",
            "empty envelope senders not allowed",
            "mail from not owned by user",
            "sender not pre-approved",
            "sender address has been blacklisted",
            "sender is in my black list",
            "your email address has been blacklisted",
            # MessageLabs (Sisimai's Rhost/MessageLabs): the sender's domain or address is on
            # its list, not the sending IP.
            "your domain has been blocked",
            "your email address has been blocked",
            "email address is on senderfilterconfig list",
            "administrative prohibition",
            "is not a registered gateway user",
            "emetteur invalide",
            "fully qualified email address required",
            "can't determine purported responsible address",
            "connections not accepted from servers without a valid sender domain",
            "denied by secumail valid-address-filter",
            "backscatter protection detected an invalid or expired email address",
            "bogus mail from",
            "batv failed to verify",
            "batv validation failure",
            "the message has been rejected by batv defense",
            "does not exist e2110",
            "from: domain is invalid. please provide a valid from:",
            "you are sending to/from an address that has been blacklisted",
            "access denied (in reply to mail from command)",
            "in reply to mail from command",
            "sender mismatch",
            "incorrect sender",
            "mail from address must",
            # Sisimai Rejected
            "access denied (sender blacklisted)",
            "denied [bouncedeny]",
            "envelope blocked",
            "error: no third-party dsns",
            "invalid domain, see <url:",
            "message rejected: email address is not verified",
            "recipient not accepted. (batv: no tag",
            "rfc 1035 violation: recursive cname records for",
            "rule imposed mailbox access for",
            "sending this from a different address or alias using the",
            "sender is spammer",
            "syntax error: empty email address",
            "this server does not accept mail from",
            "transaction failed unsigned dsn for",
            "you are not allowed to post to this mailing list",
            "recipient addresses rejected : access denied",
            # Left out: "mx records for" (without the SMTP stage Sisimai checks it at, it is as
            # often the recipient's domain).
        ),
        examples=(
            "553 5.1.8 <httpd@host1.mx.example.jp>... Domain of sender address "
            "httpd@host1.mx.example.jp does not exist",
            "501 5.1.8 Sender address rejected",
            "550 'kijitora@nyaan.example.com' is not a registered gateway user",
            "550 5.7.1 Access denied (in reply to MAIL FROM command)",
            "553 5.1.0 neko22nyaan neko.example.com does not exist E2110",
            "550 5.2.0 <sironeko-nyaan@neko.example.com> From: Domain is invalid. Please provide "
            "a valid From: IB506 <http://example.com/506>",
            '"Sorry, you are sending to/from an address that has been blacklisted"',
            "553 Envolope sender mismatch with header from",
            "SendMail: Can't close a connection to SMTP, 550 Incorrect sender header (Check your FROM) #1",
            "Error sending email: mail from address must be same as authorization user",
            # Sisimai Rejected
            "550 5.7.1 Access denied (sender blacklisted)",
            "550 Denied [BOUNCEDENY]",
            "550 Envelope blocked – User Entry",
            "550 Error: no third-party DSNs",
            "553 5.1.8 <neko@example.org>... Invalid domain, see <URL:http://example.org/>",
            "554 Message rejected: Email address is not verified.",
            "550 Recipient not accepted. (BATV: no tag)",
            "550 RFC 1035 violation: recursive CNAME records for example.org",
            "550 Syntax error: empty email address",
            "554 Transaction failed unsigned DSN for neko@example.org",
            "550 You are not allowed to post to this mailing list",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The receiver refused the envelope sender (MAIL FROM) address or its domain.",
        priority=SENDER,
    ),
    Rule(
        # Sisimai Rejected: a bare "address rejected" is the envelope sender's, except where
        # the reply says whose address it is (Sisimai's own exceptions: "recipient address
        # rejected", "sender ip address rejected", "5.1.0 address rejected"), which other
        # rules read. Weak: a specific status code says more.
        id="common.address-rejected-weak",
        reason=Reason.REJECTED,
        phrases=("address rejected",),
        examples=("550 Address rejected",),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The receiver refused an address of the transaction, most often the envelope "
        "sender.",
        priority=WEAK,
    ),
    Rule(
        # Sisimai's exception to "address rejected": a recipient's address refused without a
        # reason stays the bare refusal it was (common.rejected-weak), not the sender's.
        id="common.recipient-address-rejected-weak",
        reason=Reason.BLOCKED,
        phrases=("recipient address rejected",),
        examples=("450 <kijitora@example.jp>: Recipient address rejected: try again",),
        summary="The receiving server refused the recipient without saying why; most such "
        "replies concern the sender's IP or domain.",
        priority=WEAK,
    ),
    # --- blocked -------------------------------------------------------------------------
    # Spamhaus answers a lookup it refuses (one made through a public resolver, or too many)
    # with an error code in 127.255.255.0/24 that "must not be used to reject email" (Spamhaus,
    # "DNSBL return codes: technical update", 2019; spamhaus.org/returnc/vol/). A receiver
    # that rejects on it blocks everyone: its own setup is at fault, not the sender's IP.
    Rule(
        id="common.dnsbl-query-refused",
        reason=Reason.BLOCKED,
        phrases=(
            "error: open resolver",
            "error: excessive number of queries",
            "spamhaus.org/returnc/",
            "query via public/open resolver",
            "127.255.255.254",
            "127.255.255.255",
        ),
        examples=(
            "554 5.7.1 Service unavailable; Client host [104.47.21.166] blocked using "
            "sbl.spamhaus.org; Error: open resolver; https://www.spamhaus.org/returnc/pub/"
            "172.69.79.93",
            "host lists.mailscanner.info[52.73.170.51] said: 554 5.7.1 Service unavailable; "
            "Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; "
            "https://www.spamhaus.org/returnc/pub/44.192.176.0 (in reply to RCPT TO command)",
        ),
        summary="The receiving server rejects on an error answer of Spamhaus, which refuses "
        "its lookups (made through a public DNS resolver, or too many): the sending IP is not "
        "listed, and the receiver rejects everyone this way until it fixes its setup.",
        headline="the receiving server's blocklist lookups fail, and it rejects on the error",
        owner=Owner.RECEIVER,
        no_verdict=True,
        retry=Retry.LATER,
        actions=(
            Action(
                "Tell the recipient's postmaster: their server queries Spamhaus through a public "
                "resolver (or too often) and treats the error answer as a listing; they must "
                "use their own resolver or Spamhaus's Data Query Service. Nothing to delist.",
                url="https://www.spamhaus.org/returnc/pub/",
            ),
        ),
        priority=CAUSE,
    ),
    Rule(
        id="common.blocked-using-dnsbl",
        reason=Reason.BLOCKED,
        phrases=(
            "blocked using",
            "blacklisted by",
            "is blacklisted",
            "ip address blacklisted",
            "blocklisted",
            "is in a black list",
            "rbl on",
            "rbl restriction",
            "dnsbl",
            "rejected - multi-blacklist",
            "rejected based on blacklist",
            "your ip address is listed in the rbl",
            "ip address is listed",
            "ip is listed",
            "is listed on",
            "listed on spamhaus",
            "client host * blocked using",
            "//www.spamcop.net/bl.",
            "see http://www.spamhaus.org",
            "www.spamhaus.org/query",
            "part of their network is on our block list",
            "on our block list",
            "on our blocklist",
            "your network is temporary blacklisted",
            # Sisimai Blocked
            "server ip * listed as abusive",
            # Sisimai SpamDetected lists this DNS blocklist; a listing in an IP list is a
            # block of the sending IP, whatever the content (the cause beats the consequence).
            "listed in work.drbl.imedia.ru",
        ),
        examples=(
            "554 5.7.1 <a8-95.smtp-out.amazonses.com[203.0.113.22]>: Client host rejected: "
            "blocked using mail.neko.example.org; Please see "
            "http://mail.neko.example.org/rbl/?ip=203.0.113.22 to send.",
            "550 5.7.1 IP address blacklisted by recipient",
            "553 http://www.spamhaus.org/query/bl?ip=192.0.2.222",
            "550 Server IP 192.0.2.1 listed as abusive",
            "550 Your IP 192.0.2.1 is listed in work.drbl.imedia.ru",
        ),
        summary="Your sending IP is on a DNS blocklist or the receiver's own block list.",
        priority=STRONG,
    ),
    Rule(
        id="common.client-host-blocked",
        reason=Reason.BLOCKED,
        phrases=(
            "blocked by policy",
            "blocked by",
            "was blocked by",
            "your ip has been blocked",
            "ip has been blocked",
            "ip address has been blocked",
            "your ip is blocked",
            "access from ip address * blocked",
            "your access ip * has been rejected",
            "mail server at * is blocked",
            "bad sender ip address",
            "banned sending ip",
            "sender ip address rejected",
            "client host rejected: may not be mail exchanger",
            "client host rejected: was not authenticated",
            "client host rejected",
            "client ip blocked",
            "connection refused by",
            "dynamic/zombied/spam ips blocked",
            "hosts with dynamic ip",
            "we do not accept mail from dynamic ips",
            "residential ip",
            "not currently accepting mail from your ip",
            "please use the smtp server of your isp",
            "you are not allowed to connect",
            "rejecting open proxy",
            "ip address * is blocked",
            "refused to talk to me",
            "from dynamic ip",
            "dynamic ip address",
            "server access forbidden by your ip",
            "no access from mail server",
            "your server requires confirmation",
            "confirm this mail server",
            "host network not allowed",
            "too many spams from your ip",
            "extreme bad ip profile",
            "sorry, your remotehost looks suspiciously like spammer",
            "you are sending spam",
            "currently sending spam see:",
            "mail from * refused:",
            "refused - see http",
            "blocked - see http",
            "invalid ip for sending mail of domain",
            "esmtp not accepting connections",
            "not accepting connections",
            "go away",
            "your ip address is blocked",
            "connection rejected by policy",
            "service refuse. veuillez essayer plus tard",
            "helo command rejected",
            # Sisimai Blocked
            "error: no valid recipients from",
            "too many unwanted messages have been sent from the following ip address",
            # AT&T's block of an IP for abuse (Sisimai SpamDetected lists it): the sending IP,
            # not this message, is what is refused.
            "blocked for abuse. see http://att.net/blocks",
        ),
        examples=(
            "550 5.7.1 Blocked by policy",
            "450 4.7.1 <c135.kyoto.example.ne.jp[192.0.2.56]>: Client host rejected: may not "
            "be mail exchanger",
            "554 st11p00im-smtpin013.me.com ESMTP not accepting connections",
            "421 mwinf5c77 ME Service refuse. Veuillez essayer plus tard. Service refused, "
            "please try later. OFR_999 [999]",
            "550 Access from ip address 192.0.2.1 blocked. Reject by RBL.",
            "550 Error: no valid recipients from 192.0.2.1",
            "550 Too many unwanted messages have been sent from the following IP address above",
        ),
        summary="The receiving server refuses mail from your sending IP address or host.",
        priority=STRONG - 1,
    ),
    Rule(
        # Sisimai Blocked: a receiver that resets or drops the connection in the middle of the
        # session is refusing the sending host (a bare "connection dropped" does not say who
        # dropped it, common.network-error).
        id="common.connection-dropped",
        reason=Reason.BLOCKED,
        phrases=("connection reset by peer", "connection was dropped by remote host"),
        examples=("550 Connection reset by peer", "421 Connection was dropped by remote host"),
        summary="The receiving server dropped the connection during the session; most often "
        "it refuses your sending IP or host.",
        priority=MAILBOX,
    ),
    Rule(
        # RFC 3463's own title of X.7.1. Sisimai lists it among the refused senders; said
        # alone it is what Exchange gives when a recipient accepts mail only from some senders
        # (a restricted group). Weak: the words after it, where there are any, name the cause
        # ("...: Message is not RFC 2822 compliant").
        id="common.delivery-not-authorized",
        reason=Reason.REJECTED,
        phrases=("delivery not authorized, message refused", "delivery not authorized"),
        examples=("550 5.7.1 Delivery not authorized, message refused",),
        summary="The receiver does not let this sender deliver to this recipient.",
        owner=Owner.RECIPIENT,
        no_verdict=True,
        priority=WEAK,
    ),
    Rule(
        id="common.access-denied",
        reason=Reason.BLOCKED,
        phrases=("access denied", "connection refused", "denied access"),
        examples=("550 Access denied", "554 5.7.1 Access denied"),
        summary="The receiving server refused the connection or the transaction; it usually "
        "means your sending IP or domain is blocked there.",
        priority=WEAK,
    ),
    Rule(
        id="common.bare-blocked",
        reason=Reason.BLOCKED,
        # Sisimai Blocked also lists "service not available, closing transmission channel":
        # RFC 5321's own words for a 421, said by a receiver that is shutting down or
        # overloaded; left to the reply code (the receiving system's fault).
        phrases=("blocked", "said: 550 blocked", "550 rejected"),
        examples=("550 Blocked", "550 Rejected"),
        summary="The receiving server refused the message with a bare block reply; it is "
        "usually about your sending IP or domain.",
        priority=WEAK,
    ),
    Rule(
        id="common.rejected-weak",
        reason=Reason.BLOCKED,
        phrases=(
            "rejected",
            "not allowed",
            "denied",
            "refused",
            "forbidden",
            "prohibited",
        ),
        examples=("554 Message rejected", "550 5.7.1 Not allowed"),
        summary="The receiving server refused the message without saying why; most such "
        "replies concern the sender's IP or domain.",
        priority=WEAK - 1,
    ),
    # --- requireptr ----------------------------------------------------------------------
    Rule(
        id="common.reverse-dns",
        reason=Reason.REQUIREPTR,
        phrases=(
            "reverse dns",
            "reverse lookup",
            "rdns record",
            "invalid rdns",
            "ptr record",
            "dns ptr",
            "ptr resource record",
            "ptr-record",
            "no ptr",
            "missing ptr",
            "ip name lookup failed",
            "cannot find your hostname",
            "cannot resolve your address",
            "can't resolve your address",
            "unresolvable relay host name",
            "fix reverse dns for",
            "domain * mismatches client ip",
            "mismatches client ip",
            "client host rejected: cannot find your reverse hostname",
            "cannot find your reverse hostname",
            "reverse hostname",
            "does not resolve to your ip",
            "generic dns ptr",
            "service permits * unverifyable sending ips",
            "dns lookup failure: * try again later",
            "forward dns entry does not point",
            "host name does not match",
            "helo name does not match",
        ),
        examples=(
            "550 reverse DNS",
            "450 4.7.1 Access denied. IP name lookup failed [192.0.2.222]",
            "550 5.7.1 Connections not accepted from servers without a valid sender domain. "
            "Fix reverse DNS for 203.0.113.2",
            "550 domain [example.com] mismatches client ip 192.0.2.225.",
            "450 4.7.25 Client host rejected: cannot find your hostname, [192.0.2.1]",
        ),
        summary="The receiver requires forward-confirmed reverse DNS (a PTR record that "
        "resolves back) for your sending IP.",
        priority=CAUSE,
    ),
    # --- badreputation -------------------------------------------------------------------
    Rule(
        # A poor reputation is why a receiver slows you down: the cause outranks the rate.
        id="common.bad-reputation",
        reason=Reason.BADREPUTATION,
        phrases=(
            "poor reputation",
            "low reputation",
            "bad reputation",
            "reputation score",
            "ip reputation",
            "domain reputation",
            "ip/domain reputation problems",
            "sender reputation",
            "poor email reputation",
            "none/bad reputation",
            # Sisimai Blocked and RateLimited list Yahoo's deferral: the complaints (reputation)
            # are the cause, the volume and the block the consequence.
            "temporarily deferred due to unexpected volume or user complaints",
            # Sisimai Blocked lists Yahoo's deferral for complaints: complaints are the
            # reputation the deferral is about (the cause beats the consequence).
            "temporarily deferred due to user complaints",
        ),
        examples=(
            "550-5.7.1 [192.0.2.22 18] Our system has detected that this message is 550-5.7.1 "
            "likely suspicious due to the very low reputation of the sending IP 550-5.7.1 "
            "address.",
            "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked due to poor reputation",
            "421 4.7.0 Messages from 192.0.2.1 temporarily deferred due to user complaints",
        ),
        summary="The receiver refuses or throttles mail because of the sending IP's or "
        "domain's reputation.",
        priority=LIMIT + 1,
    ),
    Rule(
        id="common.rate-limited-reputation",
        reason=Reason.BADREPUTATION,
        phrases=(
            "rate limited due to ip reputation",
            "deferred due to ip reputation",
            "due to poor reputation",
            "due to low reputation",
            "too much spam from",
        ),
        examples=(
            "451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to "
            "IP reputation.",
            "451 4.3.0 <servername[192.0.2.1]>: Client host rejected: Throttled - Too much spam from your mail server. Try again later.",
        ),
        summary="The receiver throttles your IP because of its reputation, not only its volume.",
        priority=LIMIT + 1,
    ),
    # --- authfailure ---------------------------------------------------------------------
    Rule(
        id="common.auth-failure",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "dmarc policy",
            "dmarc verification",
            "dmarc check failed",
            "failed dmarc",
            "fails dmarc",
            "dmarc failure",
            "dmarc reject",
            "spf check failed",
            "spf check: fail",
            "spf fail",
            "spf hard fail",
            "spf record with a hard fail",
            "spf validation failed",
            "spf violation",
            "failed spf",
            "fails spf",
            "sender policy framework",
            "bad spf records for",
            "please inspect your spf settings",
            # Sisimai Blocked lists it; it is the SPF verdict of policyd-spf ("SPF check
            # failed: 192.0.2.1 is not allowed to send mail from example.org"): the cause.
            "is not allowed to send mail from",
            "is not allowed to send from",
            "not authorized to send on behalf of",
            "not permitted by spf",
            "//spf.pobox.com",
            "dkim signature",
            "dkim verification failed",
            "dkim check failed",
            "dkim failure",
            "failed dkim",
            "fails dkim",
            "dkim-signature is invalid",
            "doesn't meet the required authentication level",
            "does not have authentication information",
            "fails to pass authentication checks",
            "authentication requirements defined for the sender",
            "sender is unauthenticated",
            "spf requirements",
            "spf softfail",
            "spf record",
            # The cause named after the consequence ("blocked by SPF", "rejected due to DKIM"):
            # the cause beats the consequence.
            *(
                f"{consequence} {link} {mechanism}"
                for consequence in ("blocked", "rejected", "refused", "denied")
                for link in ("by", "due to", "because of")
                for mechanism in ("spf", "dkim", "dmarc")
            ),
            "due to dmarc",
            "dmarc validation",
            "dkim validation",
            "spoofed message",
            "anti-spoofing",
            # Sisimai AuthFailure
            "is not allowed to send mail. * _401",
        ),
        examples=(
            "550 5.7.1 Email rejected per DMARC policy for libsisimai.org",
            "550 5.7.1 This message was not accepted due to domain (libsisimai.org) owner DMARC "
            "policy (RFC 7489) https://help.mail.ru/mail-help/postmaster/dmarc",
            "550-5.7.26 The MAIL FROM domain [email.example.jp] has an SPF record with a hard fail",
            "550 5.7.1 SPF check failed: 192.0.2.1 is not allowed to send mail from example.org",
            "the mta server of * reply:550 failed to meet SPF requirements",
            "smtp;550 5.2.0 Message rejected due to DMARC. Please see http://postmaster.comcast.net/smtp-error-codes.php#DM000001",
            "smtp;550 rejecting spoofed message",
            "550 5.7.1 192.0.2.1 is not allowed to send mail. _401",
            # Forpsi (cmg1.fe.forpsi.com), in a GitHub issue of a mail library (2023).
            "550 5.1.0 0bcW1i00G0jifNx01bcmHa blocked by SPF",
            "552 cmg1.fe.forpsi.com bizsmtp 0bqv1i0054rvCQt01 DMARC validation failed",
        ),
        summary="The message failed SPF, DKIM or DMARC checks at the receiver.",
        priority=CAUSE,
    ),
    # --- securityerror -------------------------------------------------------------------
    Rule(
        id="common.authentication-failed",
        reason=Reason.SECURITYERROR,
        phrases=(
            "authentication failed",
            "authentication failure",
            "authentication credentials invalid",
            "invalid credentials",
            "could not retrieve credentials",
            "username and password not accepted",
            "application-specific password required",
        ),
        examples=(
            "535 5.7.8 Authentication credentials invalid",
            "535 5.7.8 Error: authentication failed: authentication failure",
            "534-5.7.9 Application-specific password required. Learn more at 534 5.7.9 "
            "https://support.google.com/mail/?p=InvalidSecondFactor",
        ),
        summary="The server refused the user name and password given to it (SMTP AUTH).",
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.AFTER_FIX,
        actions=(
            Action(
                "Check the user name and password of the sending account; with two-factor "
                "sign-in (Gmail, Microsoft 365), use an app password or OAuth instead."
            ),
            Action(
                "Test the login by itself against the submission server.",
                command="bouncekit check-smtp smtp.example.com:587 --starttls --user USER "
                "--password-env SMTP_PASSWORD",
            ),
        ),
        priority=SENDER,
    ),
    Rule(
        id="common.authentication-required",
        reason=Reason.SECURITYERROR,
        phrases=(
            "authentication required",
            "authentication is required",
            "auth required",
            "must authenticate",
            "please authenticate",
            "smtp authentication",
            "authentication turned on in your email client",
            "unauthenticated senders not allowed",
            "you are not authorized to send mail, authentication is required",
            "turn on smtp authentication",
        ),
        examples=(
            "550 Unauthenticated senders not allowed",
            "550-Please turn on SMTP Authentication in your mail client.",
            "530 5.7.0 Authentication required",
        ),
        summary="The server requires SMTP authentication, or the credentials were refused.",
        priority=SENDER,
    ),
    Rule(
        # Sisimai SecurityError: the sending account itself is refused by the service it
        # submits to (Amazon SES's IAM and subscription, a sender domain it treats as dead).
        id="common.sending-account-refused",
        reason=Reason.SECURITYERROR,
        phrases=(
            "account not subscribed to ses",
            "user * is not authorized to perform ses:sendrawemail on resource",
            "domain * is a dead domain",
        ),
        examples=(
            "554 Account not subscribed to SES",
            "554 User arn:aws:iam::123456789012:user/neko is not authorized to perform "
            "ses:SendRawEmail on resource arn:aws:ses:us-east-1:123456789012:identity/example.org",
            "550 Domain example.org is a dead domain",
        ),
        owner=Owner.SENDER,
        no_verdict=True,
        summary="The service refuses the sending account or its domain, not the recipient.",
        priority=SENDER,
    ),
    Rule(
        # Sisimai SecurityError; weak, as other failures are verifications too ("callout
        # verification failure" is the sender's address, common.sender-verification-failed).
        id="common.verification-failure-weak",
        reason=Reason.SECURITYERROR,
        phrases=("verification failure",),
        examples=("550 Verification failure",),
        summary="A security check of the receiving server failed.",
        priority=WEAK,
    ),
    # --- failedstarttls ------------------------------------------------------------------
    Rule(
        # The receiving server offers STARTTLS and then cannot start it: its certificate or
        # key is broken (Postfix's "TLS not available due to local problem").
        id="common.receiver-tls-broken",
        reason=Reason.FAILEDSTARTTLS,
        phrases=(
            "tls not available due to local problem",
            # Sisimai FailedSTARTTLS: SendGrid's words for a recipient's server that offers no
            # TLS (or no valid certificate) to a sender that requires it.
            "tls required but not supported",
        ),
        examples=(
            "The response from the remote server was: 454 4.7.0 TLS not available due to local "
            "problem",
            "550 TLS required but not supported",
        ),
        summary="The receiving server's own TLS setup is broken; it is theirs to fix.",
        owner=Owner.RECEIVER,
        no_verdict=True,
        retry=Retry.LATER,
        priority=CAUSE + 1,
    ),
    Rule(
        id="common.starttls",
        reason=Reason.FAILEDSTARTTLS,
        phrases=(
            "must issue a starttls command first",
            "starttls is required",
            "starttls required",
            "tls required",
            "requires tls",
            "encryption required",
            "tls is required",
            "tls negotiation failed",
            "tls handshake failed",
            "tls not available",
            "starttls failed",
            "cannot start tls",
        ),
        examples=(
            "530 5.7.0 Must issue a STARTTLS command first",
            "454 4.7.0 TLS not available due to local problem",
            "530 5.7.10 Encryption required for requested authentication mechanism",
        ),
        summary="TLS was required by one side or failed to negotiate.",
        priority=CAUSE,
    ),
    # --- speeding / toomanyconn ----------------------------------------------------------
    Rule(
        id="common.too-many-connections",
        reason=Reason.TOOMANYCONN,
        phrases=(
            "too many connections",
            "too many concurrent",
            "too many simultaneous",
            "too many smtp sessions",
            "too many sessions",
            "connection limit",
            "connections limit",
            "connection rate limit",
            "connection frequency limited",
            "ip frequency limited",
            "exceeds per-domain connection limit",
            "all available ips are at maximum connection limit",
            "too many errors from your ip",
            "trop de connexions",
            "too many recipients",
            "recipient limit",
            "too many rcpt",
            "resolver.adr.reciplimit",
            "concurrent connections",
            # Sisimai RateLimited: "too many * recipients" ("too many invalid recipients"
            # limits the sender, it does not judge this recipient).
            "too many * recipients",
            "too frequent connects",
        ),
        examples=(
            "421 4.7.0 Too many connections",
            "421 Too many concurrent SMTP connections; please try again later.",
            "552 Too many recipients",
            "550 Ip frequency limited [V2VkIEFwciAgMyAxNjozNjo1OSBKU1QgMjAxOQo=/RkNGMjlFQTVEQ0E "
            "Blocked IP 192.0.2.22]. "
            "http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000725",
            "smtp;421 4.3.2 The maximum number of concurrent connections per resource forest has exceeded a limit, closing transmission channel.",
            "452 4.5.3 Too many invalid recipients",
            "450 too frequent connects from 198.37.147.135, please try again later.",
        ),
        summary="The receiver limits concurrent connections or recipients per session from "
        "your IP.",
        priority=LIMIT,
    ),
    Rule(
        # Sisimai RateLimited's pair ("connection ", "limit"); weak, as "connection" and
        # "limit" also meet in replies about other things.
        id="common.connection-limit-weak",
        reason=Reason.TOOMANYCONN,
        phrases=("connection * limit",),
        examples=("421 Connection count limit reached",),
        summary="The receiver limits connections from your IP.",
        priority=WEAK,
    ),
    Rule(
        # The limit is on what one recipient may receive, not on what you send: the mailbox
        # is real and busy (Gmail's 4.2.1, Exchange Online's 5.2.122).
        id="common.recipient-receiving-too-fast",
        reason=Reason.SPEEDING,
        phrases=(
            "receiving mail too quickly",
            "receiving mail at a rate that prevents additional messages",
            "recipient has exceeded message rate limit",
            "recipient has exceeded their limit for the number of messages",
            "messages they can receive per hour",
        ),
        examples=(
            "450 The user you are trying to contact is receiving mail too quickly. Please resend "
            "your message at a later time.",
            "smtp;450 4.2.1 The recipient has exceeded message rate limit. Try again later.",
            "smtp;554 5.2.122 The recipient has exceeded their limit for the number of messages "
            "they can receive per hour.",
        ),
        summary="This one recipient is getting more mail than the receiver lets through; it is "
        "a limit on the recipient, not on you.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.RISKY,
        retry=Retry.LATER,
        priority=LIMIT + 1,
    ),
    Rule(
        # A quota of what the sender may send (per day, per hour, per account): beats the
        # mailbox's "quota exceeded" it contains (LIMIT over MAILBOX).
        id="common.sending-quota",
        reason=Reason.SPEEDING,
        phrases=(
            "sending quota",
            "sending limit",
            "send quota",
            "submission quota",
            "daily message quota",
            "message quota exceeded",
            "outbound quota",
            "daily quota",
            "hourly quota",
        ),
        examples=(
            "550-5.4.5 Daily user sending limit exceeded. For more information on Gmail "
            "550-5.4.5 sending limits go to 550 5.4.5 https://support.google.com/a/answer/166852",
            "454 Throttling failure: Daily message quota exceeded",
            "5.2.2 Submission quota exceeded",
        ),
        summary="You went over a quota of mail you may send (per day, per hour or per "
        "account); it resets with time.",
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.LATER,
        priority=LIMIT,
    ),
    Rule(
        id="common.rate-limited",
        reason=Reason.SPEEDING,
        phrases=(
            "rate limit",
            "rate-limit",
            "ratelimit",
            "rate limited",
            "too many messages",
            "too many mails",
            "too many emails",
            "sending rate",
            "please try again slower",
            "try again slower",
            "throttled",
            "throttling",
            "too fast",
            "max emails per hour",
            # cPanel's own outbound limit, on the sending server: too many of a domain's
            # messages failed or were deferred this hour, so it stops sending there.
            "max defers and failures per hour",
            "messages per hour",
            "has sent to too many recipients",
            "too many recipients this hour",
            "too many recipients per hour",
            "submission rate",
            "too many e-mails",
            # Sisimai RateLimited (Google Groups: too many posts in a row)
            "allowable number of posts without solving a captcha",
            "message from * temporarily deferred",
            "messages from * temporarily deferred",
        ),
        examples=(
            "451 4.7.1 <mx.example.org[192.0.2.2]>: Client host rejected: Please try again slower",
            "421 4.7.0 Rate limit exceeded, try again later",
            "450 4.2.1 The user you are trying to contact is receiving mail at a rate that "
            "prevents additional messages from being delivered.",
            "421 4.4.2 Message submission rate for this client has exceeded the configured limit",
            "550 5.7.1 <userid@domain.com>... Error.your access was denied.? Since you sent too many e-mails,you are not allowed to send more e-mails within 24 hours.",
            "550 You have exceeded the allowable number of posts without solving a captcha",
            "421 Message from (192.0.2.1) temporarily deferred",
            "Domain uvib.com.ng has exceeded the max defers and failures per hour (5/5 (100%)) "
            "allowed.",  # cPanel, as a forum thread quotes it
        ),
        summary="The receiver throttles your IP or domain for sending too fast.",
        priority=LIMIT,
    ),
    # --- spamdetected --------------------------------------------------------------------
    Rule(
        id="common.reject-id-spam",
        reason=Reason.SPAMDETECTED,
        phrases=("reject, id=",),
        statuses=("5.7.0",),
        examples=(
            "554 5.7.0 Reject, id=22222-22 NekoNyaan-2y:2 - SPAM. See "
            "http://neko.nyaan.example.com/block",
        ),
        summary="The receiver's content filter (amavisd) rejected the message as spam.",
        priority=STRONG,
    ),
    Rule(
        id="common.spam-detected",
        reason=Reason.SPAMDETECTED,
        phrases=(
            "spam detected",
            "contains spam",
            "detected as spam",
            "classified as spam",
            "considered spam",
            "considered as spam",
            "identified as spam",
            "scored as spam",
            "looks like spam",
            "looked like spam",
            "appears to be spam",
            "seems to be a spam",
            "probably spam",
            "probable spam",
            "likely spam",
            "spam-like",
            "spam score",
            "spam points",
            "spamassassin",
            "spam message",
            "spam content",
            "spam not accepted",
            "spam refused",
            "spam rejected",
            "spam rejection",
            "rejected as spam",
            "rejected due to spam",
            "spam filter",
            "spam blocked",
            "anti-spam",
            "antispam",
            "junk mail",
            "unsolicited",
            "bulk email",
            "bulk mail",
            "bulk e-mail",
            "ube, id=",
            "message content rejected",
            "content rejected",
            "rejecting mail content",
            "rejecting banned content",
            "message rejected because of unacceptable content",
            "mail content denied",
            "content filter",
            "high probability of spam",
            "spambouncer identified spam",
            "spamming not allowed",
            "we dont accept spam",
            "we don't accept spam",
            "no spam please",
            "blacklisted url",
            "uribl",
            "surbl",
            "recurrent pattern detection system",
            "message filtered. please see the faqs section on spam",
            "sender domain listed at",
            "your message has triggered a spam block",
            "spam check",
            "too much spam",
            "flagged as spam",
            # Sisimai SpamDetected
            "block for spam",
            "denied due to spam list",
            "may consider spam",
            "message refused by mailmarshal spamprofiler",
            "message refused by trustwave seg spamprofiler",
            "message was rejected for possible spam/virus content",
            "our email server thinks this email is spam",
            "our system has detected that this message is",
            "reject bulk.advertising",
            "spam email",
            "too many spam complaints",
            "your email appears similar to spam we have received before",
            "your message has been temporarily blocked by our filter",
            "mail score ( * over",
            "our filters rate at and above * percent probability of being spam",
            "rejected by * (spam)",
            "rule imposed as * is blacklisted on",
        ),
        examples=(
            "550 5.7.1 Message content rejected, UBE, id=00000-22-225",
            "554 5.6.0 This message has been scored as spam with a probability of more than 90%",
            "550 5.7.1 message content rejected",
            "550 5.7.1 Rejected by SpamAssassin: spam score 12.3 exceeds 5.0",
            "554 5.7.1 Message rejected as spam by Content Filtering.",
            "smtp;554 5.7.1 Email cannot be delivered. Reason: Email flagged as Spam.",
            # Sisimai SpamDetected
            "550 Message refused by MailMarshal SpamProfiler",
            "550 Spam email not accepted",
            "550 Our filters rate at and above 90 percent probability of being spam",
            "554 Rejected by mx.example.org (spam)",
            "550 Rule imposed as example.org is blacklisted on dnsbl.example.net",
            "451 Your message has been temporarily blocked by our filter",
        ),
        summary="The receiver's filter judged the content of the message to be spam.",
        priority=STRONG + 1,
    ),
    Rule(
        # Sisimai SpamDetected; weak: " - spam" ends amavisd's rejections but is also the start
        # of "- spamhaus", and NetEase's help page is linked from all its refusals.
        id="common.spam-weak",
        reason=Reason.SPAMDETECTED,
        phrases=("- spam", "/help/help_spam_16.htm"),
        examples=(
            "554 5.7.0 Reject, id=12345-01 - SPAM",
            "550 Rejected, see http://mail.163.com/help/help_spam_16.htm",
        ),
        summary="The receiver's filter judged the content of the message to be spam.",
        priority=WEAK,
    ),
    # --- virusdetected -------------------------------------------------------------------
    Rule(
        id="common.virus-detected",
        reason=Reason.VIRUSDETECTED,
        phrases=(
            "virus detected",
            "virus found",
            "contains a virus",
            "infected with a virus",
            "virus infected",
            "contains prohibited virus",
            "malware detected",
            "malicious content",
            "malicious url",
            "phishing/malicious_url",
            "is infected",
            "potentially executable attachment",
            "executable attachment",
            # Sisimai SecurityError lists "executable files are not allowed in compressed
            # files": the attachment of the message is refused (owner message), as Sisimai's
            # own VirusDetected reads "potentially executable attachment".
            "executable files are not allowed",
            "this form of attachment has been used by recent viruses",
            "banned attachment",
            "blocked attachment",
            "prohibited attachment",
            "attachment type not allowed",
            "infected by virus",
            "infected by a virus",
        ),
        examples=(
            "550 5.7.1 Virus detected: Eicar-Test-Signature",
            "554 5.7.0 Your message was infected with a virus (W32/Netsky) and was rejected",
            "552 5.7.0 This message was blocked because its content presents a potential "
            "security issue. It has a potentially executable attachment.",
            "Message infected by virus",
        ),
        summary="The message carried a virus or an attachment type the receiver blocks.",
        priority=STRONG + 3,
    ),
    # --- policyviolation -----------------------------------------------------------------
    # A policy refusal that does not say what it looked at is nobody's in particular: the
    # sender's identity, the message and the recipient's own settings are all policies.
    Rule(
        id="common.policy-violation",
        reason=Reason.POLICYVIOLATION,
        phrases=(
            "local policy violation",
            "policy violation",
            "violates our policy",
            "violation of our policy",
            "rejected for policy reasons",
            "not accepted for policy reasons",
            "message not accepted for policy reasons",
            "email not accepted for policy reasons",
            "message rejected due to local policy",
            "denied by policy",
            "rejected by policy",
            "due to policy restrictions",
            "organization policy",
            "organizational settings",
            "message given low priority",
            "closed mailing list",
            "by non-member to a members-only list",
            "email rejected due to security policies",
            # Sisimai PolicyViolation
            "the email address used to send your message is not subscribed to this group",
        ),
        examples=(
            "550 5.7.0 Local Policy Violation",
            "550 Denied by policy",
            "554 Mail from nekonyaan@example.net rejected for policy reasons.",
        ),
        summary="A policy rule of the receiving organisation refused the message; the reply "
        "does not say whether it looked at the sender, the content or the recipient.",
        priority=STRONG,
    ),
    # A policy about what the message carries (content, attachments, images, headers).
    Rule(
        id="common.content-policy",
        reason=Reason.POLICYVIOLATION,
        phrases=(
            "content policy",
            "an illegal attachment on your message",
            "messages with multiple addresses",
            "you're using a mass mailer",
            "we do not accept messages containing images or other attachments",
            "banned content",
            # Sisimai PolicyViolation
            "because the recipient is not accepting mail with",
            "header are not accepted",
            "header error",
            "this message was blocked because its content presents a potential",
        ),
        examples=(
            "550 5.7.1 Message rejected due to content policy",
            "smtp;554 rejecting banned content",
            # Sisimai PolicyViolation
            "554 5.7.9 Header error",
            "552 5.2.0 Because the recipient is not accepting mail with attachments or embedded "
            "images",
            "550 5.7.0 This message was blocked because its content presents a potential "
            "security issue.",
        ),
        summary="A content policy of the receiving organisation refused the message.",
        owner=Owner.MESSAGE,
        priority=STRONG,
    ),
    # --- contenterror / notcompliantrfc --------------------------------------------------
    Rule(
        id="common.content-error",
        reason=Reason.CONTENTERROR,
        phrases=(
            "headers too large",
            "header size exceeds",
            "header too large",
            "improper use of 8-bit data in message header",
            "message header size",
            "mime complexity",
            "invalid mime",
            "malformed mime",
            "improperly-formatted binary content",
            "unnecessary base64 encoding",
            "8-bit data",
            "8bit data",
            "bare lf",
            "bare linefeed",
            "line too long",
            "line length exceeded",
            "message content is not acceptable",
            'too many "received" headers',
            "too many received: headers",
            "too many received headers",
            "rejected by content filter",
            "content not acceptable",
            "invalid character in header",
            "invalid header",
        ),
        examples=(
            "552 5.6.0 Headers too large (3 max)",
            "550 5.6.0 Invalid MIME structure",
            "554 5.6.1 Body type not supported by Remote Host; improper use of 8-bit data in "
            "message header",
        ),
        summary="The receiver refused the structure or encoding of the message (headers, "
        "MIME, line lengths).",
        priority=STRONG,
    ),
    Rule(
        id="common.not-compliant-rfc",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=(
            # Sisimai ContentError: a header given twice breaks RFC 5322, the more specific
            # reason (tests/bounces/label_differences.jsonl, postfix-78).
            "duplicate header",
            "multiple from",
            "multiple addresses in from",
            "multiple * headers",
            "not rfc 5322 compliant",
            "not rfc5322 compliant",
            "does not conform to rfc",
            "not conform to rfc 5322",
            "missing message-id",
            "no message-id",
            "missing date header",
            "missing from header",
            "no from header",
            "invalid from header",
            "not rfc compliant",
            "does not conform to standards",
            "not conform to rfc",
            "not rfc 2822 compliant",
            "not rfc 5322 compliant",
            # A line over RFC 5322's 998 characters (2.1.1).
            "message line is too long",
            "message line too long",
        ),
        examples=(
            "554 Transaction failed: Duplicate header 'DKIM-Signature'.",
            "552 message line is too long",  # a GitHub issue of a mail library, 2024
            "550 5.7.1 Messages with multiple addresses in From: header are not accepted.",
            "550 5.6.0 Message does not conform to RFC 5322: missing Message-ID header",
            "554 Message does not conform to standards",
            "smtp;554 Message not allowed - Headers are not RFC compliant[291]",
            "550 5.7.1 Delivery not authorized, message refused: Message is not RFC 2822 compliant",
        ),
        summary="The message headers or structure violate RFC 5322.",
        priority=STRONG + 2,
    ),
    # --- mesgtoobig / exceedlimit --------------------------------------------------------
    Rule(
        id="common.message-too-big",
        reason=Reason.MESGTOOBIG,
        phrases=(
            "message too big",
            "message is too big",
            "message too large",
            "message is too large",
            "message file too big",
            "message size exceeds",
            "message exceeds",
            "size exceeds",
            "exceeds size limit",
            "exceeds the size limit",
            "size limit",
            "too big for",
            "too large for",
            "max message size exceeded",
            "maximum message size",
            "message length exceeds administrative limit",
            "exceeded maximum inbound message size",
            "exceeded the maximum incoming message size",
            "taille limite du message atteinte",
            "exceeds my databytes limit",
            "databytes limit",
            "message size limit",
            "line limit exceeded",
        ),
        examples=(
            "554 message too big",
            "552 5.3.4 Message size exceeds fixed limit",
            "552 5.3.4 Error: message file too big",
            "552 sorry, that message size exceeds my databytes limit (#5.3.4)",
            "552 5.3.4 Message too large",
        ),
        summary="The message is larger than the receiving server accepts.",
        priority=STRONG,
    ),
    Rule(
        # Sisimai EmailTooLarge's pairs; weak, as a message and a limit also meet in replies
        # about rates and quotas.
        id="common.message-size-weak",
        reason=Reason.MESGTOOBIG,
        phrases=("exceeded * message size", "message * exceeds * limit", "message * size * exceed"),
        examples=("552 Message body exceeds the configured limit",),
        summary="The message is larger than the receiving server accepts.",
        priority=WEAK,
    ),
    Rule(
        id="common.exceed-limit",
        reason=Reason.EXCEEDLIMIT,
        phrases=(
            "message length exceeds limit set by recipient",
            "limit set by recipient",
            "exceeds the maximum size the user accepts",
            "exeeded the maximum size the user accepts",
            "too large for this recipient",
            "resolver.rst.recipsizelimit",
            # Sisimai ExceedLimit
            "message header size exceeds limit",
        ),
        examples=(
            "552 5.2.3 Message length exceeds limit set by recipient",
            "552 5.3.4 Message header size exceeds limit",
        ),
        summary="The message is larger than the limit set for this recipient.",
        priority=STRONG + 1,
    ),
    Rule(
        id="common.exceed-limit-5.2.3",
        reason=Reason.EXCEEDLIMIT,
        phrases=("message size exceeds fixed maximum message size", "message length exceeds"),
        statuses=("5.2.3",),
        examples=("552 5.2.3 Message size exceeds fixed maximum message size (10485760)",),
        summary="The message is larger than the limit set for this mailbox (status 5.2.3).",
        priority=STRONG + 1,
    ),
    # --- filtered ------------------------------------------------------------------------
    Rule(
        id="common.filtered",
        reason=Reason.FILTERED,
        phrases=(
            "message filtered",
            "message rejected due to user rules",
            "user refuses to receive this mail",
            "recipient id refuse to receive mail",
            "refused due to recipient preferences",
            "recipient is only accepting mail from specific email addresses",
            "you have been blocked by the recipient",
            "blocked by the recipient",
            "blocked by recipient",
            "is not accepting any mail",
            "account is protected by",
            "sender is on the recipient's block list",
            # Sisimai Rejected lists Outlook.com's "because the sender isn't on the recipient's
            # list of senders to accept mail from": the recipient's own allow list, as Sisimai's
            # Filtered reads AOL's "only accepting mail from specific email addresses".
            "because the sender isn't on the recipient's list of senders",
            "not on the recipient's list of senders",
            "user reject",
            "doesn't want your mail",
            "does not want your mail",
            "user's reject list",
            "recipient's block list",
            "recipient has blocked",
            # Sisimai Filtered
            "due to extended inactivity new mail is not currently being accepted for this mailbox",
            "has restricted sms e-mail",
            "not found recipient account",
            # Sisimai UserUnknown lists it; the recipient refusing you is the recipient's
            # filter, as Sisimai's own Filtered reads "user refuses to receive this mail".
            "recipient refuses to accept your mail",
        ),
        examples=(
            "550 5.2.0 Message Filtered",
            "550 5.1.1 RCP-P2 http://postmaster.facebook.com/response_codes?ip=192.0.2.135#rcp "
            "Refused due to recipient preferences",
            "550 5.7.1 Recipient doesn't want your mail",
            "550 You are registered as spammer (by user's reject list)",
            "550 5.7.1 Due to extended inactivity new mail is not currently being accepted for "
            "this mailbox",
            "550 Not found recipient account",
        ),
        summary="The recipient's own filter refuses mail from you; the mailbox may exist.",
        priority=STRONG + 1,
    ),
    Rule(
        # Sisimai lists SendGrid's drops under Filtered ("bounced address") and Rejected ("spam
        # reporting address"); nothing was refused by a receiver: the sending service kept
        # the message back for an earlier bounce or complaint, which is suppressed here, as
        # for Mailgun, Postmark and Amazon SES.
        id="common.suppressed-address",
        reason=Reason.SUPPRESSED,
        phrases=("bounced address", "spam reporting address"),
        examples=("550 Bounced Address", "550 Spam Reporting Address"),
        summary="Your sending service did not send: the address bounced or complained before.",
        priority=STRONG,
    ),
    # --- systemerror / systemfull / mailererror -------------------------------------------
    Rule(
        id="common.system-error",
        reason=Reason.SYSTEMERROR,
        phrases=(
            "local error in processing",
            "local configuration error",
            "server configuration error",
            "system config error",
            "mail system configuration error",
            "temporary local problem",
            "service currently unavailable",
            "service temporarily unavailable",
            "internal error",
            "internal server error",
            "server error",
            "system error",
            "system failure",
            "interrupted system call",
            "queue file write error",
            "timeout waiting for input",
            "could not load drd for domain",
            "aliasing/forwarding loop broken",
            "can't create user output file",
            "it encountered an error while being processed",
            "remote server is misconfigured",
            "loops back to myself",
            "mail loops back",
            "it would create a mail loop",
            "loop was found in the mail exchanger",
            "temporarily unavailable",
            "unable to connect * daemon",
            "recipient deferred because there is no mdb",
            # Sisimai SystemError also lists a bare "transaction failed ", left out: Amazon SES
            # and others begin refusals of every kind with it ("Transaction failed: Duplicate
            # header", "Transaction failed. (SPAM_SUSPECT:IP_CONTROL)") and say what after it.
            "license expired",
            "licence expired",
            "address verification in progress",
            "temporary system problem",
            "service unavailable - try again later",
            "mail server temporarily rejected message",
        ),
        examples=(
            "554 Service currently unavailable",
            "451 Could not load DRD for domain (example.com) rcpt (kijitora@example.com)",
            "451 4.3.0 Error: queue file write error",
            "451 4.3.0 Temporary local problem - please try later",
            "smtp;422 License Expired",
            "smtp;421 4.1.1 <email@example.com>: Recipient address rejected: unverified address: Address verification in progress",
            "421 4.7.0 Temporary System Problem. Try again later.",
            "451 4.7.1 Service unavailable - try again later",
            "451 4.3.0 Mail server temporarily rejected message.",
        ),
        summary="The receiving system had an internal or configuration error.",
        priority=MAILBOX - 1,
    ),
    Rule(
        id="common.system-full",
        reason=Reason.SYSTEMFULL,
        phrases=(
            # Sisimai MailboxFull lists "452 insufficient disk space", "no space left on
            # device" and "not sufficient disk space": the receiving system's disk, not the
            # recipient's quota, so the receiving system's fault.
            "insufficient disk space",
            "insufficient system storage",
            "not sufficient disk space",
            "no space left on device",
            "mail system full",
            "mailbox unavailable (not enough free space)",
            # Not RFC 5321's 552 "exceeded storage allocation": that is the mailbox's own
            # allocation (common.mailbox-full); 452 "insufficient system storage" is this.
            "system storage",
            "disk full",
        ),
        examples=(
            "452 4.4.5 Insufficient disk space; try again later",
            "452 4.3.1 Insufficient system storage",
        ),
        summary="The receiving server's disk or queue is full.",
        priority=MAILBOX + 2,
    ),
    Rule(
        id="common.mailer-error",
        reason=Reason.MAILERERROR,
        phrases=(
            "procmail:",
            "bin/procmail",
            "bin/maildrop",  # Sisimai writes "bin/maidrop"
            "command failed:",
            "command died with status",
            "command output:",
            "mailer error",
            "pipe to |/",
            "|| exit",
            "x-unix;",
            "delivery to pipe forbidden",
            "delivery to file forbidden",
        ),
        examples=(
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 5.3.0\n"
            'Diagnostic-Code: x-unix; procmail: Couldn\'t create "/var/spool/mail/neko"',
            '550 5.3.0 Command died with status 1: "/usr/bin/procmail"',
        ),
        summary="A local delivery program on the receiving side failed.",
        priority=MAILBOX + 2,
    ),
    # --- networkerror / expired ----------------------------------------------------------
    Rule(
        id="common.network-error",
        reason=Reason.NETWORKERROR,
        phrases=(
            "no route to host",
            "host is unreachable",
            "network is unreachable",
            "host name lookup failure",
            "host not found, try again",
            "malformed or unexpected name server reply",
            "malformed name server reply",
            "name service error",
            "dns error",
            "dns lookup",
            "dns records for the destination computer could not be found",
            "temporary failure in mx lookup",
            "mail forwarding loop",
            "routing loop",
            "mail loop",
            "too many hops",
            "hop count exceeded",
            "maximum forwarding loop count exceeded",
            "message looping",
            "unable to resolve route",
            "unrouteable mail domain",
            "could not connect and send the mail to",
            "loop detected",
            "connection reset",
            # Sisimai Blocked lists "connection dropped": the bare words do not say who dropped
            # it, so it stays a network failure here; a peer's reset or a drop "by remote host"
            # is the receiver's refusal (common.connection-dropped).
            "connection dropped",
            "lost connection",
            "connection closed",
            "name server timeout",
            "socket error",
        ),
        examples=(
            "554 5.4.6 Too many hops",
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 4.4.3\n"
            "Diagnostic-Code: X-Postfix; Name service error for name=example.org type=MX: "
            "Malformed or unexpected name server reply",
            "451 4.4.0 DNS lookup failed for example.org",
            "451 Name server timeout",
            "8/23/2025 1:12:14 PM - Server at fire.fundersclub.com (13.248.132.87) returned '450 4.4.316 Connection refused [Message=Socket error code 10061]",
        ),
        summary="A DNS, routing or connection problem stopped the delivery.",
        priority=MAILBOX - 1,
    ),
    Rule(
        id="common.expired",
        reason=Reason.EXPIRED,
        phrases=(
            "connection timed out",
            "timed out",
            "message expired",
            "delivery expired",
            "delivery time expired",
            "envelope expired",
            "retry timeout exceeded",
            "have been failing for a long time",
            "has been delayed",
            "has not been collected after",
            "message timed out",
            "retry time not reached for any host after a long failure period",
            "server did not respond",
            "this message has been in the queue too long",
            "unable to deliver message after multiple retries",
            "was not reachable within the allowed queue period",
            "could not be delivered for more than",
            "delivery attempts will continue",
            "could not find a gateway for",
            "failed to deliver to domain",
            "queue.expired",
            "did not accept our requests to connect",
            # Sisimai RateLimited lists it; the words say the sending server retried until it
            # gave up, which is expiry, whatever limited the attempts.
            "we have already made numerous attempts to deliver this message",
            # Sisimai Expired
            "could not be delivered for * days",
        ),
        examples=(
            "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection "
            "timed out>",
            "Final-Recipient: rfc822; kijitora@example.jp\nAction: failed\nStatus: 4.4.1\n"
            "Diagnostic-Code: X-Postfix; connect to example.org[203.0.113.225]:25: Connection "
            "timed out",
            "426 connection timed out",
            "Your message could not be delivered for 5 days",
        ),
        summary="Delivery failed for so long that the sending server gave up.",
        priority=MAILBOX - 2,
    ),
    Rule(
        # Sisimai Expired; weak: qmail also writes "Giving up on 192.0.2.1." after a permanent
        # refusal, whose own words say why.
        id="common.giving-up-weak",
        reason=Reason.EXPIRED,
        phrases=("giving up on",),
        examples=("451 Giving up on mx.example.org",),
        summary="Delivery failed for so long that the sending server gave up.",
        priority=WEAK,
    ),
    # --- syntaxerror ---------------------------------------------------------------------
    Rule(
        id="common.syntax-error",
        reason=Reason.SYNTAXERROR,
        phrases=(
            "improper sequence of commands",
            "bad sequence of commands",
            # An SMTP protocol violation is the client's (Exim, Sendmail and Postfix say
            # "protocol error", "synchronization"), not a policy.
            "protocol violation",
            "syntax error",
            "command unrecognized",
            "command not recognized",
            "unrecognized command",
            "command not implemented",
            "parameter not implemented",
            "invalid command",
            "line too long for smtp",
            "malformed address",
            "angle-brackets nested too deep",
            "domain missing in source-routed address",
            'expected word or "<"',
        ),
        examples=(
            "503 Improper sequence of commands",
            '500 5.5.1 Command unrecognized: "XYZZY"',
            "501 5.5.4 Syntax error in parameters or arguments",
        ),
        summary="The server did not understand a command or its arguments.",
        priority=MAILBOX - 1,
    ),
    # --- greylisting ----------------------------------------------------------------------
    Rule(
        # Greylisting defers a sending host the receiver does not know yet: the sender's side
        # is being tested, the address is not in question, and a normal retry clears it.
        id="common.greylisted",
        reason=Reason.BLOCKED,
        phrases=(
            # Sisimai SpamDetected lists "greylisted * please try again in": greylisting
            # tests an unknown sending host and judges no content.
            "greylisted",
            "greylisting",
            "graylisted",
            "graylisting",
            "grey-listed",
            "gray-listed",
            "try again later, greylist",
        ),
        replycodes=("4",),
        examples=(
            "450 4.7.1 <grey@example.test>: Recipient address rejected: Greylisted, please try "
            "again later",
            "451 4.7.1 Greylisting in action, please come back later",
            "451 4.7.1 Please try again later (greylisted)",
        ),
        summary="Greylisting: the receiver defers the first attempt from an unknown sender; a "
        "normal retry by your mail server after a few minutes gets through.",
        owner=Owner.SENDER,
        no_verdict=True,
        retry=Retry.LATER,
        actions=(
            Action(
                "Nothing to fix: let your mail server retry (most retry after 5 to 15 minutes "
                "and succeed); do not mark the address as bad."
            ),
        ),
        priority=LIMIT + 5,
    ),
)
