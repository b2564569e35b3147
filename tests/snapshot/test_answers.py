"""No answer changes unless the snapshot is rewritten on purpose (see ``answers.py``)."""

from __future__ import annotations

from tests.snapshot.answers import SHARED, SNAPSHOT, answers, differences, read
from tests.support.corpus import require_shared


def test_every_answer_is_the_snapshots() -> None:
    require_shared(SHARED / "corpus")
    found = differences(read(SNAPSHOT), dict(answers()))
    shown = "\n".join(found[:40])
    assert not found, f"{len(found)} answers differ from the snapshot:\n{shown}"


def test_a_changed_field_is_named_and_a_new_field_is_not() -> None:
    old = {"k": {"reason": "userunknown", "actions": [{"text": "a"}]}}
    assert (
        differences(old, {"k": {"reason": "userunknown", "actions": [{"text": "a"}], "new": 1}})
        == []
    )
    assert differences(old, {"k": {"reason": "blocked", "actions": [{"text": "a"}]}}) == [
        "changed: k: reason: 'userunknown' -> 'blocked'"
    ]
    assert differences(old, {}) == ["lost: k"]
