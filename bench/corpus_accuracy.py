"""Score bounce parsing on the labelled corpora, beside the peers.

corpus/sisimai: for every record of its labels.jsonl (Sisimai 5.1's own expectations), the
record at the same position of the same message is compared on recipient, status, reply code,
reason and hard bounce. The same table is printed for Debian's libsisimai-perl (4.25) and, for
recipients only, PyPI's flufl.bounce, when they are installed. Rules were written from all of
this corpus: it measures what we were shown.

corpus/flufl: per message, as flufl.bounce's tests count it: a bounce found where one is
expected (and none where none is), the exact set of failed recipients, and whether the failure
is permanent. Scored for the development part, the held-out part (bench/heldout.py: rules are
never written from it) and the whole, for bouncekit and both peers.

    .venv/bin/python bench/corpus_accuracy.py [--peers] [--corpus sisimai|flufl]
        [--only DIR] [--misses FIELD] [--show-held-out] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bouncekit.bounces import BounceKind, BounceRecord, parse_bounce
from bouncekit.replies.model import Reason
from heldout import DEV, HELD_OUT, flufl_unit, part_of

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "sisimai"
FLUFL = ROOT.parent / "shared" / "corpus" / "flufl"
OTHER = ROOT / "bench" / "data" / "bounces"
FIELDS = ("recipient", "status", "replycode", "reason", "hardbounce")
TARGETS = {"recipient": 0.99, "status": 0.97, "replycode": 0.97, "reason": 0.95, "hardbounce": 0.97}
MESSAGE_FIELDS = ("detected", "recipients", "permanence")
# Issue 9's targets: corpus/flufl's own, and those for bounces from other projects' test suites.
FLUFL_TARGETS = {"detected": 0.98, "recipients": 0.95, "permanence": 0.95}
OTHER_TARGETS = {"detected": 0.97, "recipients": 0.95, "permanence": 0.92}
# Records that report no failure: a delivery, an auto-reply, a complaint.
NOT_FAILURES = frozenset({Reason.DELIVERED, Reason.VACATION, Reason.FEEDBACK})

SISIMAI_SCRIPT = r"""
use strict; use warnings; use Sisimai; use JSON::PP;
my $json = JSON::PP->new->canonical;
for my $file (@ARGV) {
    my $index = 0;
    my $data = eval { Sisimai->make($file, 'delivered' => 1, 'vacation' => 1) } || [];
    for my $r (@$data) {
        $index++;
        print $json->encode({file => $file, index => $index, action => $r->action // '',
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


def sisimai(root: Path, files: list[str]) -> dict[tuple[str, int], dict[str, Any]] | None:
    """libsisimai-perl's records of each file, by (file, index); None when it is missing."""
    if shutil.which("perl") is None:
        return None
    probe = subprocess.run(["perl", "-MSisimai", "-e", "1"], capture_output=True, check=False)
    if probe.returncode != 0:
        return None
    paths = [str(root / name) for name in files]
    result = subprocess.run(
        ["perl", "-e", SISIMAI_SCRIPT, *paths], capture_output=True, text=True, check=False
    )
    found = {}
    for line in result.stdout.splitlines():
        row = json.loads(line)
        name = str(Path(row["file"]).relative_to(root))
        found[(name, row["index"])] = row
    return found


def flufl_failures(root: Path, files: list[str]) -> dict[str, tuple[set[str], set[str]]] | None:
    """flufl.bounce's (temporary, permanent) failed addresses of each file; None when missing."""
    try:
        from flufl.bounce import all_failures
    except ImportError:
        return None
    import email

    def text(address: object) -> str:
        return (
            address.decode("utf-8", "replace") if isinstance(address, bytes) else str(address)
        ).lower()

    found = {}
    for name in files:
        message = email.message_from_bytes((root / name).read_bytes())
        try:
            temporary, permanent = all_failures(message)
        except Exception:  # a peer's crash on a sample is a miss, not our failure
            temporary, permanent = set(), set()
        found[name] = ({text(a) for a in temporary}, {text(a) for a in permanent})
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


def sisimai_corpus(arguments: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    rows = labels(arguments.only)
    files = sorted({row["file"] for row in rows})
    table: dict[str, dict[str, float]] = {}
    table["bouncekit"], misses = score(rows, ours(files), FIELDS)
    if arguments.peers:
        peer = sisimai(CORPUS, files)
        if peer is not None:
            table["libsisimai-perl 4.25"], _ = score(rows, peer, FIELDS)
        failures = flufl_failures(CORPUS, files)
        if failures is not None:
            hits = sum(row["recipient"].lower() in failures[row["file"]][1] for row in rows)
            table["flufl.bounce"] = {"recipient": hits / len(rows)}
    if not arguments.json:
        print(
            f"corpus/sisimai: {len(rows)} records in {len(files)} messages "
            "(rules were written from all of it)"
        )
        print(f"{'':22}" + "".join(f"{field:>12}" for field in FIELDS))
        print(f"{'target':22}" + "".join(f"{TARGETS[f]:>12.0%}" for f in FIELDS))
        for name, scores in table.items():
            cells = "".join(f"{scores[f]:>12.1%}" if f in scores else f"{'-':>12}" for f in FIELDS)
            print(f"{name:22}{cells}")
    if arguments.misses in FIELDS:
        for row, value in misses[arguments.misses]:
            print(
                f"{row['file']}#{row['index']}: expected {row[arguments.misses]!r}, got {value!r}"
            )
    passed = all(table["bouncekit"][f] >= TARGETS[f] for f in FIELDS)
    return {"records": len(rows), "files": len(files), "scores": table}, passed


# What a tool says of one message, as flufl.bounce's tests count it.
Verdicts = dict[
    str, tuple[bool, set[str], set[str], bool]
]  # found, recipients, originals, permanent


def _is_permanent(record: BounceRecord) -> bool:
    if record.status:
        return record.status.startswith("5")
    return record.action == "failed"


def verdicts_ours(root: Path, files: list[str]) -> Verdicts:
    found: Verdicts = {}
    for name in files:
        report = parse_bounce((root / name).read_bytes())
        failures = [r for r in report.records if r.reason not in NOT_FAILURES]
        found[name] = (
            # A failure notice that names no address is a bounce found, its recipients
            # unknown.
            bool(failures) or (report.kind is BounceKind.FAILURE and not report.records),
            {r.recipient.lower() for r in failures},
            {(r.original_recipient or r.recipient).lower() for r in failures},
            any(_is_permanent(r) for r in failures),
        )
    return found


def verdicts_sisimai(root: Path, files: list[str]) -> Verdicts | None:
    records = sisimai(root, files)
    if records is None:
        return None
    found: Verdicts = {name: (False, set(), set(), False) for name in files}
    for (name, _), row in sorted(records.items()):
        if row["reason"] in ("delivered", "vacation", "feedback"):
            continue
        permanent = row["status"].startswith("5") if row["status"] else row["action"] == "failed"
        _, recipients, _, any_permanent = found[name]
        recipients = recipients | {row["recipient"].lower()}
        found[name] = (True, recipients, recipients, any_permanent or permanent)
    return found


def verdicts_flufl(root: Path, files: list[str]) -> Verdicts | None:
    failures = flufl_failures(root, files)
    if failures is None:
        return None
    found: Verdicts = {}
    for name, (temporary, permanent) in failures.items():
        everyone = temporary | permanent
        found[name] = (bool(everyone), everyone, everyone, bool(permanent))
    return found


def message_score(
    rows: list[dict[str, Any]], verdicts: Verdicts
) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Shares of messages right on each of MESSAGE_FIELDS, and the misses, explained."""
    right: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    misses: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        name = row["file"]
        found, recipients, originals, permanent = verdicts[name]
        checks = {}
        if row["is_bounce"] is not None:
            checks["detected"] = (row["is_bounce"], found)
        if row["recipients_complete"] and row["recipients"] is not None:
            wanted = {address.lower() for address in row["recipients"]}
            got = recipients if wanted != originals else originals
            checks["recipients"] = (sorted(wanted), sorted(got))
        if row["is_bounce"] and row["permanent"] is not None:
            checks["permanence"] = (row["permanent"], permanent if found else None)
        for field, (expected, got) in checks.items():
            counted[field] += 1
            if expected == got:
                right[field] += 1
            else:
                misses[field].append(f"{name}: {field} expected {expected!r}, got {got!r}")
    return {field: right[field] / counted[field] for field in counted}, misses


def flufl_rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (FLUFL / "labels.jsonl").read_text().splitlines()]


def other_rows() -> list[dict[str, Any]]:
    """bench/data/bounces: every project's labels, files named ``project/file``."""
    rows = []
    for labels_file in sorted(OTHER.glob("*/labels.jsonl")):
        for line in labels_file.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            row["file"] = f"{labels_file.parent.name}/{row['file']}"
            rows.append(row)
    return rows


def message_corpus(
    title: str,
    root: Path,
    rows: list[dict[str, Any]],
    unit: Callable[[str], str],
    targets: dict[str, float],
    arguments: argparse.Namespace,
) -> tuple[dict[str, Any], bool]:
    """One set of messages labelled as flufl.bounce's tests label them, scored by part."""
    files = [row["file"] for row in rows]
    parts: dict[str, list[dict[str, Any]]] = {DEV: [], HELD_OUT: []}
    for row in rows:
        parts[part_of(unit(row["file"]))].append(row)
    tools = {"bouncekit": verdicts_ours(root, files)}
    if arguments.peers:
        for name, verdicts in (
            ("libsisimai-perl 4.25", verdicts_sisimai(root, files)),
            ("flufl.bounce", verdicts_flufl(root, files)),
        ):
            if verdicts is not None:
                tools[name] = verdicts
    table: dict[str, dict[str, dict[str, float]]] = {}
    misses: dict[str, list[str]] = {}
    for tool, verdicts in tools.items():
        table[tool] = {}
        for part, part_rows in (*parts.items(), ("all", rows)):
            table[tool][part], part_misses = message_score(part_rows, verdicts)
            if tool == "bouncekit" and (
                part == DEV or (part == HELD_OUT and arguments.show_held_out)
            ):
                for field, lines in part_misses.items():
                    misses.setdefault(field, []).extend(lines)
    if not arguments.json:
        print(
            f"{title}: {len(rows)} messages, {len(parts[DEV])} development and "
            f"{len(parts[HELD_OUT])} held out (bench/heldout.py)"
        )
        print(f"{'':22}" + "".join(f"{field:>27}" for field in MESSAGE_FIELDS))
        print(f"{'':22}" + f"{'dev':>9}{'held-out':>9}{'all':>9}" * len(MESSAGE_FIELDS))
        print(f"{'target':22}" + "".join(f"{'':>18}{targets[f]:>9.0%}" for f in MESSAGE_FIELDS))
        for tool, by_part in table.items():
            cells = ""
            for field in MESSAGE_FIELDS:
                for part in (DEV, HELD_OUT, "all"):
                    value = by_part[part].get(field)
                    cells += f"{value:>9.1%}" if value is not None else f"{'-':>9}"
            print(f"{tool:22}{cells}")
    if arguments.misses in MESSAGE_FIELDS:
        for line in misses.get(arguments.misses, []):
            print(line)
    passed = all(table["bouncekit"]["all"].get(f, 1.0) >= targets[f] for f in MESSAGE_FIELDS)
    return {"messages": len(rows), "scores": table}, passed


def flufl_corpus(arguments: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    return message_corpus("corpus/flufl", FLUFL, flufl_rows(), flufl_unit, FLUFL_TARGETS, arguments)


def other_corpus(arguments: argparse.Namespace) -> tuple[dict[str, Any], bool]:
    title = "bench/data/bounces (seven other projects)"
    return message_corpus(title, OTHER, other_rows(), lambda file: file, OTHER_TARGETS, arguments)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers", action="store_true", help="also score libsisimai-perl, flufl")
    parser.add_argument("--corpus", choices=("sisimai", "flufl", "other"), help="one corpus only")
    parser.add_argument("--only", help="one folder of corpus/sisimai, e.g. qmail")
    parser.add_argument("--misses", metavar="FIELD", help="list the records that miss FIELD")
    parser.add_argument(
        "--show-held-out",
        action="store_true",
        help="list held-out misses too (never to write rules from)",
    )
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    results: dict[str, Any] = {}
    passed = True
    corpora = (
        ("sisimai", CORPUS, sisimai_corpus),
        ("flufl", FLUFL, flufl_corpus),
        ("other", OTHER, other_corpus),
    )
    for name, root, run in corpora:
        if arguments.corpus not in (None, name):
            continue
        if not root.exists():
            print(f"The corpus is missing at {root}.", file=sys.stderr)
            return 2
        results[name], corpus_passed = run(arguments)
        passed = passed and corpus_passed
        if not arguments.json:
            print()
    if arguments.json:
        print(json.dumps(results, indent=2))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
