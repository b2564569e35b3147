"""Score bounce parsing on the labelled corpus, per record, beside the peers.

For every record of ../shared/corpus/sisimai/labels.jsonl (Sisimai 5.1's own expectations),
the record at the same position of the same message is compared on recipient, status, reply
code, reason and hard bounce. The same table is printed for Debian's libsisimai-perl (4.25)
and, for recipients only, PyPI's flufl.bounce, when they are installed.

    .venv/bin/python bench/corpus_accuracy.py [--peers] [--only DIR] [--misses FIELD] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from bouncekit.bounces import parse_bounce

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "sisimai"
FIELDS = ("recipient", "status", "replycode", "reason", "hardbounce")
TARGETS = {"recipient": 0.99, "status": 0.97, "replycode": 0.97, "reason": 0.95, "hardbounce": 0.97}

SISIMAI_SCRIPT = r"""
use strict; use warnings; use Sisimai; use JSON::PP;
my $json = JSON::PP->new->canonical;
for my $file (@ARGV) {
    my $index = 0;
    my $data = eval { Sisimai->make($file, 'delivered' => 1, 'vacation' => 1) } || [];
    for my $r (@$data) {
        $index++;
        print $json->encode({file => $file, index => $index,
            recipient => $r->recipient->address, status => $r->deliverystatus // '',
            replycode => $r->replycode // '', reason => $r->reason // '',
            # 4.x has softbounce (0 hard, 1 soft, -1 unknown); 5.x has hardbounce.
            hardbounce => (($r->can('hardbounce') ? $r->hardbounce : $r->softbounce == 0)
                           ? JSON::PP::true : JSON::PP::false)}), "\n";
    }
}
"""


def labels(only: str | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (CORPUS / "labels.jsonl").read_text().splitlines()]
    return [row for row in rows if only is None or row["file"].startswith(only + "/")]


def ours(files: list[str]) -> dict[tuple[str, int], dict[str, Any]]:
    found = {}
    for name in files:
        report = parse_bounce((CORPUS / name).read_bytes())
        for record in report.records:
            found[(name, record.index)] = {
                "recipient": record.recipient,
                "status": record.status or "",
                "replycode": record.replycode or "",
                "reason": record.reason.value,
                "hardbounce": record.hard,
                "decodedby": record.decoded_by,
            }
    return found


def sisimai(files: list[str]) -> dict[tuple[str, int], dict[str, Any]] | None:
    if shutil.which("perl") is None:
        return None
    probe = subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True, check=False)
    if probe.returncode != 0:
        return None
    paths = [str(CORPUS / name) for name in files]
    result = subprocess.run(
        ["perl", "-e", SISIMAI_SCRIPT, *paths], capture_output=True, text=True, check=False
    )
    found = {}
    for line in result.stdout.splitlines():
        row = json.loads(line)
        name = str(Path(row["file"]).relative_to(CORPUS))
        found[(name, row["index"])] = row
    return found


def flufl(files: list[str]) -> dict[str, set[str]] | None:
    try:
        from flufl.bounce import scan_message
    except ImportError:
        return None
    import email

    found = {}
    for name in files:
        message = email.message_from_bytes((CORPUS / name).read_bytes())
        try:
            addresses = scan_message(message)
        except Exception:  # a peer's crash on a sample is a miss, not our failure
            addresses = set()
        found[name] = {
            (a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)).lower()
            for a in addresses
        }
    return found


def normalise(field: str, value: Any) -> Any:
    if field == "recipient":
        return str(value).lower()
    return value


def score(
    rows: list[dict[str, Any]], got: dict[tuple[str, int], dict[str, Any]], fields: tuple[str, ...]
) -> tuple[dict[str, float], dict[str, list[tuple[dict[str, Any], Any]]]]:
    correct: dict[str, int] = defaultdict(int)
    misses: dict[str, list[tuple[dict[str, Any], Any]]] = defaultdict(list)
    for row in rows:
        record = got.get((row["file"], row["index"]))
        for field in fields:
            value = None if record is None else record.get(field)
            if record is not None and normalise(field, value) == normalise(field, row[field]):
                correct[field] += 1
            else:
                misses[field].append((row, value))
    return {field: correct[field] / len(rows) for field in fields}, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", action="store_true", help="also score libsisimai-perl, flufl")
    parser.add_argument("--only", help="one corpus folder, e.g. qmail")
    parser.add_argument("--misses", metavar="FIELD", help="list the records that miss FIELD")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    if not CORPUS.exists():
        print(f"The corpus is missing at {CORPUS}.", file=sys.stderr)
        return 2
    rows = labels(arguments.only)
    files = sorted({row["file"] for row in rows})
    table: dict[str, dict[str, float]] = {}
    table["bouncekit"], misses = score(rows, ours(files), FIELDS)
    if arguments.peers:
        peer = sisimai(files)
        if peer is not None:
            table["libsisimai-perl 4.25"], _ = score(rows, peer, FIELDS)
        addresses = flufl(files)
        if addresses is not None:
            hits = sum(row["recipient"].lower() in addresses[row["file"]] for row in rows)
            table["flufl.bounce"] = {"recipient": hits / len(rows)}
    if arguments.json:
        print(json.dumps({"records": len(rows), "files": len(files), "scores": table}, indent=2))
    else:
        print(f"{len(rows)} records in {len(files)} messages")
        print(f"{'':22}" + "".join(f"{field:>12}" for field in FIELDS))
        print(f"{'target':22}" + "".join(f"{TARGETS[f]:>12.0%}" for f in FIELDS))
        for name, scores in table.items():
            cells = "".join(f"{scores[f]:>12.1%}" if f in scores else f"{'-':>12}" for f in FIELDS)
            print(f"{name:22}{cells}")
    if arguments.misses:
        for row, value in misses[arguments.misses]:
            print(
                f"{row['file']}#{row['index']}: expected {row[arguments.misses]!r}, got {value!r}"
            )
    passed = all(table["bouncekit"][f] >= TARGETS[f] for f in FIELDS)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
