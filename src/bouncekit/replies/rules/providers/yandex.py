"""Yandex Mail (``mx.yandex.ru``, ``*.yandex.net``).

Yandex's sender help is at https://yandex.com/support/mail/web/spam/honest-mailers.html; its
spam refusals link there through ``ya.cc`` short links.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://yandex.com/support/mail/web/spam/honest-mailers.html"

PROVIDER = Provider(
    key="yandex",
    name="Yandex Mail",
    host_suffixes=(".yandex.ru", ".yandex.net", ".yandex.com"),
    markers=("ya.cc/", "yandex.net", "mx.yandex"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="yandex.no-such-user",
        reason=Reason.USERUNKNOWN,
        phrases=("no such user!",),
        examples=(
            "host mx.yandex.ru[77.88.21.249] said: 550 5.7.1 No such user! "
            "(in reply to RCPT TO command)",
        ),
        summary="Yandex has no mailbox at this address.",
        docs_url=DOCS,
    ),
    Rule(
        id="yandex.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("rejected under suspicion of spam",),
        examples=(
            "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc "
            "1617184470-AbCdEfGh12-Abc1234d",
        ),
        summary="Yandex judged the message to be spam.",
        docs_url=DOCS,
    ),
    Rule(
        id="yandex.policy-rejection",
        reason=Reason.FILTERED,
        phrases=("policy rejection on target address",),
        examples=(
            "host mx.yandex.ru[77.88.21.249] said: 550 5.7.1 Policy rejection on Target address "
            "(in reply to RCPT TO command)",
        ),
        summary="The Yandex recipient's settings refuse this mail.",
        docs_url=DOCS,
    ),
)
