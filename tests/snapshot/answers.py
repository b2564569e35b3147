"""Every answer bouncekit gives over the material we hold, written down so a refactor can prove
it changed none.

Two kinds of answer, one JSON line each, keyed so a difference names its input:
- ``parse``: every record of every message of ``corpus/sisimai``, ``corpus/sisimai-extra``,
  ``corpus/flufl``, ``tests/bounces/samples`` and ``bench/data/bounces``
  (``BounceRecord.to_dict`` and the message's kind);
- ``explain``: the whole diagnosis of every rule example, blocklist example and reply table
  text (``Diagnosis.to_dict``).

A change of answer that is meant (a new rule, a better reading) rewrites the file:
``.venv/bin/python -m tests.snapshot.answers --write``, and the diff of the compressed file is
read with ``--diff OLD.jsonl.gz``. A refactor never rewrites it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared"
SNAPSHOT = HERE / "answers.jsonl.gz"
BOUNCE_SOURCES = (
    SHARED / "corpus" / "sisimai",
    SHARED / "corpus" / "sisimai-extra",
    SHARED / "corpus" / "flufl",
    REPO / "tests" / "bounces" / "samples",
    REPO / "bench" / "data" / "bounces",
)
REPLY_TABLES = (
    REPO / "tests" / "replies" / "data",
    REPO / "tests" / "replies" / "data" / "mta_tables",
    REPO / "tests" / "replies" / "data" / "provider_tables",
    REPO / "bench" / "data" / "replies",
)
# Fields added to a record or a diagnosis later are not part of the comparison until the
# snapshot is rewritten: a refactor may add, never change.


def _relative(path: str) -> str:
    for base in (SHARED, REPO):
        if path.startswith(str(base)):
            return path[len(str(base)) + 1 :]
    return path


def _parse_answers() -> Iterator[tuple[str, dict[str, Any]]]:
    from bouncekit.bounces.batch import Parsed, parse_paths

    for top in BOUNCE_SOURCES:
        paths = sorted(
            p for p in top.rglob("*") if p.is_file() and p.suffix not in {".jsonl", ".md", ".json"}
        )
        for result in parse_paths(paths):
            source = _relative(result.source)
            if not isinstance(result, Parsed):
                yield f"parse {source}", {"failure": True}
                continue
            report = result.report
            yield f"parse {source}", {"kind": report.kind.value, "records": len(report.records)}
            for record in report.records:
                answer = record.to_dict()
                answer["file"] = _relative(answer["file"] or "")
                # Both name the checkout's absolute path (the id hashes it): another
                # checkout would differ in them alone.
                del answer["event_id"], answer["source"]
                yield f"parse {source} #{record.index}", answer


def _reply_texts() -> Iterator[str]:
    from bouncekit.replies.blocklists import BLOCKLISTS
    from bouncekit.replies.classify import rulebook

    for rule in rulebook().rules:
        yield from rule.examples
    for blocklist in BLOCKLISTS:
        yield from blocklist.examples
    for folder in REPLY_TABLES:
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)["text"]


def _explain_answers() -> Iterator[tuple[str, dict[str, Any]]]:
    from bouncekit import explain

    for text in dict.fromkeys(_reply_texts()):
        yield f"explain {text}", {"diagnoses": [d.to_dict() for d in explain(text)]}


def answers() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (key, answer) pair, in a fixed order."""
    yield from _parse_answers()
    yield from _explain_answers()


def read(path: Path = SNAPSHOT) -> dict[str, dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return {row["key"]: row["answer"] for row in map(json.loads, lines)}


def write(path: Path = SNAPSHOT) -> int:
    rows = [
        json.dumps({"key": key, "answer": answer}, ensure_ascii=False) for key, answer in answers()
    ]
    # mtime=0: the same answers give the same bytes, so git sees no change when there is none.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(("\n".join(rows) + "\n").encode("utf-8"))
    return len(rows)


def differences(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[str]:
    """One line per key whose answer changed, was lost or is new. Fields only in ``new``
    (added since the snapshot) are not compared."""
    lines = []
    for key in old.keys() - new.keys():
        lines.append(f"lost: {key}")
    for key in new.keys() - old.keys():
        lines.append(f"new: {key}")
    for key in old.keys() & new.keys():
        changed = _changed(old[key], new[key])
        if changed:
            lines.append(f"changed: {key}: {changed}")
    return sorted(lines)


def _changed(old: Any, new: Any, where: str = "") -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for name, value in old.items():
            found = _changed(value, new.get(name), f"{where}.{name}" if where else name)
            if found:
                return found
        return ""
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for number, (a, b) in enumerate(zip(old, new, strict=True)):
            found = _changed(a, b, f"{where}[{number}]")
            if found:
                return found
        return ""
    return "" if old == new else f"{where}: {old!r} -> {new!r}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the snapshot")
    parser.add_argument(
        "--diff", type=Path, help="compare this older snapshot with the current one"
    )
    options = parser.parse_args(argv)
    if options.write:
        print(f"{write()} answers written to {SNAPSHOT.relative_to(REPO)}")
        return 0
    old = read(options.diff or SNAPSHOT)
    new = read() if options.diff else dict(answers())
    found = differences(old, new)
    print("\n".join(found) or "no difference")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
