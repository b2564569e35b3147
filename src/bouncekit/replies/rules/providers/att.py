"""AT&T (att.net, sbcglobal.net, bellsouth.net ...; MX hosts under ``*.prodigy.net``).

AT&T's blocks name its own list (``DNSBL:RBL`` / ``DNSBL:ATTRBL``) and ask for the reply to be
forwarded to abuse_rbl@abuse-att.net; https://www.att.com/support/article/email/KM1041931 has
the sender guidance.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://www.att.com/support/article/email/KM1041931"

PROVIDER = Provider(
    key="att",
    name="AT&T Mail",
    host_suffixes=(".prodigy.net", ".att.net", ".sbcglobal.net", ".bellsouth.net"),
    markers=("abuse-att.net", "dnsbl:attrbl", "dnsbl:rbl"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="att.dnsbl-rbl",
        reason=Reason.BLOCKED,
        phrases=("dnsbl:rbl", "dnsbl:attrbl", "_is_blocked"),
        examples=(
            "553 5.3.0 flpd575 DNSBL:RBL 521< 192.0.2.25 >_is_blocked.For assistance forward "
            "this error to abuse_rbl@abuse-att.net",
            "553 5.3.0 alph138 DNSBL:ATTRBL 521< 192.0.2.25 >_is_blocked.For assistance "
            "forward this error to abuse_rbl@abuse-att.net",
        ),
        summary="AT&T has your sending IP on its own block list.",
        actions=(
            Action(
                "Email the full reply to abuse_rbl@abuse-att.net to ask for removal once "
                "the cause is fixed."
            ),
        ),
        docs_url=DOCS,
    ),
)
