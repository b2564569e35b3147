"""Naver Mail (naver.com, Korea; MX hosts ``mx*.naver.com``).

Naver publishes its anti-spam policy for senders at https://policy.naver.com/rules/spamcheck.html
and takes unblock requests through its customer centre. No table of its SMTP replies is stored
where we can read it; the reply here is quoted from a Korean list of bounce messages,
https://puffinknight.tistory.com/102 (secondary source). Naver filters IPs that send in bulk
until their operator registers them at ``realip.naver.com``.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

DOCS = "https://policy.naver.com/rules/spamcheck.html"

PROVIDER = Provider(
    key="naver",
    name="Naver Mail",
    host_suffixes=(".naver.com",),
    markers=("realip.naver.com",),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="naver.ip-filtered",
        reason=Reason.BLOCKED,
        phrases=("you must register your ip to http://realip.naver.com", "realip.naver.com"),
        examples=(
            "421 4.3.2 Your IP(192.0.2.1) is filtered and this connection will be closed. You "
            "must register your IP to http://realip.naver.com",
        ),
        summary="Naver filters your sending IP (bulk mail from an unregistered IP) and closes "
        "the connection.",
        actions=(
            Action(
                "Register the sending IP with Naver (realip.naver.com) or ask Naver's customer "
                "centre to lift the block, after checking SPF, reverse DNS and the volume you "
                "send.",
                url=DOCS,
            ),
        ),
        docs_url=DOCS,
    ),
)
