"""GoDaddy email (``*.secureserver.net``).

GoDaddy's ``IBnnn`` codes are explained at https://www.godaddy.com/help/what-does-my-email-
bounceback-mean-3568; rate-limit replies link to ``x.co/rlbounce``. Reasons follow Sisimai's
``Rhost/GoDaddy`` table; the IB code decides over the words around it.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://www.godaddy.com/help/what-does-my-email-bounceback-mean-3568"

PROVIDER = Provider(
    key="godaddy",
    name="GoDaddy",
    host_suffixes=(".secureserver.net",),
    markers=("secureserver.net", "x.co/rlbounce", "x.co/srbounce", "ibsmtp"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="godaddy.ib607-rate",
        reason=Reason.SPEEDING,
        phrases=("ib504", "ib510", "ib607", "ib101"),
        priority=5,
        examples=(
            "550 5.1.1 <kijitora@example.com> - 203.0.113.222 has sent to too many recipients "
            "this hour. IB607 <http://x.co/rlbounce>",
        ),
        summary="GoDaddy limits messages and recipients per IP per hour.",
        docs_url=DOCS,
    ),
    Rule(
        id="godaddy.ib104-blocklist",
        reason=Reason.BLOCKED,
        phrases=("ib104", "ib105", "ib106", "ib110", "ib111", "ib112", "ib113", "rbl reject"),
        priority=5,
        examples=(
            "554 Connection refused. This IP address is listed on the Spamhaus Block List "
            "(SBL). IB104 <http://x.co/rlbounce>",
        ),
        summary="GoDaddy refuses your IP: a blocklist names it, or it sent too much spam or "
        "to too many invalid recipients.",
        docs_url=DOCS,
    ),
    Rule(
        id="godaddy.ib103-cloudmark",
        reason=Reason.BADREPUTATION,
        phrases=("ib103",),
        priority=5,
        examples=(
            "554 Connection refused. This IP has a poor reputation on Cloudmark Sender "
            "Intelligence (CSI). IB103 <http://x.co/srbounce>",
        ),
        summary="Your IP has a poor reputation on Cloudmark Sender Intelligence.",
        docs_url=DOCS,
    ),
    Rule(
        id="godaddy.ib212-spam",
        reason=Reason.SPAMDETECTED,
        phrases=("ib212",),
        priority=5,
        examples=(
            "552 This message has been rejected due to content judged to be spam by the "
            "internet community. IB212 <http://x.co/srbounce>",
        ),
        summary="GoDaddy's filter judged the content to be spam.",
        docs_url=DOCS,
    ),
    Rule(
        id="godaddy.ib108-ptr",
        reason=Reason.REQUIREPTR,
        phrases=("ib108",),
        priority=5,
        examples=(
            "421 Temporarily rejected. Reverse DNS for this IP failed. IB108 "
            "<http://x.co/rlbounce>",
        ),
        summary="GoDaddy requires reverse DNS for the sending IP.",
        docs_url=DOCS,
    ),
    Rule(
        id="godaddy.ib508-spf",
        reason=Reason.AUTHFAILURE,
        phrases=("ib508",),
        priority=5,
        examples=(
            "550 jane@coolexample.com Invalid SPF record. Inspect your SPF settings, and try "
            "again. IB508 <http://x.co/srbounce>",
        ),
        summary="Your domain's SPF record does not authorise the sending server.",
        docs_url=DOCS,
    ),
)
