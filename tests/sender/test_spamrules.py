"""SpamAssassin's wording rules: every example matches, plain mail matches none, and every
record says what the installed SpamAssassin rule files say."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from bouncekit.sender.message.spamrules import SPAM_RULES, SpamRule, matching_rules, paragraphs

RULES_DIR = Path("/usr/share/spamassassin")
# SpamAssassin reads its files in name order and a later score line replaces an earlier one.
SCORE_FILES = ("50_scores.cf", "72_active.cf", "73_sandbox_manual_scores.cf")
PERL_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}
_LINE = re.compile(r"^(body|describe|meta|score)\s+(\S+)\s+(.*?)\s*$")

PLAIN_TEXTS = (
    "Your order 1234 has shipped. Track it here: https://shop.example.com/track/1234",
    "Hi Anna,\n\nyour invoice for March is attached. Thank you for your business.\n\nThe "
    "Example team",
    "Your password was changed on 3 May at 14:02. If this wasn't you, reply to this email.",
)


def by_name(rule: SpamRule) -> str:
    return rule.name


@pytest.mark.parametrize("rule", SPAM_RULES, ids=by_name)
def test_every_example_matches(rule: SpamRule) -> None:
    regex = re.compile(rule.pattern, rule.flags)
    for example in rule.examples:
        assert regex.search(example), f"{rule.name} does not match {example!r}"
        assert rule in matching_rules([example])


@pytest.mark.parametrize("text", PLAIN_TEXTS)
def test_plain_mail_matches_no_rule(text: str) -> None:
    assert matching_rules([text]) == []


def test_the_table_is_well_formed() -> None:
    names = [rule.name for rule in SPAM_RULES]
    assert len(names) == len(set(names))
    for rule in SPAM_RULES:
        assert rule.examples, rule.name
        # SpamAssassin does not run a rule scored 0.
        assert rule.score != 0, rule.name


def test_rules_read_paragraph_by_paragraph() -> None:
    assert paragraphs("Hello,\n  there\n\n\nBye  now\n") == ["Hello, there", "Bye now"]
    # DEAR_FRIEND is anchored: it matches a paragraph's start, not the middle of one.
    assert [rule.name for rule in matching_rules(["Hi.\n\nDear Friend,\nnews"])] == ["DEAR_FRIEND"]
    assert matching_rules(["Hi. Dear Friend, news"]) == []


# -- the installed SpamAssassin rules --------------------------------------------------------


@dataclass
class RuleFile:
    """The uncommented body, describe and meta lines of one rules file, by rule name."""

    body: dict[str, list[str]] = field(default_factory=dict)
    describe: dict[str, list[str]] = field(default_factory=dict)
    meta: dict[str, list[str]] = field(default_factory=dict)
    score: dict[str, list[str]] = field(default_factory=dict)


@cache
def read_rules(path: Path) -> RuleFile:
    # Some rule files hold bytes that are not UTF-8 (in regexes for other charsets); latin-1
    # reads any byte and leaves the ASCII patterns here as they are.
    rules = RuleFile()
    for line in path.read_text(encoding="latin-1").splitlines():
        if match := _LINE.match(line.strip()):
            kind, name, value = match.groups()
            getattr(rules, kind).setdefault(name, []).append(value)
    return rules


def perl_regex(text: str) -> tuple[str, str]:
    """``/pattern/flags`` or ``m{pattern}flags`` as (pattern, flags): the one normalisation the
    comparison makes. No pattern compared here contains its own delimiter."""
    if text.startswith("/"):
        opening, closing, start = "/", "/", 1
    else:
        assert text.startswith("m"), text
        opening = text[1]
        closing = {"{": "}", "(": ")", "[": "]", "<": ">"}.get(opening, opening)
        start = 2
    end = text.rindex(closing)
    return text[start:end], text[end + 1 :]


def score_set_1(rule_name: str) -> float | None:
    values: list[str] | None = None
    for name in SCORE_FILES:
        found = read_rules(RULES_DIR / name).score.get(rule_name)
        if found:
            values = found[-1].split("#")[0].split()
    if values is None:
        return None
    # One value is every score set's; four are sets 0 to 3.
    return float(values[1] if len(values) == 4 else values[0])


@pytest.fixture(scope="session")
def spamassassin_rules() -> Path:
    if (RULES_DIR / "50_scores.cf").exists():
        return RULES_DIR
    reason = (
        f"SpamAssassin's rule files are not installed in {RULES_DIR}: "
        "'apt-get install spamassassin' to check the rules against them."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.mark.parametrize("rule", SPAM_RULES, ids=by_name)
def test_rule_is_spamassassins(rule: SpamRule, spamassassin_rules: Path) -> None:
    rules = read_rules(spamassassin_rules / rule.source)
    assert rules.describe.get(rule.name) == [rule.description]
    body_name = rule.body_rule or rule.name
    if rule.body_rule:
        # A meta rule that is exactly its sub-rule fires when the sub-rule's regex matches.
        assert rule.body_rule.startswith("__")
        assert rules.meta.get(rule.name) == [rule.body_rule]
    (body,) = rules.body[body_name]
    pattern, flags = perl_regex(body)
    assert pattern == rule.pattern
    expected = re.NOFLAG
    for letter in flags:
        expected |= PERL_FLAGS[letter]
    assert rule.flags == expected
    assert rule.score == score_set_1(rule.name)
