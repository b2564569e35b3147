"""Every sample message with its expected records, discovered, not listed.

Three sources:
- the labelled corpus in ../shared/corpus/sisimai (Sisimai 5.1's expectations, one line per
  record in labels.jsonl). Where bouncekit deliberately differs, or does not match yet, the
  record is listed in ``label_differences.jsonl`` beside this file with the value bouncekit
  gives and why; a listed difference that goes away fails too, so the list stays true.
- the labelled corpus in ../shared/corpus/flufl (flufl.bounce's test messages, one line per
  message): whether it is a bounce, the exact set of failed recipients and whether the failure
  is permanent, counted as flufl.bounce's tests count them. Differences are listed in
  ``flufl_differences.jsonl`` the same way; those of the part held out from rule writing
  (bench/heldout.py) say "not matched yet" and are left so, to keep that part a measure.
- our own samples in ``samples/``: ``NAME.eml`` beside ``NAME.expected.jsonl``.

Adding a format is adding its module and its samples. Without ../shared the corpus cases
are none; the test of each corpus's presence skips then, or fails under ``CI=true``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest

from bouncekit.bounces import BounceRecord, parse_bounce
from bouncekit.replies.model import Reason
from tests.support.corpus import CORPUS as SHARED_CORPUS
from tests.support.corpus import require_shared

HERE = Path(__file__).resolve().parent
CORPUS = SHARED_CORPUS / "sisimai"
FLUFL = SHARED_CORPUS / "flufl"
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


@pytest.mark.parametrize(
    "labels", [CORPUS / "labels.jsonl", FLUFL / "labels.jsonl"], ids=lambda path: path.parent.name
)
def test_the_labelled_corpus_is_there(labels: Path) -> None:
    """The corpus cases below are read at collection: without the corpus there are none."""
    require_shared(labels)


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


# Records that report no failure: a delivery, an auto-reply, a complaint.
_NOT_FAILURES = frozenset({Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK})


def _permanent(record: BounceRecord) -> bool:
    """A permanent failure, as flufl.bounce's tests mean it: the status's class, else the action."""
    if record.status:
        return record.status.startswith("5")
    return record.action == "failed"


def flufl_verdict(label: dict[str, Any]) -> dict[str, Any]:
    """bouncekit's answer on each labelled field of one corpus/flufl message."""
    failures = [r for r in _parsed(FLUFL / label["file"]) if r.reason not in _NOT_FAILURES]
    verdict: dict[str, Any] = {"is_bounce": bool(failures)}
    if label["recipients_complete"] and label["recipients"] is not None:
        wanted = sorted(address.lower() for address in label["recipients"])
        recipients = sorted({r.recipient.lower() for r in failures})
        originals = sorted({(r.original_recipient or r.recipient).lower() for r in failures})
        verdict["recipients"] = originals if originals == wanted else recipients
    if label["is_bounce"] and label["permanent"] is not None:
        verdict["permanent"] = any(_permanent(r) for r in failures) if failures else None
    return verdict


def flufl_expected(label: dict[str, Any]) -> dict[str, Any]:
    expected: dict[str, Any] = {"is_bounce": label["is_bounce"]}
    if label["recipients_complete"] and label["recipients"] is not None:
        expected["recipients"] = sorted(address.lower() for address in label["recipients"])
    if label["is_bounce"] and label["permanent"] is not None:
        expected["permanent"] = label["permanent"]
    return expected


FLUFL_DIFFERENCES = {
    (row["file"], row["field"]): row for row in _jsonl(HERE / "flufl_differences.jsonl")
}


def _flufl_cases() -> list[dict[str, Any]]:
    return _jsonl(FLUFL / "labels.jsonl")


@pytest.mark.parametrize("label", _flufl_cases(), ids=lambda label: label["file"])
def test_flufl_message(label: dict[str, Any]) -> None:
    got = flufl_verdict(label)
    problems = []
    for field, expected in flufl_expected(label).items():
        listed = FLUFL_DIFFERENCES.get((label["file"], field))
        if listed is not None:
            if got[field] != listed["ours"]:
                problems.append(f"{field}: listed as {listed['ours']!r}, now {got[field]!r}")
        elif got[field] != expected:
            problems.append(f"{field}: label {expected!r}, got {got[field]!r}")
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


def write_flufl_differences() -> None:
    """Write ``flufl_differences.jsonl`` from today's answers, keeping the reasons written.

    A new difference is written with "why": "not matched yet", for a person to investigate or
    justify: ``.venv/bin/python -m tests.bounces.test_samples``.
    """
    rows = []
    for label in _flufl_cases():
        got = flufl_verdict(label)
        for field, expected in flufl_expected(label).items():
            if got[field] != expected:
                known = FLUFL_DIFFERENCES.get((label["file"], field), {})
                rows.append(
                    {
                        "file": label["file"],
                        "field": field,
                        "label": expected,
                        "ours": got[field],
                        "why": known.get("why", "not matched yet"),
                    }
                )
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    (HERE / "flufl_differences.jsonl").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_flufl_differences()
