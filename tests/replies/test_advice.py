"""The steps explain gives are right for the reply: no step that contradicts another, none twice.

Issue 10 ("Advice that is wrong") gives each reply below; the properties at the end hold for
every example reply of every rule.
"""

from __future__ import annotations

import pytest

from bouncekit import Diagnosis, Owner, Reason, Verdict, explain
from bouncekit.replies.classify import rulebook

REMOVE = "Remove the address from your list and add it to your suppression list."


def _one(text: str) -> Diagnosis:
    diagnoses = explain(text)
    assert len(diagnoses) == 1, diagnoses
    return diagnoses[0]


def _steps(diagnosis: Diagnosis) -> str:
    return "\n".join(action.text for action in diagnosis.actions)


@pytest.mark.parametrize(
    "text",
    ["550 5.7.57 Client not authenticated to send mail.", "550 5.7.999 Weird"],
)
def test_an_unknown_policy_reply_never_condemns_the_address(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.verdict is not Verdict.INVALID
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert REMOVE not in _steps(diagnosis)


def test_an_unregistered_address_status_is_not_judged() -> None:
    diagnosis = _one("550 5.1.99 Odd")
    assert diagnosis.verdict is Verdict.UNKNOWN
    assert REMOVE not in _steps(diagnosis)


def test_a_deferral_never_says_remove_the_address() -> None:
    diagnosis = _one("421 4.3.2 Service not available")
    assert REMOVE not in _steps(diagnosis)
    assert "retries on its own" in _steps(diagnosis)


def test_microsoft_5_7_708_is_a_blocked_ip_not_a_warm_up() -> None:
    diagnosis = _one(
        "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. "
        "For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 "
        "AS(7230) [DB8EUR05FT014.eop-eur05.prod.protection.outlook.com]"
    )
    steps = _steps(diagnosis)
    assert diagnosis.reason is not Reason.SPEEDING
    assert "Warm up" not in steps
    assert "Slow down" not in steps
    assert any(action.url == "https://sender.office.com/" for action in diagnosis.actions)


def test_outlook_com_block_list_goes_first_through_its_support_form() -> None:
    diagnosis = _one(
        "550 5.7.1 Unfortunately, messages from [192.0.2.25] weren't sent. Please contact your "
        "Internet service provider since part of their network is on our block list (S3150). "
        "You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."
    )
    assert diagnosis.actions[0].url == "https://olcsupport.office.com/"


def test_yahoo_tss04_gives_one_complaint_threshold_and_one_slow_down() -> None:
    steps = _steps(
        _one(
            "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected "
            "volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"
        )
    )
    assert "0.3%" in steps
    assert "0.1%" not in steps
    assert steps.lower().count("slow down") == 1


def test_gmail_rate_limit_names_no_delisting_process() -> None:
    diagnosis = _one(
        "host gmail-smtp-in.l.google.com[142.250.1.26] said: 421-4.7.28 [192.0.2.1] Our system "
        "has detected an unusual rate of unsolicited mail originating from your IP address. To "
        "protect our users from spam, mail sent from your IP address has been temporarily rate "
        "limited. - gsmtp"
    )
    assert diagnosis.provider is not None
    assert diagnosis.provider.key == "google"
    assert "delisting" not in _steps(diagnosis).lower()


def test_external_forwarding_refused_is_the_receivers_policy() -> None:
    diagnosis = _one(
        "550 5.7.520 Access denied, Your organization does not allow external forwarding. "
        "Please contact your administrator for further assistance. AS(7555)"
    )
    assert diagnosis.owner is Owner.RECEIVER
    assert diagnosis.verdict is None
    assert "content" not in _steps(diagnosis).lower()


def test_yahoo_gl01_is_reputation() -> None:
    diagnosis = _one("421 [GL01] Message from (192.0.2.1) temporarily deferred")
    assert diagnosis.reason is Reason.BADREPUTATION
    assert diagnosis.owner is Owner.SENDER


EXAMPLES = sorted({example for rule in rulebook().rules for example in rule.examples})


def test_no_step_is_given_twice_and_no_deferral_removes_the_address() -> None:
    repeated, removing = [], []
    for example in EXAMPLES:
        for diagnosis in explain(example):
            urls = [action.url for action in diagnosis.actions if action.url]
            texts = [action.text for action in diagnosis.actions]
            if len(urls) != len(set(urls)) or len(texts) != len(set(texts)):
                repeated.append(example)
            temporary = (diagnosis.replycode or diagnosis.status or "").startswith("4")
            if (temporary or diagnosis.verdict is not Verdict.INVALID) and REMOVE in "\n".join(
                texts
            ):
                removing.append(example)
    assert not repeated, repeated[:5]
    assert not removing, removing[:5]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("550 Mailbox not found or access denied", Reason.USERUNKNOWN),  # QQ Mail
        # Gmail's non-delivery notice, as senders paste it.
        (
            "Your message wasn't delivered to someone@gmail.com because the address couldn't "
            "be found, or is unable to receive mail.",
            Reason.USERUNKNOWN,
        ),
    ],
)
def test_a_reply_that_offers_another_cause_does_not_condemn_the_address(
    text: str, reason: Reason
) -> None:
    diagnosis = _one(text)
    assert diagnosis.reason is reason
    assert diagnosis.verdict is Verdict.RISKY
    assert REMOVE not in _steps(diagnosis)


def test_a_state_called_temporary_does_not_condemn_the_address() -> None:
    diagnosis = _one("550 5.2.1 This account has been temporarily suspended")
    assert diagnosis.reason is Reason.SUSPEND
    assert diagnosis.verdict is Verdict.RISKY
    assert "temporary" in diagnosis.evidence.detail
    assert REMOVE not in _steps(diagnosis)


def test_an_expiry_that_quotes_the_remote_reply_is_about_that_reply() -> None:
    # The cause beats its consequence: the message expired because relaying was refused.
    diagnosis = _one(
        "Message expired for domain example.com. Remote host said: 454 4.7.1 "
        "<someone@example.com>: Relay access denied [RCPT_TO]"
    )
    assert diagnosis.reason is Reason.NORELAYING, diagnosis.evidence


def test_a_receiver_that_rejects_on_a_blocklist_error_answer_is_at_fault_itself() -> None:
    # Spamhaus refuses lookups made through public resolvers with an error answer that
    # "must not be used to reject email"; a receiver that does is misconfigured.
    diagnosis = _one(
        "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using "
        "zen.spamhaus.org; Error: open resolver; https://www.spamhaus.org/returnc/pub/192.0.2.9"
    )
    assert diagnosis.owner is Owner.RECEIVER
    assert diagnosis.verdict is None
    assert "blocklist lookups fail" in diagnosis.headline
    steps = _steps(diagnosis)
    assert "postmaster" in steps
    assert "delist" not in steps.replace("Nothing to delist", "")
