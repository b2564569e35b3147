"""Reply lines explained per second on one core.

The lines are every real example text the rules carry plus the reply tables of the tests,
explained in a loop in one process (one core). Target: at least 20,000 lines per second.

    .venv/bin/python bench/explain.py [--seconds 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bouncekit import explain
from bouncekit.replies.classify import rulebook

ROOT = Path(__file__).resolve().parent.parent
TARGET = 20_000


def reply_lines() -> list[str]:
    lines = [example for rule in rulebook().rules for example in rule.examples]
    for table in sorted((ROOT / "tests" / "replies" / "data").glob("*.jsonl")):
        for row in table.read_text(encoding="utf-8").splitlines():
            if row.strip():
                lines.append(json.loads(row)["text"])
    return list(dict.fromkeys(line for line in lines if line.strip()))


def measure(lines: list[str], seconds: float) -> tuple[int, float]:
    for line in lines:  # warm up: compile the rule book, fill caches the way a long run would
        explain(line)
    done = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for line in lines:
            explain(line)
        done += len(lines)
        elapsed = time.perf_counter() - start
    return done, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    start = time.perf_counter()
    rulebook()
    build = time.perf_counter() - start
    lines = reply_lines()
    done, elapsed = measure(lines, arguments.seconds)
    rate = done / elapsed
    result = {
        "distinct_lines": len(lines),
        "rules": len(rulebook().rules),
        "lines_explained": done,
        "seconds": round(elapsed, 3),
        "lines_per_second": round(rate),
        "target": TARGET,
        "ratio_to_target": round(rate / TARGET, 2),
        "rulebook_build_seconds": round(build, 3),
    }
    if arguments.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
