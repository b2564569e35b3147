"""Start-up as a person feels it: whole ``bouncekit`` processes, beside ``python -c pass``.

Each command runs as a fresh process ``--runs`` times (10 by default) and its median counts,
both wall-clock time and the CPU time (user + system) the process used: on a shared machine the
wall clock measures the neighbours too, the CPU time much less so. The source tree is this
checkout's ``src``; ``--before REF`` also extracts ``src`` of a git ref (``main``, a commit) to a
temporary directory and measures it in the same rounds, interleaved, so the two columns saw the
same load. Bytecode is compiled first for both trees, as an installed package has it.

Targets (issue 12): ``bouncekit --help`` under 120 ms and ``bouncekit explain '550 5.1.1 User
unknown'`` under 150 ms, wall clock, median.

    .venv/bin/python bench/startup.py [--runs 10] [--before main] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGETS_MS = {"--help": 120.0, "explain": 150.0}

# (label, arguments after ``python``); the floor first. ``-m bouncekit`` imports what the
# ``bouncekit`` console script imports (the package, then bouncekit.cli) plus runpy (~2 ms).
COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass", ["-c", "pass"]),
    ("import bouncekit", ["-c", "import bouncekit"]),
    ("--help", ["-m", "bouncekit", "--help"]),
    ("--version", ["-m", "bouncekit", "--version"]),
    ("explain", ["-m", "bouncekit", "explain", "550 5.1.1 User unknown"]),
    ("explain --json", ["-m", "bouncekit", "--json", "explain", "550 5.1.1 User unknown"]),
    ("verify --help", ["-m", "bouncekit", "verify", "--help"]),
]


@dataclass(frozen=True, slots=True)
class Sample:
    wall_ms: float
    cpu_ms: float


def _environment(source: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    environment.update(PYTHONPATH=str(source), COLUMNS="100", NO_COLOR="1")
    return environment


def run_once(arguments: list[str], environment: dict[str, str]) -> Sample:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *arguments],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} exited {process.returncode}: {error}")
    return Sample(wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000)


def extract(ref: str, into: Path) -> Path:
    """``src`` of a git ref, as files in ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "src"],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def compile_tree(source: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(source)],
        env=_environment(source),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(trees: dict[str, Path], runs: int) -> dict[str, dict[str, list[Sample]]]:
    samples: dict[str, dict[str, list[Sample]]] = {
        tree: {label: [] for label, _ in COMMANDS} for tree in trees
    }
    environments = {tree: _environment(source) for tree, source in trees.items()}
    for tree in trees:  # a warm-up round: the page cache, the bytecode
        for _, arguments in COMMANDS:
            run_once(arguments, environments[tree])
    for _ in range(runs):
        for label, arguments in COMMANDS:
            for tree in trees:
                samples[tree][label].append(run_once(arguments, environments[tree]))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--before", metavar="REF", help="also measure src of this git ref")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bouncekit-startup-"))
    try:
        trees = {"this tree": ROOT / "src"}
        if options.before:
            trees = {f"before ({options.before})": extract(options.before, scratch), **trees}
        for source in trees.values():
            compile_tree(source)
        load_before = os.getloadavg()
        samples = measure(trees, options.runs)
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    result: dict[str, Any] = {
        "runs": options.runs,
        "cpus": os.cpu_count(),
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in load_after],
        "median_ms": {
            tree: {
                label: {
                    "wall": round(statistics.median(s.wall_ms for s in runs), 1),
                    "cpu": round(statistics.median(s.cpu_ms for s in runs), 1),
                }
                for label, runs in by_label.items()
            }
            for tree, by_label in samples.items()
        },
        "targets_ms": TARGETS_MS,
    }
    if options.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{options.runs} runs each, median; {result['cpus']} CPUs; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after"
    )
    header = f"{'command':<16}" + "".join(f"{tree:>26}" for tree in trees)
    print(header)
    print(f"{'':<16}" + "".join(f"{'wall ms':>14}{'cpu ms':>12}" for _ in trees))
    for label, _ in COMMANDS:
        row = f"{label:<16}"
        for tree in trees:
            figures = result["median_ms"][tree][label]
            row += f"{figures['wall']:>14.1f}{figures['cpu']:>12.1f}"
        target = TARGETS_MS.get(label)
        if target is not None:
            row += f"   target < {target:.0f} ms wall"
        print(row)


if __name__ == "__main__":
    main()
