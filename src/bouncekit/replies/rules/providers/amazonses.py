"""Amazon SES, as its SMTP interface (``email-smtp.REGION.amazonaws.com``) answers the sender,
and the diagnostic texts of its own bounces.

Amazon documents them in:

- "SMTP response codes returned by Amazon SES" in "Amazon SES SMTP issues"
  (https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html);
- "Amazon SES email sending errors" (unverified identities, a paused account):
  https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-error-messages.html;
- "Errors related to the sending quotas" (the 454 throttling replies):
  https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html;
- the bounce types of its notifications, whose suppression bounces carry SES's own diagnostic
  text: https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html

Every SMTP reply is about the sending account (its identities, its quota, its standing) and none
makes the recipient invalid. A suppression says only that the address bounced or complained
before, so it stays ``suppressed``, never ``userunknown``.
"""

from __future__ import annotations

from bouncekit.replies.model import Action, Owner, Provider, Reason, Rule, Verdict

SMTP_CODES = "https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-smtp.html"
SENDING_ERRORS = "https://docs.aws.amazon.com/ses/latest/dg/troubleshoot-error-messages.html"
QUOTA_ERRORS = "https://docs.aws.amazon.com/ses/latest/dg/manage-sending-quotas-errors.html"
NOTIFICATIONS = "https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html"
SUPPRESSION_LIST = "https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html"

# The regions whose SMTP endpoint (email-smtp.REGION.amazonaws.com) answers senders; only these
# names, not all of amazonaws.com, where anyone's EC2 instance may run a mail server.
_REGIONS = (
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "eu-south-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
    "me-south-1",
    "af-south-1",
    "us-gov-west-1",
)

PROVIDER = Provider(
    key="amazonses",
    name="Amazon SES",
    host_suffixes=(
        ".amazonses.com",
        *(f".email-smtp.{region}.amazonaws.com" for region in _REGIONS),
    ),
    markers=(
        "amazon ses has suppressed sending to this address",
        "the following identities failed the check in region",
        "sending paused for this account",
        "timeout waiting for data from client",
    ),
    docs_url=SMTP_CODES,
)

RULES: tuple[Rule, ...] = (
    Rule(
        id="amazonses.identity-not-verified",
        reason=Reason.REJECTED,
        phrases=(
            "email address is not verified",
            "the following identities failed the check in region",
        ),
        examples=(
            "554 Message rejected: Email address is not verified. The following identities "
            "failed the check in region US-EAST-1: sender@example.com",
            "554 Message rejected: Email address is not verified. The following identities "
            "failed the check in region EU-WEST-1: root@ip-172-31-38-21.eu-west-1.compute.internal",
        ),
        # The From, Source, Sender or Return-Path identity (or, in the sandbox, the
        # recipient) is not verified for the region: the account's setup, not the recipient.
        summary="Amazon SES refuses the message: an identity in From, Source, Sender or "
        "Return-Path is not verified in that region (in the sandbox, the recipient too).",
        actions=(
            Action(
                "Verify the sending address or its domain in the SES console of the region you "
                "send from; leave the sandbox to send to unverified recipients.",
                url=SENDING_ERRORS,
            ),
        ),
        docs_url=SENDING_ERRORS,
    ),
    Rule(
        id="amazonses.account-paused",
        reason=Reason.REJECTED,
        phrases=("sending paused for this account",),
        examples=(
            "554 Message rejected: Sending paused for this account. For more information, "
            "please check the inbox of the email address associated with your AWS account.",
        ),
        # A sanction on the sending account (bounce or complaint rates, a failed review): the
        # sender's standing, whatever the recipient.
        summary="Amazon SES has paused the account's sending, usually after a review of its "
        "bounce or complaint rate.",
        actions=(
            Action(
                "Read the notice sent to the AWS account's address and answer the review in "
                "the SES console; sending resumes only when AWS lifts the pause.",
                url=SENDING_ERRORS,
            ),
        ),
        docs_url=SENDING_ERRORS,
    ),
    Rule(
        id="amazonses.throttling",
        reason=Reason.SPEEDING,
        phrases=(
            "throttling failure: maximum sending rate exceeded",
            "throttling failure: daily message quota exceeded",
        ),
        examples=(
            "host email-smtp.us-east-1.amazonaws.com[192.0.2.10] said: 454 Throttling failure: "
            "Maximum sending rate exceeded (in reply to end of DATA command)",
            "host email-smtp.eu-west-1.amazonaws.com[192.0.2.11] said: 454 Throttling failure: "
            "Daily message quota exceeded (in reply to MAIL FROM command)",
        ),
        summary="The account is over its sending rate per second or its daily quota.",
        actions=(
            Action(
                "Retry with backoff (up to ten minutes); ask for a higher quota in the SES "
                "console if the daily limit is too low.",
                url=QUOTA_ERRORS,
            ),
        ),
        docs_url=QUOTA_ERRORS,
    ),
    Rule(
        id="amazonses.client-timeout",
        reason=Reason.NETWORKERROR,
        phrases=("timeout waiting for data from client",),
        examples=("451 Timeout waiting for data from client",),
        # SES waited for the sending client, which sent nothing in time: the network or the
        # sender's side, and nothing about the recipient.
        summary="Amazon SES timed out waiting for data from your SMTP client.",
        owner=Owner.SENDER,
        no_verdict=True,
        docs_url=SMTP_CODES,
    ),
    Rule(
        id="amazonses.suppressed",
        reason=Reason.SUPPRESSED,
        phrases=("amazon ses has suppressed sending to this address",),
        examples=(
            "Amazon SES has suppressed sending to this address because it has a recent "
            "history of bouncing as an invalid address. For more information about how to "
            "remove an address from the suppression list, see the Amazon SES Developer Guide: "
            "http://docs.aws.amazon.com/ses/latest/DeveloperGuide/remove-from-suppressionlist.html",
            "Amazon SES has suppressed sending to this address because it is on the "
            "account-level suppression list. This does not count toward your bounce rate "
            "metric.",
        ),
        # SES did not try to deliver: the address is on its global or the account's
        # suppression list. That repeats an earlier verdict and adds nothing new about the
        # address, so it is risky, not invalid.
        summary="Amazon SES did not send: the address is on its suppression list (global, or "
        "your account's) after earlier bounces or complaints.",
        owner=Owner.RECIPIENT,
        verdict=Verdict.RISKY,
        actions=(
            Action(
                "Remove the address from your list, or from the account-level suppression list "
                "if the recipient confirms it works again.",
                url=SUPPRESSION_LIST,
            ),
        ),
        docs_url=NOTIFICATIONS,
    ),
)
