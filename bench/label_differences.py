"""Write tests/bounces/label_differences.jsonl: where bouncekit's records differ from the labels.

Each line names the record (file, index), the field, the label's value, ours, and why. Reasons
already written are kept; a new difference is written with "why": "not matched yet", for a
person to investigate or justify. The sample test (tests/bounces/test_samples.py) fails when a
listed difference changes or an unlisted one appears.

    .venv/bin/python bench/label_differences.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bouncekit.bounces import parse_bounce

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "sisimai"
TARGET = ROOT / "tests" / "bounces" / "label_differences.jsonl"
FIELDS = ("recipient", "status", "replycode", "reason", "hardbounce")
NOT_YET = "not matched yet"


def ours(record: object, field: str) -> object:
    if record is None:
        return None
    value = {
        "recipient": lambda r: r.recipient.lower(),
        "status": lambda r: r.status or "",
        "replycode": lambda r: r.replycode or "",
        "reason": lambda r: r.reason.value,
        "hardbounce": lambda r: r.hard,
    }[field]
    return value(record)


def differences() -> list[dict[str, object]]:
    known = {}
    if TARGET.exists():
        for line in TARGET.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            known[(row["file"], row["index"], row["field"])] = row["why"]
    rows = []
    labels = [json.loads(line) for line in (CORPUS / "labels.jsonl").read_text().splitlines()]
    parsed: dict[str, tuple[object, ...]] = {}
    for label in labels:
        name = label["file"]
        if name not in parsed:
            parsed[name] = parse_bounce((CORPUS / name).read_bytes()).records
        records = parsed[name]
        record = records[label["index"] - 1] if len(records) >= label["index"] else None
        for field in FIELDS:
            expected = label[field].lower() if field == "recipient" else label[field]
            got = ours(record, field)
            if got != expected:
                key = (name, label["index"], field)
                rows.append(
                    {
                        "file": name,
                        "index": label["index"],
                        "field": field,
                        "label": expected,
                        "ours": got,
                        "why": known.get(key, NOT_YET),
                    }
                )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    arguments = parser.parse_args()
    rows = differences()
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if arguments.check:
        print("current" if text == current else "out of date")
        return 0 if text == current else 1
    TARGET.write_text(text, encoding="utf-8")
    unexplained = sum(row["why"] == NOT_YET for row in rows)
    print(f"{len(rows)} differences written to {TARGET.name}; {unexplained} not explained yet")
    return 0


if __name__ == "__main__":
    sys.exit(main())
