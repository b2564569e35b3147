"""Proofpoint (Proofpoint on Demand ``*.pphosted.com``, Proofpoint Essentials ``*.ppe-hosted.com``).

Proofpoint publishes no single table of its replies; its own pages give them one by one:

- reputation blocks point to https://ipcheck.proofpoint.com/ (formerly
  support.proofpoint.com/dnsbl-lookup.cgi), where the listing can be checked and removal
  requested; https://www.proofpoint.com/us/postmaster explains what leads to them (reverse DNS,
  authentication, spam-like volume) and names Proofpoint Dynamic Reputation;
- Proofpoint Essentials' "User email address is marked as invalid" (an address its SMTP
  Discovery expired or an administrator marked invalid):
  https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/040_usersandgroups/User_email_address_is_%22marked_as_invalid%22
- Proofpoint Essentials' outbound "554 5.7.1: Relay access denied" (a closed relay: the sender
  must be a user, alias or functional account of the platform):
  https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/040_usersandgroups/Outbound_mail_rejected_-_554_5.7.1%3A_Relay_access_denied

Proofpoint's other rejections are its customers' own texts or the generic "550 5.7.0 Local
Policy Violation", which names no cause and is left to the generic rules. Many companies (and
Apple's iCloud edge) filter through Proofpoint.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://ipcheck.proofpoint.com/"
POSTMASTER = "https://www.proofpoint.com/us/postmaster"
MARKED_INVALID = (
    "https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/"
    "040_usersandgroups/User_email_address_is_%22marked_as_invalid%22"
)
RELAY_DENIED = (
    "https://help.proofpoint.com/Proofpoint_Essentials/Email_Security/Administrator_Topics/"
    "040_usersandgroups/Outbound_mail_rejected_-_554_5.7.1%3A_Relay_access_denied"
)

PROVIDER = Provider(
    key="proofpoint",
    name="Proofpoint",
    host_suffixes=(".pphosted.com", ".ppe-hosted.com", ".proofpoint.com"),
    markers=(
        "pphosted",
        "ppe-hosted",
        "ipcheck.proofpoint.com",
        "support.proofpoint.com",
        "proofpoint",
        # Proofpoint Essentials' SMTP Discovery wording.
        "user email address is marked as invalid",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="proofpoint.ip-reputation-block",
        reason=Reason.BLOCKED,
        phrases=(
            "ipcheck.proofpoint.com",
            "support.proofpoint.com/dnsbl-lookup",
        ),
        examples=(
            "554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.25",
            "550 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.25",
            "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1",
            "554 mx.kent.edu.pph5a.pphosted.com ESMTP Blocked - see "
            "https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.142",
        ),
        summary="Proofpoint's dynamic reputation service blocks your sending IP.",
        actions=(
            Action(
                "Look up the IP at Proofpoint's IP check and request removal with the form "
                "there once the cause is fixed.",
                url=DOCS,
            ),
            Action(
                "Check what Proofpoint weighs: reverse DNS matching the HELO name, SPF and "
                "DKIM, and sudden volume or complaints.",
                url=POSTMASTER,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="proofpoint.recipient-marked-invalid",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient address rejected: user email address is marked as invalid",),
        examples=("550 5.7.1 Recipient address rejected: User email address is marked as invalid",),
        # The organisation's Proofpoint Essentials has no user for the address: SMTP Discovery
        # expired it or an administrator marked it invalid. Until they create the user again
        # the address receives nothing, which is what "unknown" means to the sender.
        summary="The recipient organisation's Proofpoint Essentials has this address on its "
        "Marked Invalid list: no such user there.",
        actions=(
            Action(
                "If the address should exist, ask the recipient to have their administrator "
                "remove it from the Marked Invalid list and create the user.",
                url=MARKED_INVALID,
            ),
        ),
        docs_url=MARKED_INVALID,
    ),
    Rule(
        id="proofpoint.sender-marked-invalid",
        reason=Reason.REJECTED,
        phrases=("sender address rejected: user email address is marked as invalid",),
        examples=("550 5.7.1 Sender address rejected: User email address is marked as invalid",),
        summary="Your own Proofpoint Essentials account has your sender address on its Marked "
        "Invalid list, so it refuses to send from it.",
        actions=(
            Action(
                "In Proofpoint Essentials, remove the address from Users & Groups > SMTP "
                "Discovery > Marked Invalid List and create the user.",
                url=MARKED_INVALID,
            ),
        ),
        docs_url=MARKED_INVALID,
    ),
    Rule(
        id="proofpoint.relay-access-denied",
        reason=Reason.NORELAYING,
        phrases=("relay access denied",),
        examples=(
            "host mx1-us1.ppe-hosted.com[192.0.2.20] said: 554 5.7.1: Relay access denied (in "
            "reply to RCPT TO command)",
        ),
        # Outbound through Proofpoint Essentials: a closed relay that sends only for its
        # customers' registered addresses, so the fix is in the sender's own account.
        summary="Proofpoint Essentials relays only for addresses registered on the platform; "
        "the sending address (or its domain's outbound relay) is not set up.",
        actions=(
            Action(
                "In Proofpoint Essentials, add the sender as a user, alias or functional "
                "account, enable inbound and outbound relay for the domain and set the sending "
                "IPs or SMTP authentication; changes take 30 to 60 minutes.",
                url=RELAY_DENIED,
            ),
        ),
        docs_url=RELAY_DENIED,
    ),
)
