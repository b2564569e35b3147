"""Yahoo and AOL (Yahoo Inc.; formerly Oath / Verizon Media).

Yahoo documents its SMTP replies at https://senders.yahooinc.com/smtp-error-codes/ (older
replies point to postmaster.yahooinc.com, postmaster.verizonmedia.com or
postmaster.yahoo.com). Deferral codes are in brackets: ``[TSS04]``, ``[TS01]``, ``[PH01]``...
That page (as of 2026) describes categories of errors (complaints, unsolicited volume, unknown
recipients, authentication, content, unresolvable from domain, busy servers) and prints one
reply, the "dd This user doesn't have a yahoo.com account" sample; it lists no codes. The
replies judged in ``tests/replies/data/provider_tables/yahoo.jsonl`` therefore come from the
page where it gives them, from Yahoo's older help article on [TS03] (SLN3436), and otherwise
from Sisimai's ``Rhost/YahooInc``, which quotes live replies for each category.

Reasons follow Sisimai's ``Rhost/YahooInc`` table, except that volume and complaint deferrals
(TSS04 and friends) are reputation, and permanent deferrals of an IP (TSS09, TSS11) are blocks.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule, Verdict

DOCS = "https://senders.yahooinc.com/smtp-error-codes/"
SENDER_HUB = "https://senders.yahooinc.com/"

PROVIDER = Provider(
    key="yahoo",
    name="Yahoo / AOL",
    host_suffixes=(".yahoodns.net", ".yahoo.com", ".yahoo.net", ".aol.com"),
    markers=(
        "[tss04]",
        "[tss09]",
        "[tss11]",
        "[tss12]",
        "[ts01]",
        "[ts02]",
        "[ts03]",
        "[ph01]",
        "[ipts04]",
        "[gl01]",
        "[bl21]",
        "[bl23]",
        "senders.yahooinc.com",
        "postmaster.yahooinc.com",
        "postmaster.verizonmedia.com",
        "postmaster.yahoo.com",
        "help.yahoo.com/kb/postmaster",
        "doesn't have a yahoo.com account",
        "doesn't have an aol.com account",
        "yahoo requires all senders",
        # Yahoo's qmail front ends prefix their verdicts with "dd"; the next two wordings are
        # Yahoo's own (Sisimai's Rhost/YahooInc lists them).
        "delivery error: dd",
        "max message per connection reached",
        "user is receiving mail too quickly",
        "mail.bf1.yahoo.com",
        "mail.ne1.yahoo.com",
        "mail.gq1.yahoo.com",
        "mail.ir2.yahoo.com",
        "mail.sg3.yahoo.com",
        "mail.mud.yahoo.com",
    ),
    docs_url=DOCS,
)

_SENDER_HUB = Action(
    "Check Yahoo's Sender Hub: sign up for the Complaint Feedback Loop and keep complaints "
    "under 0.3%.",
    url=SENDER_HUB,
)
_CONTACT = Action(
    "If the deferrals persist after fixing volume and complaints, open a ticket with Yahoo's "
    "sender support.",
    url="https://senders.yahooinc.com/contact",
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="yahoo.tss04-volume-or-complaints",
        reason=Reason.BADREPUTATION,
        phrases=(
            "deferred due to unexpected volume or user complaints",
            "deferred due to user complaints",
            "[tss04]",
            "[ts01]",
            "[ts02]",
            "[ipts04]",
        ),
        examples=(
            "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected "
            "volume or user complaints - 4.16.55.1; see "
            "https://postmaster.yahooinc.com/error-codes",
            "421 4.7.0 [TSS04] Messages from 192.0.2.192 temporarily deferred due to unexpected "
            "volume or user complaints - 4.16.55.1; see "
            "https://postmaster.verizonmedia.com/error-codes",
            "421 4.7.0 [TS01] Messages from 192.0.2.25 temporarily deferred due to user "
            "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
            "421 4.7.0 [TS02] Messages from 192.0.2.25 temporarily deferred due to user "
            "complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
        ),
        summary="Yahoo is deferring mail from your IP because of a sudden volume change or "
        "complaints from its users; it accepts more as your reputation improves.",
        retry=Retry.LATER,
        actions=(
            Action("Slow down to Yahoo and AOL and let your MTA retry the deferred mail."),
            _SENDER_HUB,
            _CONTACT,
        ),
        docs_url=DOCS,
    ),
    Rule(
        # Yahoo deprioritises mail from an IP it does not trust yet, or whose traffic looks
        # unusual, by deferring it ("GL": the greylisting of unknown or doubtful senders);
        # senders report that retries get through as the IP builds a history.
        id="yahoo.gl01-deprioritised",
        reason=Reason.BADREPUTATION,
        phrases=("[gl01]",),
        examples=("421 [GL01] Message from (192.0.2.1) temporarily deferred",),
        summary="Yahoo is deferring mail from your IP because it does not trust it yet (a new "
        "or little-used IP) or its traffic looks unusual; retries get through as the IP builds "
        "a good history.",
        retry=Retry.LATER,
        actions=(
            Action("Let your MTA retry: do not resend by hand or change IPs to get around it."),
            Action(
                "Keep volume to Yahoo steady and low on a new IP, sign your mail with DKIM and "
                "send only to engaged recipients while it builds a history."
            ),
            _SENDER_HUB,
            _CONTACT,
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.tss09-permanently-deferred",
        reason=Reason.BLOCKED,
        phrases=(
            "will be permanently deferred",
            "[tss09]",
            "[tss11]",
            "[tss12]",
            "[ts03]",
        ),
        examples=(
            "553 5.7.2 [TSS09] All messages from 192.0.2.25 will be permanently deferred; "
            "Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes",
            "553 5.7.2 [TSS11] All messages from 192.0.2.25 will be permanently deferred; "
            "Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes",
            "554 5.7.9 [TS03] All messages from 192.0.2.25 will be permanently deferred; "
            "Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes",
            "421 4.7.1 [TS03] All messages from 192.0.2.25 permanently deferred",
        ),
        summary="Yahoo refuses all mail from your IP; retrying will not help until the cause "
        "is fixed and Yahoo lifts the block.",
        actions=(_SENDER_HUB, _CONTACT),
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.ph01-policy",
        reason=Reason.POLICYVIOLATION,
        phrases=("not accepted for policy reasons", "[ph01]"),
        examples=(
            "554 Message not allowed - [PH01] Email not accepted for policy reasons. Please "
            "visit https://postmaster.yahooinc.com/error-codes",
            "554 5.7.9 Message not accepted for policy reasons. See "
            "https://postmaster.verizonmedia.com/error-codes",
            "554 5.7.9 Message not accepted for policy reasons. See "
            "https://senders.yahooinc.com/error-codes",
        ),
        summary="Yahoo refused the message for its content, its links or its sender's "
        "policy (including a failing DMARC policy).",
        actions=(
            Action("Check that the From domain passes DMARC, and review links and content."),
            _SENDER_HUB,
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.5.7.9-unauthenticated",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "yahoo requires all senders to authenticate",
            "requires all senders to authenticate with either spf or dkim",
        ),
        examples=(
            "550 5.7.9 This mail has been blocked because the sender is unauthenticated. "
            "Yahoo requires all senders to authenticate with either SPF or DKIM.",
        ),
        summary="Yahoo requires every sender to pass SPF or DKIM, and bulk senders DMARC.",
        actions=(
            Action(
                "Meet Yahoo's sender requirements: SPF and DKIM for everyone; DMARC and "
                "one-click unsubscribe for bulk senders.",
                url="https://senders.yahooinc.com/best-practices/",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.bl21-spamhaus",
        reason=Reason.BLOCKED,
        phrases=("[bl21]", "[bl23]", "because the ip is in spamhaus's list"),
        examples=(
            "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.25, because the ip "
            "is in Spamhaus's list; see http://postmaster.yahoo.com/550-bl23.html",
            "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see "
            "http://postmaster.yahoo.com/errors/550-bl23.html [550]",
        ),
        summary="Yahoo refuses your IP because Spamhaus lists it.",
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "dd this user doesn't have a",
            "requested mail action aborted, mailbox not found",
        ),
        examples=(
            "554 delivery error: dd This user doesn't have a yahoo.com account "
            "(this-local-part-does-not-exist@yahoo.com) [0] - mta1061.mail.ne1.yahoo.com",
            "552 1 Requested mail action aborted, mailbox not found "
            "(kijitora@yahoo.com) - mta1234.mail.bf1.yahoo.com",
        ),
        summary="Yahoo has no account with this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.mailbox-disabled",
        reason=Reason.SUSPEND,
        phrases=("this mailbox is disabled", "is no longer valid."),
        examples=(
            "554 30 Sorry, your message to kijitora@aol.jp cannot be delivered. This mailbox "
            "is disabled (554.30). - mta1234.mail.gq1.yahoo.com",
            "554 delivery error: dd kijitora@yahoo.com is no longer valid. [-20] - "
            "mta1234.mail.bf1.yahoo.com",
        ),
        summary="The Yahoo or AOL mailbox is disabled; such accounts rarely come back.",
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.unresolvable-from-domain",
        reason=Reason.REJECTED,
        # The page names RFC.5322 (header From) domains as well as RFC.5321 ones.
        phrases=("due to unresolvable rfc.5321", "due to unresolvable rfc.5322"),
        examples=(
            "451 Message temporarily deferred due to unresolvable RFC.5321 from domain; see "
            "https://senders.yahooinc.com/error-codes#unresolvable-from-domain",
        ),
        summary="Yahoo could not resolve the domain of your envelope sender (MAIL FROM) or "
        "of the From header; it checks with an SOA query.",
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.max-messages-per-connection",
        reason=Reason.TOOMANYCONN,
        phrases=("max message per connection reached",),
        examples=(
            "421 Max message per connection reached, closing transmission channel - "
            "mta1234.mail.bf1.yahoo.com",
        ),
        summary="Yahoo accepts a limited number of messages per connection; open a new one.",
        docs_url=DOCS,
    ),
    Rule(
        id="yahoo.receiving-too-quickly",
        reason=Reason.SPEEDING,
        phrases=("user is receiving mail too quickly",),
        examples=("450 User is receiving mail too quickly - mta1234.mail.ne1.yahoo.com",),
        summary="This Yahoo recipient is getting mail faster than Yahoo lets through; it is "
        "a limit on the recipient (as Gmail's 4.2.1), not a block on you.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.RISKY,
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
)
