"""Blocklists and reputation services that rejections name, with what a listing means.

Markers are lowercase phrases found in real replies; each entry carries such a reply. The
engine maps each marker to one blocklist and reports every blocklist whose markers appear, so:

- markers never repeat across entries;
- the specific Spamhaus zones (SBL, CSS, XBL, PBL, DBL, DQS, ZEN) have their own markers
  (``sbl.spamhaus.org``, ``listed by css``...), and plain "Spamhaus" only phrases that name no
  zone (``blocked using spamhaus``, ``spamhaus.org/query``), never the bare word, which would
  match inside every zone name;
- more specific entries come first (a diagnosis lists them in the order the reply names them);
- ``zone`` is set only for lists that answer public DNS queries for free (the engine turns it
  into a ``dig`` command); DQS, Abusix and Invaluement need a key, SORBS closed in 2024;
- ``answers`` are the zone's documented answer codes, which :mod:`bouncekit.sender.dnsbl`
  maps to meanings; those marked ``error`` (Spamhaus 127.255.255.x, URIBL/SURBL 127.0.0.1)
  mean the query was refused and are never a listing.

The texts in Spamhaus replies are the zones' own DNS TXT answers ("Listed by SBL, see ...")
that MTAs such as Postfix append after ``blocked using <zone>``.
"""

from __future__ import annotations

from bouncekit.replies.model import Blocklist, ListAnswer

SPAMHAUS_CHECK = "https://check.spamhaus.org/"

# What a listing on each Spamhaus IP list says; shared by the single-list zones and ZEN.
_SBL = "Spamhaus verified the IP as a spam source or spam operation"
_CSS = (
    "the IP sent low-reputation or snowshoe spam, often from a compromised "
    "account or a badly run bulk sender"
)
_XBL = "the IP showed signs of infection: a bot, malware or an open proxy"
_PBL = (
    "the IP is in a range (dynamic or residential) whose owner says it should not "
    "send mail directly; send through an authenticated relay"
)
_SBL_FIX = (
    "SBL listings are tied to a Spamhaus record that names the problem: read it at "
    "https://check.spamhaus.org/, fix it with your hosting provider or network owner "
    "(they are often the ones contacted), then ask for removal there."
)
_XBL_FIX = (
    "Find the infected or misused machine behind the IP (every device behind the same NAT "
    "counts), clean it and block outbound port 25 from anything but the mail server, then "
    "remove the IP at https://check.spamhaus.org/."
)
_PBL_FIX = (
    "Send through your provider's authenticated relay (port 587) instead of directly. If this "
    "is a static IP of a real mail server, have the network owner take it out of the PBL, or "
    "remove it yourself at https://check.spamhaus.org/ (give it a non-generic PTR first)."
)

