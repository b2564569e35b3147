"""Yandex Mail (``mx.yandex.ru``, ``*.yandex.net``).

Yandex lists the replies of its servers and what they mean in "Report on non-delivery to
Yandex", https://yandex.com/support/mail/bounces/yandex.html (Russian: yandex.ru/support/mail/
bounces/yandex.html), with one page per reply under ``bounces/yandex/``. Its sender help is at
https://yandex.com/support/mail/web/spam/honest-mailers.html; spam refusals link there through
``ya.cc`` short links. The replies are in English on both language versions.

The table puts "Message infected by virus" in the row of the full-mailbox replies, while the
page of that row names only the two size replies; the words are about a virus, and that is what
the reply is taken to mean.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule, Verdict

DOCS = "https://yandex.com/support/mail/bounces/yandex.html"
HONEST_MAILERS = "https://yandex.com/support/mail/web/spam/honest-mailers.html"

PROVIDER = Provider(
    key="yandex",
    name="Yandex Mail",
    host_suffixes=(".yandex.ru", ".yandex.net", ".yandex.com"),
    markers=(
        "ya.cc/",
        "yandex.net",
        "mx.yandex",
        # Wording only Yandex's servers use (its table of replies).
        "rejected under suspicion of spam",
        "policy rejection on the target address",
        "policy rejection on target address",
        "bad address mailbox syntax",
        "no correct recipients",
        "blocked by spam statistics",
    ),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="yandex.no-such-user",
        reason=Reason.USERUNKNOWN,
        phrases=("no such user!", "bad address mailbox syntax", "no correct recipients"),
        examples=(
            "host mx.yandex.ru[77.88.21.249] said: 550 5.7.1 No such user! "
            "(in reply to RCPT TO command)",
            "Bad address mailbox syntax",
            "No correct recipients",
        ),
        summary="Yandex has no mailbox at this address, or the address is not one at all.",
        actions=(
            Action(
                "Check the address for stray punctuation, spaces or quotes, confirm it with "
                "the recipient and send again."
            ),
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="yandex.spam",
        reason=Reason.SPAMDETECTED,
        phrases=("rejected under suspicion of spam",),
        examples=(
            "554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc "
            "1617184470-AbCdEfGh12-Abc1234d",
            "Message rejected under suspicion of SPAM",
        ),
        summary="Yandex judged the message to be spam; if only spam comes from a sender, Yandex "
        "refuses all its mail for 24 hours.",
        actions=(
            Action(
                "Follow Yandex's requirements for honest mailing lists.",
                url=HONEST_MAILERS,
            ),
        ),
        docs_url="https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html",
    ),
    Rule(
        id="yandex.spam-statistics",
        reason=Reason.BLOCKED,
        phrases=("blocked by spam statistics",),
        examples=("Blocked by spam statistics — see...",),
        summary="Yandex refuses mail from this source for 24 hours because only spam came from it.",
        docs_url="https://yandex.com/support/mail/bounces/yandex/message-rejected-under-suspicion-of-spam.html",
    ),
    Rule(
        id="yandex.policy-rejection",
        # Yandex: the recipient's account is blocked for breaking the user agreement; its
        # owner can unblock it by giving true personal details, so the address is not gone.
        reason=Reason.SUSPEND,
        phrases=("policy rejection on the target address", "policy rejection on target address"),
        examples=(
            "host mx.yandex.ru[77.88.21.249] said: 550 5.7.1 Policy rejection on Target address "
            "(in reply to RCPT TO command)",
            "Policy rejection on the target address",
        ),
        verdict=Verdict.RISKY,
        summary="Yandex has blocked the recipient's account for breaking its user agreement; "
        "the owner can have it unblocked.",
        actions=(
            Action("Reach the recipient another way and tell them their account is blocked."),
        ),
        docs_url="https://yandex.com/support/mail/bounces/yandex/policy-rejection-on-the-target-address.html",
    ),
)
