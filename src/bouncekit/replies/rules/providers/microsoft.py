"""Microsoft: Outlook.com / Hotmail / Live and Microsoft 365 / Exchange Online Protection.

Exchange Online documents its enhanced codes at https://learn.microsoft.com/en-us/exchange/
mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-
exchange-online (with a page per code, such as fix-error-code-550-5-7-1-in-exchange-online);
Outlook.com's consumer codes (RP-001, SC-001, DY-001, OU-001, 5.7.515) at
https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx. Every entry of both
tables is judged in ``tests/replies/data/provider_tables/microsoft.jsonl``, with the codes that
live replies carry and neither page lists (S3140, S3150, S775, S77719: Sisimai's
``Rhost/Microsoft`` and senders' reports are the source there).

Replies from Exchange Online end with the name of the front-end server in brackets
(``[BN8NAM11FT062.eop-nam11.prod.protection.outlook.com]``); Outlook.com's older front ends
name themselves ``(BAY004-MC1F21)``. The published tables print the code and a description
only, so the wording that only Exchange writes serves as markers too. Reasons follow Sisimai's
``Rhost/Microsoft`` table; where a rule departs from it, its comment says why.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Retry, Rule, Verdict

DOCS = (
    "https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/"
    "non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online"
)
OLC_DOCS = "https://sendersupport.olc.protection.outlook.com/pm/troubleshooting.aspx"
DELIST = "https://sender.office.com/"
OLC_SUPPORT = "https://olcsupport.office.com/"
SNDS = "https://sendersupport.olc.protection.outlook.com/snds/"

PROVIDER = Provider(
    key="microsoft",
    name="Outlook.com / Microsoft 365",
    host_suffixes=(
        ".protection.outlook.com",
        ".outlook.com",
        ".office365.com",
        ".hotmail.com",
        ".live.com",
        ".msn.com",
    ),
    markers=(
        "protection.outlook.com",
        "prod.outlook.com",
        "sender.office.com",
        "postmaster.live.com",
        "mail.live.com/mail/troubleshooting",
        "go.microsoft.com/fwlink",
        "resolver.adr.",
        "storedrv.",
        "unfortunately, messages from",
        "unfortunately, some messages from",
        "(s3150)",
        "(s3140)",
        "(s3113)",
        "(s3114)",
        "(s3115)",
        "(s775)",
        "sc-001 (",
        "sc-002 (",
        "sc-003 (",
        "sc-004 (",
        "dy-001 (",
        "dy-002 (",
        "ou-001 (",
        "ou-002 (",
        "rp-001 (",
        "rp-002 (",
        "rp-003 (",
        "(s77714)",
        "(s77719)",
        "postmaster.live.com",
        "mail rejected by outlook.com",
        "connecting to outlook.com",
        # Exchange's own wording, as the published tables print it without a server name.
        "socket error code 10061",
        "failed mta-sts validation",
        "starttls-not-supported:",
        "certificate-expired:",
        "tlsa-invalid:",
        "dnssec-invalid:",
        "certificate-host-mismatch:",
        "x-dg-ref header",
        "policy violation detected (as345)",
        "does not allow external forwarding",
        "daily limit for message recipients",
        "submission quota exceeded",
        "per hour message receive limit",
        "journaling archive is disabled",
        "not authenticated by organization",
        "sender not in allowed-senders list",
        "sender not authenticated for group",
        "not authenticated for mailbox",
        "not authenticated for public folder",
        "5.7.136 sender was not authenticated",
        "5.6.11 invalid characters",
        "must pass either spf or dkim validation",
        "access denied, the sending ipv6 address",
        "does not accept email over ipv6",
        "access denied, spam abuse detected",
        "access denied, banned sender",
        "access denied, banned recipient",
        "access denied, banned sending ip",
        "access denied, bad helo",
        "access denied, rejected by recipient",
        "has exceeded permitted limits within",
        "does not pass dmarc verification and has a dmarc policy",
        "must be rfc 5322 section 3.6.2 compliant",
        "using customer block list",
        "tenant allow block list",
        "tenant has exceeded threshold",
        "traffic not accepted from this ip",
        "sending from unregistered domains",
        "blocked using blocklist 1",
        "delist@messaging.microsoft.com",
        "required authentication level",
        "pfa agent busy",
    ),
    docs_url=DOCS,
)

_DELIST = Action(
    "Request removal through Microsoft's delisting portal once the cause is fixed.",
    url=DELIST,
)
_OLC_SUPPORT = Action(
    "If the block persists, open a ticket with Outlook.com sender support.",
    url=OLC_SUPPORT,
)
_SNDS = Action(
    "Sign up for SNDS and the Junk Mail Reporting Program (JMRP) to see how Outlook.com rates "
    "your IPs and who complains.",
    url=SNDS,
)

RULES: tuple[Rule, ...] = (
    # --- Outlook.com consumer codes ------------------------------------------------------------
    Rule(
        id="microsoft.s3150-block-list",
        reason=Reason.BLOCKED,
        phrases=(
            "part of their network is on our block list",
            "(s3150)",
            "(s3140)",
        ),
        examples=(
            "550 5.7.1 Unfortunately, messages from [192.0.2.25] weren't sent. Please contact "
            "your Internet service provider since part of their network is on our block list "
            "(S3150). You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors. "
            "[VI1EUR06FT052.eop-eur06.prod.protection.outlook.com]",
            "550 5.7.1 Unfortunately, messages from [203.0.113.9] weren't sent. Please contact "
            "your Internet service provider since part of their network is on our block list "
            "(S3140). You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors. "
            "[AM4PEPF00027A5F.eurprd04.prod.outlook.com 2024-03-01T10:00:00.000Z 08DC3A1B]",
        ),
        summary="Outlook.com has your sending IP (or its network range) on its own block list.",
        # S3150 and S3140 are Outlook.com's consumer block list: its delisting goes through
        # the Outlook.com sender support form; sender.office.com delists Microsoft 365's own
        # list (5.7.606 to 5.7.649).
        actions=(
            Action(
                "Fix the cause, then ask Outlook.com to remove the block through its sender "
                "support form (give the IP and the full reply).",
                url=OLC_SUPPORT,
            ),
            _SNDS,
            Action(
                "If the recipient is a Microsoft 365 organisation (its MX ends in "
                "mail.protection.outlook.com) and the block stays, request delisting at "
                "sender.office.com.",
                url=DELIST,
            ),
        ),
        docs_url=OLC_DOCS,
    ),
    Rule(
        id="microsoft.s775-ip-reputation",
        reason=Reason.BADREPUTATION,
        phrases=(
            "temporarily rate limited due to ip reputation",
            "reason for rate limitation is related to ip/domain reputation",
            "reason for limitation is related to ip/domain reputation",
            "(s3113)",
            "(s3114)",
            "(s775)",
        ),
        examples=(
            "451 4.7.650 The mail server [192.0.2.25] has been temporarily rate limited due to "
            "IP reputation. For e-mail delivery information, see https://postmaster.live.com "
            "(S3113) [5NY1SSJFSTZJRJBG.eurprd02.prod.outlook.com 2024-05-09T23:34:45.000Z "
            "GLXTWVLGZHZNHVXY]",
            "451 4.7.651 The mail server [203.0.113.9] has been temporarily rate limited due to "
            "IP reputation. For e-mail delivery information, see https://postmaster.live.com "
            "(S775) [DB5EUR03FT043.eop-EUR03.prod.protection.outlook.com]",
            "451 4.7.651 The mail server IP connecting to Outlook.com server has exceeded the "
            "rate limit allowed. Reason for rate limitation is related to IP/domain reputation "
            "problems. If you are not an email/network admin please contact your E-mail/Internet "
            "Service Provider for help. For e-mail delivery information, see "
            "https://postmaster.live.com (S3114) "
            "[HE1EUR04FT012.eop-eur04.prod.protection.outlook.com]",
            # Outlook.com's table (2025) gives RP-001 to RP-003 this cause.
            "421 RP-003 The mail server IP connecting to Outlook.com server has exceeded the "
            "connection limit allowed. Reason for limitation is related to IP/domain reputation. "
            "If you are not an email/network admin please contact your Email/Internet Service "
            "Provider for help.",
        ),
        summary="Outlook.com is throttling your IP (messages or connections) because of its "
        "reputation; it accepts less mail until the reputation recovers.",
        actions=(_SNDS, _OLC_SUPPORT),
        docs_url=OLC_DOCS,
    ),
    Rule(
        id="microsoft.s3115-connections",
        reason=Reason.TOOMANYCONN,
        phrases=("(s3115)", "exceeded the maximum number of connections"),
        examples=(
            "451 4.7.652 The mail server [192.0.2.25] has exceeded the maximum number of "
            "connections. (S3115) [DB3EUR04FT011.eop-eur04.prod.protection.outlook.com]",
        ),
        summary="Outlook.com limits how many connections one IP may hold open.",
        actions=(_SNDS,),
        docs_url=OLC_DOCS,
    ),
    Rule(
        id="microsoft.sc-policy-block",
        reason=Reason.BLOCKED,
        phrases=(
            "sc-001 (",
            "sc-002 (",
            "sc-003 (",
            "sc-004 (",
            "ou-001 (",
            "ou-002 (",
            "mail rejected by outlook.com for policy reasons",
        ),
        examples=(
            "550 SC-001 (BAY004-MC5F13) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider since part of their network is on our "
            "block list. You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "550 SC-002 (COL004-MC1F40) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider. You can tell them that Hotmail does "
            "not relay dynamically-assigned IP ranges. You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "550 SC-004 (SNT004-MC2F2) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider. A block has been placed against "
            "this IP address because of complaints. You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "550 OU-001 (SNT004-MC1F37) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider since part of their network is on "
            "our block list. You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "550 OU-002 (BAY004-MC4F7) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider. You can also refer your provider "
            "to http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "550 SC-002 Mail rejected by Outlook.com for policy reasons. The mail server IP "
            "connecting to Outlook.com has exhibited namespace mining behavior. If you are not "
            "an email/network admin please contact your Email/Internet Service Provider for help.",
        ),
        summary="Outlook.com refuses mail from your IP for policy reasons: reputation, "
        "complaints, an open relay, namespace mining, or spam-like content.",
        actions=(_DELIST, _SNDS, _OLC_SUPPORT),
        docs_url=OLC_DOCS,
    ),
    Rule(
        id="microsoft.dy-dynamic-ip",
        reason=Reason.BLOCKED,
        phrases=("dy-001 (", "dy-002 (", "does not relay dynamically-assigned ip ranges"),
        examples=(
            "550 DY-001 (SNT004-MC1F43) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider. You can tell them that Hotmail "
            "does not relay dynamically-assigned IP ranges. You can also refer your provider "
            "to http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "550 DY-002 (COL004-MC3F31) Unfortunately, messages from 192.0.2.25 weren't sent. "
            "Please contact your Internet service provider. You can also refer your provider "
            "to http://mail.live.com/mail/troubleshooting.aspx#errors.",
        ),
        summary="Outlook.com does not take mail straight from dynamic (residential) IPs or "
        "from machines that look compromised.",
        actions=(
            Action(
                "Send through your provider's authenticated submission server or a "
                "sending service with static IPs and reverse DNS."
            ),
            _OLC_SUPPORT,
        ),
        docs_url=OLC_DOCS,
    ),
    # The older wording of RP-001 and RP-002 names only the limits; Outlook.com's table of
    # 2025 names their cause, IP/domain reputation (microsoft.s775-ip-reputation).
    Rule(
        id="microsoft.rp-001-rate-limit",
        reason=Reason.SPEEDING,
        phrases=(
            "rp-001 (",
            "rp-002 (",
            "we have limits for how many messages can be sent per hour and per day",
        ),
        examples=(
            "421 RP-001 (BAY004-MC1F21) Unfortunately, some messages from 192.0.2.25 weren't "
            "sent. Please try again. We have limits for how many messages can be sent per hour "
            "and per day. You can also refer to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors.",
            "421 RP-002 (COL004-MC4F20) Unfortunately, some messages from 192.0.2.25 weren't "
            "sent. Please try again. We have limits for how many messages can be sent per hour "
            "and per day. You can also refer to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors.",
        ),
        summary="Outlook.com is rate-limiting your IP: it accepts only so many messages per "
        "hour and per day, fewer for a weak reputation.",
        retry=Retry.LATER,
        actions=(
            Action("Retry later and spread the volume to Outlook.com over the day."),
            _SNDS,
        ),
        docs_url=OLC_DOCS,
    ),
    Rule(
        id="microsoft.rp-003-connections",
        reason=Reason.TOOMANYCONN,
        phrases=("rp-003 (",),
        examples=(
            "421 RP-003 (BAY004-MC3F9) Unfortunately, some messages from 192.0.2.25 weren't "
            "sent. Please try again. We have limits for how many concurrent connections can be "
            "made. You can also refer to http://mail.live.com/mail/troubleshooting.aspx#errors.",
        ),
        summary="Outlook.com limits concurrent connections from one IP.",
        retry=Retry.LATER,
        actions=(_SNDS,),
        docs_url=OLC_DOCS,
    ),
    Rule(
        id="microsoft.5.5.0-mailbox-unavailable",
        reason=Reason.USERUNKNOWN,
        phrases=("requested action not taken: mailbox unavailable",),
        statuses=("5.5.0",),
        examples=(
            "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
            "[DB5EUR03FT019.eop-EUR03.prod.protection.outlook.com]",
        ),
        summary="Outlook.com / Hotmail has no mailbox at this address, as a rule; senders also "
        "report it for live mailboxes when Outlook.com's servers disagree about its accounts.",
        # Deliverability writers read it as Outlook.com's unknown user (spamresource.com,
        # "Microsoft: Multiple types of invalid user bounces", 2023); senders report it for live
        # addresses too (suped.com, "What causes Hotmail 550 5.5.0 mailbox unavailable"), and
        # the words are RFC 5321's stock text for any 550 (common.mailbox-unavailable).
        verdict=Verdict.RISKY,
        docs_url=OLC_DOCS,
    ),
    # --- Exchange Online (Microsoft 365) ------------------------------------------------------
    # 5.7.504 is the same reply under another code; Sisimai calls it suspend, but Microsoft says
    # the address "isn't valid", which is an unknown user.
    Rule(
        id="microsoft.5.4.1-dbeb-access-denied",
        reason=Reason.USERUNKNOWN,
        phrases=("recipient address rejected: access denied",),
        statuses=("5.4.1", "5.7.504"),
        examples=(
            "550 5.4.1 Recipient address rejected: Access denied. AS(201806281) "
            "[CY4PEPF0000E9D5.namprd05.prod.outlook.com 2024-07-01T12:00:00.000Z 08DC9A]",
            "550 5.4.1 [kijitora@example.org]: Recipient address rejected: Access denied "
            "[NEKOCHAN.cat-neko22.prod.protection.outlook.com]",
            "550 5.4.1 [kijitora@example.br]: Recipient address rejected: Access denied "
            "[BL2NAM02FT061.eop-nam02.prod.protection.outlook.com]",
        ),
        summary="Exchange Online's directory-based edge blocking found no such recipient in "
        "the organisation.",
        owner=Owner.RECIPIENT,
        # The words say "access denied", not "no such user": a tenant whose directory
        # synchronisation or hybrid routing is wrong refuses its real users the same way.
        verdict=Verdict.RISKY,
        retry=Retry.NEVER,
        actions=(
            Action(
                "Stop sending to the address, but know the caveat: only tenants with "
                "directory-based edge blocking (DBEB) reject unknown users at RCPT, and a "
                "tenant whose directory synchronisation is broken refuses real users the same "
                "way. Confirm with a second bounce before you delete it from your list."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.1.10-recipient-not-found",
        reason=Reason.USERUNKNOWN,
        phrases=(
            "resolver.adr.recipientnotfound",
            "resolver.adr.exrecipnotfound",
            "recipient not found by smtp address lookup",
            "resolver.adr.recipnotfound",
        ),
        examples=(
            "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient kijitora@example.com not "
            "found by SMTP address lookup [MW2NAM10FT012.eop-nam10.prod.protection.outlook.com]",
            "550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found "
            "[DM6NAM12FT044.eop-nam12.prod.protection.outlook.com]",
        ),
        summary="The Microsoft 365 organisation has no recipient with this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.2.2-quota",
        reason=Reason.MAILBOXFULL,
        phrases=(
            "quotaexceededexception",
            "mailbox full",
            "recipient's mailbox is full",
            "mailbox has exceeded its quota",
        ),
        examples=(
            "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException."
            "MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent "
            "exception with message Cannot open mailbox. "
            "[BN6PR11MB1234.namprd11.prod.outlook.com]",
        ),
        summary="The recipient's Microsoft 365 mailbox is over its storage quota.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.2.2-submission-quota",
        reason=Reason.SPEEDING,
        phrases=(
            "submission quota exceeded",
            "submissionquotaexceededexception",
            "reached your daily limit for message recipients",
            "per hour message receive limit",
        ),
        examples=(
            "550 5.2.2 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed "
            "to process message due to a permanent exception with message Cannot submit message. "
            "[DM5PR12MB1234.namprd12.prod.outlook.com]",
            "550 5.2.121 Recipient's per hour message receive limit from specific sender "
            "exceeded. [BN8NAM11FT062.eop-nam11.prod.protection.outlook.com]",
        ),
        summary="A Microsoft 365 sending or receiving limit was exceeded.",
        actions=(
            Action(
                "Check the Exchange Online sending limits; a sudden burst from one account "
                "can mean it is compromised.",
                url="https://learn.microsoft.com/en-us/office365/servicedescriptions/"
                "exchange-online-service-description/exchange-online-limits",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.606-banned-ip",
        reason=Reason.BLOCKED,
        phrases=("access denied, banned sending ip",),
        examples=(
            "550 5.7.606 Access denied, banned sending IP [198.51.100.222]. To request removal "
            "from this list please visit https://sender.office.com/ and follow the directions. "
            "For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 "
            "(AS16012609)",
        ),
        summary="Microsoft 365 has banned your sending IP.",
        actions=(_DELIST,),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.511-banned-sender",
        reason=Reason.BLOCKED,
        phrases=("access denied, banned sender",),
        statuses=("5.7.511",),
        examples=(
            "550 5.7.511 Access denied, banned sender[192.0.2.25]. To request removal from this "
            "list please forward this message to delist@messaging.microsoft.com. For more "
            "information please go to http://go.microsoft.com/fwlink/?LinkId=526653. AS(1410) "
            "[BL2NAM02FT017.eop-nam02.prod.protection.outlook.com]",
        ),
        summary="Microsoft 365 has banned your sending IP or sender.",
        actions=(
            Action(
                "Email delist@messaging.microsoft.com with the full reply and the IP address, "
                "or use the delisting portal.",
                url=DELIST,
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.501-spam-abuse",
        reason=Reason.REJECTED,
        phrases=("access denied, spam abuse detected", "access denied, banned sender"),
        statuses=("5.7.501", "5.7.502", "5.7.503", "5.7.800"),
        examples=(
            "550 5.7.501 Access denied, spam abuse detected. For more information please go to "
            "http://go.microsoft.com/fwlink/?LinkId=526653. AS(1230) "
            "[SN1NAM02FT012.eop-nam02.prod.protection.outlook.com]",
            "5.7.800 Access denied, banned sender",
        ),
        summary="Microsoft banned the sending account (5.7.501-503) or its sender domain "
        "(5.7.800) for spam; the account is usually compromised.",
        actions=(
            Action(
                "Secure the account (reset its password, check forwarding rules), then ask "
                "support to restore its sending."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.515-authentication-level",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "doesn't meet the required authentication level",
            "does not meet the required authentication level",
            "to outlook.com accounts must be authenticated with spf, dkim, and dmarc",
        ),
        examples=(
            "550 5.7.515 Access denied, sending domain [EXAMPLE.COM] doesn't meet the required "
            "authentication level. The sender's domain in the 5322.From address doesn't meet "
            "the authentication requirements defined for the sender. To learn more about "
            "authentication requirements visit https://aka.ms/HVSenderAuth "
            "[DM1PEPF000019D2.namprd02.prod.outlook.com 2025-05-06T10:00:00.000Z 08DD8C]",
            "550 5.7.515 Mail rejected by Outlook.com for policy reasons. Messages from domains "
            "sending over 5,000 emails per day to Outlook.com accounts must be authenticated "
            "with SPF, DKIM, and DMARC (p=none or p=reject) to be accepted.",
        ),
        summary="Since May 2025 Outlook.com refuses mail from high-volume senders (over 5,000 "
        "a day) whose From domain does not pass SPF, DKIM and DMARC.",
        actions=(
            Action(
                "Meet Outlook.com's high-volume sender requirements: SPF pass, DKIM pass, and "
                "DMARC at p=none or stronger aligned with the From domain.",
                url="https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/"
                "strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-"
                "high%E2%80%90volume-senders/4399730",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.509-dmarc",
        reason=Reason.AUTHFAILURE,
        phrases=(
            "does not pass dmarc verification",
            "sender policy framework violation",
            "must pass either spf or dkim validation",
        ),
        examples=(
            "550 5.7.509 Access denied, sending domain [EXAMPLE.JP] does not pass DMARC "
            "verification and has a DMARC policy of reject. "
            "[7FQL1BDY0XZ5XGTW.JPNP222.PROD.OUTLOOK.COM 2024-04-29T23:34:45.000Z "
            "NG5X6YLY2QZK8T7B] [VB0JMRQKNLZPTQMN.eurprd06.prod.outlook.com "
            "2024-04-29T23:34:45.000Z HTTZYWCWHTZK8F8N] "
            "[JUTN0NNV051736.eop-eur22.prod.protection.outlook.com 2024-04-29T23:34:45.000Z "
            "K2TP4MV8R6ZF2XN2]",
            "550 5.7.23 The message was rejected because of Sender Policy Framework violation "
            "[DM3NAM03FT035.eop-NAM03.prod.protection.outlook.com]",
        ),
        summary="The From domain failed DMARC (or SPF) at Microsoft and its policy says reject.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.513-customer-block-list",
        reason=Reason.BLOCKED,
        phrases=(
            "using customer block list",
            "access denied, rejected by recipient",
            "access denied, bad helo",
            "does not accept email over ipv6",
        ),
        examples=(
            "550 5.7.513 Service unavailable, Client host [192.0.2.25] blocked by example.com "
            "using Customer Block list (AS16012607) "
            "[AM5EUR02FT045.eop-EUR02.prod.protection.outlook.com]",
            "550 5.7.506 Access denied, bad HELO, AS(1260) "
            "[BN3NAM01FT040.eop-nam01.prod.protection.outlook.com]",
        ),
        summary="The receiving Microsoft 365 organisation (not Microsoft) blocks your IP, or "
        "your server broke a connection-level rule.",
        actions=(
            Action(
                "Ask the recipient's administrator to remove your IP from their tenant "
                "block list; Microsoft's portal cannot remove it."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.700-tenant-threshold",
        reason=Reason.SPEEDING,
        phrases=("tenant has exceeded threshold",),
        examples=(
            "550 5.7.705 Access denied, tenant has exceeded threshold. For more information "
            "please go to http://go.microsoft.com/fwlink/?LinkId=526653 "
            "[BY2NAM03FT034.eop-NAM03.prod.protection.outlook.com]",
        ),
        summary="Microsoft 365 has stopped outbound mail from your tenant: most of its traffic "
        "looked like spam, often from a compromised account or connector.",
        retry=Retry.AFTER_FIX,
        actions=(
            Action(
                "Resolve compromised accounts and open relays, then contact Microsoft "
                "support to lift the tenant restriction."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.750-unregistered-domains",
        reason=Reason.REJECTED,
        phrases=("sending from unregistered domains",),
        examples=(
            "550 5.7.750 Service unavailable. Client blocked from sending from unregistered "
            "domains. For more information please go to "
            "http://go.microsoft.com/fwlink/?LinkId=526653 "
            "[CO1NAM11FT023.eop-nam11.prod.protection.outlook.com]",
        ),
        summary="Your Microsoft 365 tenant sent from domains it has not added and verified.",
        actions=(
            Action(
                "Add and verify every domain you send from in the Microsoft 365 admin "
                "center, then contact support to lift the block."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.4.7.500-try-again-later",
        reason=Reason.BLOCKED,
        phrases=("access denied, please try again later",),
        statuses=("4.7.5", "4.7.6", "4.7.8"),
        examples=(
            "451 4.7.500 Access denied, please try again later. For more information please "
            "go to http://go.microsoft.com/fwlink/?LinkId=526653. AS(1300) "
            "[BN8NAM11FT062.eop-nam11.prod.protection.outlook.com]",
        ),
        summary="Microsoft 365 temporarily restricts your IP while it evaluates suspicious "
        "activity; valid traffic is let through again shortly.",
        retry=Retry.LATER,
        actions=(_DELIST,),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.4.7.500-server-busy",
        reason=Reason.SYSTEMERROR,
        phrases=("server busy. please try again later from", "pfa agent busy"),
        examples=(
            "451 4.7.500 Server busy. Please try again later from [192.0.2.25]. (AS761) "
            "[HE1EUR01FT014.eop-EUR01.prod.protection.outlook.com]",
        ),
        summary="Exchange Online asked you to come back later; it usually clears on retry.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.1-delivery-not-authorized",
        reason=Reason.REJECTED,
        phrases=(
            "delivery not authorized",
            "sender was not authenticated",
            "sender not authenticated for group",
            "sender not in allowed-senders list",
        ),
        examples=(
            "550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; "
            "Delivery restriction check failed because the sender was not authenticated when "
            "sending to this group [BN3NAM04FT052.eop-NAM04.prod.protection.outlook.com]",
            "5.7.12 Sender was not authenticated by organization",
        ),
        summary="The recipient (a group, mailbox, mail user or public folder) accepts mail only "
        "from its own organisation or from listed senders.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.UNKNOWN,
        retry=Retry.NEVER,
        actions=(Action("Ask the group owner to allow external senders or your address."),),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.1-not-authorized",
        reason=Reason.REJECTED,
        phrases=("resolver.rst.notauthorized",),
        examples=(
            "550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized "
            "[DM6NAM10FT033.eop-nam10.prod.protection.outlook.com]",
        ),
        summary="The recipient's organisation does not allow you to send to this address.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.UNKNOWN,
        retry=Retry.NEVER,
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.57-anonymous",
        reason=Reason.SECURITYERROR,
        # Without "to send anonymous mail" (5.7.57 in Microsoft's table): that is a relay
        # attempt without authentication, norelaying as the generic Exchange rule says.
        phrases=(
            "client not authenticated to send mail",
            "authentication unsuccessful",
        ),
        examples=(
            "530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.139 "
            "Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
            "Visit https://aka.ms/smtp_auth_disabled for more information. "
            "[MW4PR03CA0123.namprd03.prod.outlook.com]",
        ),
        summary="smtp.office365.com refused the login: SMTP AUTH is off for the tenant or "
        "the credentials are wrong.",
        actions=(
            Action(
                "Enable authenticated SMTP for the mailbox or use OAuth.",
                url="https://aka.ms/smtp_auth_disabled",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.64-tenant-attribution",
        reason=Reason.NORELAYING,
        phrases=("tenantattribution; relay access denied", "unable to relay"),
        examples=(
            "550 5.7.64 TenantAttribution; Relay Access Denied "
            "[SN1NAM02FT030.eop-nam02.prod.protection.outlook.com]",
        ),
        summary="Microsoft 365 could not attribute your relayed mail to a tenant connector.",
        actions=(
            Action(
                "Check the inbound connector's certificate name or IP addresses against "
                "your on-premises server."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.6.11-bare-lf",
        reason=Reason.CONTENTERROR,
        phrases=("invalid characters", "bare line feed"),
        statuses=("5.6.11",),
        examples=(
            "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which "
            "cannot be sent via DATA and receiving system does not support BDAT; invalid "
            "characters [BY5PR12MB1234.namprd12.prod.outlook.com]",
        ),
        summary="The message contains bare line feeds that Exchange Online refuses.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.3.4-size",
        reason=Reason.MESGTOOBIG,
        phrases=("message size exceeds fixed maximum message size", "message too big for system"),
        examples=(
            "552 5.3.4 Message size exceeds fixed maximum message size "
            "[BN8NAM11FT021.eop-nam11.prod.protection.outlook.com]",
        ),
        summary="The message is larger than the Microsoft 365 organisation accepts.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.4.14-loop",
        reason=Reason.NETWORKERROR,
        phrases=("routing loop detected", "hop count exceeded"),
        examples=(
            "554 5.4.14 Hop count exceeded - possible mail loop ATTR34 "
            "[SN1NAM02FT009.eop-nam02.prod.protection.outlook.com]",
        ),
        summary="The message went round a forwarding or routing loop.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.4.3.2-recipient-thread-limit",
        reason=Reason.SPEEDING,
        phrases=("recipient thread limit exceeded",),
        examples=("432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded",),
        summary="The recipient's mailbox is receiving too many messages at once; Exchange "
        "Online throttles it so that others on the same database are not slowed down.",
        owner=Owner.RECIPIENT,
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.2.122-recipient-receive-limit",
        reason=Reason.SPEEDING,
        phrases=("recipient's per hour message receive limit exceeded",),
        examples=("5.2.122 Recipient's per hour message receive limit exceeded",),
        summary="The recipient has received more messages this hour, from all senders, than "
        "Exchange Online allows; it is a limit on the recipient, not a block on you.",
        owner=Owner.RECIPIENT,
        retry=Retry.LATER,
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.4.4.316-connection-refused",
        reason=Reason.NETWORKERROR,
        phrases=("socket error code 10061",),
        examples=("4.4.316 Connection refused [Message=Socket error code 10061]",),
        summary="Exchange Online could not connect to the destination's mail server: the "
        "connection was refused at the other end.",
        docs_url=DOCS,
    ),
    # Exchange Online sending out: the destination domain's MTA-STS policy, DANE records or
    # certificate do not check out. Sisimai calls the DANE ones authfailure, but nothing of the
    # sender's authentication failed: the receiving domain's setup did.
    Rule(
        id="microsoft.4.7.323-destination-tls-policy",
        reason=Reason.SECURITYERROR,
        phrases=(
            "failed mta-sts validation",
            "certificate-expired:",
            "tlsa-invalid:",
            "dnssec-invalid:",
            "certificate-host-mismatch:",
        ),
        examples=(
            "4.7.323 tlsa-invalid: The domain failed DANE validation.",
            "5.4.8 MX hosts of <domain> failed MTA-STS validation",
            "4.7.5 Remote certificate failed MTA-STS validation. Reason: <validityStatus>",
            "5.7.322 certificate-expired: Destination mail server's certificate is expired.",
        ),
        summary="The recipient's domain publishes MTA-STS or DANE (DNSSEC) records that its "
        "mail servers or certificates do not match, so Exchange Online will not deliver to it.",
        owner=Owner.RECEIVER,
        actions=(
            Action(
                "Tell the recipient's mail administrator: their MTA-STS policy, TLSA records "
                "or certificate need fixing.",
                url="https://learn.microsoft.com/en-us/purview/enhancing-mail-flow-with-mta-sts",
            ),
        ),
        docs_url=DOCS,
    ),
    # Sisimai calls this securityerror; the cause it names is STARTTLS itself.
    Rule(
        id="microsoft.4.7.321-starttls-not-supported",
        reason=Reason.FAILEDSTARTTLS,
        phrases=("starttls-not-supported:",),
        examples=(
            "4.7.321 starttls-not-supported: Destination mail server must support TLS to "
            "receive mail.",
        ),
        summary="The recipient's domain is DNSSEC-signed with DANE, but its mail server does "
        "not offer STARTTLS or fails the TLS handshake.",
        owner=Owner.RECEIVER,
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.0.350-policy",
        reason=Reason.POLICYVIOLATION,
        phrases=("x-dg-ref header is too long", "policy violation detected (as345)"),
        examples=(
            "5.0.350 x-dg-ref header is too long",
            "5.0.350 Requested action not taken: policy violation detected (AS345)",
        ),
        summary="The recipient's organisation refused the message's form: nested attachments "
        "(AS345) or a Rich Text header that is too long (x-dg-ref).",
        owner=Owner.MESSAGE,  # Microsoft's page for 5.0.350 names the message's form
        actions=(
            Action(
                "Send as HTML or plain text, not Rich Text, and do not nest attached messages.",
                url="https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/"
                "non-delivery-reports-in-exchange-online/fix-error-code-550-5-0-350-in-exchange-"
                "online",
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.3.190-journaling",
        reason=Reason.SYSTEMERROR,
        phrases=("journaling archive is disabled",),
        examples=(
            "5.3.190 Journaling on-premises messages to Microsoft 365 or Office 365 not "
            "supported when Journaling Archive is disabled",
        ),
        summary="The organisation journals on-premises mail to Microsoft 365 without turning "
        "on Journaling Archive.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.505-banned-recipient",
        reason=Reason.SUSPEND,
        phrases=("access denied, banned recipient",),
        examples=("5.7.505 Access denied, banned recipient",),
        summary="Microsoft has banned this recipient address.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.508-ipv6-range-limit",
        reason=Reason.SPEEDING,
        phrases=("has exceeded permitted limits within",),
        examples=(
            "5.7.508 Access denied, [$SenderIPAddress] has exceeded permitted limits within "
            "$range range",
        ),
        summary="Your IPv6 range sent too many messages in too short a time.",
        docs_url=DOCS,
    ),
    # Sisimai calls this rejected; the cause is the message's From header.
    Rule(
        id="microsoft.5.7.512-from-header",
        reason=Reason.NOTCOMPLIANTRFC,
        phrases=("section 3.6.2 compliant",),
        examples=("5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant",),
        summary="The message has no valid From address (RFC 5322 section 3.6.2); Microsoft "
        "wants one address in angle brackets.",
        docs_url=DOCS,
    ),
    Rule(
        id="microsoft.5.7.703-tenant-block-list",
        reason=Reason.POLICYVIOLATION,
        phrases=("blocked by your organization using tenant allow block list",),
        examples=(
            "5.7.703 Your message can't be delivered because messages to XXX, YYY are blocked "
            "by your organization using Tenant Allow Block List.",
        ),
        summary="Your own organisation blocks this recipient or domain in its Tenant "
        "Allow/Block List; the whole message is held back.",
        owner=Owner.SENDER,
        actions=(
            Action(
                "Ask your Microsoft 365 administrator to remove the recipient's block entry.",
                url="https://learn.microsoft.com/en-us/defender-office-365/"
                "tenant-allow-block-list-about",
            ),
        ),
        docs_url=DOCS,
    ),
    # Sisimai groups 5.7.700-749 as speeding; Microsoft's page on 5.7.708 says it is mail from
    # IPs of low reputation that new tenants use.
    Rule(
        id="microsoft.5.7.708-low-reputation-ip",
        reason=Reason.BADREPUTATION,
        phrases=("traffic not accepted from this ip",),
        examples=(
            "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. "
            "For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 "
            "AS(7230) [DB8EUR05FT014.eop-eur05.prod.protection.outlook.com]",
        ),
        summary="Microsoft 365 does not take mail from this low-reputation IP, typical of new "
        "tenants that have not bought licences yet.",
        retry=Retry.AFTER_FIX,
        actions=(
            Action(
                "If the mail left your own Microsoft 365 tenant, look for a user blocked from "
                "sending (Defender portal, Restricted entities): a compromised account is the "
                "usual cause, and delisting does not help while it sends."
            ),
            Action(
                "Once the cause is fixed, request delisting of the IP at sender.office.com.",
                url=DELIST,
            ),
            Action(
                "If the block stays (typical of a new tenant without licences), open a "
                "Microsoft support request to have it lifted.",
                url="https://learn.microsoft.com/en-us/exchange/mail-flow-best-practices/"
                "non-delivery-reports-in-exchange-online/fix-error-code-5-7-700-through-5-7-750",
            ),
        ),
        docs_url=DOCS,
    ),
    # The recipient's own organisation refuses to forward automatically to an outside address
    # the recipient set up; the message itself reached the recipient's mailbox.
    Rule(
        id="microsoft.5.7.520-external-forwarding",
        reason=Reason.POLICYVIOLATION,
        phrases=(
            "does not allow external forwarding",
            "doesn't allow forwarding to external recipients",
        ),
        examples=(
            "550 5.7.520 Access denied, Your organization does not allow external forwarding. "
            "Please contact your administrator for further assistance. AS(7555)",
        ),
        summary="The recipient's Microsoft 365 organisation does not allow the automatic "
        "forwarding its user set up to an outside address; your message reached the "
        "recipient's mailbox, only the forwarded copy was refused.",
        owner=Owner.RECEIVER,
        no_verdict=True,
        retry=Retry.NEVER,
        actions=(
            Action(
                "Nothing to fix on your side and keep the address: the recipient's own "
                "forwarding rule is refused by their organisation's outbound policy."
            ),
            Action(
                "If the bounce reaches you repeatedly, tell the recipient: their administrator "
                "must allow automatic external forwarding (outbound anti-spam policy) or they "
                "must remove the forward."
            ),
        ),
        docs_url=DOCS,
    ),
    # Sisimai calls this blocked; the reply says what is missing: the IP's PTR record.
    Rule(
        id="microsoft.5.7.25-ipv6-ptr",
        reason=Reason.REQUIREPTR,
        phrases=("must have a reverse dns record",),
        examples=(
            "5.7.25 Access denied, the sending IPv6 address [2a01:111:f200:2004::240] must have "
            "a reverse DNS record",
        ),
        summary="Microsoft 365 takes mail over IPv6 only from addresses with a PTR record.",
        docs_url="https://learn.microsoft.com/en-us/defender-office-365/"
        "support-for-anonymous-inbound-email-messages-over-ipv6",
    ),
)
