"""KDDI au (ezweb.ne.jp, au.com), Japanese mobile mail.

KDDI's servers (``lsean.ezweb.ne.jp``, ``msmx.au.com``) answer ``550 : User unknown`` when the
recipient's own filter refuses the sender, and ``550 <address>: User unknown`` when there is
no such address; https://www.au.com/support/service/mobile/trouble/mail/email/ has the
recipient-side settings. Reasons follow Sisimai's ``Rhost/KDDI`` table.
"""

from __future__ import annotations

from bouncekit.replies.model import Provider, Reason, Rule

DOCS = "https://www.au.com/support/service/mobile/trouble/mail/email/"

PROVIDER = Provider(
    key="kddi",
    name="KDDI au (ezweb.ne.jp / au.com)",
    host_suffixes=(".ezweb.ne.jp", ".au.com"),
    markers=("ezweb.ne.jp", "@au.com>"),
    docs_url=DOCS,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="kddi.filtered",
        reason=Reason.FILTERED,
        phrases=("550 : user unknown",),
        examples=(
            "host lsean.ezweb.ne.jp[27.85.176.228] said: 550 : User unknown (in reply to end "
            "of DATA command)",
        ),
        summary="The au recipient's reception filter refuses mail from your domain; the "
        "address may well exist.",
        docs_url=DOCS,
    ),
    Rule(
        id="kddi.user-unknown",
        reason=Reason.USERUNKNOWN,
        phrases=(">: user unknown",),
        examples=(
            "host msmx.au.com[111.86.247.121] said: 550 "
            "<otsu-sakaba-hunter-neko-nyaaaaaaan@au.com>: User unknown (in reply to RCPT TO "
            "command)",
        ),
        summary="au has no mailbox at this address.",
        docs_url=DOCS,
    ),
)
