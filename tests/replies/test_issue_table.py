"""The variants every sender meets, with the owner, address verdict and retry they must get.

Each row is a reply as people paste it; the expectations are the ones the product promises
(issue 2's table): who must act, what the reply says about the address, whether to retry.
"""

from __future__ import annotations

import pytest

from bouncekit import Owner, Reason, Retry, Verdict, explain

INVALID_RECIPIENT = [
    "550 5.1.1 User unknown",
    "550 No such user here",
    "Remote host said: 550 this domain example.jp: Mailbox Does Not Exist -- Giving up",
    "192.0.2.1 does not like recipient.\nRemote host said: 550 Rejected\nGiving up on 192.0.2.1.",
    "5.1.0 Unknown address error 550-'Mailbox is inactive'",
]
# Issue 2's table listed these among the invalid addresses. They are RFC 5321's stock words
# for any 550 ("mailbox not found, no access, or command rejected for policy reasons"), which
# servers give to refused senders too; issue 9 ("good addresses judged invalid") holds them
# risky: still the recipient's, never retried, but suppressed only when the failure repeats.
UNAVAILABLE_RECIPIENT = [
    "550 User account is unavailable",
    "550 5.5.0 Requested action not taken: mailbox unavailable",
    "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). "
    "[DB5EUR03FT019.eop-EUR03.prod.protection.outlook.com]",
]
SENDER_SMTP_SETUP = [
    "550 5.7.1 Relaying denied",
    "550 5.7.1 Command not permitted",
]
SENDER_REPUTATION = [
    "550 5.7.1 Blocked by policy",
    "550 Access denied",
    "550 reverse DNS",
    "550 5.7.1 Service unavailable, Client host [203.0.113.9] blocked using Spamhaus",
]
MAILBOX_FULL = [
    "550 Mailbox full",
    "552 5.2.2 <kijitora@example.jp>... Mailbox Full",
    "452 4.2.2 The email account that you tried to reach is over quota.",
]
SENDER_VERIFICATION = [
    "550-Verification failed for <bounce@sender.example>\n550-Unrouteable address\n"
    "550 Sender verify failed",
    "550-Previous (cached) callout verification failure",
    "550 Sender verification failed",
]
MESSAGE_SIZE = [
    "554 Message too big",
    "550 Message size exceeds maximum permitted",
    "552 5.3.4 Message size exceeds fixed limit",
]
MESSAGE_CONTENT = [
    "550 5.7.1 Message rejected as spam by Content Filtering.",
    "550 5.7.1 Rejected by policy filter: message contains spam",
    "550 5.7.1 Message content rejected",
]
SLOW_DOWN = [
    "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume "
    "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
    "421-4.7.28 [192.0.2.1      15] Our system has detected an unusual rate of\n"
    "421-4.7.28 unsolicited mail originating from your IP address. To protect our\n"
    "421-4.7.28 users from spam, mail sent from your IP address has been temporarily\n"
    "421 4.7.28 rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError"
    " - gsmtp",
    "421 RP-001 (BAY004-MC1F21) Unfortunately, some messages from 192.0.2.1 weren't sent. "
    "Please try again. We have limits for how many messages can be sent per hour and per day.",
    "421 4.7.0 Too many connections from your IP, try again later",
]


def _one(text: str):  # type: ignore[no-untyped-def]
    diagnoses = explain(text)
    assert len(diagnoses) == 1, diagnoses
    return diagnoses[0]


