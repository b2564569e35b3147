"""Replies no rule's phrase matches, read as a subject and a predicate (replies/concepts.py)."""

from __future__ import annotations

import pytest

from bouncekit import Owner, Reason, Verdict, explain
from bouncekit.replies.concepts import CONCEPTS, Concept, find_concept, find_concepts


@pytest.mark.parametrize(
    ("concept", "example"),
    [(concept, example) for concept in CONCEPTS for example in concept.rule.examples],
    ids=lambda value: value.rule.id if isinstance(value, Concept) else value[:60],
)
def test_every_example_reads_as_its_concept(concept: Concept, example: str) -> None:
    found = find_concept(example)
    assert found is not None, example
    assert found.concept is concept, found.phrase


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # Wordings no rule lists, read by what they say.
        ("550 Recipient account is dormant", Reason.SUSPEND),
        ("550 The mailbox you wrote to is frozen", Reason.SUSPEND),
        ("550 unknown or illegal alias: kijitora@example.jp", Reason.USERUNKNOWN),
        ("550 Unable to find alias user", Reason.USERUNKNOWN),
        ("550 The recipient address is not a valid one", Reason.USERUNKNOWN),
        ("550 The domain you sent to does not exist", Reason.HOSTUNKNOWN),
    ],
)
def test_unlisted_wording_is_read(text: str, reason: Reason) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.reason is reason, diagnosis.evidence
    assert diagnosis.evidence.source == "concept"


@pytest.mark.parametrize(
    "text",
    [
        "550 The domain of the sender is unknown",
        "550 Envelope sender mailbox is invalid",
        "550 your account is not active",
    ],
)
def test_a_subject_qualified_as_the_senders_is_the_senders(text: str) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert diagnosis.verdict is not Verdict.INVALID


@pytest.mark.parametrize(
    "text",
    [
        # A word that is not small stands between the subject and the predicate.
        "host mx.example.net[192.0.2.1] said: 550 refused by invalid policy",
        # "IP address" is no mailbox; "bad address syntax" is a syntax error.
        "550 Your IP address is invalid for this service",
        "501 Bad address syntax",
        # A virus scanner that fails is the receiver's problem, not a virus.
        "451 Virus scanner timeout",
        # A sending quota is no full mailbox.
        "550 Daily sending quota exceeded",
        # Different clauses.
        "550 Mailbox. Not found in our records today",
    ],
)
def test_no_concept_where_the_words_do_not_pair(text: str) -> None:
    found = find_concept(text)
    assert found is None or found.concept.rule.reason not in (
        Reason.USERUNKNOWN,
        Reason.HOSTUNKNOWN,
        Reason.MAILBOXFULL,
        Reason.VIRUSDETECTED,
    ), found.phrase


def test_a_specific_status_that_says_otherwise_wins() -> None:
    # 5.1.2 (bad destination system) is more precise than "address ... invalid".
    (diagnosis,) = explain("550 5.1.2 Invalid X.400 address")
    assert diagnosis.reason is Reason.HOSTUNKNOWN


def test_reading_is_linear_in_the_words() -> None:
    # A long reply of subjects and small words with no predicate: one pass, no pairing blow-up.
    text = "550 " + "the user of the mailbox of the account " * 20_000 + "is unknown"
    found = find_concept(text)
    assert found is not None
    assert found.subject == "account"


def test_an_address_concept_beside_a_sender_or_message_concept_is_not_judged() -> None:
    (diagnosis,) = explain("550 Transaction failed: unknown address (SPAM_SUSPECT:IP_CONTROL)")
    assert diagnosis.reason is Reason.USERUNKNOWN
    assert diagnosis.verdict is Verdict.UNKNOWN, diagnosis.evidence


def test_every_concept_stated_is_found_once_in_order() -> None:
    found = find_concepts("550 recipient unknown; relay denied; user unknown again")
    assert [match.concept.rule.id for match in found] == [
        "concept.recipient-gone",
        "concept.relaying-denied",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The receiver's lookup failed: its 5.1.1 does not make the address unknown.
        "550 5.1.1 Recipient lookup failed: LDAP timeout",
        "451 4.3.0 Recipient address lookup failed (LDAP server down)",
        # The recipient's forward is refused by their own system.
        "550 5.3.0 Forwarding to external addresses is not allowed",
    ],
)
def test_the_receivers_own_failure_says_nothing_about_the_address(text: str) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.owner is Owner.RECEIVER, diagnosis.evidence
    assert diagnosis.verdict is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("550 Benutzer unbekannt", Reason.USERUNKNOWN),
        ("550 L'adresse n'existe pas", Reason.USERUNKNOWN),
        ("550 Utente sconosciuto", Reason.USERUNKNOWN),
        ("550 Usuário inexistente", Reason.USERUNKNOWN),
        ("552 Postfach ist voll", Reason.MAILBOXFULL),
        ("552 La boîte aux lettres est pleine", Reason.MAILBOXFULL),
        ("550 Conta desativada", Reason.SUSPEND),
    ],
)
def test_other_languages_are_read_the_same_way(text: str, reason: Reason) -> None:
    found = find_concept(text)
    assert found is not None, text
    assert found.concept.rule.reason is reason


@pytest.mark.parametrize(
    "text",
    [
        "550 5.1.0 Sender unknown",
        "550 5.7.1 Delivery not authorized, message refused: unknown sender domain",
        "550 Invalid HELO name",
    ],
)
def test_the_senders_own_address_or_host_refused_is_the_senders(text: str) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.owner is Owner.SENDER, diagnosis.evidence
    assert diagnosis.verdict is None


@pytest.mark.parametrize(
    "text",
    [
        "550 User unknown (sending host on blocklist)",
        "550 5.2.1 mailbox disabled due to abuse from your server",
        "550 5.1.1 <user@example.org>: Recipient address rejected: spam source",
    ],
)
def test_a_reply_that_also_speaks_of_the_sending_side_does_not_condemn_the_address(
    text: str,
) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.verdict is Verdict.UNKNOWN, diagnosis.evidence


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # Its words say the mailbox does not exist.
        ("550 RC:LD The email account that you tried to reach does no exists.", Verdict.INVALID),
        # "Bad" says it is wrong, not that it is gone; no status code says more.
        ("550 The recipient mailbox is bad", Verdict.RISKY),
    ],
)
def test_a_concept_condemns_the_address_only_where_its_words_say_it_is_gone(
    text: str, verdict: Verdict
) -> None:
    (diagnosis,) = explain(text)
    assert diagnosis.evidence.source == "concept"
    assert diagnosis.verdict is verdict
