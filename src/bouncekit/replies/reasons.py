"""What each reason means for the sender: whose problem, retry or not, and the steps that fix it.

The ``hard`` flag follows Sisimai's definition so results compare with it: only a permanent
reply saying the address or its domain is gone (userunknown, hostunknown, hasmoved, notaccept)
is a hard bounce. ``retry`` and ``verdict`` carry the finer guidance.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bouncekit.replies.model import Action, Owner, Reason, Retry, Verdict


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    owner: Owner
    verdict: Verdict | None  # None: the reason says nothing about the address
    retry: Retry
    headline: str  # one clause, read after "Gmail: " or on its own
    description: str
    # The headline when a reply of this reason is judged only risky: words that do not say
    # the address is gone must not be headed as if they did.
    unsure_headline: str | None = None


HARD_REASONS = frozenset(
    {Reason.USERUNKNOWN, Reason.HOSTUNKNOWN, Reason.HASMOVED, Reason.NOTACCEPT}
)

REASONS: dict[Reason, ReasonInfo] = {
    Reason.USERUNKNOWN: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.INVALID,
        Retry.NEVER,
        "the recipient address does not exist",
        "The receiving server says there is no such mailbox. Sending again will fail the same way, "
        "and repeated sends to unknown users hurt your reputation.",
        "the recipient address probably does not exist",
    ),
    Reason.HOSTUNKNOWN: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.INVALID,
        Retry.NEVER,
        "the recipient's domain does not exist or has no mail server",
        "The domain part of the address cannot receive mail: it does not resolve, or has no MX "
        "or A record. It is often a typo.",
        "the recipient's domain probably does not exist or has no mail server",
    ),
    Reason.MAILBOXFULL: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.RISKY,
        Retry.LATER,
        "the recipient's mailbox is full",
        "The mailbox exists but is over its quota. It may clear, but a mailbox that stays full "
        "is often abandoned.",
    ),
    Reason.SUSPEND: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.INVALID,
        Retry.NEVER,
        "the recipient's mailbox is disabled or inactive",
        "The account exists but is suspended, disabled or inactive. Such mailboxes rarely come "
        "back and many providers turn them into spam traps.",
        "the recipient's mailbox is probably disabled or inactive",
    ),
    Reason.HASMOVED: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.INVALID,
        Retry.NEVER,
        "the recipient has moved to another address",
        "The mailbox is gone; the reply may name the new address.",
        "the recipient has probably moved to another address",
    ),
    Reason.NOTACCEPT: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.INVALID,
        Retry.NEVER,
        "the recipient's domain accepts no mail",
        "The domain publishes a null MX (RFC 7505) or its mail servers refuse all mail.",
        "the recipient's domain probably accepts no mail",
    ),
    Reason.BLOCKED: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the receiving server refuses mail from your sending IP address",
        "Your IP is on a blocklist or the receiver's own block list, or has no reputation. It "
        "says nothing about the recipient's mailbox.",
    ),
    Reason.BADREPUTATION: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.LATER,
        "your sending IP or domain has a poor reputation with the receiver",
        "The receiver rate-limits or refuses mail because of complaints, spam-trap hits or "
        "sudden volume from your IP or domain.",
    ),
    Reason.AUTHFAILURE: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the message failed SPF, DKIM or DMARC authentication",
        "The receiver could not confirm that your server may send for your domain. Fix the DNS "
        "records, then send again.",
    ),
    Reason.REQUIREPTR: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "your sending IP has no valid reverse DNS",
        "The receiver requires a PTR record for the sending IP whose name resolves back to the "
        "same IP (forward-confirmed reverse DNS).",
    ),
    Reason.NORELAYING: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the server refused to relay the message",
        "The server you handed the message to does not accept it for that destination: you are "
        "not authenticated, use the wrong server or port, or the recipient domain's MX is "
        "misconfigured.",
    ),
    Reason.REJECTED: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the receiving server refused your envelope sender",
        "The MAIL FROM address or its domain was rejected or could not be verified.",
    ),
    Reason.SPEEDING: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.LATER,
        "you are sending too fast",
        "The receiver throttles your IP or domain for volume; slow down and retry with backoff.",
    ),
    Reason.TOOMANYCONN: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.LATER,
        "you opened too many connections",
        "The receiver limits concurrent connections per sending IP; retry later with fewer.",
    ),
    Reason.SECURITYERROR: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the server's security requirements were not met",
        "Authentication, TLS or another security requirement of the server failed.",
    ),
    Reason.FAILEDSTARTTLS: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the TLS session could not be set up",
        "STARTTLS was required or failed to negotiate between the two servers.",
    ),
    Reason.POLICYVIOLATION: ReasonInfo(
        Owner.UNKNOWN,
        None,
        Retry.AFTER_FIX,
        "the message broke the receiver's policy",
        "A content or policy rule of the receiving organisation rejected the message.",
    ),
    Reason.SPAMDETECTED: ReasonInfo(
        Owner.MESSAGE,
        None,
        Retry.AFTER_FIX,
        "the message was judged to be spam",
        "The receiver's filter scored the content as spam. It says nothing about the mailbox.",
    ),
    Reason.VIRUSDETECTED: ReasonInfo(
        Owner.MESSAGE,
        None,
        Retry.AFTER_FIX,
        "the message carried a virus or a dangerous attachment",
        "An attachment or link was detected as malware or a blocked file type.",
    ),
    Reason.CONTENTERROR: ReasonInfo(
        Owner.MESSAGE,
        None,
        Retry.AFTER_FIX,
        "the message content was not acceptable",
        "The receiver refused the format or content of the message (headers, MIME, encoding).",
    ),
    Reason.NOTCOMPLIANTRFC: ReasonInfo(
        Owner.MESSAGE,
        None,
        Retry.AFTER_FIX,
        "the message does not follow the email standards",
        "Headers or structure violate RFC 5322 (for example several From headers or a missing "
        "Message-ID).",
    ),
    Reason.MESGTOOBIG: ReasonInfo(
        Owner.MESSAGE,
        None,
        Retry.AFTER_FIX,
        "the message is too big",
        "The message exceeds the receiving server's size limit.",
    ),
    Reason.EXCEEDLIMIT: ReasonInfo(
        Owner.MESSAGE,
        None,
        Retry.AFTER_FIX,
        "the message exceeds a limit set for the recipient",
        "The message is larger than the recipient's mailbox accepts.",
    ),
    Reason.FILTERED: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.UNKNOWN,
        Retry.NEVER,
        "the recipient's filter refused the message",
        "The recipient or their domain does not accept mail from you; the mailbox may exist.",
    ),
    Reason.SYSTEMERROR: ReasonInfo(
        Owner.RECEIVER,
        None,
        Retry.LATER,
        "the receiving system had an error",
        "The receiving server failed internally; the problem is on their side.",
    ),
    Reason.SYSTEMFULL: ReasonInfo(
        Owner.RECEIVER,
        None,
        Retry.LATER,
        "the receiving system is out of storage",
        "The receiving server's disk or queue is full; the problem is on their side.",
    ),
    Reason.NETWORKERROR: ReasonInfo(
        Owner.RECEIVER,
        Verdict.UNKNOWN,
        Retry.LATER,
        "the receiving server could not be reached",
        "A DNS lookup, connection or routing problem stopped the delivery.",
    ),
    Reason.MAILERERROR: ReasonInfo(
        Owner.RECEIVER,
        None,
        Retry.LATER,
        "the receiving mail program failed",
        "A local delivery program on the receiving side exited with an error.",
    ),
    Reason.SYNTAXERROR: ReasonInfo(
        Owner.SENDER,
        None,
        Retry.AFTER_FIX,
        "the server did not understand a command",
        "The sending software sent an SMTP command the server rejected as malformed.",
    ),
    Reason.EXPIRED: ReasonInfo(
        Owner.RECEIVER,
        Verdict.UNKNOWN,
        Retry.LATER,
        "delivery kept failing until the message expired in the queue",
        "The sending server retried for days and gave up; look at the last reply it got.",
    ),
    Reason.ONHOLD: ReasonInfo(
        Owner.UNKNOWN,
        Verdict.UNKNOWN,
        Retry.LATER,
        "the delivery is on hold",
        "The failure could not be decided yet.",
    ),
    Reason.SUPPRESSED: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.RISKY,
        Retry.NEVER,
        "the address is on a suppression list",
        "Your sending service did not send because the address bounced or complained before.",
    ),
    Reason.DELIVERED: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.DELIVERABLE,
        Retry.NEVER,
        "the message was delivered",
        "The report says the message was delivered.",
    ),
    Reason.FEEDBACK: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.RISKY,
        Retry.NEVER,
        "the recipient reported the message as spam",
        "A feedback loop report (ARF): stop mailing this recipient.",
    ),
    Reason.VACATION: ReasonInfo(
        Owner.RECIPIENT,
        Verdict.DELIVERABLE,
        Retry.NEVER,
        "the recipient is away (auto-reply)",
        "An automatic reply: the message was delivered.",
    ),
    Reason.UNDEFINED: ReasonInfo(
        Owner.UNKNOWN,
        Verdict.UNKNOWN,
        Retry.LATER,
        "the failure does not match any known rule",
        "The reply does not match any known rule; read the text and the status code.",
    ),
}


@dataclass(frozen=True, slots=True)
class ActionContext:
    """What the steps can be made specific with."""

    recipient_domain: str | None
    sender_ip: str | None
    suggestion: str | None  # the likely intended recipient domain, when it looks like a typo
    blocklist_named: bool = False  # the reply names a list: its own steps come first
    # The rule's own steps replace the generic ones: a provider's (the generic ones would repeat
    # or contradict them: two complaint thresholds, "slow down" twice), or those of a rule that
    # gives the reason another owner than its usual one (the generic steps of "blocked" are
    # the sender's, and a receiver that blocks by its own mistake needs none of them).
    rule_steps: bool = False
    # Whether the reply proves the address gone (verdict invalid and a permanent reply): only
    # then is removing it the step. A deferral or a hedged reply holds the address instead.
    address_gone: bool = True


def _ip(context: ActionContext) -> str:
    return context.sender_ip or "YOUR.SENDING.IP"


def _reverse(ip: str) -> str:
    return ".".join(reversed(ip.split("."))) if ip.count(".") == 3 else "REVERSED.IP"


# Reasons whose fix is in the sender's DNS and reputation, or in its submission server: the
# steps end with the live check that shows what exactly is wrong (DESIGN.md, job 3).
_SENDER_SETUP = frozenset(
    {Reason.BLOCKED, Reason.BADREPUTATION, Reason.AUTHFAILURE, Reason.REQUIREPTR}
)
_SUBMISSION = frozenset({Reason.NORELAYING, Reason.SECURITYERROR, Reason.FAILEDSTARTTLS})


@functools.lru_cache(maxsize=4096)
def reason_actions(reason: Reason, context: ActionContext) -> tuple[Action, ...]:
    """The generic steps for a reason, made specific with what the reply told us."""
    steps = () if context.rule_steps else _reason_steps(reason, context)
    if reason in _SENDER_SETUP:
        steps += (
            Action(
                "Check your sending domain and IP live: SPF, DKIM, DMARC, reverse DNS and the "
                "blocklists, each with its fix.",
                command=f"bouncekit check-sender YOUR-DOMAIN --ip {_ip(context)}",
            ),
        )
    elif reason in _SUBMISSION:
        steps += (
            Action(
                "Check your submission server step by step: TLS, login, sender and recipient.",
                command="bouncekit check-smtp YOUR-SMTP-SERVER:587 --starttls --user USER "
                "--password-env SMTP_PASSWORD --mail-from YOU@YOUR-DOMAIN --rcpt THEM@THEIRS",
            ),
        )
    return steps


def _reason_steps(reason: Reason, context: ActionContext) -> tuple[Action, ...]:
    domain = context.recipient_domain
    ip = _ip(context)
    suppress = Action("Remove the address from your list and add it to your suppression list.")
    if not context.address_gone:
        suppress = Action(
            "Hold the address: do not delete it on this reply alone. Suppress it only if a "
            "permanent bounce says the address is gone, or if this reply repeats."
        )
    if reason is Reason.NOTACCEPT and not context.address_gone:
        # "Not accepting mail now" (a 4xx): their system, for now, as a system error is.
        return _reason_steps(Reason.SYSTEMERROR, context)
    if reason in (Reason.USERUNKNOWN, Reason.HOSTUNKNOWN, Reason.NOTACCEPT):
        steps = [suppress]
        if context.suggestion:
            steps.insert(
                0,
                Action(
                    f"The domain looks like a typo of {context.suggestion}: ask the recipient "
                    "to confirm the address before mailing the corrected one."
                ),
            )
        elif domain:
            steps.append(
                Action(
                    "Check the domain for typos and that it receives mail.",
                    command=f"dig +short MX {domain}",
                )
            )
        steps.append(
            Action("Verify new addresses before sending to them (double opt-in or a verifier).")
        )
        return tuple(steps)
    if reason is Reason.SUSPEND or reason is Reason.HASMOVED:
        return (
            suppress,
            Action("Ask the contact for a current address through another channel."),
        )
    if reason is Reason.MAILBOXFULL:
        return (
            Action("Keep the address, flag it and retry later; most servers retry on their own."),
            Action("Suppress it if it stays full across several campaigns (over 30 days)."),
        )
    if reason is Reason.FILTERED:
        return (
            Action("Do not retry: the recipient's filter refuses your mail."),
            Action("Ask the recipient to allow your sending domain, or remove the address."),
        )
    if reason is Reason.BLOCKED:
        cause = Action(
            "Find the cause before asking for removal: a compromised account or password, "
            "a spam-sending script or form, malware on the network, or a purchased list."
        )
        pause = Action("Pause campaigns to the affected provider until the listing is gone.")
        if context.blocklist_named:
            return (cause, pause)
        return (
            Action(
                "Check whether your sending IP is listed on the public blocklists.",
                command=f"dig +short {_reverse(ip)}.zen.spamhaus.org",
            ),
            cause,
            Action("Follow the receiver's delisting process once the cause is fixed."),
            pause,
        )
    if reason is Reason.BADREPUTATION:
        return (
            Action("Slow down: cut volume to this provider and retry with exponential backoff."),
            Action(
                "Send only to engaged, opted-in recipients; remove bounced and inactive addresses."
            ),
            Action("Check your complaint rate (keep it under 0.1%) in the provider's tools."),
            Action("Warm up new IPs and domains gradually over weeks."),
        )
    if reason is Reason.AUTHFAILURE:
        mail_domain = "YOUR-DOMAIN"
        return (
            Action(
                "Check that your SPF record includes the sending IP.",
                command=f"dig +short TXT {mail_domain}",
            ),
            Action(
                "Check that the message is DKIM-signed with a published key.",
                command=f"dig +short TXT SELECTOR._domainkey.{mail_domain}",
            ),
            Action(
                "Check that a DMARC record exists and that SPF or DKIM aligns with the From "
                "domain.",
                command=f"dig +short TXT _dmarc.{mail_domain}",
            ),
        )
    if reason is Reason.REQUIREPTR:
        return (
            Action(
                "Set a PTR record for the sending IP (ask whoever owns the IP: your host or ISP).",
                command=f"dig +short -x {ip}",
            ),
            Action(
                "Make the PTR name resolve back to the same IP and use it as the HELO name.",
            ),
        )
    if reason is Reason.NORELAYING:
        return (
            Action(
                "Authenticate to your submission server: port 587 with STARTTLS or 465 with TLS, "
                "with your account's user name and password."
            ),
            Action("Check the outgoing server name and port in the sending application."),
            Action(
                "If you deliver directly, check the recipient domain's MX points at servers "
                "that accept its mail.",
                command=f"dig +short MX {domain}" if domain else None,
            ),
        )
    if reason is Reason.REJECTED:
        return (
            Action(
                "Use an envelope sender (MAIL FROM / Return-Path) on a domain that exists, "
                "has MX or A records, and accepts bounces at that address."
            ),
            Action("Make sure the sender address is not on the receiver's block list."),
        )
    if reason in (Reason.SPEEDING, Reason.TOOMANYCONN):
        return (
            Action("Retry later with exponential backoff; do not retry at once."),
            Action("Lower the connections and messages per hour to this provider."),
            Action("Warm up new IPs gradually and spread sends over time."),
        )
    if reason in (Reason.SECURITYERROR, Reason.FAILEDSTARTTLS):
        return (
            Action("Authenticate with valid credentials and use TLS (587 with STARTTLS or 465)."),
            Action("Check the TLS settings and certificate of your sending server."),
        )
    if reason in (Reason.SPAMDETECTED, Reason.POLICYVIOLATION, Reason.CONTENTERROR):
        return (
            Action(
                "Remove spam triggers: misleading subjects, all-caps, many links, URL "
                "shorteners, image-only content."
            ),
            Action("Add a plain-text part beside the HTML and keep the link count low."),
            Action("Check the domains of every link against the domain blocklists."),
        )
    if reason is Reason.VIRUSDETECTED:
        return (
            Action("Remove executable, macro or archive attachments; link to files instead."),
            Action("Scan the sending system for malware."),
        )
    if reason is Reason.NOTCOMPLIANTRFC:
        return (
            Action(
                "Fix the headers: exactly one From, a Date and a Message-ID, valid MIME "
                "structure (RFC 5322)."
            ),
        )
    if reason in (Reason.MESGTOOBIG, Reason.EXCEEDLIMIT):
        return (
            Action("Shrink the message: compress images, remove attachments."),
            Action("Send a link to the file instead of attaching it (keep mail under 10 MB)."),
        )
    if reason in (
        Reason.SYSTEMERROR,
        Reason.SYSTEMFULL,
        Reason.NETWORKERROR,
        Reason.MAILERERROR,
        Reason.EXPIRED,
    ):
        steps = [Action("Retry later; the problem is on the receiving side.")]
        if domain:
            steps.append(
                Action(
                    "Check that the domain's mail servers resolve and answer.",
                    command=f"dig +short MX {domain}",
                )
            )
        steps.append(Action("If it persists for days, contact the recipient another way."))
        return tuple(steps)
    if reason is Reason.SYNTAXERROR:
        return (Action("Check the sending software's SMTP commands and address formatting."),)
    if reason is Reason.FEEDBACK:
        return (suppress, Action("Review what made the recipient complain: consent, frequency."))
    if reason is Reason.SUPPRESSED:
        return (Action("Keep it suppressed unless the recipient confirms the address again."),)
    return ()
