"""GMX, WEB.DE, mail.com and 1&1 / IONOS (United Internet).

United Internet's receiving servers call themselves "Nemesis ESMTP" and point to
https://postmaster.gmx.net/en/error-messages (also postmaster.web.de, postmaster.gmx.com,
postmaster.1und1.de) with a code: ``c=rdns``, ``c=bl`` (block list), ``c=sp`` (spam) in older
replies, case numbers such as ``c=r0201`` in newer ones. The stored copies of those pages show
their example reply but not the replies under each heading, so the table here holds that example
and IONOS's own list of its mail servers' replies, "SMTP Error Messages for the 1&1 Mail Server"
(https://help.1and1.com/e-mail-and-office-c37589/1and1-postmaster-c85193/smtp-error-messages-for-the-1and1-mail-server-a793087.html,
in German at https://www.ionos.de/hilfe/e-mail/postmaster/smtp-fehlermeldungen-der-11-ionos-mailserver/),
as far as the stored copy reaches.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://postmaster.gmx.net/en/error-messages"
IONOS_DOCS = (
    "https://help.1and1.com/e-mail-and-office-c37589/1and1-postmaster-c85193/"
    "smtp-error-messages-for-the-1and1-mail-server-a793087.html"
)

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
        # IONOS's wording for a block of the sending IP (its published list).
        "reject due to policy violations",
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
        id="gmx.ionos-policy-violations",
        # IONOS: the IP sent to too many addresses that do not exist (a poor delivery rate), or
        # changes its HELO name all the time; the sender's reputation, not the message.
        reason=Reason.BADREPUTATION,
        phrases=("reject due to policy violations",),
        examples=(
            "421 Reject due to policy violations",
            "450 Reject due to policy violations.",
        ),
        summary="IONOS refuses your IP for now: it sent to too many addresses that do not "
        "exist, was reported for spam, or keeps changing its HELO name.",
        actions=(
            Action(
                "Remove inactive and outdated addresses from your list, use one fixed HELO "
                "name per IP, and send again later.",
                url=IONOS_DOCS,
            ),
        ),
        docs_url=IONOS_DOCS,
    ),
    Rule(
        id="gmx.bad-ptr",
        reason=Reason.REQUIREPTR,
        phrases=("bad dns ptr resource record", "invalid dns ptr resource record", "&c=rdns"),
        examples=(
            "554-mail.com (mxgmxus002) Nemesis ESMTP Service not available 554-No SMTP "
            "service 554-Bad DNS PTR resource record. 554 For explanation visit "
            "http://postmaster.gmx.com/en/error-messages?ip=192.0.2.22&c=rdns",
            # IONOS (kundenserver.de), in a Postfix bounce at https://pastebin.com/kk36bWMg.
            "554-kundenserver.de (mxeue002) Nemesis ESMTP Service not available 554-No SMTP "
            "service 554 invalid DNS PTR resource record, IP=5.230.214.109",
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
            "554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service "
            "554-IP address is block listed. 554 For explanation visit "
            "https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=198.51.100.42&r=1MNcgj-1ue23t3pyV-00S2YR",
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
