"""Mimecast (secure email gateway, ``*.mimecast.com``).

Mimecast documents its replies in the knowledge-base article "Mimecast SMTP Error Codes"
(https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754, now also at
https://mimecastsupport.zendesk.com/hc/en-us/articles/34000709564691-Policies-Mimecast-SMTP-Error-Codes).
The stored copies of that page give its introduction only; its rows are taken from Sisimai's
``Rhost/Mimecast``, which transcribes the table with its causes and resolutions. The one row
without a fixed text ("550 < details of RBL >") is left to the blocklist rules.

Real replies add a link to the article and an id: ``550 Invalid Recipient -
https://community.mimecast.com/docs/DOC-1369#550 [mH3HpD4vPvq0tTjvLqC8ZQ.uk149]``. The table's
own wordings are distinctive enough to be markers too, so a reply is recognised without the link.
Reasons follow Sisimai's table except where a rule's comment says why not, and for "451
Recipient temporarily unavailable", which the generic rules explain as the receiving system's
fault (Sisimai: blocked): the table's own cause is Mimecast's recipient validation not
responding. "451 Hostname is not authorized" names nothing Mimecast's alone and is left to the
generic rules too (see the table's ``gap``).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule

DOCS = "https://community.mimecast.com/s/article/Mimecast-SMTP-Error-Codes-842605754"
SENDER_FEEDBACK = "https://www.mimecast.com/senderfeedback/"

PROVIDER = Provider(
    key="mimecast",
    name="Mimecast",
    host_suffixes=(".mimecast.com", ".mimecast.co.za", ".mimecast-offshore.com"),
    markers=(
        "mimecast",
        "mcspamsignature",
        # The table's wordings: no other gateway words its replies this way.
        "internal resources are temporarily unavailable",
        "account inbounds disabled",
        "account outbounds disabled",
        "account service is temporarily unavailable",
        "message ended early",
        "open relay not allowed",
        "submitter failed to disabled",
        "sender invalid - envelope rejected",
        "administrative prohibition envelope blocked",
        "administrative prohibition - envelope blocked",
        "envelope blocked - user entry",
        "envelope blocked - user domain entry",
        "header-based manually blocked senders",
        "header-based blocked senders",
        "block policy for envelope from address",
        "anti-spoofing policy - inbound not allowed",
        "header-based anti-spoofing policy",
        "due to content examination policy",
        "journal message past expiration",
        "exceeding outbound thread limit",
        "this route requires",
        "configuration is invalid for this certificate",
        "host network not allowed",
        "maximum email size exceeded",
        "email rejected due to security policies",
        "local ct ip reputation",
    ),
    docs_url=DOCS,
)

_RECIPIENT_ADMIN = Action(
    "Ask the recipient's administrator to add a Mimecast Permitted Senders or Auto Allow "
    "policy for you, or report a wrong rejection with Mimecast's sender feedback form.",
    url=SENDER_FEEDBACK,
)
_BLOCKED_SENDERS = Action(
    "Ask the recipient (a personal block in their Managed Senders list) or their administrator "
    "(a Blocked Senders policy) to remove the entry for your address or domain."
)
_TLS = Action(
    "Offer TLS 1.2 or later with strong ciphers and a valid certificate; make sure no proxy or "
    "firewall in between strips or re-encrypts the session."
)

RULES: tuple[Rule, ...] = (
    # --- the sender's IP, reputation and authentication -------------------------------------
    Rule(
        id="mimecast.sender-address-blocked",
        reason=Reason.BLOCKED,
        phrases=("sender address blocked",),
        examples=(
            "421 Sender address blocked - https://community.mimecast.com/docs/DOC-1369#421 "
            "[Xk2Lm9Pq.us3]",
        ),
        summary="A Blocked Senders policy of the recipient's organisation blocks your IP.",
        actions=(_BLOCKED_SENDERS,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.greylisting",
        reason=Reason.BADREPUTATION,
        phrases=("internal resources are temporarily unavailable",),
        examples=(
            "451 Internal resources are temporarily unavailable",
            "451 Internal resources are temporarily unavailable - "
            "https://community.mimecast.com/docs/DOC-1369#451 [k4jHv0VCNn6n7Zl3RCqYjA.us242]",
        ),
        # Sisimai: badreputation. The table gives two causes: greylisting, which a correct
        # retry passes, or a poor reputation of the IP, which it may not.
        summary="Mimecast is greylisting your IP or doubts its reputation; a correct retry "
        "gets through when it is greylisting.",
        retry=Retry.LATER,
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.ip-reputation",
        reason=Reason.BADREPUTATION,
        phrases=("local ct ip reputation",),
        examples=(
            "550 Local CT IP Reputation - (reject)",
            "550 Local CT IP Reputation - (reject) - "
            "https://community.mimecast.com/docs/DOC-1369#550 [Ab1Cd2Ef3Gh4.us510]",
        ),
        summary="Mimecast's ongoing reputation checks reject your IP.",
        actions=(
            Action(
                "Ask Mimecast to review your IP range with its online form, or the recipient "
                "for a Permitted Senders or Auto Allow policy.",
                url=SENDER_FEEDBACK,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.spf-dkim-dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "spf sender invalid - envelope rejected",
            "dkim sender invalid - envelope rejected",
            "dmarc sender invalid - envelope rejected",
        ),
        examples=(
            "550 SPF Sender Invalid - envelope rejected",
            "550 DKIM Sender Invalid - envelope rejected",
            "550 DMARC Sender Invalid - envelope rejected - "
            "https://community.mimecast.com/docs/DOC-1369#550 [QwErTy12.uk45]",
        ),
        summary="Mimecast rejected the message because it failed SPF, DKIM or DMARC.",
        actions=(
            Action(
                "List every IP of your mail servers in your SPF record and publish the DKIM "
                "public key your signing server uses."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.blocked-sender",
        reason=Reason.REJECTED,
        phrases=(
            "administrative prohibition envelope blocked",
            "administrative prohibition - envelope blocked",
            "envelope blocked - user entry",
            "envelope blocked - user domain entry",
            "header-based manually blocked senders",
            "header-based blocked senders",
            "block policy for envelope from address",
            "blocked senders - block policy",
        ),
        examples=(
            "550 Administrative prohibition envelope blocked",
            "550 Envelope blocked - User Entry",
            "550 Envelope blocked - User Domain Entry",
            "550 Rejected by header-based Manually Blocked Senders - block for manual block",
            "550 Rejected by header-based Blocked Senders - block policy for Header From",
            "550 Envelope rejected - block policy for envelope from address",
            "550 Administrative prohibition - envelope blocked - "
            "https://community.mimecast.com/docs/DOC-1369#550 [Zx9Yw8.us23]",
        ),
        summary="The recipient's organisation (or the recipient) blocks your address or "
        "domain in Mimecast.",
        actions=(_BLOCKED_SENDERS,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.host-network-not-allowed",
        reason=Reason.POLICYVIOLATION,
        phrases=("host network not allowed",),
        examples=(
            "554 Host network not allowed",
            "554 Host network not allowed - https://community.mimecast.com/docs/DOC-1369#554 "
            "[z7qZw5BPd1zlDYHka4589ru.us222]",
        ),
        summary="The recipient's Mimecast geographic-restriction policy refuses mail from "
        "your network.",
        # Sisimai's reason (policyviolation); the policy looks at the sending network.
        owner=Owner.SENDER,
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.open-relay",
        reason=Reason.NORELAYING,
        phrases=("open relay not allowed",),
        examples=("451 Open relay not allowed",),
        summary="Neither the sender's nor the recipient's domain is a Mimecast customer's, or "
        "your IP is not authorised to relay through Mimecast.",
        actions=(
            Action(
                "If you are the Mimecast customer, ask Mimecast Support to add this IP as an "
                "authorised outbound address."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.authentication",
        reason=Reason.SECURITYERROR,
        phrases=("incorrect authentication data", "submitter failed to disabled"),
        examples=(
            "535 Incorrect authentication data - "
            "https://community.mimecast.com/docs/DOC-1369#535 [aB3cD4.uk12]",
            "550 Submitter failed to disabled",
        ),
        summary="Submission on port 587 needs an internal address and its Mimecast cloud "
        "password; the ones given were refused.",
        actions=(
            Action(
                "Log in with an internal address and its Mimecast cloud password, or send on "
                "port 25 instead."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.tls-required",
        reason=Reason.SECURITYERROR,
        phrases=(
            "this route requires encryption",
            "this route requires tls version",
            "this route requires high-strength ciphers",
            "configuration is invalid for this certificate",
        ),
        examples=(
            "553 This route requires encryption (TLS)",
            "553 This route requires TLS version 1.2 or greater",
            "553 This route requires high-strength ciphers",
            "554 Configuration is invalid for this certificate",
            "553 This route requires encryption (TLS) - "
            "https://community.mimecast.com/docs/DOC-1369#553 [Pq5Rs6.us88]",
        ),
        # Sisimai: securityerror, not failedstarttls: the session may be encrypted, but not as
        # the recipient's Secure Receipt or Secure Delivery policy demands.
        summary="A Mimecast Secure Receipt or Secure Delivery policy requires TLS, a TLS "
        "version of 1.2 or later, strong ciphers or a matching certificate.",
        actions=(_TLS,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.connection-limits",
        reason=Reason.TOOMANYCONN,
        phrases=(
            "account service is temporarily unavailable",
            "exceeding outbound thread limit",
        ),
        examples=(
            "451 Account service is temporarily unavailable",
            "550 Exceeding outbound thread limit",
        ),
        summary="Too many concurrent connections for the Mimecast account (20 inbound by "
        "default); the IP is released after five minutes.",
        retry=Retry.LATER,
        actions=(Action("Open fewer connections at once and send in smaller batches."),),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.too-many-recipients",
        reason=Reason.TOOMANYCONN,
        phrases=("too many recipients",),
        replycodes=("452",),
        examples=(
            "452 Too many recipients - https://community.mimecast.com/docs/DOC-1369#452 "
            "[Rc7Pt2.us41]",
        ),
        summary="Mimecast takes 100 recipients per message; send the rest in another "
        "transaction (most servers do so by themselves).",
        retry=Retry.LATER,
        actions=(
            Action(
                "Let your server send the remaining recipients in a new transaction; disable "
                "SMTP fix-up or ESMTP inspection on Cisco firewalls, which break this."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.sender-account-on-hold",
        reason=Reason.ONHOLD,
        phrases=("account outbounds disabled", "journal message past expiration"),
        examples=(
            "451 Account outbounds disabled",
            "550 Journal message past expiration",
        ),
        # Sisimai: onhold. Both are about the sending Mimecast customer's own account (its
        # outbound mail switched off, or journal copies too old), so the owner is the sender.
        summary="The sending Mimecast account's outbound mail is disabled, or a journal "
        "message is older than the expiry threshold.",
        owner=Owner.SENDER,
        actions=(
            Action(
                "Mimecast customers: ask Mimecast Support to enable outbound mail, and stop "
                "journaling messages past the expiry threshold (check the server's clock)."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.message-ended-early",
        reason=Reason.SYSTEMERROR,
        phrases=("message ended early",),
        examples=("451 Message ended early",),
        # Sisimai: systemerror. The table's causes are all on the sending side (a firewall's
        # SMTP fix-up, leftovers of a removed virus, a security device's content rule), so the
        # owner is the sender.
        summary="The message data ended before its end marker: usually a firewall or security "
        "device on the sending side cut or rewrote the SMTP session.",
        owner=Owner.SENDER,
        actions=(
            Action(
                "Disable SMTP fix-up, MailGuard or ESMTP inspection on the sending side's "
                "firewall and check intrusion-detection devices."
            ),
        ),
        docs_url=DOCS,
    ),
    # --- the receiving organisation ------------------------------------------------------------
    Rule(
        id="mimecast.inbound-disabled",
        reason=Reason.NOTACCEPT,
        phrases=("account inbounds disabled",),
        examples=("451 Account inbounds disabled",),
        summary="The recipient organisation's Mimecast account has inbound mail disabled.",
        docs_url=DOCS,
    ),
    # --- the recipient ------------------------------------------------------------------------
    Rule(
        id="mimecast.invalid-recipient",
        reason=Reason.USERUNKNOWN,
        phrases=("invalid recipient - https://community.mimecast.com",),
        examples=(
            "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 "
            "[mH3HpD4vPvq0tTjvLqC8ZQ.uk149]",
        ),
        summary="The organisation behind Mimecast has no such recipient (known-recipient, LDAP "
        "or call-forward checks).",
        docs_url=DOCS,
    ),
    # --- the message ------------------------------------------------------------------------
    Rule(
        id="mimecast.security-policies",
        reason=Reason.VIRUSDETECTED,
        phrases=("email rejected due to security policies",),
        examples=(
            "554 Email rejected due to security policies",
            "554 email rejected due to security policies - MCSpamSignature.sa.2.2",
            "554 Email rejected due to security policies - "
            "https://community.mimecast.com/docs/DOC-1369#554 [aBcDeFgHiJ.uk123]",
        ),
        # Sisimai: virusdetected. The table: a virus signature, or a spam score over the
        # maximum; only the spam part can be bypassed by the recipient.
        summary="Mimecast matched a virus signature, or a spam score over its maximum, in the "
        "message.",
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.anti-spoofing",
        reason=Reason.POLICYVIOLATION,
        phrases=("anti-spoofing policy",),
        examples=(
            "550 Anti-Spoofing policy - Inbound not allowed",
            "550 Rejected by header-based Anti-Spoofing policy",
            "550 Rejected by header based Anti-Spoofing policy: kijitora@example.com - "
            "https://community.mimecast.com/docs/DOC-1369#550 [AbCdEf.uk12]",
        ),
        summary="The recipient organisation's Mimecast anti-spoofing policy refused mail that "
        "claims to come from its own domain, or from the sender's, without passing its checks.",
        # It judges the sender's identity (the From domain and where the mail came from).
        owner=Owner.SENDER,
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.content-examination",
        reason=Reason.POLICYVIOLATION,
        phrases=("content examination policy",),
        examples=("550 Message bounced due to Content Examination Policy",),
        summary="The recipient organisation's Mimecast content examination policy refused the "
        "message.",
        owner=Owner.MESSAGE,
        actions=(_RECIPIENT_ADMIN,),
        docs_url=DOCS,
    ),
    Rule(
        id="mimecast.size",
        reason=Reason.MESGTOOBIG,
        phrases=("maximum email size exceeded",),
        examples=(
            "554 Maximum email size exceeded",
            "554 Maximum email size exceeded - https://community.mimecast.com/docs/DOC-1369#554 "
            "[Lm3No4.uk77]",
        ),
        summary="The message exceeds an Email Size Limit policy or Mimecast's own limit (100 "
        "MB on the legacy MTA, 200 MB on the latest); encoding adds about a third.",
        docs_url=DOCS,
    ),
)
