"""NetEase Mail (163.com, 126.com, yeah.net; MX hosts ``*.mxmail.netease.com``) and Coremail.

NetEase publishes the replies of its servers with their meaning on its help site (the 163.com
"退信代码说明" page): ``550 MI:NHD``, ``554 DT:SPM``, ``550 RP:TRC``... The two letters say
where the check sits: HL the connecting IP, MI the envelope sender, RP the recipients, DT the
content, WM the allow lists. The page itself is not stored where we can read it; the table here
is its copy at https://biecuoliao.com/pa/MBRrwEM.html, checked against a second copy in a public
repository (secondary sources). The explanations are NetEase's, in Chinese, and are summarised
in the rules' summaries.

The codes and the plain-text replies are those of Coremail, the mail server NetEase built, which
many other Chinese hosts run with the same replies and the same meanings; the markers recognise
them there too, and the diagnosis holds.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Rule

DOCS = "https://biecuoliao.com/pa/MBRrwEM.html"

PROVIDER = Provider(
    key="netease",
    name="NetEase Mail (163.com, 126.com) / Coremail",
    host_suffixes=(".netease.com", ".163.com", ".126.com", ".126.net", ".yeah.net"),
    markers=(
        "mail.163.com/help",
        "help.163.com",
        # Coremail's codes; the letters before the colon name the check.
        "hl:rep",
        "hl:icc",
        "hl:ifc",
        "hl:mep",
        "hl:ihu",
        "hl:ipb",
        "mi:cel",
        "mi:dmc",
        "mi:ccl",
        "mi:sfq",
        "mi:nhd",
        "mi:imf",
        "mi:spf",
        "mi:dma",
        "mi:stc",
        "mi:spb",
        "rp:drc",
        "rp:ccl",
        "rp:cel",
        "rp:qrc",
        "rp:frl",
        "rp:rcl",
        "rp:trc",
        "dt:rbl",
        "dt:spm",
        "dt:sum",
        "wm:bli",
        "wm:blu",
        # Coremail's plain-text replies.
        "too much fail authentication",
        "user in blacklist",
        "too much recipient",
        "illegal attachment",
        "exceeded mailsize limit",
        "local user only",
        "no smtp mx only",
        "smtp auth error limit exceed",
        "ip in blacklist",
    ),
    docs_url=DOCS,
)

_CHECK_SENDERS = Action(
    "Check whether a user or a script on your side sends spam or viruses, and that your list "
    "holds only addresses that exist."
)
_SLOW_DOWN = Action(
    "NetEase limits messages, recipients and connections per IP, sender and connection: send "
    "less per connection and per hour, and keep the mail queued for a later retry."
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="netease.hl-rep-invalid-recipients",
        # "该IP发送行为异常，存在接收者大量不存在情况": many recipients that do not exist.
        reason=Reason.BADREPUTATION,
        phrases=("hl:rep",),
        examples=("421 HL:REP",),
        summary="NetEase has stopped taking connections from your IP for now: it sent to many "
        "addresses that do not exist.",
        actions=(_CHECK_SENDERS,),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.hl-mep-forged-domains",
        # "存在大量伪造发送域域名行为": the IP sends as many forged sender domains.
        reason=Reason.BLOCKED,
        phrases=("hl:mep",),
        examples=("421 HL:MEP",),
        summary="NetEase has stopped taking connections from your IP for now: it sent under "
        "many forged sender domains.",
        actions=(_CHECK_SENDERS, Action("Send only with real domains you own.")),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.ip-blocked",
        reason=Reason.BLOCKED,
        phrases=("hl:ihu", "hl:ipb", "wm:bli", "dt:rbl", "ip in blacklist"),
        examples=(
            "554 HL:IHU",
            "554 HL:IPB",
            "450 WM:BLI",
            "450 DT:RBL",
            "554 IP in blacklist",
        ),
        summary="NetEase refuses your IP: suspended for spam or odd connections (IHU), not on "
        "its list of allowed senders (IPB, BLI, blacklist), or on a DNS blocklist (RBL).",
        actions=(_CHECK_SENDERS,),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.connection-limits",
        reason=Reason.TOOMANYCONN,
        phrases=("hl:icc", "mi:dmc", "mi:ccl", "rp:drc", "rp:ccl"),
        examples=(
            "421 HL:ICC",
            "450 MI:DMC",
            "451 MI:DMC",
            "450 MI:CCL",
            "450 RP:DRC",
            "450 RP:CCL",
        ),
        summary="Too many connections at once from your IP (ICC), or too many messages, "
        "recipients or commands in one connection (DMC, DRC, CCL).",
        actions=(_SLOW_DOWN,),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.volume-limits",
        reason=Reason.SPEEDING,
        phrases=(
            "hl:ifc",
            "mi:sfq",
            "rp:qrc",
            "mi:stc",
            "rp:rcl",
            "rp:trc",
            "too much recipient",
        ),
        examples=(
            "421 HL:IFC",
            "451 MI:SFQ",
            "451 RP:QRC",
            "550 MI:STC",
            "554 MI:STC",
            "550 RP:RCL",
            "550 RP:TRC",
            "550 Requested mail action not taken: too much recipient",
        ),
        summary="Your IP or sender went over NetEase's limits on messages and recipients per "
        "15 minutes, per day or per message; some last until the end of the day.",
        actions=(_SLOW_DOWN,),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.bad-commands",
        reason=Reason.SYNTAXERROR,
        phrases=("mi:cel", "rp:cel", "mi:nhd"),
        examples=("450 MI:CEL", "451 RP:CEL", "550 MI:NHD"),
        summary="Your sending program gave too many wrong SMTP commands (CEL) or an empty HELO "
        "(NHD).",
        actions=(Action("Check the sending program's SMTP dialogue and give a real HELO name."),),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.sender-refused",
        reason=Reason.REJECTED,
        phrases=(
            "mi:imf",
            "wm:blu",
            "mi:spb",
            "dt:sum",
            "user in blacklist",
            "local user only",
            "no smtp mx only",
        ),
        examples=(
            "550 MI:IMF",
            "450 WM:BLU",
            "554 MI:SPB",
            "554 DT:SUM",
            "550 User in blacklist",
            "553 Requested action not taken: Local user only",
            "553 Requested action not taken: no smtp MX only",
        ),
        # The envelope sender, not the recipient: malformed (IMF), not allowed (BLU, SPB,
        # blacklist), unlike the From header (SUM), or on the wrong kind of server.
        owner=Owner.SENDER,
        summary="NetEase refuses your sender address: malformed, not allowed to send to its "
        "users, different from the From header, or used on the wrong server (its submission "
        "servers take only their own users, its MX servers never them).",
        docs_url=DOCS,
    ),
    Rule(
        id="netease.authentication",
        reason=Reason.AUTHFAILURE,
        phrases=("mi:spf", "mi:dma"),
        examples=("550 MI:SPF", "550 MI:DMA"),
        summary="The message failed the sender domain's SPF (SPF) or DMARC (DMA) policy.",
        docs_url=DOCS,
    ),
    Rule(
        id="netease.login-failures",
        reason=Reason.SECURITYERROR,
        phrases=("too much fail authentication", "smtp auth error limit exceed"),
        examples=(
            "451 Requested mail action not taken: too much fail authentication",
            "554 IP is rejected, smtp auth error limit exceed",
        ),
        summary="Too many failed logins: NetEase has stopped your account or IP from logging "
        "in for now.",
        actions=(Action("Check the user name, password (or app password) and login settings."),),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.no-open-relay",
        reason=Reason.NORELAYING,
        phrases=("rp:frl",),
        examples=("550 RP:FRL",),
        summary="NetEase is no open relay: it takes mail only for its own users.",
        docs_url=DOCS,
    ),
    Rule(
        id="netease.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("dt:spm",),
        examples=("451 DT:SPM ,please try again", "550 DT:SPM", "554 DT:SPM"),
        summary="NetEase found spam features in the message or its sending environment; a 451 "
        "may pass on a retry after two minutes.",
        actions=(Action("Change the content and send the way a regular mail server does."),),
        docs_url=DOCS,
    ),
    Rule(
        id="netease.illegal-attachment",
        # Sisimai files forbidden attachment types under policyviolation (Rhost/Cox).
        reason=Reason.POLICYVIOLATION,
        owner=Owner.MESSAGE,  # the words name the content: the message's
        phrases=("illegal attachment",),
        examples=("552 Illegal Attachment",),
        summary="NetEase refuses attachments of executable types (.pif, .scr, .bat, .vbs, .js "
        "and the like).",
        docs_url=DOCS,
    ),
    Rule(
        id="netease.size-limit",
        reason=Reason.MESGTOOBIG,
        phrases=("exceeded mailsize limit",),
        examples=("552 Requested mail action aborted: exceeded mailsize limit",),
        summary="The message is larger than NetEase accepts.",
        docs_url=DOCS,
    ),
)
