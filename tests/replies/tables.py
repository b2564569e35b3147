"""Reading the tables of real replies the reply tests run: one JSON object a line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def jsonl_rows(folder: Path) -> list[dict[str, Any]]:
    """Every row of every ``*.jsonl`` file in the folder, each with ``where`` (file:line)."""
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["where"] = f"{path.name}:{number}"
                rows.append(row)
    return rows
