"""Gmail and Google Workspace.

Google documents its SMTP replies at https://support.google.com/a/answer/3726730 ("SMTP error
reference"); the sender guidelines at https://support.google.com/mail/answer/81126.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Provider, Reason, Rule

PROVIDER = Provider(
    key="google",
    name="Gmail / Google Workspace",
    host_suffixes=(".google.com", ".googlemail.com", ".gmail.com"),
    markers=("gsmtp", "support.google.com/mail", "support.google.com/a/"),
    docs_url="https://support.google.com/a/answer/3726730",
)

DOCS = "https://support.google.com/a/answer/3726730"

RULES: tuple[Rule, ...] = (
    Rule(
        id="google.5.1.1-no-such-user",
        reason=Reason.USERUNKNOWN,
        phrases=("the email account that you tried to reach does not exist",),
        examples=(
            "550-5.1.1 The email account that you tried to reach does not exist. Please try "
            "550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 "
            "unnecessary spaces. Learn more at 550 5.1.1 "
            "https://support.google.com/mail/?p=NoSuchUser 41si5237478qtr.44 - gsmtp",
        ),
        docs_url=DOCS,
    ),
    Rule(
        id="google.5.7.26-unauthenticated",
        reason=Reason.AUTHFAILURE,
        phrases=("unauthenticated email from", "5.7.26"),
        statuses=("5.7.26",),
        examples=(
            "550-5.7.26 Unauthenticated email from libsisimai.org is not accepted due to domain's "
            "550-5.7.26 DMARC policy. Please contact the administrator of libsisimai.org domain "
            "550-5.7.26 if this was a legitimate mail. To learn about the DMARC initiative, go "
            "550-5.7.26 to 550 5.7.26 https://support.google.com/mail/?p=DmarcRejection - gsmtp",
        ),
        summary="Gmail rejected the message because it failed DMARC: neither SPF nor DKIM "
        "passed in alignment with the From domain.",
        actions=(
            Action(
                "Follow Google's sender guidelines for authentication.",
                url="https://support.google.com/mail/answer/81126",
            ),
        ),
        docs_url=DOCS,
    ),
)
