"""Score explain on reply lines labelled by hand: reason, owner, and good addresses condemned.

Every ``bench/data/replies/*.jsonl`` line is a reply as a sender received it (``text``), with
the ``reason`` and ``owner`` a person gave it, ``address_invalid`` (whether the text itself says
the address is gone) and its ``source``. Lines are split by source page (bench/heldout.py) into
a development part and a held-out third: rules are never written from the held-out part.

``bench/data/replies_fresh/*.jsonl``, where present, is scored apart, ``fresh``: replies
collected and labelled blind on 2026-12-08, after the rules of the day before were written. It
is split by page as the first set is: ``fresh dev`` joins the material rules may be written
from; ``fresh held`` is only ever a number, to tell how the rules do on replies nobody on the
team has read.

Printed per part: reason and owner accuracy, the share of replies that say nothing against the
address but come out ``invalid`` (the mistake that deletes good subscribers), and the share of
replies that do say the address is gone and come out ``invalid``.

    .venv/bin/python bench/replies_accuracy.py [--misses reason|owner|invalid] [--show-held-out]
        [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bouncekit import Verdict, explain
from heldout import DEV, HELD_OUT, part_of

DATA = Path(__file__).resolve().parent / "data" / "replies"
FRESH = Path(__file__).resolve().parent / "data" / "replies_fresh"
TARGETS = {"reason": 0.90, "owner": 0.95, "good judged invalid": 0.01}


def rows(folder: Path = DATA) -> list[dict[str, Any]]:
    found = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["where"] = f"{path.name}:{number}"
                found.append(row)
    return found


def unit(row: dict[str, Any]) -> str:
    """The page a reply was read on: replies of one thread stay on one side."""
    parts = urlsplit(row["source"])
    return f"{parts.netloc}{parts.path}".rstrip("/").lower()


def judge(text: str) -> tuple[str, str, bool, str]:
    diagnoses = explain(text)
    if not diagnoses:
        return "none", "none", False, "no reply found"
    first = diagnoses[0]
    why = first.evidence.rule_id or first.evidence.source
    return first.reason.value, first.owner.value, first.verdict is Verdict.INVALID, why


def score(part_rows: list[dict[str, Any]]) -> tuple[dict[str, float], dict[str, list[str]]]:
    right: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    misses: dict[str, list[str]] = defaultdict(list)
    for row in part_rows:
        reason, owner, invalid, why = judge(row["text"])
        line = (
            f"{row['where']}: want {row['reason']}/{row['owner']}"
            f"{'/invalid' if row['address_invalid'] else ''}, got {reason}/{owner}"
            f"{'/invalid' if invalid else ''} [{why}] {row['text'][:160]}"
        )
        for field, ok in (("reason", reason == row["reason"]), ("owner", owner == row["owner"])):
            counted[field] += 1
            right[field] += ok
            if not ok:
                misses[field].append(line)
        if row["address_invalid"]:
            counted["bad found invalid"] += 1
            right["bad found invalid"] += invalid
        else:
            counted["good judged invalid"] += 1
            right["good judged invalid"] += invalid
            if invalid:
                misses["invalid"].append(line)
    return {field: right[field] / counted[field] for field in counted}, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=("reason", "owner", "invalid"))
    parser.add_argument(
        "--show-held-out",
        action="store_true",
        help="list held-out misses too (never to write rules from)",
    )
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    every = rows()
    parts: dict[str, list[dict[str, Any]]] = {DEV: [], HELD_OUT: []}
    for row in every:
        parts[part_of(unit(row))].append(row)
    table: dict[str, dict[str, float]] = {}
    misses: dict[str, list[str]] = defaultdict(list)
    fresh = rows(FRESH)
    fresh_parts = {
        f"fresh {part.replace('held-out', 'held')}": [
            row for row in fresh if part_of(unit(row)) == part
        ]
        for part in (DEV, HELD_OUT)
    }
    scored = [*parts.items(), ("all", every)] + (list(fresh_parts.items()) if fresh else [])
    for part, part_rows in scored:
        table[part], part_misses = score(part_rows)
        if part in (DEV, "fresh dev") or (part == HELD_OUT and arguments.show_held_out):
            for field, lines in part_misses.items():
                misses[field].extend(lines)
    fields = ("reason", "owner", "good judged invalid", "bad found invalid")
    if arguments.json:
        counts = {part: len(part_rows) for part, part_rows in parts.items()}
        counts.update({part: len(part_rows) for part, part_rows in fresh_parts.items()})
        print(json.dumps({"replies": len(every), "parts": counts, "scores": table}, indent=2))
    else:
        print(
            f"{len(every)} replies: {len(parts[DEV])} development, {len(parts[HELD_OUT])} held "
            "out (bench/heldout.py, by source page)"
            + (
                f"; {len(fresh)} fresh (bench/data/replies_fresh): "
                f"{len(fresh_parts['fresh dev'])} development, "
                f"{len(fresh_parts['fresh held'])} held"
                if fresh
                else ""
            )
        )
        print(f"{'':12}" + "".join(f"{field:>22}" for field in fields))
        targets = [TARGETS.get(field) for field in fields]
        print(f"{'target':12}" + "".join(f"{t:>22.0%}" if t else f"{'':>22}" for t in targets))
        for part in (DEV, HELD_OUT, "all", *(fresh_parts if fresh else [])):
            print(f"{part:12}" + "".join(f"{table[part][field]:>22.1%}" for field in fields))
    if arguments.misses:
        print("\n".join(misses[arguments.misses]))
    passed = (
        table["all"]["reason"] >= TARGETS["reason"]
        and table["all"]["owner"] >= TARGETS["owner"]
        and table["all"]["good judged invalid"] <= TARGETS["good judged invalid"]
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
