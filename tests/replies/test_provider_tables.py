"""Every entry of the providers' own published error tables, judged as the provider means it.

``data/provider_tables/<provider>.jsonl`` holds one line per entry of a provider's published
table of SMTP replies (Gmail's SMTP error list, Microsoft's NDR codes, Yahoo's error codes...):
``provider`` (the key of its rule module), ``entry`` (the table's own name for it: a code such as
``5.7.26`` or ``AS(201806281)``), ``text`` (the reply as the table prints it), ``reason``,
``owner``, ``address_invalid`` (whether the reply says the address is gone) and ``source``
(the page). A sender may see the reply alone or with the host that gave it, so each entry is
judged twice: as printed, and as a Postfix log line naming the provider's MX host, where the
provider must be recognised too.

An entry whose reply the provider explains as a gone address, but whose words do not say so
(``access denied``), carries ``verdict_note``: it is judged risky, never invalid.

An entry that the rules cannot judge yet carries ``gap`` (why): it is expected to fail, and the
test fails once it passes, so that the note goes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bouncekit import explain
from bouncekit.replies.classify import rulebook
from bouncekit.replies.model import Owner, Reason, Verdict
from tests.replies.tables import jsonl_rows

TABLES = Path(__file__).parent / "data" / "provider_tables"
_FIELDS = {"provider", "entry", "text", "reason", "owner", "address_invalid", "source"}


ROWS = jsonl_rows(TABLES)
PROVIDERS = {provider.key: provider for provider in rulebook().providers}


def _case(row: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=row["gap"], strict=True)] if row.get("gap") else []
    return pytest.param(row, marks=marks, id=row["where"])


def _judged(text: str) -> tuple[str, str, bool, str | None]:
    diagnoses = explain(text)
    assert diagnoses, f"no reply found in {text!r}"
    first = diagnoses[0]
    invalid = first.verdict is Verdict.INVALID
    return first.reason.value, first.owner.value, invalid, first.provider and first.provider.key


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row["where"])
def test_row_is_well_formed(row: dict[str, Any]) -> None:
    assert row.keys() >= _FIELDS, sorted(_FIELDS - row.keys())
    assert row["provider"] in PROVIDERS, f"no provider module declares {row['provider']!r}"
    assert Path(row["where"].split(":")[0]).stem == row["provider"]
    Reason(row["reason"])
    Owner(row["owner"])
    assert row["source"].startswith("https://")


def test_entries_are_unique_per_table() -> None:
    seen = [(row["provider"], row["entry"], row["text"]) for row in ROWS]
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize("row", [_case(row) for row in ROWS])
def test_entry_as_printed(row: dict[str, Any]) -> None:
    reason, owner, invalid, _ = _judged(row["text"])
    assert (reason, owner, invalid) == (row["reason"], row["owner"], row["address_invalid"])


@pytest.mark.parametrize("row", [_case(row) for row in ROWS])
def test_entry_from_the_providers_host(row: dict[str, Any]) -> None:
    suffixes = PROVIDERS[row["provider"]].host_suffixes
    if not suffixes:
        pytest.skip(f"{row['provider']} declares no MX host names")
    line = f"host mx{suffixes[0]}[192.0.2.1] said: {row['text']}"
    reason, owner, invalid, provider = _judged(line)
    assert provider == row["provider"]
    assert (reason, owner, invalid) == (row["reason"], row["owner"], row["address_invalid"])
