"""Every entry of the notice wording tables finds the text it was written from."""

from __future__ import annotations

import re

import pytest

from bouncekit.bounces import wording

TABLES = {
    name: table
    for name, table in vars(wording).items()
    if name.isupper() and isinstance(table, tuple) and table
}
ENTRIES = [(name, entry) for name, table in TABLES.items() for entry in table]


@pytest.mark.parametrize(
    ("table", "entry"), ENTRIES, ids=[f"{name}:{entry.example[:40]}" for name, entry in ENTRIES]
)
def test_each_entry_finds_its_example(table: str, entry: wording.Wording) -> None:
    assert re.search(entry.pattern, entry.example.lower()), (table, entry)
    assert wording.compiled(TABLES[table]).search(entry.example.lower())


@pytest.mark.parametrize("entry", [entry for _, entry in ENTRIES], ids=lambda e: e.example[:40])
def test_patterns_are_written_for_lowercased_text(entry: wording.Wording) -> None:
    # An upper-case letter outside an escape would never match lowercased text.
    assert not re.search(r"(?<!\\)[A-Z]", entry.pattern.replace("\\A", "").replace("\\Z", ""))


def test_the_languages_are_bcp47_tags() -> None:
    assert {entry.language for _, entry in ENTRIES} <= {
        "en", "de", "fr", "it", "es", "pt", "nl", "ru", "pl", "cs", "sv", "da", "fi", "hu",
        "tr", "ja", "zh", "ko",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("table", "text"),
    [
        ("FAILED", "Your message to ann@example.org has been delivered."),
        ("FAILED", "Thank you for your order; it will be delivered on Monday."),
        ("DELAYED", "Eventually the mail delivery software will give up."),
        ("DELAYED", "The POSTMASTER will attempt to contact the intended recipient."),
        ("GIVEN_UP", "The software will give up, and the message will be returned to you."),
        ("GIVEN_UP", "The message has not yet been delivered after 2 days."),
        ("ORIGINAL", "The following addresses did NOT receive a copy of your message:"),
        ("ORIGINAL", "The original message was received at Mon, 3 Mar 2025 10:02:00 +0100"),
    ],
)
def test_words_that_look_alike_are_not_found(table: str, text: str) -> None:
    assert wording.compiled(TABLES[table]).search(text.lower()) is None