@pytest.mark.parametrize("text", INVALID_RECIPIENT)
def test_unknown_or_inactive_recipient_is_removed(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.RECIPIENT, diagnosis.evidence
    assert diagnosis.verdict is Verdict.INVALID
    assert diagnosis.retry is Retry.NEVER
    assert any("suppression" in action.text for action in diagnosis.actions)


@pytest.mark.parametrize("text", UNAVAILABLE_RECIPIENT)
def test_an_unavailable_mailbox_is_held_not_removed(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.RECIPIENT, diagnosis.evidence
    assert diagnosis.verdict is Verdict.RISKY
    assert diagnosis.retry is Retry.NEVER
    assert "probably" in diagnosis.headline
    assert not any(action.text.startswith("Remove the address") for action in diagnosis.actions)
    assert any(action.text.startswith("Hold the address") for action in diagnosis.actions)


@pytest.mark.parametrize("text", SENDER_SMTP_SETUP)
def test_relaying_refused_is_the_senders_smtp_setup(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert diagnosis.verdict is None
    assert diagnosis.retry is Retry.AFTER_FIX
    assert any("587" in action.text for action in diagnosis.actions)
    assert any(
        (action.command or "").startswith("bouncekit check-smtp") for action in diagnosis.actions
    )


@pytest.mark.parametrize("text", SENDER_REPUTATION)
def test_policy_block_is_about_the_sender_not_the_address(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert diagnosis.verdict in (None, Verdict.UNKNOWN)
    assert diagnosis.verdict is not Verdict.INVALID
    assert diagnosis.retry is Retry.AFTER_FIX


def test_spamhaus_block_names_the_list_and_the_ip() -> None:
    diagnosis = _one(SENDER_REPUTATION[-1])
    assert diagnosis.reason is Reason.BLOCKED
    assert diagnosis.sender_ip == "203.0.113.9"
    assert any("spamhaus" in b.key for b in diagnosis.blocklists)
    commands = [action.command or "" for action in diagnosis.actions]
    assert any("9.113.0.203" in command for command in commands)
    # The fix is on the sender's side: the live check of job 3 is offered, with the IP.
    assert "bouncekit check-sender YOUR-DOMAIN --ip 203.0.113.9" in commands


def test_reverse_dns_rejection_asks_for_a_ptr() -> None:
    diagnosis = _one("550 reverse DNS")
    assert diagnosis.reason is Reason.REQUIREPTR
    assert any("PTR" in action.text for action in diagnosis.actions)


@pytest.mark.parametrize("text", MAILBOX_FULL)
def test_full_mailbox_is_kept_and_retried_later(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.reason is Reason.MAILBOXFULL, diagnosis.evidence
    assert diagnosis.owner is Owner.RECIPIENT
    assert diagnosis.verdict is Verdict.RISKY
    assert diagnosis.retry is Retry.LATER
    assert not diagnosis.hard


def test_microsoft_directory_rejection_is_the_recipient_with_a_caveat() -> None:
    diagnosis = _one(
        "550 5.4.1 Recipient address rejected: Access denied. "
        "For more information see https://aka.ms/EXOSmtpErrors "
        "[DB5PEPF00014B8F.eurprd02.prod.outlook.com 2024-01-15T10:12:11.000Z 08DC12345678ABCD]"
    )
    assert diagnosis.owner is Owner.RECIPIENT, diagnosis.evidence
    # The words say "access denied": likely gone, never certain (a tenant with a broken
    # directory refuses its real users the same way).
    assert diagnosis.verdict is Verdict.RISKY
    assert diagnosis.retry is Retry.NEVER
    assert diagnosis.provider is not None
    assert diagnosis.provider.key == "microsoft"
    assert any("catch-all" in action.text or "DBEB" in action.text for action in diagnosis.actions)


@pytest.mark.parametrize("text", SENDER_VERIFICATION)
def test_failed_sender_verification_is_the_senders_problem(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert diagnosis.verdict is None
    assert diagnosis.retry is Retry.AFTER_FIX


@pytest.mark.parametrize("text", MESSAGE_SIZE)
def test_oversized_message_is_the_message(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.reason is Reason.MESGTOOBIG, diagnosis.evidence
    assert diagnosis.owner is Owner.MESSAGE
    assert diagnosis.verdict is None
    assert diagnosis.retry is Retry.AFTER_FIX
    assert any("link" in action.text for action in diagnosis.actions)


@pytest.mark.parametrize("text", MESSAGE_CONTENT)
def test_content_filter_rejection_is_the_message(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.MESSAGE, diagnosis.evidence
    assert diagnosis.verdict is None
    assert diagnosis.retry is Retry.AFTER_FIX
    assert any("plain-text" in action.text for action in diagnosis.actions)


@pytest.mark.parametrize("text", SLOW_DOWN)
def test_deferrals_for_volume_mean_slow_down(text: str) -> None:
    diagnosis = _one(text)
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert diagnosis.verdict is None
    assert diagnosis.retry is Retry.LATER
    assert not diagnosis.hard
    assert any("backoff" in action.text for action in diagnosis.actions)


def test_text_beats_the_code() -> None:
    diagnosis = _one("550 5.1.1 too many recipients this hour")
    assert diagnosis.reason in (Reason.SPEEDING, Reason.TOOMANYCONN), diagnosis.evidence
    assert diagnosis.owner is Owner.SENDER
    assert diagnosis.verdict is None
    assert "text is more specific" in diagnosis.evidence.detail