# Spamhaus's error answers: the query was not answered, so nothing is known about the address.
# https://docs.spamhaus.com/datasets/docs/source/40-real-world-usage/PublicMirrors/MTAs/020-Postfix.html
_SPAMHAUS_ERRORS = (
    ListAnswer(
        "127.255.255.252",
        "Spamhaus answered with its 'typing error in the DNSBL name' code",
        error=True,
    ),
    ListAnswer(
        "127.255.255.254",
        "the query went through a public or open resolver (such as 8.8.8.8 or 1.1.1.1), which "
        "Spamhaus does not answer; use your own recursive resolver or a Spamhaus DQS key",
        error=True,
    ),
    ListAnswer(
        "127.255.255.255",
        "the resolver sent Spamhaus too many queries; use a Spamhaus DQS key or your own resolver",
        error=True,
    ),
)
_SBL_ANSWERS = (
    ListAnswer("127.0.0.2", _SBL, part="SBL", fix=_SBL_FIX),
    ListAnswer("127.0.0.3", _CSS, part="CSS", fix=_SBL_FIX),
    ListAnswer(
        "127.0.0.9",
        "the IP is in a hijacked or criminal netblock (Spamhaus DROP/EDROP)",
        part="SBL DROP",
        fix=_SBL_FIX,
    ),
)
_XBL_ANSWERS = tuple(
    ListAnswer(f"127.0.0.{n}", _XBL, part="XBL", fix=_XBL_FIX) for n in (4, 5, 6, 7)
)
_PBL_ANSWERS = (
    ListAnswer("127.0.0.10", _PBL + " (listed by the network owner)", part="PBL", fix=_PBL_FIX),
    ListAnswer("127.0.0.11", _PBL + " (listed by Spamhaus)", part="PBL", fix=_PBL_FIX),
)
_DBL_ABUSED_FIX = (
    "The domain is legitimate but abused: clean the compromised site or the open redirector, "
    "then ask for removal at https://check.spamhaus.org/."
)
_DBL_ANSWERS = (
    ListAnswer("127.0.1.2", "the domain is listed as a spam domain", part="DBL spam"),
    ListAnswer("127.0.1.4", "the domain is listed as a phishing domain", part="DBL phish"),
    ListAnswer("127.0.1.5", "the domain is listed as a malware domain", part="DBL malware"),
    ListAnswer(
        "127.0.1.6",
        "the domain is listed as a botnet command-and-control domain",
        part="DBL botnet",
    ),
    ListAnswer(
        "127.0.1.102",
        "a legitimate but abused domain, used in spam",
        part="DBL abused",
        fix=_DBL_ABUSED_FIX,
    ),
    ListAnswer(
        "127.0.1.103",
        "a legitimate domain whose redirector or URL shortener is abused by spammers",
        part="DBL abused redirector",
        fix=_DBL_ABUSED_FIX,
    ),
    ListAnswer(
        "127.0.1.104",
        "a legitimate but abused domain, used for phishing",
        part="DBL abused",
        fix=_DBL_ABUSED_FIX,
    ),
    ListAnswer(
        "127.0.1.105",
        "a legitimate but abused domain, used for malware",
        part="DBL abused",
        fix=_DBL_ABUSED_FIX,
    ),
    ListAnswer(
        "127.0.1.106",
        "a legitimate but abused domain, used for botnet command and control",
        part="DBL abused",
        fix=_DBL_ABUSED_FIX,
    ),
    ListAnswer(
        "127.0.1.255",
        "the DBL was asked about an IP address, which it does not list",
        error=True,
    ),
)

