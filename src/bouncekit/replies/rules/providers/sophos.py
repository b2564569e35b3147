"""Sophos Email (Sophos Central's cloud gateway, ``*.hydra.sophos.com``).

Sophos documents its rejection codes in "SMTP error codes"
(https://docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/SMTPErrorCodes/index.html):
``XGEMAIL_0001`` to ``XGEMAIL_0015``, each with one sentence. The replies themselves carry the
code and little else (``550 5.7.1 XGEMAIL_0011 Command rejected``), so the rules key on the
code. The table's entries are written as the code
followed by its description. Sophos UTM and PureMessage appliances word their replies as their
administrators configure them; nothing of theirs is specific enough to be recognised here.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule

DOCS = (
    "https://docs.sophos.com/central/customer/help/en-us/ManageYourProducts/EmailSecurity/"
    "SMTPErrorCodes/index.html"
)

PROVIDER = Provider(
    key="sophos",
    name="Sophos Email",
    host_suffixes=(".hydra.sophos.com",),
    markers=("xgemail_",),
    docs_url=DOCS,
)

_RECIPIENT_ADMIN = Action(
    "Ask the recipient's Sophos Email administrator to check the message in Sophos Central's "
    "message history and allow your address or domain."
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="sophos.authentication",
        reason=Reason.AUTHFAILURE,
        phrases=("xgemail_0001", "xgemail_0002", "xgemail_0003"),
        examples=(
            "XGEMAIL_0001 Message didn't contain a valid DKIM signature.",
            "XGEMAIL_0002 Message failed an SPF check.",
            "XGEMAIL_0003 Message failed a DMARC check.",
        ),
        summary="Sophos Email rejected the message for a missing DKIM signature or a failed "
        "SPF or DMARC check.",
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.blocklists",
        reason=Reason.BLOCKED,
        phrases=("xgemail_0004", "xgemail_0005"),
        examples=(
            "XGEMAIL_0004 Sender IP address failed an RBL test.",
            "XGEMAIL_0005 Sender domain failed a DBL test.",
        ),
        # The IP (RBL) or the sender's domain (DBL) is on a blocklist; either way the sender
        # must get off it.
        summary="Your sending IP (RBL) or your sender domain (DBL) is on a blocklist Sophos "
        "Email checks.",
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.tls-version",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("xgemail_0006",),
        examples=(
            "XGEMAIL_0006 Message rejected because the TLS version used doesn't match the "
            "version configured in your policy.",
        ),
        summary="The recipient's Sophos Email policy requires a TLS version your server did "
        "not offer (or no TLS was offered at all).",
        actions=(Action("Offer STARTTLS with TLS 1.2 or 1.3 on your sending server."),),
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.license-expired",
        reason=Reason.SYSTEMERROR,
        phrases=("xgemail_0007",),
        examples=("XGEMAIL_0007 Message rejected because your license has expired.",),
        # "Your license" is the receiving organisation's: its gateway stops taking mail until
        # it renews, which is the receiving system's fault, not the sender's.
        summary="The recipient organisation's Sophos Email license has expired; it takes no "
        "mail until renewed.",
        owner=Owner.RECEIVER,
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.block-lists",
        reason=Reason.REJECTED,
        phrases=("xgemail_0008", "xgemail_0009"),
        examples=(
            "XGEMAIL_0008 Message rejected because a domain, an IP address, or an email "
            "address is in the admin block list.",
            "XGEMAIL_0009 Message rejected because a domain, an IP address, or an email "
            "address is in the user block list.",
            "550 5.7.1 XGEMAIL_0008 Command rejected",
        ),
        # Like Mimecast's Blocked Senders entries (Sisimai: rejected): the organisation or the
        # recipient blocks the sender; the address may well exist.
        summary="Your domain, IP or address is on the block list of the recipient's "
        "organisation (admin) or of the recipient (user).",
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.domain-not-protected",
        reason=Reason.NORELAYING,
        phrases=("xgemail_0010",),
        examples=(
            "XGEMAIL_0010 Message rejected because the recipient's domain isn't a Sophos Email "
            "protected domain.",
        ),
        summary="Sophos Email does not handle mail for the recipient's domain: its MX record "
        "points at Sophos without the domain being set up there, or a stale MX was used.",
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.recipient-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=("xgemail_0011",),
        examples=(
            "XGEMAIL_0011 Message rejected because the recipient's email address doesn't "
            "exist in the Sophos Email protected domain.",
            "550 5.7.1 XGEMAIL_0011 Command rejected",
        ),
        summary="The recipient's organisation has no such mailbox in Sophos Email.",
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.size",
        reason=Reason.MESGTOOBIG,
        phrases=("xgemail_0012", "xgemail_0013"),
        examples=(
            "XGEMAIL_0012 Message rejected because it exceeded the allowed size.",
            "XGEMAIL_0013 Message rejected because it exceeded the maximum number of "
            "recipients allowed for a large message.",
        ),
        # 0013 is a size limit too: a large message is accepted only for a few recipients.
        summary="The message is over Sophos Email's size limit, or a large message went to more "
        "recipients than Sophos allows for one of that size.",
        actions=(Action("Send large files as links, or a large message to fewer recipients."),),
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.sender-rate-limit",
        reason=Reason.SPEEDING,
        phrases=("xgemail_0014",),
        examples=(
            "XGEMAIL_0014 Message rejected because it exceeded the recipient's inbound rate "
            "limit for the single sender.",
        ),
        summary="You sent this recipient more messages than its inbound rate limit per sender "
        "allows.",
        docs_url=DOCS,
    ),
    Rule(
        id="sophos.recipient-rate-limit",
        reason=Reason.SPEEDING,
        phrases=("xgemail_0015",),
        examples=(
            "XGEMAIL_0015 Message rejected because it exceeded the recipient's total inbound "
            "rate limit from all senders.",
        ),
        # The recipient gets too much mail from everyone together: not this sender's volume,
        # and nothing about whether the address is good.
        summary="The recipient is over its total inbound rate limit from all senders; it is "
        "not your volume.",
        owner=Owner.RECIPIENT,
        no_verdict=True,
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
)
