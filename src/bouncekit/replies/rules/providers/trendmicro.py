"""Trend Micro Email Security (``*.tmes.trendmicro.com``), Hosted Email Security and the
on-premises gateways (Deep Discovery Email Inspector, InterScan Messaging Security).

Sources, Trend Micro's own pages:

- Email Reputation Services (ERS) refusals, the RBL+ (standard reputation) and the dynamic
  "zombie" list: "Frequently asked questions about messages blocked by ERS"
  (https://success.trendmicro.com/solution/1097055-frequently-asked-questions-faqs-about-messages-blocked-by-email-reputation-services-ers);
  the deferral wording "deferred using Trend Micro Email Reputation database" is quoted from
  https://hardwaresecrets.com/understanding-email-bounce-messages/4/ ;
- Deep Discovery Email Inspector's "SMTP Error Codes"
  (https://docs.trendmicro.com/en-us/documentation/article/deep-discovery-email-inspector-51-online-help-smtp-error-codes);
- InterScan's "550 Domain of forward-path is not allowed"
  (https://success.trendmicro.com/dcx/s/solution/1106332-550-domain-of-forward-path-is-not-allowed-error-message-appears-when-sending-mails-in-interscan-me).

ERS's lists are also queried by servers that are not Trend Micro's, so the blocklist of the same
name (:mod:`bouncekit.replies.blocklists`) explains those; here they are rules so that Trend
Micro's own replies keep their reason.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = (
    "https://success.trendmicro.com/solution/1097055-frequently-asked-questions-faqs-about-"
    "messages-blocked-by-email-reputation-services-ers"
)
DDEI = (
    "https://docs.trendmicro.com/en-us/documentation/article/deep-discovery-email-inspector-51-"
    "online-help-smtp-error-codes"
)
IMSS_RELAY = (
    "https://success.trendmicro.com/dcx/s/solution/1106332-550-domain-of-forward-path-is-not-"
    "allowed-error-message-appears-when-sending-mails-in-interscan-me"
)
ERS_LOOKUP = "https://servicecentral.trendmicro.com/en-US/ers/ip-lookup/"

PROVIDER = Provider(
    key="trendmicro",
    name="Trend Micro Email Security",
    host_suffixes=(".tmes.trendmicro.com", ".tmes.trendmicro.eu", ".hes.trendmicro.com"),
    markers=(
        "trend micro rbl+",
        "trend micro email reputation",
        "rbl-plus.mail-abuse.org",
        "mail-abuse.com/cgi-bin/lookup",
        # Deep Discovery Email Inspector's and InterScan's texts.
        "(sender filtering/authentication)",
        "for zombie matches (ers)",
        "for rbl+ matches (ers)",
        "domain of forward-path is not allowed",
    ),
    docs_url=DOCS,
)

_ERS_LOOKUP = Action(
    "Look up the IP in Trend Micro's Email Reputation Services and request its removal once "
    "the cause (an open relay, a compromised account or host) is fixed.",
    url=ERS_LOOKUP,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="trendmicro.ers-rbl-plus",
        reason=Reason.BLOCKED,
        phrases=(
            "refused by rbl-plus.mail-abuse.org",
            "blocked using trend micro rbl+",
            "for rbl+ matches (ers)",
        ),
        examples=(
            "550 Mail from 192.0.2.1 refused by rbl-plus.mail-abuse.org. Please refer to "
            "http://mail-abuse.org/rbl+ for an explanation",
            "550 Service unavailable; Client host [192.0.2.1] blocked using Trend Micro RBL+. "
            "Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.1",
            "550 Permanent denial of connection (550) for RBL+ matches (ERS)",
        ),
        summary="Trend Micro's Email Reputation Services list your IP as a known spam source "
        "(RBL+, the standard reputation database).",
        actions=(_ERS_LOOKUP,),
        docs_url=DOCS,
    ),
    Rule(
        id="trendmicro.ers-dynamic",
        reason=Reason.BLOCKED,
        phrases=(
            "deferred using trend micro email reputation",
            "for zombie matches (ers)",
        ),
        examples=(
            "450 Mail from 192.0.2.1 deferred using Trend Micro Email Reputation database. "
            "Please see https://www.mail-abuse.com/cgi-bin/lookup?192.0.2.1",
            "450 Temporary denial of connection (450) for Zombie matches (ERS)",
        ),
        # The dynamic database lists hosts that send spam right now (often compromised ones);
        # the listing expires by itself once the spam stops, hence the 450.
        summary="Trend Micro's dynamic reputation database lists your IP as sending spam now, "
        "typically a compromised host; the listing lapses once the spam stops.",
        actions=(_ERS_LOOKUP,),
        docs_url=DOCS,
    ),
    Rule(
        id="trendmicro.sender-filtering",
        reason=Reason.BLOCKED,
        phrases=("(sender filtering/authentication)",),
        examples=(
            "421 Block temporarily (Sender Filtering/Authentication)",
            "521 Block permanently (Sender Filtering/Authentication)",
        ),
        # One text for several of the gateway's sender checks (directory harvest, bounce
        # attacks, traffic throttling, SPF, DKIM, DMARC): all are about the sending server,
        # none about the message or the recipient.
        summary="A sender filter of the recipient's Trend Micro gateway (harvest protection, "
        "throttling, or an SPF, DKIM or DMARC check) blocks your server.",
        actions=(
            Action(
                "Check your SPF, DKIM and DMARC and your sending rate; ask the recipient's "
                "administrator which sender filter matched."
            ),
        ),
        docs_url=DDEI,
    ),
    Rule(
        id="trendmicro.relay-domains",
        reason=Reason.NORELAYING,
        phrases=("domain of forward-path is not allowed",),
        examples=("550 Domain of forward-path is not allowed",),
        summary="The Trend Micro gateway does not relay for the recipient's domain: it is not "
        "in its Relay Domains list.",
        docs_url=IMSS_RELAY,
    ),
)
