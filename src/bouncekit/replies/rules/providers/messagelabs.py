"""Broadcom (Symantec) Email Security.cloud, formerly MessageLabs (MX ``*.messagelabs.com``).

Broadcom documents the replies of Email Security.cloud one knowledge-base article at a time
(https://knowledge.broadcom.com/external/article/<id>); its index of them, article 165144
"SMTP bounce back error codes for Email Security.cloud", is not stored. The texts come from two
copies that quote Broadcom:

- Sisimai's ``lib/Sisimai/Rhost/MessageLabs.pm``, which quotes each reply with the article it
  comes from (175407, 164955, 165165, 162152, 162137, 162232, 173082, 173867, 164767, 165163,
  175710) and maps it to a reason; the ``source`` of those lines is the article;
- https://smtp.codes/emailsecuritycloud (repository ``fm/smtp-codes``), which prints five more
  replies and links article 165144.

Reasons follow Sisimai, except "460 too many messages", which Sisimai calls toomanyconn: the
reply speaks of messages, not connections, so it is speeding here, as the generic rules read it.
Lines whose wording is not Broadcom's own and that the generic rules misread carry a ``gap`` in
``tests/replies/data/provider_tables/messagelabs.jsonl``.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

KB = "https://knowledge.broadcom.com/external/article/"
DOCS = KB + "165144/smtp-bounce-back-error-codes-for-email-s.html"
IP_REMOVAL = "https://ipremoval.sms.symantec.com/"

PROVIDER = Provider(
    key="messagelabs",
    name="Broadcom Email Security.cloud (MessageLabs)",
    host_suffixes=(".messagelabs.com",),
    # Broadcom's own wording (Sisimai's Rhost/MessageLabs) and its support addresses.
    markers=(
        "messagelabs.com",
        "symanteccloud.com",
        "ipremoval.sms.symantec.com",
        "domain authentication fail",
        "connection rejected by policy [7.7]",
        "tls/sslv3 connection required",
        "requested action aborted [4]",
        "has detected that this message is not rfc 5322",
        "sender envelope domain not allowed for sender ip address",
        "recipient mailbox is not allowed",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="messagelabs.domain-authentication-fail",
        reason=Reason.AUTHFAILURE,
        phrases=("domain authentication fail",),
        examples=(
            "553 DMARC domain authentication fail",
            "553-SPF (Sender Policy Framework) domain authentication fail.",
        ),
        summary="Email Security.cloud refused the message because it failed the sending "
        "domain's SPF or DMARC check.",
        docs_url=KB + "175407",
    ),
    Rule(
        id="messagelabs.connection-rejected-by-policy",
        reason=Reason.BADREPUTATION,
        phrases=("connection rejected by policy",),
        examples=(
            "501 Connection rejected by policy [7.7] 20805, please visit "
            "www.messagelabs.com/support for more details about this error message.",
        ),
        summary="Email Security.cloud refuses connections from your IP because it has a "
        "negative reputation with Broadcom.",
        actions=(
            Action(
                "Check the IP's reputation with Broadcom and ask for its removal there.",
                url=IP_REMOVAL,
            ),
        ),
        docs_url=KB + "164955",
    ),
    Rule(
        id="messagelabs.ip-in-pbl",
        reason=Reason.BLOCKED,
        phrases=(
            "mail rejected because your ip is in the pbl",
            "sorry, your ip address has been blocked",
        ),
        examples=(
            "host cluster1.eu.messagelabs.com[192.0.2.1] said: 553-mail rejected because your IP is in "
            "the PBL. See http://www.spamhaus.org/pbl",
            "host cluster1.eu.messagelabs.com[192.0.2.1] said: Sorry, your IP address has been blocked",
        ),
        summary="Email Security.cloud refuses your IP because the Spamhaus PBL lists it as an "
        "end-user address that should not send mail directly.",
        actions=(
            Action(
                "Have the IP removed from the PBL, then send again: the delisting usually "
                "takes under an hour.",
                url="https://www.spamhaus.org/pbl/",
            ),
            Action(
                "If it goes on, ask the recipient to add your address to their Email "
                "Security.cloud approved senders list."
            ),
        ),
        docs_url=KB + "165165",
    ),
    Rule(
        id="messagelabs.tls-required",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("tls/sslv3 connection required",),
        examples=("451 TLS/SSLv3 Connection required. (#4.7.1)",),
        summary="The recipient's Email Security.cloud policy (Boundary Encryption) requires "
        "TLS from your server.",
        actions=(Action("Enable STARTTLS for mail to this domain."),),
        docs_url=KB + "162152",
    ),
    Rule(
        id="messagelabs.not-configured-as-relay",
        reason=Reason.NORELAYING,
        phrases=("as a relay, but i have not been configured to let you",),
        examples=(
            "You are trying to use me [server-X.tower-x.messagelabs.com] as a relay, but I "
            "have not been configured to let you [IP, address] do this.",
            "553 you are trying to use me [xx.messagelabs.com] as a relay, but I have not been "
            "configured to let you [x.xx.xx.xx, example.com] do this. (#5.7.1)",
        ),
        # Sent through the service by a customer whose domain or IP is not set up in it; to a
        # domain whose MX points at the service without a matching account, it is the
        # recipient's setup, which the reply cannot tell apart.
        summary="Email Security.cloud is not configured to relay mail for this sender and domain.",
        docs_url=KB + "162137",
    ),
    Rule(
        id="messagelabs.not-rfc-5322",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("has detected that this message is not rfc 5322", "requested action aborted [4]"),
        examples=(
            "550 [XX.XX.XX.XX] has detected that this message is not RFC 5322",
            "550 Requested action aborted [4]",
        ),
        summary="Email Security.cloud refused the message because its format does not comply "
        "with RFC 5322.",
        docs_url=DOCS,
    ),
    Rule(
        id="messagelabs.stray-linefeeds",
        reason=Reason.CONTENTERROR,
        phrases=("stray linefeeds in message",),
        examples=(
            "host cluster1.eu.messagelabs.com[192.0.2.1] said: 553 Stray linefeeds in message (#5.6.2)",
        ),
        summary="The message has bare line feeds: RFC 5322 allows CR and LF only together "
        "as CRLF, and Email Security.cloud enforces it.",
        docs_url=DOCS,
    ),
    Rule(
        id="messagelabs.sender-envelope-domain-not-allowed",
        reason=Reason.REJECTED,
        phrases=("sender envelope domain not allowed for sender ip address",),
        examples=("550 sender envelope domain not allowed for sender IP address (#5.1.8)",),
        summary="The sending domain is not registered or active in the customer's Email "
        "Security.cloud account, or the sending IP is not in its outbound routes.",
        docs_url=DOCS,
    ),
    Rule(
        id="messagelabs.badmailfrom",
        reason=Reason.REJECTED,
        phrases=("your envelope sender is in my badmailfrom list",),
        examples=(
            "553 sorry, your envelope sender is in my badmailfrom list. Please visit "
            "www.symanteccloud.com/troubleshooting for more details about this error message "
            "and instructions to resolve this issue. (#5.7.1)",
        ),
        summary="Email Security.cloud has put the envelope sender address on its badmailfrom "
        "list, usually after spam was sent from it.",
        docs_url=KB + "162232",
    ),
    Rule(
        id="messagelabs.invalid-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=("invalid recipient", "recipient mailbox is not allowed"),
        examples=(
            "host cluster1.eu.messagelabs.com[192.0.2.1] said: 550-Invalid recipient "
            "<username@example.com> 550 (#5.1.1)",
            "host cluster1.eu.messagelabs.com[192.0.2.1] said: 550 Invalid recipient <email@example.com> "
            "(#5.1.1)",
            "553 Recipient mailbox is not allowed",
        ),
        summary="The customer's Email Security.cloud account has no such recipient in the domain.",
        docs_url=KB + "165163",
    ),
)
