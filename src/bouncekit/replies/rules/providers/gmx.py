"""GMX, WEB.DE, mail.com and 1&1 / IONOS (United Internet).

United Internet's receiving servers call themselves "Nemesis ESMTP" and point to
https://postmaster.gmx.net/en/error-messages (also postmaster.web.de, postmaster.gmx.com,
postmaster.1und1.de) with a ``c=`` code: ``rdns``, ``bl`` (block list), ``sp`` (spam).
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster.gmx.net/en/error-messages"

PROVIDER = Provider(
    key="gmx",
    name="GMX / WEB.DE / IONOS",
    host_suffixes=(
        ".gmx.net",
        ".gmx.com",
        ".gmx.de",
        ".web.de",
        ".mail.com",
        ".kundenserver.de",
        ".ionos.com",
        ".ionos.de",
        ".1and1.com",
        ".perfora.net",
    ),
    markers=(
        "nemesis esmtp",
        "postmaster.gmx",
        "postmaster.web.de",
        "postmaster.1und1.de",
        "postmaster.ionos",
        "(mxgmx",
        "(mxweb",
        "kundenserver.de",
    ),
    docs_url=DOCS,
)

_UNBLOCK = Action(
    "Follow the link in the reply: United Internet's postmaster page explains the code and "
    "has the unblock request form.",
    url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="gmx.bad-ptr",
        reason=Reason.REQUIREPTR,
        phrases=("bad dns ptr resource record", "&c=rdns"),
        examples=(
            "554-mail.com (mxgmxus002) Nemesis ESMTP Service not available 554-No SMTP "
            "service 554-Bad DNS PTR resource record. 554 For explanation visit "
            "http://postmaster.gmx.com/en/error-messages?ip=192.0.2.22&c=rdns",
        ),
        summary="GMX / WEB.DE refuse IPs without a valid, forward-confirmed PTR record.",
        actions=(_UNBLOCK,),
        docs_url=DOCS,
    ),
    Rule(
        id="gmx.block-listed",
        reason=Reason.BLOCKED,
        phrases=("ip address is block listed", "ip address is black listed", "&c=bl"),
        examples=(
            "554-gmx.net (mxgmx117) Nemesis ESMTP Service not available 554-No SMTP service "
            "554-IP address is block listed. 554 For explanation visit "
            "https://postmaster.gmx.net/en/error-messages?ip=192.0.2.25&c=bl",
            "554-web.de (mxweb112) Nemesis ESMTP Service not available 554-No SMTP service "
            "554-IP address is black listed. 554 For explanation visit "
            "http://postmaster.web.de/en/error-messages?ip=192.0.2.25&c=bl",
        ),
        summary="United Internet (GMX, WEB.DE, IONOS) has your sending IP on its block list.",
        actions=(_UNBLOCK,),
        docs_url=DOCS,
    ),
    Rule(
        id="gmx.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("reject due to policy restrictions", "&c=sp"),
        examples=(
            "554 Transaction failed 554-Reject due to policy restrictions. 554 For explanation "
            "visit https://postmaster.gmx.net/en/error-messages?ip=192.0.2.25&c=sp",
        ),
        summary="GMX / WEB.DE judged the message to be spam.",
        actions=(_UNBLOCK,),
        docs_url=DOCS,
    ),
    Rule(
        id="gmx.mailbox-unavailable",
        reason=Reason.USERUNKNOWN,
        phrases=("requested action not taken: mailbox unavailable",),
        examples=(
            "host mx00.emig.gmx.net[212.227.15.9] said: 550 Requested action not taken: "
            "mailbox unavailable (in reply to RCPT TO command)",
        ),
        summary="GMX / WEB.DE has no mailbox at this address.",
        docs_url=DOCS,
    ),
)