BLOCKLISTS: tuple[Blocklist, ...] = (
    Blocklist(
        key="spamhaus-sbl",
        zone="sbl.spamhaus.org",
        name="Spamhaus SBL",
        lists="ip",
        meaning=_SBL,
        delist_url=SPAMHAUS_CHECK,
        markers=(
            "sbl.spamhaus.org",
            "spamhaus sbl",
            "listed by sbl",
            "spamhaus.org/sbl/",
            "spamhaus block list",
        ),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "sbl.spamhaus.org; https://www.spamhaus.org/sbl/query/SBL123456",
            "550 5.7.1 Mail from IP 192.0.2.1 was rejected due to listing in Spamhaus SBL. "
            "For details please see http://www.spamhaus.org/query/bl?ip=192.0.2.1",
        ),
        answers=_SBL_ANSWERS + _SPAMHAUS_ERRORS,
        ipv6=True,
    ),
    Blocklist(
        key="spamhaus-css",
        zone="sbl.spamhaus.org",
        name="Spamhaus CSS",
        lists="ip",
        meaning=_CSS,
        delist_url=SPAMHAUS_CHECK,
        markers=("listed by css", "spamhaus css", "spamhaus.org/css"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "zen.spamhaus.org; Listed by CSS, see https://check.spamhaus.org/query/ip/192.0.2.25",
        ),
        answers=_SBL_ANSWERS + _SPAMHAUS_ERRORS,
        ipv6=True,
    ),
    Blocklist(
        key="spamhaus-xbl",
        zone="xbl.spamhaus.org",
        name="Spamhaus XBL",
        lists="ip",
        meaning=_XBL,
        delist_url=SPAMHAUS_CHECK,
        markers=(
            "xbl.spamhaus.org",
            "spamhaus xbl",
            "listed by xbl",
            "spamhaus.org/xbl",
            "cbl.abuseat.org",
        ),
        examples=(
            "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using "
            "xbl.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9",
            "553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL; see "
            "http://postmaster.yahoo.com/errors/550-bl23.html [550]",
        ),
        answers=_XBL_ANSWERS + _SPAMHAUS_ERRORS,
        ipv6=True,
    ),
    Blocklist(
        key="spamhaus-pbl",
        zone="pbl.spamhaus.org",
        name="Spamhaus PBL",
        lists="ip",
        meaning=_PBL,
        delist_url=SPAMHAUS_CHECK,
        markers=(
            "pbl.spamhaus.org",
            "spamhaus pbl",
            "listed by pbl",
            "spamhaus.org/pbl",
            "policy block list",
        ),
        examples=(
            "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using "
            "zen.spamhaus.org; Listed by PBL, see https://check.spamhaus.org/query/ip/198.51.100.7",
            "554 Connection refused. This IP address is listed on the Policy Block List (PBL). "
            "IB106 <http://x.co/rlbounce>",
        ),
        answers=_PBL_ANSWERS + _SPAMHAUS_ERRORS,
        ipv6=True,
    ),
    Blocklist(
        key="spamhaus-dbl",
        zone="dbl.spamhaus.org",
        name="Spamhaus DBL",
        lists="domain",
        meaning="a domain in the message (sender, links) has a poor reputation",
        delist_url=SPAMHAUS_CHECK,
        markers=(
            "dbl.spamhaus.org",
            "spamhaus dbl",
            "listed by dbl",
            "spamhaus.org/dbl",
        ),
        examples=(
            "550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus "
            "DBL -- see https://www.spamhaus.org/dbl/",
            "554 5.7.1 <kijitora@example.com>: Sender address rejected: blocked using "
            "dbl.spamhaus.org",
        ),
        answers=_DBL_ANSWERS + _SPAMHAUS_ERRORS,
    ),
    Blocklist(
        key="spamhaus-dqs",
        name="Spamhaus DQS",
        lists="ip",
        meaning="the IP or domain is on a Spamhaus list queried through the Data Query Service "
        "(the same data as ZEN and DBL)",
        delist_url=SPAMHAUS_CHECK,
        markers=("dq.spamhaus.net", "spamhaus dqs"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "abcdefghijklmnopqrstuvwxyz.zen.dq.spamhaus.net; "
            "https://check.spamhaus.org/query/ip/192.0.2.25",
        ),
    ),
    Blocklist(
        key="spamhaus-zen",
        zone="zen.spamhaus.org",
        name="Spamhaus ZEN",
        lists="ip",
        meaning="the IP is on one of Spamhaus's IP lists (SBL, CSS, XBL or PBL)",
        delist_url=SPAMHAUS_CHECK,
        markers=("zen.spamhaus.org", "spamhaus zen"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using "
            "zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9",
        ),
        answers=_SBL_ANSWERS + _XBL_ANSWERS + _PBL_ANSWERS + _SPAMHAUS_ERRORS,
        ipv6=True,
    ),
    Blocklist(
        key="spamhaus",
        zone="zen.spamhaus.org",
        name="Spamhaus",
        lists="ip",
        meaning="the IP is on a Spamhaus list; the reply does not say which one",
        delist_url=SPAMHAUS_CHECK,
        markers=(
            "blocked using spamhaus",
            "listed by spamhaus",
            "listed in spamhaus",
            "listed on spamhaus",
            "listing in spamhaus",
            "in spamhaus's list",
            "spamhaus.org/query/bl",
        ),
        examples=(
            "550 5.7.1 Service unavailable, Client host [203.0.113.9] blocked using Spamhaus",
            "550 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using Spamhaus. "
            "To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.9 "
            "(AS3130). [BN1NAM02FT032.eop-nam02.prod.protection.outlook.com]",
            "553 http://www.spamhaus.org/query/bl?ip=192.0.2.222",
        ),
        answers=_SBL_ANSWERS + _XBL_ANSWERS + _PBL_ANSWERS + _SPAMHAUS_ERRORS,
        ipv6=True,
    ),
    Blocklist(
        key="barracuda-brbl",
        zone="b.barracudacentral.org",
        name="Barracuda Reputation Block List (BRBL)",
        lists="ip",
        meaning="Barracuda's reputation system saw spam from the IP",
        delist_url="https://www.barracudacentral.org/rbl/removal-request",
        markers=(
            "b.barracudacentral.org",
            "barracudacentral",
            "barracuda reputation",
            "barracudanetworks.com/reputation",
        ),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.25",
            "550 Service unavailable; Client host [192.0.2.25] blocked using Barracuda "
            "Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.25",
        ),
        answers=(ListAnswer("127.0.0.2", "Barracuda's reputation system saw spam from the IP"),),
    ),
    Blocklist(
        key="spamcop",
        zone="bl.spamcop.net",
        name="SpamCop",
        lists="ip",
        meaning="SpamCop users reported spam from the IP or it hit spam traps; listings "
        "expire by themselves about a day after the reports stop",
        delist_url="https://www.spamcop.net/bl.shtml",
        markers=("bl.spamcop.net", "spamcop"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.25",
        ),
        answers=(
            ListAnswer("127.0.0.2", "SpamCop users reported spam from the IP or it hit spam traps"),
        ),
    ),
    Blocklist(
        key="proofpoint",
        name="Proofpoint Dynamic Reputation",
        lists="ip",
        meaning="Proofpoint's dynamic reputation saw spam or bad traffic from the IP",
        delist_url="https://ipcheck.proofpoint.com/",
        markers=("ipcheck.proofpoint.com", "dnsbl-lookup.cgi", "proofpoint dynamic reputation"),
        examples=(
            "554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.25",
            "550 5.7.0 Blocked - see https://support.proofpoint.com/dnsbl-lookup.cgi?ip=192.0.2.1",
        ),
    ),
    Blocklist(
        key="cloudmark",
        name="Cloudmark Sender Intelligence (CSI)",
        lists="ip",
        meaning="Cloudmark rates the IP as a spam source",
        delist_url="https://csi.cloudmark.com/en/reset/",
        markers=("csi.cloudmark.com", "cloudmark sender intelligence", "cloudmark csi"),
        examples=(
            "550 mwinf5c04 ME Adresse IP source bloquee pour incident de spam. Client host "
            "blocked for spamming issues. OFR006_102 Ref http://csi.cloudmark.com/reset-request/"
            "?ip=192.0.2.25 [102]",
            "554 Connection refused. This IP has a poor reputation on Cloudmark Sender "
            "Intelligence (CSI). IB103 <http://x.co/srbounce>",
        ),
    ),
    Blocklist(
        key="microsoft",
        name="Microsoft's block list (Outlook.com / Microsoft 365)",
        lists="ip",
        meaning="Microsoft blocks the IP or its network for reputation or abuse",
        delist_url="https://sender.office.com/",
        markers=(
            "(s3150)",
            "(s3140)",
            "part of their network is on our block list",
            "banned sending ip",
            "sender.office.com",
        ),
        examples=(
            "550 5.7.1 Unfortunately, messages from [192.0.2.25] weren't sent. Please contact "
            "your Internet service provider since part of their network is on our block list "
            "(S3150). You can also refer your provider to "
            "http://mail.live.com/mail/troubleshooting.aspx#errors. "
            "[VI1EUR06FT052.eop-eur06.prod.protection.outlook.com]",
            "550 5.7.606 Access denied, banned sending IP [198.51.100.222]. To request removal "
            "from this list please visit https://sender.office.com/ and follow the directions. "
            "For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 "
            "(AS16012609)",
        ),
    ),
    Blocklist(
        key="trendmicro",
        name="Trend Micro Email Reputation (ERS / RBL+)",
        lists="ip",
        meaning="Trend Micro's reputation service (formerly MAPS RBL+) lists the IP as a "
        "spam source or dynamic range",
        delist_url="https://servicecentral.trendmicro.com/en-US/ers/ip-lookup/",
        markers=("trend micro", "mail-abuse.com", "ers.trendmicro.com", "trendmicro.com/en-us/ers"),
        examples=(
            "550 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using Trend Micro "
            "RBL+. Please see http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.25",
            "550 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using Trend Micro "
            "Email Reputation database. Please see "
            "http://www.mail-abuse.com/cgi-bin/lookup?ip_address=192.0.2.25",
        ),
    ),
    Blocklist(
        key="talos",
        name="Cisco Talos (SenderBase) reputation",
        lists="ip",
        meaning="Cisco Talos gives the IP a poor email reputation score",
        delist_url="https://talosintelligence.com/reputation_center",
        markers=("talosintelligence.com", "senderbase"),
        examples=(
            "554 Your access to this mail system has been rejected due to the sending MTA's "
            "poor reputation. If you believe that this failure is in error, please contact the "
            "intended recipient via alternate means. "
            "https://talosintelligence.com/reputation_center/lookup?search=192.0.2.25",
        ),
    ),
    Blocklist(
        key="mimecast",
        name="Mimecast IP reputation",
        lists="ip",
        meaning="Mimecast's reputation checks rate the IP poorly",
        delist_url="https://www.mimecast.com/senderfeedback/",
        markers=("local ct ip reputation", "ip temporarily blacklisted"),
        examples=(
            "550 Local CT IP Reputation - (reject) - "
            "https://community.mimecast.com/docs/DOC-1369#550 [Ab1Cd2Ef3Gh4.us510]",
        ),
    ),
    Blocklist(
        key="uceprotect",
        zone="dnsbl-1.uceprotect.net",
        name="UCEPROTECT",
        lists="ip",
        meaning="UCEPROTECT lists the IP (level 1) or its whole allocation or provider "
        "(levels 2 and 3) for spam-trap hits",
        delist_url="https://www.uceprotect.net/en/rblcheck.php",
        markers=("uceprotect",),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "dnsbl-1.uceprotect.net; IP 192.0.2.25 is UCEPROTECT-Level1 listed. See "
            "http://www.uceprotect.net/rblcheck.php?ipr=192.0.2.25",
        ),
        answers=(ListAnswer("127.0.0.2", "the IP itself hit UCEPROTECT's spam traps (level 1)"),),
    ),
    Blocklist(
        key="psbl",
        zone="psbl.surriel.com",
        name="Passive Spam Block List (PSBL)",
        lists="ip",
        meaning="the IP sent mail to PSBL's spam traps",
        delist_url="https://psbl.org/remove",
        markers=("psbl.surriel.com", "psbl.org", "listed in psbl"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "psbl.surriel.com; Listed in PSBL, see http://psbl.org/listing?ip=192.0.2.25",
        ),
        answers=(ListAnswer("127.0.0.2", "the IP sent mail to PSBL's spam traps"),),
    ),
    Blocklist(
        key="mailspike",
        zone="bl.mailspike.net",
        name="Mailspike",
        lists="ip",
        meaning="Mailspike rates the IP as a source of spam",
        delist_url="https://mailspike.io/ip_verify",
        markers=("mailspike",),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "bl.mailspike.net; https://mailspike.io/ip_verify?ip=192.0.2.25",
        ),
        answers=(
            ListAnswer("127.0.0.2", "the IP is on Mailspike's blocklist of recent spam sources"),
            ListAnswer("127.0.0.10", "Mailspike rates the IP's reputation as the worst (L5)"),
            ListAnswer("127.0.0.11", "Mailspike rates the IP's reputation as very bad (L4)"),
            ListAnswer("127.0.0.12", "Mailspike rates the IP's reputation as bad (L3)"),
            ListAnswer("127.0.0.13", "Mailspike rates the IP's reputation as suspicious (L2)"),
            ListAnswer("127.0.0.14", "Mailspike rates the IP as neutral, probably spam (L1)"),
        ),
    ),
    Blocklist(
        key="spamrats",
        zone="all.spamrats.com",
        name="SpamRATS",
        lists="ip",
        meaning="SpamRATS lists the IP for spam, missing reverse DNS (NoPtr) or a dynamic "
        "look (Dyna)",
        delist_url="https://www.spamrats.com/removal.php",
        markers=("spamrats",),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "noptr.spamrats.com; SPAMRATS IP Addresses See: http://www.spamrats.com/bl?192.0.2.25",
        ),
        answers=(
            ListAnswer(
                "127.0.0.36",
                "the IP's reverse DNS looks dynamic or generic",
                part="RATS-Dyna",
                fix="Give the IP a PTR that names your mail server (not one made of the IP's "
                "numbers), then ask for removal at https://www.spamrats.com/removal.php.",
            ),
            ListAnswer(
                "127.0.0.37",
                "the IP has no reverse DNS (PTR record)",
                part="RATS-NoPtr",
                fix="Set a PTR record for the IP at its owner, then ask for removal at "
                "https://www.spamrats.com/removal.php.",
            ),
            ListAnswer("127.0.0.38", "the IP sent spam to SpamRATS's traps", part="RATS-Spam"),
            ListAnswer(
                "127.0.0.43",
                "the IP tried to break into mail accounts (SMTP AUTH attacks)",
                part="RATS-Auth",
            ),
        ),
    ),
    Blocklist(
        key="sorbs",
        name="SORBS",
        lists="ip",
        meaning="SORBS listed the IP for spam, a dynamic range or an open relay (SORBS closed "
        "in 2024; a server still querying it is misconfigured)",
        delist_url="https://www.sorbs.net/",
        markers=("sorbs",),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "dnsbl.sorbs.net; Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?192.0.2.25",
        ),
    ),
    Blocklist(
        key="abusix",
        name="Abusix Mail Intelligence",
        lists="ip",
        meaning="Abusix's spam traps and reports list the IP",
        delist_url="https://lookup.abusix.com/",
        markers=("abusix",),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "combined.mail.abusix.zone; https://lookup.abusix.com/search?q=192.0.2.25",
        ),
    ),
    Blocklist(
        key="invaluement",
        name="Invaluement (ivmSIP / ivmURI)",
        lists="ip",
        meaning="Invaluement lists the IP (ivmSIP) or a domain in the message (ivmURI) as a "
        "spam source",
        delist_url="https://www.invaluement.com/removal/",
        markers=("invaluement", "ivmsip", "ivmuri"),
        examples=(
            "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using "
            "sip.invaluement.com; Listed in ivmSIP, see https://www.invaluement.com/lookup/",
        ),
    ),
    Blocklist(
        key="surbl",
        zone="multi.surbl.org",
        name="SURBL",
        lists="domain",
        meaning="a domain linked in the message is listed as a spam or phishing site",
        delist_url="https://www.surbl.org/surbl-analysis",
        markers=("surbl",),
        examples=(
            "554 5.7.1 Message rejected: the message contains a URL listed on multi.surbl.org; "
            "see https://www.surbl.org/surbl-analysis",
        ),
        bitmask=True,
        answers=(
            ListAnswer("127.0.0.8", "the domain is listed as a phishing site", part="PH"),
            ListAnswer("127.0.0.16", "the domain is listed as a malware site", part="MW"),
            ListAnswer("127.0.0.64", "the domain is listed as appearing in spam", part="ABUSE"),
            ListAnswer("127.0.0.128", "the domain is listed as a cracked (hacked) site", part="CR"),
            ListAnswer(
                "127.0.0.1",
                "SURBL refused the query: the resolver is blocked for too many queries or is a "
                "public resolver",
                error=True,
            ),
        ),
    ),
    Blocklist(
        key="uribl",
        zone="multi.uribl.com",
        name="URIBL",
        lists="domain",
        meaning="a domain linked in the message is listed as appearing in spam",
        delist_url="https://admin.uribl.com/",
        markers=("uribl",),
        examples=(
            "554 5.7.1 Message rejected: a URL in the message is listed on multi.uribl.com; "
            "see https://admin.uribl.com/",
        ),
        bitmask=True,
        answers=(
            ListAnswer("127.0.0.2", "the domain is on URIBL's black list (spam)", part="black"),
            ListAnswer("127.0.0.4", "the domain is on URIBL's grey list (bulk mail)", part="grey"),
            ListAnswer("127.0.0.8", "the domain is on URIBL's red list (new in spam)", part="red"),
            ListAnswer(
                "127.0.0.1",
                "URIBL refused the query: the resolver sent too many queries or is a public "
                "resolver",
                error=True,
            ),
        ),
    ),
)
