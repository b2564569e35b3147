"""Bounce messages parsed per second: bouncekit beside Debian's libsisimai-perl, one run.

The corpus is every ../shared/corpus/sisimai/**/*.eml copied 10 times into a temporary
directory. Each side reads the same directory:

- bouncekit through its batch API (``parse_paths``), with ``jobs=1`` (in-process) and
  ``jobs=2`` (worker processes; their start-up is counted);
- Sisimai in one perl process running ``Sisimai->make($dir)`` over the directory, timed inside
  perl so that perl's start-up is not counted per message (it is reported separately).

Each side runs ``--runs`` times (5 by default), interleaved, and its fastest run counts: on a
shared machine the slower runs measure the neighbours. Then a 15 MB bounce carrying a base64
PDF is parsed alone. Targets: bouncekit -j 1 at least 3x Sisimai; -j 2 at least 1.7x -j 1.

As a person runs them, whole processes, start-up counted on both sides: ``bouncekit parse -f
jsonl -j 1`` and ``-j 2`` over the directory (output to /dev/null) beside the perl process
(issue 12's targets: -j 1 at least 4x Sisimai on 4,200 messages and 3x on 420 (--copies 1);
-j 2 at least 1.75x -j 1).

    .venv/bin/python bench/parse.py [--copies 10] [--runs 5] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "sisimai"
TARGET_VS_SISIMAI = 3.0
TARGET_TWO_JOBS = 1.7

sys.path.insert(0, str(ROOT))  # for tests.bounces.messages: the 15 MB bounce the tests build

from bouncekit.bounces import parse_bounce  # noqa: E402
from bouncekit.bounces.batch import Summary, parse_paths  # noqa: E402

from tests.bounces.messages import big_bounce  # noqa: E402  # isort: skip

SISIMAI_SCRIPT = r"""
use strict; use warnings; use Time::HiRes qw(time); use JSON::PP;
use Sisimai;
my $start = time;
my $data = Sisimai->make($ARGV[0], 'delivered' => 1, 'vacation' => 1) || [];
my $end = time;
print JSON::PP->new->encode({records => scalar(@$data), seconds => $end - $start}), "\n";
"""


def copy_corpus(target: Path, copies: int) -> int:
    # One flat directory: Sisimai reads a directory's files, not its subdirectories.
    files = sorted(CORPUS.rglob("*.eml"))
    for copy in range(copies):
        for path in files:
            shutil.copyfile(path, target / f"{copy:02}-{path.parent.name}-{path.name}")
    return len(files) * copies


def bouncekit_run(directory: Path, jobs: int) -> dict[str, Any]:
    summary = Summary()
    start = time.perf_counter()
    for result in parse_paths([directory], jobs=jobs):
        summary.add(result)
    seconds = time.perf_counter() - start
    return {
        "messages": summary.messages,
        "records": summary.records,
        "errors": summary.errors,
        "seconds": round(seconds, 3),
        "messages_per_second": round(summary.messages / seconds),
    }


def sisimai_run(directory: Path, messages: int) -> dict[str, Any] | None:
    if shutil.which("perl") is None:
        return None
    version = subprocess.run(
        ["perl", "-MSisimai", "-e", "print $Sisimai::VERSION"],
        capture_output=True,
        text=True,
        check=False,
    )
    if version.returncode != 0:
        return None
    start = time.perf_counter()
    result = subprocess.run(
        ["perl", "-e", SISIMAI_SCRIPT, str(directory)],
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    inside = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "version": version.stdout.strip(),
        "messages": messages,
        "records": inside["records"],
        "seconds": round(inside["seconds"], 3),
        "messages_per_second": round(messages / inside["seconds"]),
        "process_seconds": round(wall, 3),
        "startup_seconds": round(wall - inside["seconds"], 3),
    }


def bouncekit_process(directory: Path, jobs: int, messages: int) -> dict[str, Any]:
    """``bouncekit parse -f jsonl -j JOBS DIR`` as a whole process, output to /dev/null."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    command = [sys.executable, "-m", "bouncekit", "parse", "-f", "jsonl", "-j", str(jobs)]
    start = time.perf_counter()
    subprocess.run(
        [*command, str(directory)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,  # exit 1 when some input failed; those are counted by the in-process run
    )
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 3), "messages_per_second": round(messages / seconds)}


def fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda run: float(run["seconds"]))


