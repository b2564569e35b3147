"""Rackspace Email (Rackspace Cloud Office; MX ``mx1.emailsrvr.com``, ``mx2.emailsrvr.com``).

Rackspace publishes the replies of its inbound servers, each tagged with a code in brackets
("(G1F)", "(G28)"...), on its postmaster site, https://postmaster.emailsrvr.com/system-info/response-codes
(also served at postmaster.apps.rackspace.com). That page is not stored; its entries are read
from the copy at https://smtp.codes/rackspace (repository ``fm/smtp-codes``,
``docs/rackspace/index.html``), which quotes each reply with Rackspace's explanation and links
the postmaster page. Three more lines come from Rackspace's own article "Common email bounce
messages", https://docs.rackspace.com/docs/common-email-bounces (the stored copy shows its first
rows). All are in ``tests/replies/data/provider_tables/rackspace.jsonl``.

Rackspace also filters mail for domains whose mailboxes live elsewhere: G6 and G7 are the
recipient's own server failing or refusing, passed on by Rackspace.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Rule

DOCS = "https://postmaster.emailsrvr.com/system-info/response-codes"
BOUNCES = "https://docs.rackspace.com/docs/common-email-bounces"

PROVIDER = Provider(
    key="rackspace",
    name="Rackspace Email",
    host_suffixes=(".emailsrvr.com",),
    # The bracketed response codes are Rackspace's own; "emailsrvr.com" is its mail domain.
    markers=(
        "emailsrvr.com",
        "(g1a)",
        "(g1b)",
        "(g1c)",
        "(g1d)",
        "(g1e)",
        "(g1f)",
        "(g14)",
        "(g15)",
        "(g16)",
        "(g18)",
        "(g19)",
        "(g28)",
        "(g30)",
        "(g31)",
        "(g2)",
        "(g3)",
        "(g4)",
        "(g5)",
        "(g6)",
        "(g7)",
        "(g8)",
        "(g9)",
        "(ge)",
    ),
    docs_url=DOCS,
)

_POSTMASTER = Action(
    "If the cause is fixed and the refusal goes on, write to postmaster@emailsrvr.com.",
    url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="rackspace.g2-concurrent-connections",
        reason=Reason.TOOMANYCONN,
        phrases=("too many concurrent connections from this client",),
        examples=(
            "host mx1.emailsrvr.com[192.0.2.1] said: 421 Too many concurrent connections from this client (G2)",
        ),
        summary="Rackspace limits the connections one IP may hold open at once.",
        actions=(Action("Lower the number of parallel connections to Rackspace's MX."),),
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g1f-no-ptr",
        reason=Reason.REQUIREPTR,
        phrases=("has no ptr record (g1f)",),
        examples=("450 4.7.1 Client host {IP} has no PTR record (G1F)",),
        summary="Rackspace requires a valid PTR (reverse DNS) record for every sending IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g6-recipient-server-unavailable",
        reason=Reason.SYSTEMERROR,
        phrases=("recipient's server was temporarily unavailable to accept your message",),
        examples=(
            "host mx1.emailsrvr.com[192.0.2.1] said: 450 4.4.1 <email@example.com>: The recipient's "
            "server was temporarily unavailable to accept your message (G6)",
        ),
        summary="Rackspace could not verify the recipient because the recipient's own server "
        "was unavailable; retrying in a few minutes should work.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g30-mailbox-receiving-too-fast",
        reason=Reason.SPEEDING,
        phrases=("mailbox received too much email in a short period of time",),
        examples=(
            "450 4.2.1 <email@example.com>: Mailbox received too much email in a short period "
            "of time (G30)",
        ),
        # The status 4.2.1 alone reads as a disabled mailbox; Rackspace says it is a rate limit
        # on the mailbox (a list bomb, for instance) that lifts within minutes.
        summary="Rackspace rate-limits mail into one mailbox; this one got too much in a short "
        "time and accepts more in a few minutes.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g16-routing-loop",
        reason=Reason.NETWORKERROR,
        phrases=("routing loop detected (g16)",),
        examples=("450 4.4.6 Routing loop detected (G16)",),
        summary="Rackspace found a mail loop for this message; retry in a few minutes.",
        actions=(_POSTMASTER,),
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g1e-dmarc-dns-failure",
        reason=Reason.NETWORKERROR,
        owner=Owner.RECEIVER,
        phrases=("temporary dmarc dns lookup failure",),
        examples=("450 4.4.0 <email@example.com> Temporary DMARC DNS lookup failure (G1E)",),
        summary="Rackspace could not look up the sender domain's DMARC policy this time; a "
        "retry in a few minutes should succeed.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g28-new-or-untrusted-ip",
        reason=Reason.BADREPUTATION,
        phrases=("received too many messages from a new or untrusted ip",),
        examples=("451 4.7.1 Received too many messages from a new or untrusted IP (G28)",),
        summary="Rackspace limits volume from IPs that have not yet built a sending history "
        "with it.",
        actions=(
            Action(
                "Warm the IP up with Rackspace: throttle sending to it for the next couple of "
                "weeks.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g8-address-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=("email address could not be found, or was misspelled",),
        examples=(
            "host mx1.emailsrvr.com[192.0.2.1] said: 550 5.1.1 Email address could not be found, or was "
            "misspelled (G8) or (G9)",
        ),
        summary="Rackspace has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g7-recipient-server-refused",
        reason=Reason.FILTERED,
        phrases=("the recipient's server refused to accept your message",),
        examples=("550 5.7.1 The recipient's server refused to accept your message (G7)",),
        summary="The recipient's own mail server, behind Rackspace's filter, refused the message.",
        actions=(
            Action("Contact the recipient by other means."),
            _POSTMASTER,
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g14-sender-mx-not-allowed",
        reason=Reason.REJECTED,
        phrases=("sender's mx record not allowed",),
        examples=("550 5.7.1 Sender's MX record not allowed (G14)",),
        summary="Rackspace refuses the sender's domain because its MX records point at a "
        "provider on Rackspace's block list.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.sender-not-allowed-to-send-from",
        reason=Reason.AUTHFAILURE,
        phrases=("sender is not allowed to send from",),
        examples=(
            "host mx1.emailsrvr.com[192.0.2.1] said: 550 5.1.0 Sender is not allowed to send from example.com",
        ),
        summary="The message is not authenticated for its sending domain: it needs to pass "
        "and align SPF and DKIM.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g15-dmarc-reject",
        reason=Reason.AUTHFAILURE,
        phrases=("email rejected per dmarc policy for",),
        examples=("550 5.7.1 Email rejected per DMARC policy for example.com (G15)",),
        summary="The message failed DMARC and the sending domain publishes a reject policy.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g3-virus-found",
        reason=Reason.VIRUSDETECTED,
        phrases=(
            "virus found (g3)",
            "virus found (g4)",
            "virus found (g5)",
            "header_contenttype_1",
        ),
        examples=(
            "host mx1.emailsrvr.com[192.0.2.1] said: 550 5.7.1 Virus found (G3) or (G4) or (G5)",
            "550 5.7.0 header_contenttype_1 (G18)",
        ),
        summary="Rackspace found a virus, or a known virus signature, in the message.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g19-partial-mime",
        reason=Reason.CONTENTERROR,
        phrases=("multi-part mime messages are rejected as dangerous",),
        examples=(
            "550 5.7.0 header_contenttype_2 - Multi-part MIME messages are rejected as "
            "dangerous (G19)",
        ),
        # Rackspace's explanation: partial MIME messages (message/partial) are not supported.
        summary="Rackspace does not accept partial MIME messages (message/partial); check the "
        "message structure.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.mime-banned-file",
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("mime_banned_file",),
        examples=(
            "550 5.7.0 mime_banned_file - Your message has been rejected because it contains a "
            "banned file attachment (G1A)",
            "550 5.7.0 mime_banned_file - File attachment is not allowed because they can be "
            "used to exploit Winzip (G1C)",
            "550 5.7.0 mime_banned_file - CLSID file extensions are dangerous (G1D)",
        ),
        summary="Rackspace refuses attachments of banned types: executables inside archives, "
        "file types that exploit Windows programs or WinZip, names with Windows class IDs.",
        actions=(Action("Remove the attachment, or link to the file instead."),),
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.ge-blocked-by-recipient",
        # Refused for the sender's address (on the recipient's own block list): the address
        # refused is the sender's, so it is the sender's envelope that is rejected.
        reason=Reason.REJECTED,
        phrases=("sender address rejected: blocked by this recipient",),
        examples=(
            "554 5.7.1 user@example.com: Sender address rejected: Blocked by this recipient (GE)",
        ),
        summary="The recipient has put your address on their own block list.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.g31-dns-blocklist",
        reason=Reason.BLOCKED,
        phrases=("acl dns_rbl; client host",),
        examples=(
            "554 5.7.1 ACL dns_rbl; Client host {IP} blocked using Senderscore. Please visit "
            "Senderscore for more information on why this message could not be delivered (G31)",
            "554 5.7.1 ACL dns_rbl; Client host {IP} blocked using Spamhaus XBL. Please visit "
            "Spamhaus for more information on why this message could not be delivered (G31)",
        ),
        summary="Rackspace refuses your IP because a DNS blocklist it uses (Validity's "
        "Sender Score, Spamhaus) lists it.",
        docs_url=DOCS,
    ),
    Rule(
        id="rackspace.throttled-too-much-spam",
        reason=Reason.BADREPUTATION,
        phrases=("throttled - too much spam from your mail server",),
        examples=(
            "host mx1.emailsrvr.com[192.0.2.1] said: 451 4.3.0 <servername[xx.xx.xx.xx]>: Client host "
            "rejected: Throttled - Too much spam from your mail server. Try again later.",
        ),
        summary="Rackspace has received too much spam from your server and throttles it.",
        actions=(
            Action(
                "Send again later, follow Rackspace's sending best practices and ask the "
                "recipient to safelist your domain.",
                url=BOUNCES,
            ),
        ),
        docs_url=BOUNCES,
    ),
)
