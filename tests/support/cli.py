"""``bouncekit`` run as a person runs it: a fresh process on this checkout's sources, with the
store named by ``database`` and plain, wide output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def bouncekit(
    *arguments: str, database: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m bouncekit ARGUMENTS`` with ``BOUNCEKIT_DB=database`` (and ``extra``
    environment variables); its output as text, whatever its exit code."""
    environment = {
        **os.environ,
        "BOUNCEKIT_DB": database,
        "COLUMNS": "200",
        "NO_COLOR": "1",
        "PYTHONPATH": str(REPO / "src"),
        **(extra or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "bouncekit", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