def big_message() -> dict[str, Any]:
    data = big_bounce(15)
    parse_bounce(data)  # once to warm caches; then the best of three
    times = []
    for _ in range(3):
        start = time.perf_counter()
        report = parse_bounce(data)
        times.append(time.perf_counter() - start)
    return {
        "bytes": len(data),
        "seconds": round(min(times), 3),
        "recipients": [record.recipient for record in report.records],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5, help="runs per side; the fastest counts")
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    if not CORPUS.exists():
        print(f"The corpus is missing at {CORPUS}.", file=sys.stderr)
        return 2
    parse_bounce(b"")  # load the formats and rules once, as a long run would
    with tempfile.TemporaryDirectory(prefix="bouncekit-bench-") as temporary:
        directory = Path(temporary)
        messages = copy_corpus(directory, arguments.copies)
        list(parse_paths([directory]))  # warm the page cache for every side
        runs: dict[str, list[dict[str, Any]]] = {
            "one": [], "two": [], "sisimai": [], "process_one": [], "process_two": []
        }  # fmt: skip
        bouncekit_process(directory, 1, messages)  # bytecode
        for _ in range(max(arguments.runs, 1)):
            runs["one"].append(bouncekit_run(directory, jobs=1))
            runs["two"].append(bouncekit_run(directory, jobs=2))
            runs["process_one"].append(bouncekit_process(directory, 1, messages))
            runs["process_two"].append(bouncekit_process(directory, 2, messages))
            if (sisimai_result := sisimai_run(directory, messages)) is not None:
                runs["sisimai"].append(sisimai_result)
        one, two = fastest(runs["one"]), fastest(runs["two"])
        process_one, process_two = fastest(runs["process_one"]), fastest(runs["process_two"])
        sisimai = fastest(runs["sisimai"]) if runs["sisimai"] else None
    result: dict[str, Any] = {
        "messages": messages,
        "runs": max(arguments.runs, 1),
        "cpus": os.cpu_count(),
        "bouncekit_j1": one,
        "bouncekit_j2": two,
        "sisimai": sisimai,
        "big_message": big_message(),
        "ratio_j1_vs_sisimai": None,
        "ratio_j2_vs_j1": round(two["messages_per_second"] / one["messages_per_second"], 2),
        "process_j1": process_one,
        "process_j2": process_two,
        "process_ratio_j2_vs_j1": round(process_one["seconds"] / process_two["seconds"], 2),
        "process_ratio_j1_vs_sisimai": (
            round(sisimai["process_seconds"] / process_one["seconds"], 2) if sisimai else None
        ),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "targets": {"j1_vs_sisimai": TARGET_VS_SISIMAI, "j2_vs_j1": TARGET_TWO_JOBS},
    }
    if sisimai is not None:
        ratio = one["messages_per_second"] / sisimai["messages_per_second"]
        result["ratio_j1_vs_sisimai"] = round(ratio, 2)
    if arguments.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    met = result["ratio_j2_vs_j1"] >= TARGET_TWO_JOBS and (
        result["ratio_j1_vs_sisimai"] is None or result["ratio_j1_vs_sisimai"] >= TARGET_VS_SISIMAI
    )
    return 0 if met else 1


def print_table(result: dict[str, Any]) -> None:
    print(
        f"{result['messages']} messages ({result['cpus']} CPUs), "
        f"the fastest of {result['runs']} runs per side"
    )
    print(f"{'':26}{'messages/s':>12}{'seconds':>10}{'records':>10}")
    rows = [("bouncekit -j 1", result["bouncekit_j1"]), ("bouncekit -j 2", result["bouncekit_j2"])]
    if result["sisimai"] is not None:
        rows.append((f"libsisimai-perl {result['sisimai']['version']}", result["sisimai"]))
    for name, row in rows:
        print(
            f"{name:26}{row['messages_per_second']:>12}{row['seconds']:>10.3f}{row['records']:>10}"
        )
    if result["sisimai"] is not None:
        print(
            f"perl start-up and Sisimai load, not counted above: "
            f"{result['sisimai']['startup_seconds']:.3f} s"
        )
        print(
            f"bouncekit -j 1 / Sisimai: {result['ratio_j1_vs_sisimai']:.2f}x "
            f"(target {TARGET_VS_SISIMAI}x)"
        )
    else:
        print("libsisimai-perl is not installed: apt-get install libsisimai-perl")
    print(f"bouncekit -j 2 / -j 1: {result['ratio_j2_vs_j1']:.2f}x (target {TARGET_TWO_JOBS}x)")
    print(
        f"whole processes, start-up counted: bouncekit parse -f jsonl -j 1 "
        f"{result['process_j1']['seconds']:.3f} s, -j 2 {result['process_j2']['seconds']:.3f} s"
        + (
            f", Sisimai {result['sisimai']['process_seconds']:.3f} s; -j 1 / Sisimai "
            f"{result['process_ratio_j1_vs_sisimai']:.2f}x"
            if result["sisimai"] is not None
            else ""
        )
        + f"; -j 2 / -j 1 {result['process_ratio_j2_vs_j1']:.2f}x"
    )
    print(f"load average {result['load_average']}")
    big = result["big_message"]
    print(
        f"15 MB bounce ({big['bytes']:,} bytes, base64 PDF): {big['seconds']:.3f} s, "
        f"recipients {', '.join(big['recipients']) or 'none'}"
    )


if __name__ == "__main__":
    sys.exit(main())
