"""AT&T (att.net, sbcglobal.net, bellsouth.net ...; MX hosts under ``*.prodigy.net``).

AT&T's blocks name its own list (``DNSBL:RBL`` / ``DNSBL:ATTRBL``) and ask for the reply to be
forwarded to abuse_rbl@abuse-att.net; https://www.att.com/support/article/email/KM1041931 has
the sender guidance. AT&T's own table of its servers' replies, the "Error Message Summary" of its
Mailblock Inquiry site (https://worldnet.att.net/general-info/bls_info/block_enduser.html, also
at rbl.att.net), with the two 550 errors of its user page
(https://worldnet.att.net/general-info/mail_info/block_enduser.html), covers the older
Worldnet and BellSouth servers; newer replies carry the ``DNSBL`` names above.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://www.att.com/support/article/email/KM1041931"
BLOCKS = "https://worldnet.att.net/general-info/bls_info/block_enduser.html"

PROVIDER = Provider(
    key="att",
    name="AT&T Mail",
    host_suffixes=(".prodigy.net", ".att.net", ".sbcglobal.net", ".bellsouth.net"),
    markers=(
        "abuse-att.net",
        "dnsbl:attrbl",
        "dnsbl:rbl",
        # Wording of AT&T's (Worldnet, BellSouth) servers, from its error message summary.
        "failure in dns look-up",
        "busy--please try again later",
        "[permfail]",
        "unauthorized interface for",
        "dc=bellsouth",
        "blocked for status:",
    ),
    docs_url=DOCS,
)

_UNBLOCK = Action(
    "Fix the cause, then ask AT&T to unblock the IP: forward the full reply to "
    "abuse_rbl@abuse-att.net or use its block inquiry form.",
    url=BLOCKS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="att.dnsbl-rbl",
        reason=Reason.BLOCKED,
        phrases=(
            "dnsbl:rbl",
            "dnsbl:attrbl",
            "_is_blocked",
            "unauthorized interface for",
            "blocked by ldap:ou=rblmx",
        ),
        examples=(
            "553 5.3.0 flpd575 DNSBL:RBL 521< 192.0.2.25 >_is_blocked.For assistance forward "
            "this error to abuse_rbl@abuse-att.net",
            "553 5.3.0 alph138 DNSBL:ATTRBL 521< 192.0.2.25 >_is_blocked.For assistance "
            "forward this error to abuse_rbl@abuse-att.net",
            "550 unauthorized interface for <0.0.0.0.>",
            "550 <0.0.0.0.> blocked by ldap:ou=rblmx, dc=bellsouth, dc=net",
        ),
        summary="AT&T has your sending IP on its own block list, or does not take it for a "
        "real mail server.",
        actions=(_UNBLOCK,),
        docs_url=DOCS,
    ),
    Rule(
        id="att.dns-lookup-failed",
        reason=Reason.REQUIREPTR,
        phrases=("failure in dns look-up", "blocked for status:"),
        examples=(
            "421-failure in DNS look-up.",
            "550 Error. Blocked for status: <unknown sender>",
        ),
        summary="AT&T found no valid reverse DNS for the sending IP and refuses mail from "
        "servers without DNS records.",
        docs_url=BLOCKS,
    ),
    Rule(
        id="att.busy",
        reason=Reason.TOOMANYCONN,
        phrases=("busy--please try again later",),
        examples=("450 busy--Please try again later",),
        summary="Your server asked for more than AT&T gives at the moment (too many connections "
        "too often); it should retry.",
        docs_url=BLOCKS,
    ),
    Rule(
        id="att.permfail-sender-domain",
        reason=Reason.REJECTED,
        phrases=("requires valid sender domain",),
        examples=("550 [permfail] bellsouth.net requires valid sender domain",),
        summary="AT&T could not verify the sender's domain in DNS.",
        docs_url=BLOCKS,
    ),
)
