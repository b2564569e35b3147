"""Every reply an MTA or filter writes in its own source, judged as that software means it.

``data/mta_tables/<software>.jsonl`` holds one line per reply text found in a mail server's or
filter's source code or shipped configuration (Postfix's smtpd_check.c, Exim's ACL messages,
rspamd's actions, postgrey's greeting...): ``software``, ``entry`` (where in the source),
``text`` (the reply as a sender receives it, with the code the software sends), ``reason``,
``owner``, ``address_invalid`` and ``source`` (repository and path, or the documentation page).
The software's wording is finite and known: each entry must come out right. An entry the rules
cannot judge yet carries ``gap`` (why); it is expected to fail, and the test fails once it
passes, so that the note goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bouncekit import explain
from bouncekit.replies.model import Owner, Reason, Verdict
from tests.replies.tables import jsonl_rows

TABLES = Path(__file__).parent / "data" / "mta_tables"
_FIELDS = {"software", "entry", "text", "reason", "owner", "address_invalid", "source"}


ROWS = jsonl_rows(TABLES)


def _case(row: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=row["gap"], strict=True)] if row.get("gap") else []
    return pytest.param(row, marks=marks, id=row["where"])


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["where"])
def test_row_is_well_formed(row: dict[str, Any]) -> None:
    assert row.keys() >= _FIELDS, sorted(_FIELDS - row.keys())
    assert Path(row["where"].split(":")[0]).stem == row["software"]
    Reason(row["reason"])
    Owner(row["owner"])


def test_entries_are_unique_per_table() -> None:
    seen = [(row["software"], row["text"]) for row in ROWS]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("row", [_case(row) for row in ROWS])
def test_entry_is_judged_as_the_software_means_it(row: dict[str, Any]) -> None:
    diagnoses = explain(row["text"])
    assert diagnoses, f"no reply found in {row['text']!r}"
    first = diagnoses[0]
    got = (first.reason.value, first.owner.value, first.verdict is Verdict.INVALID)
    assert got == (row["reason"], row["owner"], row["address_invalid"]), first.evidence
