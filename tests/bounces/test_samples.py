"""Every sample message with its expected records, discovered, not listed.

Two sources:
- the labelled corpus in ../shared/corpus/sisimai (Sisimai 5.1's expectations, one line per
  record in labels.jsonl). Where bouncekit deliberately differs, or does not match yet, the
  record is listed in ``label_differences.jsonl`` beside this file with the value bouncekit
  gives and why; a listed difference that goes away fails too, so the list stays true.
- our own samples in ``samples/``: ``NAME.eml`` beside ``NAME.expected.jsonl``.

Adding a format is adding its module and its samples.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from bouncekit.bounces import BounceRecord, parse_bounce

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "shared" / "corpus" / "sisimai"
FIELDS = {
    "recipient": lambda r: r.recipient.lower(),
    "status": lambda r: r.status or "",
    "replycode": lambda r: r.replycode or "",
    "reason": lambda r: r.reason.value,
    "hardbounce": lambda r: r.hard,
}


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@functools.cache
def _parsed(path: Path) -> tuple[BounceRecord, ...]:
    return parse_bounce(path.read_bytes()).records


def _corpus_cases() -> list[dict[str, Any]]:
    return _jsonl(CORPUS / "labels.jsonl")


DIFFERENCES = {
    (row["file"], row["index"], row["field"]): row
    for row in _jsonl(HERE / "label_differences.jsonl")
}


@pytest.mark.parametrize(
    "label", _corpus_cases(), ids=lambda label: f"{label['file']}#{label['index']}"
)
def test_corpus_record(label: dict[str, Any]) -> None:
    records = _parsed(CORPUS / label["file"])
    record = records[label["index"] - 1] if len(records) >= label["index"] else None
    problems = []
    for field, get in FIELDS.items():
        expected = label[field].lower() if field == "recipient" else label[field]
        got = get(record) if record is not None else None
        listed = DIFFERENCES.get((label["file"], label["index"], field))
        if listed is not None:
            if got != listed["ours"]:
                problems.append(f"{field}: listed as {listed['ours']!r}, now {got!r}")
        elif got != expected:
            problems.append(f"{field}: label {expected!r}, got {got!r}")
    assert not problems, "; ".join(problems)


def _own_samples() -> list[Path]:
    return sorted((HERE / "samples").rglob("*.eml"))


@pytest.mark.parametrize("sample", _own_samples(), ids=lambda path: path.name)
def test_own_sample(sample: Path) -> None:
    expected = _jsonl(sample.with_suffix(".expected.jsonl"))
    got = [record.to_dict() for record in _parsed(sample)]
    assert len(got) == len(expected)
    for want, have in zip(expected, got, strict=True):
        assert {key: have[key] for key in want} == want
