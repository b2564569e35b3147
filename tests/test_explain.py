"""``explain`` on every form people paste: lines, wrapped replies, logs, DSN fields, bounces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bouncekit import Command, Reason, explain
from tests.support.corpus import CORPUS as SHARED_CORPUS
from tests.support.corpus import require_shared

CORPUS = SHARED_CORPUS / "sisimai"


def _corpus(name: str) -> str:
    path = require_shared(CORPUS / name)
    return path.read_bytes().decode("utf-8", errors="replace")


def test_multi_line_reply_is_one_reply_without_its_prefixes() -> None:
    (diagnosis,) = explain(
        "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's\n"
        "550-5.7.26 DMARC policy. Please contact the administrator of example.org domain\n"
        "550 5.7.26 if this was a legitimate mail. - gsmtp\n"
    )
    assert diagnosis.reason is Reason.AUTHFAILURE
    assert diagnosis.replycode == "550"
    assert diagnosis.status == "5.7.26"
    assert "550-" not in diagnosis.text
    assert diagnosis.text.startswith("550 5.7.26 Unauthenticated email")


def test_postfix_log_fragment_gives_host_stage_and_recipient() -> None:
    (diagnosis,) = explain(
        "Jan 12 10:00:01 mail postfix/smtp[123]: 4F2A1: to=<bob@example.net>, "
        "relay=mx.example.net[192.0.2.25]:25, delay=1.2, dsn=5.1.1, status=bounced "
        "(host mx.example.net[192.0.2.25] said: 550 5.1.1 <bob@example.net>: Recipient "
        "address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))"
    )
    assert diagnosis.reason is Reason.USERUNKNOWN
    assert diagnosis.remote_host == "mx.example.net"
    assert diagnosis.remote_ip == "192.0.2.25"
    assert diagnosis.command is Command.RCPT
    assert diagnosis.recipient == "bob@example.net"
    assert diagnosis.text.endswith("User unknown in virtual mailbox table")


def test_exim_log_fragment() -> None:
    (diagnosis,) = explain(
        "SMTP error from remote mail server after RCPT TO:<kijitora@example.jp>:\n"
        "    host mx.example.jp [192.0.2.153]: 550 5.1.1 <kijitora@example.jp>... User Unknown"
    )
    assert diagnosis.reason is Reason.USERUNKNOWN
    assert diagnosis.command is Command.RCPT
    assert diagnosis.remote_ip == "192.0.2.153"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Remote host said: 552 5.2.2 <x@example.jp>... Mailbox Full", Reason.MAILBOXFULL),
        ("Diagnostic-Code: smtp; 550 5.1.1 <x@example.jp>... User Unknown", Reason.USERUNKNOWN),
        (
            "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
            Reason.USERUNKNOWN,
        ),
        ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", Reason.USERUNKNOWN),
        # Looks like a message header block, but the reply is in the "header".
        (
            "Diagnostic-Code: smtp; 550 5.1.1 <a@b.example>... User unknown\n\nthat was all",
            Reason.USERUNKNOWN,
        ),
    ],
)
def test_wrappers_around_the_reply(text: str, reason: Reason) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.reason is reason


def test_delivery_status_fields_give_one_diagnosis_per_recipient() -> None:
    fields = (
        "Reporting-MTA: dns; mail.example.org\n\n"
        "Final-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.1.1\n"
        "Remote-MTA: dns; mx.example.net\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <a@example.net>: Recipient address rejected:\n"
        "    User unknown in local recipient table\n\n"
        "Final-Recipient: rfc822; b@example.net\nAction: delayed\nStatus: 4.2.2\n"
        "Diagnostic-Code: smtp; 452 4.2.2 Mailbox full\n\n"
        "Final-Recipient: rfc822; c@example.net\nAction: delivered\nStatus: 2.0.0\n"
    )
    diagnoses = explain(fields)
    assert [d.recipient for d in diagnoses] == ["a@example.net", "b@example.net"]
    assert [d.reason for d in diagnoses] == [Reason.USERUNKNOWN, Reason.MAILBOXFULL]
    assert diagnoses[0].remote_host == "mx.example.net"
    assert "User unknown in local recipient table" in diagnoses[0].text


def test_whole_bounce_message_gives_each_failed_recipient() -> None:
    diagnoses = explain(_corpus("postfix/lhost-postfix-02.eml"))
    assert [(d.recipient, d.reason) for d in diagnoses] == [
        ("filtered@example.co.jp", Reason.USERUNKNOWN),
        ("userunknown@example.co.jp", Reason.USERUNKNOWN),
    ]


def test_addresses_in_the_returned_original_are_not_recipients() -> None:
    diagnoses = explain(_corpus("exim/lhost-exim-02.eml"))
    assert [d.recipient for d in diagnoses] == ["kijitora@example.jp", "sabatora@example.jp"]


def test_failure_told_in_words_only_is_explained() -> None:
    (diagnosis,) = explain("mailbox is full: retry timeout exceeded")
    assert diagnosis.reason is Reason.MAILBOXFULL
    assert diagnosis.replycode is None


@pytest.mark.parametrize("text", ["", "   \n", "hello", "my mail was rejected", "5 apples"])
def test_text_without_a_reply_gives_nothing(text: str) -> None:
    assert explain(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_handled_without_an_exception(text: str) -> None:
    for diagnosis in explain(text):
        assert diagnosis.headline.endswith(".")
        assert diagnosis.to_dict()["reason"] == diagnosis.reason.value


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["550", "552", "421", "554", "451"]),
    st.sampled_from(["5.1.1", "4.7.0", "5.7.1", ""]),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200),
)
def test_any_reply_with_a_code_is_diagnosed(code: str, status: str, words: str) -> None:
    diagnoses = explain(f"{code} {status} {words}".replace("\n", " "))
    assert diagnoses
    assert diagnoses[0].replycode == code
