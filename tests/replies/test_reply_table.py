"""Real reply texts with the reason, owner and hard flag they must come out with.

The tables live in ``data/*.jsonl``: one object per line with ``text``, ``reason``, ``owner``,
``hard`` and ``source`` (where the text was seen: a corpus file, an MTA's source, a provider's
documentation URL).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bouncekit import explain
from tests.replies.tables import jsonl_rows

DATA = Path(__file__).parent / "data"


ROWS = jsonl_rows(DATA)


def test_table_has_enough_distinct_texts() -> None:
    assert len({row["text"] for row in ROWS}) >= 150


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["where"])
def test_reply_is_judged_as_labelled(row: dict[str, Any]) -> None:
    diagnoses = explain(row["text"])
    assert diagnoses, f"no reply found in {row['text']!r}"
    diagnosis = diagnoses[0]
    got = (diagnosis.reason.value, diagnosis.owner.value, diagnosis.hard)
    assert got == (row["reason"], row["owner"], row["hard"]), diagnosis.evidence
