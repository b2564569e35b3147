"""Every rule is data with evidence: each of its examples must come out with its reason."""

from __future__ import annotations

import pytest

from bouncekit import explain
from bouncekit.replies.blocklists import BLOCKLISTS
from bouncekit.replies.classify import rulebook
from bouncekit.replies.model import Rule

RULES = rulebook().rules


def _example_cases() -> list[tuple[Rule, str]]:
    return [(rule, example) for rule in RULES for example in rule.examples]


def test_rule_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_is_well_formed(rule: Rule) -> None:
    assert rule.examples, "a rule needs at least one real example"
    assert rule.phrases
    for phrase in rule.phrases:
        assert phrase == phrase.lower(), "phrases are matched against lowercased text"
        assert phrase.strip() == phrase, "whitespace is collapsed"
        assert "  " not in phrase, "whitespace is collapsed"


@pytest.mark.parametrize(
    ("rule", "example"), _example_cases(), ids=lambda value: getattr(value, "id", "")
)
def test_rule_example_is_explained_by_its_rule(rule: Rule, example: str) -> None:
    diagnoses = explain(example)
    assert len(diagnoses) == 1, f"expected one reply in {example!r}"
    diagnosis = diagnoses[0]
    assert diagnosis.reason == rule.reason, diagnosis.evidence
    if rule.provider is not None:
        assert diagnosis.provider is not None
        assert diagnosis.provider.key == rule.provider


@pytest.mark.parametrize("blocklist", BLOCKLISTS, ids=lambda b: b.key)
def test_blocklist_examples_name_the_list(blocklist: object) -> None:
    from bouncekit.replies.model import Blocklist

    assert isinstance(blocklist, Blocklist)
    assert blocklist.examples
    for example in blocklist.examples:
        (diagnosis,) = explain(example)
        assert blocklist in diagnosis.blocklists
        assert diagnosis.verdict is None, "a blocklist reply says nothing about the mailbox"
