"""What SMTP reply codes and enhanced status codes mean, and the reason each one implies.

Where the data comes from:

* Basic reply codes: RFC 5321 section 4.2, plus the codes other RFCs added that are seen in
  practice (RFC 4954 for AUTH, RFC 1846 and RFC 7504 for 521 and 556).
* Enhanced status codes: every entry of the IANA "SMTP Enhanced Status Codes" registry
  (https://www.iana.org/assignments/smtp-enhanced-status-codes), titles as the registry words
  them, with the RFC that registered each one.
* Reasons: Sisimai's status-to-reason table (``lib/Sisimai/SMTP/Status.pm``) and reply-code
  table (``lib/Sisimai/SMTP/Reply.pm``), so results compare side by side with Sisimai. Where
  Sisimai maps the 4.x.y and 5.x.y forms of a code differently, ``reason`` is the permanent one
  and ``transient_reason`` the other; where Sisimai has no entry the closest reason was chosen.
* Examples: reply texts from Postfix's sources and test references, Gmail's "SMTP errors and
  codes" page (https://support.google.com/a/answer/3726730), Microsoft's Exchange NDR reference
  (https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online)
  and RFC text. For codes no MTA is known to send, the example is the reply the defining RFC
  prescribes: the basic code, the status and the registry's sample text; those entries are
  marked below.

Finding codes in text (``find_status``, ``find_statuses``, ``find_replycode``, ``is_status``,
``is_replycode``) follows one boundary rule, written once at the end of this module: a status
or reply code is not part of a longer number (an IP address, a version string, a dotted
number), and a reply code ends where RFC 5321 ends it. Every reader of bounces and replies
takes codes from here or builds its context patterns on ``STATUS_PATTERN`` and
``REPLYCODE_PATTERN``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bouncekit.replies.model import Reason

__all__ = [
    "ENHANCED_STATUSES",
    "REPLYCODE_PATTERN",
    "REPLY_CODES",
    "STATUS_PATTERN",
    "EnhancedStatus",
    "ReplyCode",
    "describe_status",
    "enhanced_status",
    "find_replycode",
    "find_status",
    "find_statuses",
    "is_replycode",
    "is_status",
    "reply_code",
    "status_class_meaning",
    "status_reason",
]


@dataclass(frozen=True, slots=True)
class ReplyCode:
    """One basic SMTP reply code (the three digits at the start of every reply line)."""

    code: str  # "550"
    meaning: str  # one sentence
    rfc: str  # "RFC 5321 4.2.3"
    reason: Reason | None  # what the code alone suggests; None for success and intermediate codes
    example: str  # a real reply line carrying this code


@dataclass(frozen=True, slots=True)
class EnhancedStatus:
    """One entry of the IANA enhanced status code registry, keyed by subject.detail."""

    detail: str  # "1.1": the code without its class digit
    title: str  # the registry's title
    description: str  # what it means for a sender
    rfc: str  # the RFC that registered it
    reason: Reason  # the reason the code implies when the reply text says nothing more specific
    example: str  # a real reply text carrying this code, in any class
    # Sisimai's reason for the 4.x.y form where it differs from the 5.x.y form.
    transient_reason: Reason | None = None


_RFC5321 = "RFC 5321 4.2.3"

_REPLY_CODE_LIST: tuple[ReplyCode, ...] = (
    ReplyCode(
        "211",
        "System status, or system help reply.",
        _RFC5321,
        None,
        # No MTA we know sends it; this is RFC 5321's own text for the code.
        "211 System status, or system help reply",
    ),
    ReplyCode(
        "214",
        "Help message for a human reader: how to use the server or a non-standard command.",
        _RFC5321,
        None,
        "214 2.0.0 End of HELP info",  # Sendmail
    ),
    ReplyCode(
        "220",
        "Service ready: the server's greeting, or its go-ahead for STARTTLS.",
        _RFC5321,
        None,
        "220 2.0.0 Ready to start TLS",  # Postfix
    ),
    ReplyCode(
        "221",
        "Service closing transmission channel.",
        _RFC5321,
        None,
        "221 2.0.0 Bye",  # Postfix
    ),
    ReplyCode(
        "235",
        "Authentication succeeded.",
        "RFC 4954 6",
        None,
        "235 2.7.0 Authentication successful",  # Postfix
    ),
    ReplyCode(
        "250",
        "Requested mail action okay, completed.",
        _RFC5321,
        None,
        "250 2.0.0 Ok: queued as 4F3D21C0B2A",  # Postfix
    ),
    ReplyCode(
        "251",
        "User not local; the server will forward the message to another address.",
        _RFC5321,
        None,
        "251 User not local; will forward to <Postel@USC.EDU>",  # RFC 5321 3.4
    ),
    ReplyCode(
        "252",
        "Cannot verify the user, but the server will accept the message and attempt delivery.",
        _RFC5321,
        None,
        "252 2.1.5 Send some mail, I'll try my best",  # Gmail's answer to VRFY
    ),
    ReplyCode(
        "334",
        "Authentication challenge: the text is a base64 string from the SASL mechanism.",
        "RFC 4954 4",
        None,
        "334 VXNlcm5hbWU6",  # AUTH LOGIN asking for "Username:"
    ),
    ReplyCode(
        "354",
        "Start mail input; end with <CRLF>.<CRLF>.",
        _RFC5321,
        None,
        "354 End data with <CR><LF>.<CR><LF>",  # Postfix
    ),
    ReplyCode(
        "421",
        "Service not available, closing transmission channel; the server may be shutting down, "
        "overloaded or limiting the client.",
        _RFC5321,
        Reason.SYSTEMERROR,
        "421 4.4.2 mail.example.com Error: timeout exceeded",  # Postfix
    ),
    ReplyCode(
        "432",
        "A password transition is needed before this authentication mechanism can be used.",
        "RFC 4954 6",
        Reason.SECURITYERROR,
        "432 4.7.12 A password transition is needed",  # RFC 4954 6
    ),
    ReplyCode(
        "450",
        "Requested mail action not taken: mailbox unavailable (busy, or temporarily blocked "
        "for policy reasons).",
        _RFC5321,
        # Busy, greylisted or blocked by policy: the code alone says nothing of the cause.
        None,
        "450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]",  # Postfix
    ),
    ReplyCode(
        "451",
        "Requested action aborted: local error in processing.",
        _RFC5321,
        Reason.SYSTEMERROR,
        "451 4.3.0 Queue file write error",  # Postfix
    ),
    ReplyCode(
        "452",
        "Requested action not taken: insufficient system storage.",
        _RFC5321,
        Reason.SYSTEMFULL,
        "452 4.3.1 Insufficient system resources",  # Exchange Server
    ),
    ReplyCode(
        "454",
        "Temporary authentication failure, or TLS not available for a temporary reason.",
        "RFC 4954 6",
        Reason.SECURITYERROR,
        "454 4.7.0 TLS not available due to local problem",  # Postfix
    ),
    ReplyCode(
        "455",
        "Server unable to accommodate parameters.",
        _RFC5321,
        Reason.SYNTAXERROR,
        "455 4.5.3 Too many recipients.",  # Stalwart
    ),
    ReplyCode(
        "500",
        "Syntax error, command unrecognized (this includes a command line that is too long).",
        _RFC5321,
        Reason.SYNTAXERROR,
        "500 5.5.2 Error: bad syntax",  # Postfix
    ),
    ReplyCode(
        "501",
        "Syntax error in parameters or arguments.",
        _RFC5321,
        Reason.SYNTAXERROR,
        "501 5.5.4 Syntax: MAIL FROM:<address>",  # Postfix
    ),
    ReplyCode(
        "502",
        "Command not implemented.",
        _RFC5321,
        Reason.SYNTAXERROR,
        "502 5.5.1 VRFY command is disabled",  # Postfix
    ),
    ReplyCode(
        "503",
        "Bad sequence of commands.",
        _RFC5321,
        Reason.SYNTAXERROR,
        "503 5.5.1 Error: need MAIL command",  # Postfix
    ),
    ReplyCode(
        "504",
        "Command parameter not implemented.",
        _RFC5321,
        Reason.SYNTAXERROR,
        "504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname",  # Postfix
    ),
    ReplyCode(
        "521",
        "Host does not accept mail.",
        "RFC 7504 3",
        Reason.NOTACCEPT,
        "521 5.3.2 Service currently unavailable",  # Postfix postscreen
    ),
    ReplyCode(
        "530",
        "Authentication required.",
        "RFC 4954 6",
        Reason.SECURITYERROR,
        "530 5.7.0 Must issue a STARTTLS command first",  # Postfix
    ),
    ReplyCode(
        "534",
        "Authentication mechanism is too weak.",
        "RFC 4954 6",
        Reason.SECURITYERROR,
        "534 5.7.9 Authentication mechanism is too weak",  # RFC 4954 6
    ),
    ReplyCode(
        "535",
        "Authentication credentials invalid.",
        "RFC 4954 6",
        Reason.SECURITYERROR,
        "535 5.7.8 Error: authentication failed: authentication failure",  # Postfix
    ),
    ReplyCode(
        "538",
        "Encryption required for requested authentication mechanism.",
        "RFC 4954 6",
        Reason.SECURITYERROR,
        "538 5.7.11 Encryption required for requested authentication mechanism",  # RFC 4954 6
    ),
    ReplyCode(
        "550",
        "Requested action not taken: mailbox unavailable (not found, no access, or command "
        "rejected for policy reasons).",
        _RFC5321,
        # Not found, no access or policy: RFC 5321 gives it all three meanings, and servers
        # use it for every refusal. Only the text, or an enhanced status, tells which.
        None,
        "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in local "
        "recipient table",  # Postfix
    ),
    ReplyCode(
        "551",
        "User not local; the client should try the forward-path the reply names.",
        _RFC5321,
        Reason.HASMOVED,
        "551 User not local; please try <Mockapetris@USC.EDU>",  # RFC 5321 3.4
    ),
    ReplyCode(
        "552",
        "Requested mail action aborted: exceeded storage allocation.",
        _RFC5321,
        # Sisimai's table says mailboxfull (RFC 5321's words), but servers give 552 at DATA for
        # a message over their size limit, a broken MIME structure or a loop as often as for a
        # full mailbox: the code alone does not say which, the text does.
        None,
        "552 5.2.2 The email account that you tried to reach is over quota.",  # Gmail
    ),
    ReplyCode(
        "553",
        "Requested action not taken: mailbox name not allowed (for example, bad syntax).",
        _RFC5321,
        # Sisimai reads a bad destination mailbox syntax (5.1.3) as userunknown. Servers also
        # give it for refused senders and relaying, so the verdict on the address waits for
        # words (classify.py).
        Reason.USERUNKNOWN,
        "553 5.1.3 <foo@@nil>... Invalid route address",  # Sendmail
    ),
    ReplyCode(
        "554",
        'Transaction failed (or, as a greeting, "No SMTP service here").',
        _RFC5321,
        # Used for blocklists, content and relaying alike: the code alone says nothing.
        Reason.UNDEFINED,
        "554 5.7.1 <a@example.com>: Relay access denied",  # Postfix
    ),
    ReplyCode(
        "555",
        "MAIL FROM/RCPT TO parameters not recognized or not implemented.",
        _RFC5321,
        Reason.SYNTAXERROR,
        "555 5.5.2 Syntax error.",  # Gmail
    ),
    ReplyCode(
        "556",
        "Domain does not accept mail.",
        "RFC 7504 3",
        Reason.NOTACCEPT,
        "556 5.1.10 <a@example.com>: Recipient address rejected: Domain example.com does not "
        "accept mail",  # Postfix
    ),
)


def _status(
    detail: str,
    title: str,
    description: str,
    rfc: str,
    reason: Reason,
    example: str,
    transient_reason: Reason | None = None,
) -> EnhancedStatus:
    return EnhancedStatus(detail, title, description, rfc, reason, example, transient_reason)


_ENHANCED_LIST: tuple[EnhancedStatus, ...] = (
    _status(
        "0.0",
        "Other undefined Status",
        "Only the class of the result is known; the server gives no detail. The reply text is "
        "the only clue to the cause.",
        "RFC 3463",
        Reason.UNDEFINED,
        "250 2.0.0 Ok: queued as 4F3D21C0B2A",  # Postfix
    ),
    # X.1: addressing
    _status(
        "1.0",
        "Other address status",
        "Something about an address in the message caused this reply, without saying what. "
        "Read the text to see whether the sender or the recipient address was refused.",
        "RFC 3463",
        Reason.USERUNKNOWN,
        "550 5.1.0 <baz@example.com>: Sender address rejected: User unknown in local "
        "recipient table",  # Postfix
    ),
    _status(
        "1.1",
        "Bad destination mailbox address",
        "The mailbox (the part left of the @) does not exist at the destination. Correct the "
        "address or stop sending to it.",
        "RFC 3463",
        Reason.USERUNKNOWN,
        "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in local "
        "recipient table",  # Postfix
    ),
    _status(
        "1.2",
        "Bad destination system address",
        "The recipient's domain (the part right of the @) does not exist or cannot receive "
        "mail. Check the domain for a typo.",
        "RFC 3463",
        Reason.HOSTUNKNOWN,
        "450 4.1.2 <a@nxdomain.example.com>: Recipient address rejected: Domain not found",
    ),
    _status(
        "1.3",
        "Bad destination mailbox address syntax",
        "The recipient address is not a valid address. Correct its syntax before sending again.",
        "RFC 3463",
        Reason.USERUNKNOWN,
        "501 5.1.3 Bad recipient address syntax",  # Postfix
    ),
    _status(
        "1.4",
        "Destination mailbox address ambiguous",
        "The address matches more than one mailbox at the destination, so the server cannot "
        "choose. Use the recipient's exact address.",
        "RFC 3463",
        Reason.FILTERED,
        "550 5.1.4 Destination mailbox address ambiguous",  # Exchange Server 2007/2010
    ),
    _status(
        "1.5",
        "Destination address valid",
        "The recipient address was accepted. This is a success code, not an error.",
        "RFC 3463",
        Reason.DELIVERED,
        "250 2.1.5 Ok",  # Postfix
    ),
    _status(
        "1.6",
        "Destination mailbox has moved, No forwarding address",
        "The address was valid once but no longer receives mail. Use the new address if the "
        "reply names one; otherwise remove the address.",
        "RFC 3463",
        Reason.HASMOVED,
        "550 5.1.6 <a@example.com>: Recipient address rejected: User has moved to "
        "b@example.net",  # Postfix relocated_maps
    ),
    _status(
        "1.7",
        "Bad sender's mailbox address syntax",
        "The envelope sender (MAIL FROM) is not a valid address. Fix the sender address the "
        "sending software uses.",
        "RFC 3463",
        Reason.REJECTED,
        "501 5.1.7 Bad sender address syntax",  # Postfix
    ),
    _status(
        "1.8",
        "Bad sender's system address",
        "The domain of the sender address does not exist or cannot receive mail, so replies "
        "could not be returned. Make the sender domain resolve and accept mail.",
        "RFC 3463",
        Reason.REJECTED,
        "450 4.1.8 <a@nxdomain.example.com>: Sender address rejected: Domain not found",
    ),
    _status(
        "1.9",
        "Message relayed to non-compliant mailer",
        "The address was valid, but the message was handed to a system that does not report "
        "delivery status, so no further report will follow.",
        "RFC 3886",
        Reason.SYSTEMERROR,
        # Registry sample text: no MTA is known to send it.
        "250 2.1.9 Message relayed to non-compliant mailer",
    ),
    _status(
        "1.10",
        "Recipient address has null MX",
        "The recipient's domain publishes a null MX record: it declares that it accepts no mail "
        "at all. Remove the address.",
        "RFC 7505; RFC 7504",
        Reason.NOTACCEPT,
        "556 5.1.10 <a@example.com>: Recipient address rejected: Domain example.com does not "
        "accept mail",  # Postfix
    ),
    # X.2: mailbox
    _status(
        "2.0",
        "Other or undefined mailbox status",
        "The mailbox exists, but something about it caused this reply. Greylisting servers "
        "use the temporary form to ask for a retry later.",
        "RFC 3463",
        Reason.FILTERED,
        "450 4.2.0 <a@example.com>: Recipient address rejected: Greylisted, see "
        "http://postgrey.schweikert.ch/help/example.com.html",  # Postgrey
    ),
    _status(
        "2.1",
        "Mailbox disabled, not accepting messages",
        "The mailbox exists but is disabled. Permanent when the account is closed, temporary "
        "when it is only suspended or receiving too fast.",
        "RFC 3463",
        Reason.FILTERED,
        "550 5.2.1 The email account that you tried to reach is disabled.",  # Gmail
        transient_reason=Reason.SUSPEND,
    ),
    _status(
        "2.2",
        "Mailbox full",
        "The recipient's mailbox is over its quota. The recipient has to make room; a later "
        "attempt may succeed.",
        "RFC 3463",
        Reason.MAILBOXFULL,
        "452 4.2.2 The recipient's inbox is out of storage space.",  # Gmail
    ),
    _status(
        "2.3",
        "Message length exceeds administrative limit",
        "The message is larger than this mailbox's own size limit. Send a smaller message, "
        "for example a link instead of an attachment.",
        "RFC 3463",
        Reason.EXCEEDLIMIT,
        "550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient",  # Exchange
    ),
    _status(
        "2.4",
        "Mailing list expansion problem",
        "The recipient is a mailing list that could not be expanded to its members. The "
        "list's owner has to fix it.",
        "RFC 3463",
        Reason.FILTERED,
        "550 5.2.4 Mailing list expansion problem",  # Exchange Server 2007/2010
    ),
    # X.3: mail system
    _status(
        "3.0",
        "Other or undefined mail system status",
        "The destination normally accepts mail, but something about the system caused this "
        "reply. Usually a fault on the receiving side.",
        "RFC 3463",
        Reason.SYSTEMERROR,
        "451 4.3.0 Queue file write error",  # Postfix
        # Sisimai names 5.3.0 only: a 4.3.0 says nothing without its text.
        transient_reason=Reason.UNDEFINED,
    ),
    _status(
        "3.1",
        "Mail system full",
        "The receiving system has run out of storage. Only its operator can fix it; a later "
        "attempt may succeed.",
        "RFC 3463",
        Reason.SYSTEMFULL,
        "452 4.3.1 Insufficient system resources",  # Exchange Server
    ),
    _status(
        "3.2",
        "System not accepting network messages",
        "The receiving host is not accepting mail, because of a shutdown, overload or "
        "maintenance, or at all. Retry later; if it lasts, check the address.",
        "RFC 3463; RFC 7504",
        Reason.NOTACCEPT,
        "421 4.3.2 All server ports are busy",  # Postfix
    ),
    _status(
        "3.3",
        "System not capable of selected features",
        "The destination cannot provide a feature the message or session asked for. Send "
        "without that feature.",
        "RFC 3463",
        Reason.SYSTEMERROR,
        "500 5.3.3 Unrecognized command",  # Exchange Server
    ),
    _status(
        "3.4",
        "Message too big for system",
        "The message is larger than the receiving system accepts. Send a smaller message.",
        "RFC 3463",
        Reason.MESGTOOBIG,
        "552 5.3.4 Your message exceeded Google's message size limits.",  # Gmail
    ),
    _status(
        "3.5",
        "System incorrectly configured",
        "The receiving system is misconfigured and cannot accept the message. Only its "
        "administrator can fix it.",
        "RFC 3463",
        Reason.SYSTEMERROR,
        "451 4.3.5 Server configuration error",  # Postfix
    ),
    _status(
        "3.6",
        "Requested priority was changed",
        "The message was accepted, but not at the priority the sender asked for; the text "
        "after the code gives the priority used.",
        "RFC 6710",
        Reason.DELIVERED,
        # The form RFC 6710 prescribes: new priority, then text. No MTA is known to send it.
        "250 2.3.6 -3 Requested priority was changed",
    ),
    # X.4: network and routing
    _status(
        "4.0",
        "Other or undefined network or routing status",
        "Something went wrong with the network or routing, without detail. Usually temporary.",
        "RFC 3463",
        Reason.NETWORKERROR,
        "451 4.4.0 DNS query failed",  # Exchange Server
        # Sisimai names 5.4.0 only: a 4.4.0 says nothing without its text.
        transient_reason=Reason.UNDEFINED,
    ),
    _status(
        "4.1",
        "No answer from host",
        "The receiving server did not answer the connection attempt. If that lasts until the "
        "message expires, the message comes back.",
        "RFC 3463",
        Reason.EXPIRED,
        "441 4.4.1 Error encountered while communicating with primary target IP address",
    ),
    _status(
        "4.2",
        "Bad connection",
        "The connection was made but broke or timed out before the message was transferred. "
        "Usually temporary.",
        "RFC 3463",
        Reason.NETWORKERROR,
        "421 4.4.2 mail.example.com Error: timeout exceeded",  # Postfix
    ),
    _status(
        "4.3",
        "Directory server failure",
        "A directory server, usually DNS, could not be reached to route the message. Usually "
        "temporary.",
        "RFC 3463",
        Reason.SYSTEMERROR,
        "dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for "
        "name=example.com type=MX: Host not found, try again)",  # Postfix log
    ),
    _status(
        "4.4",
        "Unable to route",
        "No route to the destination was found, for example because its domain has no mail "
        "servers in DNS. Check the domain.",
        "RFC 3463",
        Reason.HOSTUNKNOWN,
        "550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain",  # Exchange Server
        transient_reason=Reason.NETWORKERROR,
    ),
    _status(
        "4.5",
        "Mail system congestion",
        "The mail system is congested, or the sender has reached a sending limit. Send more "
        "slowly and retry later.",
        "RFC 3463",
        Reason.SYSTEMFULL,
        "421 4.4.5 Server busy, try again later.",  # Gmail
    ),
    _status(
        "4.6",
        "Routing loop detected",
        "The message went around a forwarding loop too many times. Check forwarding rules and "
        "MX records on both sides.",
        "RFC 3463",
        Reason.NETWORKERROR,
        "554 5.4.6 Message exceeded 50 hops, this may indicate a mail loop.",  # Gmail
    ),
    _status(
        "4.7",
        "Delivery time expired",
        "The message waited in a queue too long and was given up; the problem that kept it "
        "there is usually in an earlier, temporary reply.",
        "RFC 3463",
        Reason.EXPIRED,
        "550 4.4.7 QUEUE.Expired; message expired",  # Exchange Server
    ),
    # X.5: mail delivery protocol
    _status(
        "5.0",
        "Other or undefined protocol status",
        "Something was wrong in the SMTP conversation, without detail. Check how the sending "
        "software speaks SMTP.",
        "RFC 3463",
        # Sisimai gives X.5.0 no reason of its own: servers use it for anything.
        Reason.UNDEFINED,
        "451 4.5.0 SMTP protocol violation, see RFC 2821.",  # Gmail
    ),
    _status(
        "5.1",
        "Invalid command",
        "A command was sent out of sequence or is not supported: a fault in the sending software.",
        "RFC 3463",
        Reason.SYNTAXERROR,
        "503 5.5.1 Error: need MAIL command",  # Postfix
    ),
    _status(
        "5.2",
        "Syntax error",
        "A command could not be understood: a fault in the sending software.",
        "RFC 3463",
        Reason.SYNTAXERROR,
        "500 5.5.2 Error: bad syntax",  # Postfix
    ),
    _status(
        "5.3",
        "Too many recipients",
        "The message named more recipients than the server takes in one transaction. Send to "
        "the rest in another transaction.",
        "RFC 3463",
        Reason.TOOMANYCONN,
        "452 4.5.3 Error: too many recipients",  # Postfix
        transient_reason=Reason.SYSTEMERROR,
    ),
    _status(
        "5.4",
        "Invalid command arguments",
        "A valid command had invalid arguments: a fault in the sending software or in the "
        "addresses it was given.",
        "RFC 3463",
        Reason.SYSTEMERROR,
        "501 5.5.4 Syntax: MAIL FROM:<address>",  # Postfix
    ),
    _status(
        "5.5",
        "Wrong protocol version",
        "Client and server could not agree on a protocol version.",
        "RFC 3463",
        Reason.SYSTEMERROR,
        # Registry sample text: no MTA is known to send it.
        "554 5.5.5 Wrong protocol version",
    ),
    _status(
        "5.6",
        "Authentication Exchange line is too long",
        "The client's reply during AUTH was longer than the server accepts: a fault in the "
        "client's authentication.",
        "RFC 4954",
        Reason.SYNTAXERROR,
        "500 5.5.6 SASL response limit exceeded",  # Postfix
    ),
    # X.6: message content or media
    _status(
        "6.0",
        "Other or undefined media error",
        "Something about the message content made it undeliverable, without detail; often a "
        "malformed message.",
        "RFC 3463",
        Reason.CONTENTERROR,
        "554 5.6.0 Mail message is malformed. Not accepted.",  # Gmail
    ),
    _status(
        "6.1",
        "Media not supported",
        "The message uses a kind of content that the delivery path does not support.",
        "RFC 3463",
        Reason.CONTENTERROR,
        # Registry sample text: no MTA is known to send it.
        "554 5.6.1 Media not supported",
    ),
    _status(
        "6.2",
        "Conversion required and prohibited",
        "The content would have to be converted for the next hop, and the sender or a policy "
        "forbids conversion.",
        "RFC 3463",
        Reason.CONTENTERROR,
        # Registry sample text: no MTA is known to send it.
        "554 5.6.2 Conversion required and prohibited",
    ),
    _status(
        "6.3",
        "Conversion required but not supported",
        "The content must be converted, for example from 8-bit to 7-bit, and no host on the "
        "path can do it.",
        "RFC 3463",
        Reason.CONTENTERROR,
        "554 5.6.3 Conversion required but not supported",  # RFC 4468 example
    ),
    _status(
        "6.4",
        "Conversion with loss performed",
        "The message was delivered, but converting it lost some data. It fails instead when "
        "the sender prohibited lossy conversion.",
        "RFC 3463",
        Reason.CONTENTERROR,
        "250 2.6.4 MIME header conversion with loss performed",  # RFC 4468 example
    ),
    _status(
        "6.5",
        "Conversion Failed",
        "A conversion the content needed was attempted and failed.",
        "RFC 3463",
        Reason.CONTENTERROR,
        # Registry sample text: no MTA is known to send it.
        "554 5.6.5 Conversion Failed",
    ),
    _status(
        "6.6",
        "Message content not available",
        "The server could not fetch the message content from the system a BURL command pointed to.",
        "RFC 4468",
        Reason.CONTENTERROR,
        "554 5.6.6 IMAP URL resolution failed",  # RFC 4468 example
    ),
    _status(
        "6.7",
        "Non-ASCII addresses not permitted for that sender/recipient",
        "An address contains non-ASCII characters and the server does not accept them here. "
        "Send with SMTPUTF8 or use an ASCII address.",
        "RFC 6531",
        Reason.CONTENTERROR,
        "553 5.6.7 Must declare SMTPUTF8 to send unicode address",  # Postfix
    ),
    _status(
        "6.8",
        "UTF-8 string reply is required, but not permitted by the SMTP client",
        "The server would have to reply with UTF-8 text, and the client did not allow it.",
        "RFC 6531",
        Reason.CONTENTERROR,
        # Registry sample text: no MTA is known to send it.
        "553 5.6.8 UTF-8 string reply is required, but not permitted by the SMTP client",
    ),
    _status(
        "6.9",
        "UTF-8 header message cannot be transferred to one or more recipients, so the message "
        "must be rejected",
        "The message has UTF-8 header fields and the next hop does not support SMTPUTF8, so it "
        "cannot be passed on.",
        "RFC 6531",
        Reason.CONTENTERROR,
        # Registry sample text: no MTA is known to send it.
        "550 5.6.9 UTF-8 header message cannot be transferred to one or more recipients, so "
        "the message must be rejected",
    ),
    _status(
        "6.10",
        "Deprecated duplicate of X.6.8",
        "Registered twice by RFC 6531 for the same condition as X.6.8; read it as X.6.8.",
        "RFC 6531",
        Reason.CONTENTERROR,
        # X.6.8's sample text under this code: no MTA is known to send it.
        "553 5.6.10 UTF-8 string reply is required, but not permitted by the SMTP client",
    ),
    # X.7: security or policy
    _status(
        "7.0",
        "Other or undefined security status",
        "A security or policy reason, without detail. Authentication, TLS and content "
        "policies all use it; the text says which.",
        "RFC 3463",
        Reason.SECURITYERROR,
        "552 5.7.0 This message was blocked because its content presents a potential "
        "security issue.",  # Gmail
    ),
    _status(
        "7.1",
        "Delivery not authorized, message refused",
        "The receiver's policy refused the message: the sending IP, the sender, the content, "
        "or relaying. The text says which.",
        "RFC 3463",
        Reason.SECURITYERROR,
        "554 5.7.1 <a@example.com>: Relay access denied",  # Postfix
        transient_reason=Reason.BLOCKED,
    ),
    _status(
        "7.2",
        "Mailing list expansion prohibited",
        "The sender is not allowed to send to this mailing list.",
        "RFC 3463",
        Reason.SECURITYERROR,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.2 Mailing list expansion prohibited",
        transient_reason=Reason.BLOCKED,
    ),
    _status(
        "7.3",
        "Security conversion required but not possible",
        "Delivery needed a conversion between secure messaging protocols that was not "
        "possible. Exchange uses it when servers cannot authenticate to each other.",
        "RFC 3463",
        Reason.SECURITYERROR,
        "550 5.7.3 Cannot achieve Exchange Server authentication",  # Exchange Server
    ),
    _status(
        "7.4",
        "Security features not supported",
        "The message or session asked for a security feature, such as an authentication type, "
        "that the server does not support.",
        "RFC 3463",
        Reason.SECURITYERROR,
        "504 5.7.4 Unrecognized authentication type.",  # Gmail
    ),
    _status(
        "7.5",
        "Cryptographic failure",
        "A key or certificate needed to validate or decrypt was missing or invalid; with TLS, "
        "the server's certificate could not be verified.",
        "RFC 3463",
        Reason.SECURITYERROR,
        "dsn=4.7.5, status=deferred (Server certificate not trusted)",  # Postfix log
    ),
    _status(
        "7.6",
        "Cryptographic algorithm not supported",
        "The system could not validate or decrypt the message because it lacks the algorithm used.",
        "RFC 3463",
        Reason.SECURITYERROR,
        # Registry sample text: no MTA is known to send it.
        "554 5.7.6 Cryptographic algorithm not supported",
    ),
    _status(
        "7.7",
        "Message integrity failure",
        "The message could not be validated because it was corrupted or altered on the way.",
        "RFC 3463",
        Reason.SECURITYERROR,
        # Registry sample text: no MTA is known to send it.
        "554 5.7.7 Message integrity failure",
    ),
    _status(
        "7.8",
        "Authentication credentials invalid",
        "The AUTH login failed: wrong user name or password. Fix the credentials the sending "
        "software uses.",
        "RFC 4954",
        Reason.SECURITYERROR,
        "535 5.7.8 Error: authentication failed: authentication failure",  # Postfix
    ),
    _status(
        "7.9",
        "Authentication mechanism is too weak",
        "The server refuses this AUTH mechanism for the user; use a stronger one, or at Gmail "
        "an app password.",
        "RFC 4954",
        Reason.SECURITYERROR,
        "534 5.7.9 Application-specific password required.",  # Gmail
    ),
    _status(
        "7.10",
        "Encryption Needed",
        "The chosen authentication mechanism needs an encrypted connection; start TLS before "
        "authenticating.",
        "RFC 5248",
        Reason.SECURITYERROR,
        "523 5.7.10 Encryption Needed",  # RFC 5248's sample reply
    ),
    _status(
        "7.11",
        "Encryption required for requested authentication mechanism",
        "This authentication mechanism may only be used over an encrypted connection; start "
        "TLS first.",
        "RFC 4954",
        Reason.SECURITYERROR,
        "538 5.7.11 Encryption required for requested authentication mechanism",  # RFC 4954
    ),
    _status(
        "7.12",
        "A password transition is needed",
        "The user has to authenticate once with PLAIN before this mechanism will work.",
        "RFC 4954",
        Reason.SECURITYERROR,
        "432 4.7.12 A password transition is needed",  # RFC 4954 6
    ),
    _status(
        "7.13",
        "User Account Disabled",
        "The sending account authenticated but is disabled. Its administrator has to enable it "
        "again.",
        "RFC 5248",
        Reason.SUSPEND,
        "525 5.7.13 User Account Disabled",  # RFC 5248's sample reply
    ),
    _status(
        "7.14",
        "Trust relationship required",
        "The submission server needs a trust relationship with another server to fetch the "
        "content. Gmail uses it to ask the user to sign in with a web browser.",
        "RFC 5248",
        Reason.SECURITYERROR,
        "534 5.7.14 Please log in through your web browser and then try again.",  # Gmail
    ),
    _status(
        "7.15",
        "Priority Level is too low",
        "The message's priority is below what the server accepts at the moment. Retry later "
        "or with a higher priority.",
        "RFC 6710",
        Reason.SECURITYERROR,
        # Registry sample text: no MTA is known to send it.
        "450 4.7.15 Priority Level is too low",
    ),
    _status(
        "7.16",
        "Message is too big for the specified priority",
        "The server accepts messages this large only at a higher priority.",
        "RFC 6710",
        Reason.MESGTOOBIG,
        # Registry sample text: no MTA is known to send it.
        "552 5.7.16 Message is too big for the specified priority",
    ),
    _status(
        "7.17",
        "Mailbox owner has changed",
        "The mailbox has changed owner since the date the sender gave (RRVS), so the message "
        "would reach someone else. Remove the address.",
        "RFC 7293",
        Reason.HASMOVED,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.17 Mailbox owner has changed",
    ),
    _status(
        "7.18",
        "Domain owner has changed",
        "The recipient's domain has changed owner since the date the sender gave (RRVS). "
        "Remove the address.",
        "RFC 7293",
        Reason.HASMOVED,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.18 Domain owner has changed",
    ),
    _status(
        "7.19",
        "RRVS test cannot be completed",
        "The server cannot tell whether the mailbox changed owner since the date given "
        "(RRVS). Decide whether to send again without RRVS.",
        "RFC 7293",
        Reason.SECURITYERROR,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.19 RRVS test cannot be completed",
    ),
    _status(
        "7.20",
        "No passing DKIM signature found",
        "The message had no DKIM signature that verified. Sign outgoing mail with DKIM and "
        "check the published key.",
        "RFC 7372; RFC 6376",
        Reason.AUTHFAILURE,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.20 No passing DKIM signature found",
    ),
    _status(
        "7.21",
        "No acceptable DKIM signature found",
        "DKIM signatures verified, but none was acceptable to the receiver's policy.",
        "RFC 7372; RFC 6376",
        Reason.AUTHFAILURE,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.21 No acceptable DKIM signature found",
    ),
    _status(
        "7.22",
        "No valid author-matched DKIM signature found",
        "No verified DKIM signature was made by the domain in the From header. Sign with the "
        "From domain.",
        "RFC 7372; RFC 6376",
        Reason.AUTHFAILURE,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.22 No valid author-matched DKIM signature found",
    ),
    _status(
        "7.23",
        "SPF validation failed",
        "The sending IP is not allowed by the sender domain's SPF record. Add the sending IP or "
        "service to the SPF record.",
        "RFC 7372; RFC 7208",
        Reason.AUTHFAILURE,
        "550 5.7.23 The message was rejected because of Sender Policy Framework violation",
    ),
    _status(
        "7.24",
        "SPF validation error",
        "Evaluating the sender domain's SPF record failed, for example on a DNS error or a "
        "broken record. Check the SPF record.",
        "RFC 7372; RFC 7208",
        Reason.AUTHFAILURE,
        "550 5.7.24 The SPF record of the sending domain has one or more suspicious "
        "entries.",  # Gmail
    ),
    _status(
        "7.25",
        "Reverse DNS validation failed",
        "The sending IP has no PTR record, or its name does not resolve back to the IP. Set up "
        "matching reverse and forward DNS.",
        "RFC 7372; RFC 7601",
        Reason.REQUIREPTR,
        "550 5.7.25 The IP address sending this message does not have a PTR record setup, or "
        "the corresponding forward DNS entry does not point to the sending IP.",  # Gmail
    ),
    _status(
        "7.26",
        "Multiple authentication checks failed",
        "The message failed more than one authentication check (SPF, DKIM, DMARC). Authenticate "
        "the sending domain.",
        "RFC 7372",
        Reason.AUTHFAILURE,
        "550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail "
        "requires all senders to authenticate with either SPF or DKIM.",  # Gmail
    ),
    _status(
        "7.27",
        "Sender address has null MX",
        "The sender's domain publishes a null MX record, so bounces could not be returned. Send "
        "from a domain that accepts mail.",
        "RFC 7505",
        # Sisimai reads it as notaccept; it is the sender's domain that accepts no mail.
        Reason.REJECTED,
        "550 5.7.27 <a@example.com>: Sender address rejected: Domain example.com does not "
        "accept mail",  # Postfix
    ),
    _status(
        "7.28",
        "Mail flood detected",
        "The message looks like part of a flood of similar abusive mail. Reduce volume and "
        "check what is being sent.",
        "draft-levine-mailbomb-header",
        Reason.SPAMDETECTED,
        "550 5.7.28 There is an unusual rate of unsolicited mail originating from your IP "
        "address.",  # Gmail
    ),
    _status(
        "7.29",
        "ARC validation failure",
        "The message's ARC chain (the seals forwarders add) did not validate.",
        "RFC 8617",
        Reason.AUTHFAILURE,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.29 ARC validation failure",
    ),
    _status(
        "7.30",
        "REQUIRETLS support required",
        "The message demanded TLS all the way (REQUIRETLS) and a host on the path does not "
        "support it.",
        "RFC 8689",
        Reason.SECURITYERROR,
        # Registry sample text: no MTA is known to send it.
        "550 5.7.30 REQUIRETLS support required",
    ),
)

REPLY_CODES: Mapping[str, ReplyCode] = MappingProxyType(
    {entry.code: entry for entry in _REPLY_CODE_LIST}
)
ENHANCED_STATUSES: Mapping[str, EnhancedStatus] = MappingProxyType(
    {entry.detail: entry for entry in _ENHANCED_LIST}
)

_CLASSES: Mapping[str, str] = MappingProxyType(
    {"2": "Success", "4": "Persistent transient failure", "5": "Permanent failure"}
)
# The registry's subject sub-codes (RFC 3463 section 3), for details it does not list.
_SUBJECTS: Mapping[str, str] = MappingProxyType(
    {
        "0": "other or undefined status",
        "1": "addressing status",
        "2": "mailbox status",
        "3": "mail system status",
        "4": "network and routing status",
        "5": "mail delivery protocol status",
        "6": "message content or media status",
        "7": "security or policy status",
    }
)


def reply_code(code: str) -> ReplyCode | None:
    """The entry for a three-digit reply code such as ``"550"``, or None if it is unknown."""
    return REPLY_CODES.get(code.strip())


def _parse(status: str) -> tuple[str, str, str] | None:
    text = status.strip()
    if not is_status(text):
        return None
    klass, subject, detail = text.split(".")
    return klass, subject, detail


def enhanced_status(status: str) -> EnhancedStatus | None:
    """The registry entry for a status such as ``"5.1.1"``, or None if it is not registered."""
    parts = _parse(status)
    if parts is None:
        return None
    return ENHANCED_STATUSES.get(f"{parts[1]}.{parts[2]}")


def status_class_meaning(status: str) -> str:
    """What the class digit of a status (``"5"`` or ``"5.1.1"``) means, e.g. "Permanent failure".

    Raises ValueError when the input does not start with a class of 2, 4 or 5.
    """
    text = status.strip()
    klass = text[:1]
    if klass not in _CLASSES or (len(text) > 1 and text[1] != "."):
        raise ValueError(
            f"{status!r} is not a status class: it must start with 2, 4 or 5, as in '5.1.1'."
        )
    return _CLASSES[klass]


@functools.lru_cache(maxsize=1024)
def describe_status(status: str) -> str | None:
    """A one-line reading of a status, or None when it is not a well-formed status.

    ``"5.1.1"`` gives "5.1.1 Bad destination mailbox address (permanent failure)"; an
    unregistered detail falls back to its subject ("5.1.99: addressing status, permanent
    failure"), and an unregistered subject to the class alone ("5.9.1: permanent failure").
    """
    parts = _parse(status)
    if parts is None:
        return None
    klass, subject, detail = parts
    code = f"{klass}.{subject}.{detail}"
    class_text = _CLASSES[klass].lower()
    entry = ENHANCED_STATUSES.get(f"{subject}.{detail}")
    if entry is not None:
        return f"{code} {entry.title} ({class_text})"
    subject_text = _SUBJECTS.get(subject)
    if subject_text is not None:
        return f"{code}: {subject_text}, {class_text}"
    return f"{code}: {class_text}"


def status_reason(status: str) -> Reason | None:
    """The reason a status implies on its own, following Sisimai class by class.

    Any 2.x.y status means the message was delivered; a 4.x.y status takes the entry's
    ``transient_reason`` where Sisimai gives one. None when the status is malformed or its
    detail is not registered.
    """
    parts = _parse(status)
    if parts is None:
        return None
    klass, subject, detail = parts
    if klass == "2":
        return Reason.DELIVERED
    entry = ENHANCED_STATUSES.get(f"{subject}.{detail}")
    if entry is None:
        return None
    if klass == "4" and entry.transient_reason is not None:
        return entry.transient_reason
    return entry.reason


# Finding codes in text.
#
# RFC 3463 section 2: an enhanced status is class "." subject "." detail: the class 2, 4 or 5,
# subject and detail one to three digits (providers use subjects beyond RFC 3463's eight:
# Yahoo's "4.16.1"). RFC 5321 section 4.2: a reply code is three digits, the first 2, 4 or 5
# (1 and 3 never end a transaction: they are no failure to find) and the second 0 to 5. Only
# ASCII digits count.
STATUS_PATTERN = r"[245]\.[0-9]{1,3}\.[0-9]{1,3}"
REPLYCODE_PATTERN = r"[245][0-5][0-9]"
# The boundary rule, the one every finder follows: a code in running text is not part of a
# longer number or word. Before it stands no letter, digit (of any script), "_" or "."
# ("192.5.1.1", "v2.4.1", "x550"; a bare version number, "Postfix 2.10.1", reads as a status:
# nothing in it tells the two apart). After a status stands no letter, digit, "_" or "."
# ("5.1.1.4" is no status, nor is "5.1.1.": where the old readers differed, "5.1.1." at the
# end of a sentence read by some and not by others, the stricter rule was kept). After a reply
# code stands a space, a hyphen (a continuation line, "550-5.7.1") or the end of a line (RFC
# 5321 4.2). The patterns start with the code itself, not with a look behind, so that the
# engine can skip to a candidate; the character before it is checked in Python (stands_alone).
STATUS_AFTER = r"(?![\w.])"
REPLYCODE_AFTER = r"(?=[ \-]|$)"
_STATUS_IN_TEXT = re.compile(r"(" + STATUS_PATTERN + r")" + STATUS_AFTER)
_REPLYCODE_IN_TEXT = re.compile(r"(" + REPLYCODE_PATTERN + r")" + REPLYCODE_AFTER, re.MULTILINE)
_CODE_IN_TEXT = re.compile(
    r"("
    + STATUS_PATTERN
    + r")"
    + STATUS_AFTER
    + r"|("
    + REPLYCODE_PATTERN
    + r")"
    + REPLYCODE_AFTER,
    re.MULTILINE,
)
_WHOLE_STATUS = re.compile(STATUS_PATTERN)
_WHOLE_REPLYCODE = re.compile(REPLYCODE_PATTERN)


def stands_alone(text: str, start: int) -> bool:
    """Whether a code found at ``start`` is not the tail of a longer number or word."""
    if start == 0:
        return True
    before = text[start - 1]
    return not (before.isalnum() or before in "._")


def search_status(text: str, pos: int = 0) -> re.Match[str] | None:
    """The first status in ``text`` from ``pos`` that stands alone; group 1 is the status."""
    for match in _STATUS_IN_TEXT.finditer(text, pos):
        if stands_alone(text, match.start()):
            return match
    return None


def find_status(text: str) -> str | None:
    """The first enhanced status in the text (``"5.1.1"``), or None."""
    match = search_status(text)
    return match.group(1) if match else None


def status_matches(text: str) -> Iterator[re.Match[str]]:
    """Every enhanced status in the text that stands alone, in order; group 1 is the status."""
    return (m for m in _STATUS_IN_TEXT.finditer(text) if stands_alone(text, m.start()))


def find_statuses(text: str) -> list[str]:
    """Every enhanced status in the text, in order."""
    return [match.group(1) for match in status_matches(text)]


def search_replycode(text: str, pos: int = 0) -> re.Match[str] | None:
    """The first reply code in ``text`` from ``pos`` that stands alone; group 1 is the code."""
    for match in _REPLYCODE_IN_TEXT.finditer(text, pos):
        if stands_alone(text, match.start()):
            return match
    return None


def replycode_matches(text: str) -> Iterator[re.Match[str]]:
    """Every reply code in the text that stands alone, in order; group 1 is the code."""
    return (m for m in _REPLYCODE_IN_TEXT.finditer(text) if stands_alone(text, m.start()))


def code_matches(text: str) -> Iterator[re.Match[str]]:
    """Every status and reply code in the text that stands alone, in the order they stand:
    group 1 is a status, group 2 a reply code (one scan, where two would read the text twice)."""
    return (m for m in _CODE_IN_TEXT.finditer(text) if stands_alone(text, m.start()))


def find_replycode(text: str) -> str | None:
    """The first reply code in the text (``"550"``), or None."""
    match = search_replycode(text)
    return match.group(1) if match else None


def is_status(text: str) -> bool:
    """Whether the text is an enhanced status and nothing else (``"5.1.1"``)."""
    return _WHOLE_STATUS.fullmatch(text) is not None


def is_replycode(text: str) -> bool:
    """Whether the text is a reply code and nothing else (``"550"``)."""
    return _WHOLE_REPLYCODE.fullmatch(text) is not None
