"""A mutation fuzzer over every corpus: nothing may crash, hang or take more than linear time.

Each target reads mutated real inputs in a worker process: ``parse_bounce`` and ``explain``
(every bounce of ../shared/corpus and bench/data/bounces), ``explain`` on the replies of
bench/data/replies, the message reader of ``check-message`` (the same messages), and the CSV
reader of ``verify`` (lists made from the replies' addresses). The mutations are the ones
broken mail shows: bytes flipped, cut, inserted or repeated, a line or a part repeated until
the input is megabytes long, header lines dropped or broken, NUL bytes, mixed line ends, and
unbalanced quotes and brackets.

A target that raises anything but an :class:`~bouncekit.errors.InputError` (a sentence about
the input) is a crash; a worker that does not answer within ``--hang`` seconds is a hang. Both
are written to ``--out`` with the input. The report gives, per target, the inputs tried, the
crashes and hangs, and the slowest input per MB (seconds per MB of input, the measure of a
scan that is not linear).

    .venv/bin/python bench/robustness.py [--seconds 600] [--hang 30] [--out DIR] [--json]

Not part of ``make test``: it runs for as long as it is told to.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import random
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TARGETS = ("parse_bounce", "explain_message", "explain_reply", "read_message", "read_csv")


def _messages() -> list[bytes]:
    found = []
    for folder in (SHARED / "corpus", ROOT / "bench" / "data" / "bounces"):
        for path in sorted(folder.rglob("*")):
            named = path.name not in ("LICENSE", "README.md", "labels.jsonl")
            if named and path.is_file() and path.suffix in (".eml", ".txt", ".msg", ""):
                found.append(path.read_bytes())
    return found


def _replies() -> list[bytes]:
    found = []
    for path in sorted((ROOT / "bench" / "data" / "replies").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["text"].encode())
    return found


def _lists(replies: list[bytes]) -> list[bytes]:
    """Address lists as people keep them: CSV with a header, semicolons, quoted names."""
    rows = [f'"Person {n}",person{n}@example.org,{n}' for n in range(200)]
    return [
        ("name,email,id\n" + "\n".join(rows) + "\n").encode(),
        ("email;name\n" + "\n".join(f"a{n}@example.net;N{n}" for n in range(200))).encode(),
        b"\n".join(reply.split(b" ")[0] + b"@example.com" for reply in replies[:300]),
    ]


# --- mutations ---------------------------------------------------------------------------


def _flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _insert(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = rng.choice([b"\x00", b"\r", b"\n\n", b"<", b">", b"@", b'"', b"=?utf-8?b?", b"\xff\xfe"])
    return data[:at] + junk * rng.randint(1, 64) + data[at:]


def _repeat_slice(data: bytes, rng: random.Random) -> bytes:
    """A slice repeated until the input is about 1-4 MB: the shape of a quadratic scan."""
    if not data:
        return data
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 200)] or data[:1]
    times = max(1, rng.randint(1, 4) * 1_000_000 // len(piece))
    return data[:start] + piece * times + data[start:]


def _repeat_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    line = rng.choice(lines) or b"550 5.1.1 <a@b.example> user unknown"
    times = max(1, rng.randint(1, 3) * 1_000_000 // (len(line) + 1))
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + [line] * times + lines[at:])


def _headers(data: bytes, rng: random.Random) -> bytes:
    head, separator, body = data.partition(b"\n\n")
    lines = head.split(b"\n")
    choice = rng.randrange(4)
    if choice == 0 and lines:
        del lines[rng.randrange(len(lines))]  # a header line dropped
    elif choice == 1 and lines:
        lines[rng.randrange(len(lines))] = b"no colon in this header line"
    elif choice == 2:
        lines.insert(0, b" leading continuation line")
    else:
        lines.append(b"Content-Type: multipart/mixed; boundary=" + b"x" * rng.randint(1, 200))
    return b"\n".join(lines) + separator + body


def _line_ends(data: bytes, rng: random.Random) -> bytes:
    return data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\r", b"\r\r\n"]))


def _nest(data: bytes, rng: random.Random) -> bytes:
    """Multiparts nested a thousand deep around the message."""
    depth = rng.randint(100, 1500)
    head = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (n, n) for n in range(depth)
    )
    return b"From: a@b.example\n" + head + data


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    _flip,
    _cut,
    _insert,
    _repeat_slice,
    _repeat_line,
    _headers,
    _line_ends,
    _nest,
)


# --- the worker ----------------------------------------------------------------------------


def _call(target: str, data: bytes) -> None:
    from bouncekit import explain
    from bouncekit.bounces import parse_bounce

    if target == "parse_bounce":
        parse_bounce(data)
    elif target in ("explain_message", "explain_reply"):
        explain(data.decode("utf-8", "replace"))
    elif target == "read_message":
        from bouncekit.sender.message import parsing

        reader = getattr(parsing, "read_message", None) or parsing._parse
        reader(data)
    elif target == "read_csv":
        from bouncekit.verify.csvio import read_table

        read_table(data, source="fuzz.csv")


def _worker(connection: multiprocessing.connection.Connection) -> None:
    from bouncekit.errors import InputError

    while True:
        job = connection.recv()
        if job is None:
            return
        target, data = job
        start = time.perf_counter()
        try:
            _call(target, data)
            outcome = None
        except InputError:
            outcome = None  # a sentence about the input: the right answer to broken input
        except Exception:  # every other exception is what we look for
            outcome = traceback.format_exc(limit=8)
        connection.send((time.perf_counter() - start, outcome))


@dataclass
class TargetReport:
    inputs: int = 0
    megabytes: float = 0.0
    crashes: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest_seconds_per_mb: float = 0.0
    slowest_input: str = ""
    longest_seconds: float = 0.0


class _Runner:
    """One worker process, restarted after a hang."""

    def __init__(self) -> None:
        self._start()

    def _start(self) -> None:
        self.parent, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()

    def run(self, target: str, data: bytes, hang: float) -> tuple[float, str | None] | None:
        self.parent.send((target, data))
        if not self.parent.poll(hang):
            self.process.kill()
            self.process.join()
            self._start()
            return None
        answer: tuple[float, str | None] = self.parent.recv()
        return answer

    def close(self) -> None:
        self.parent.send(None)
        self.process.join(5)


def _save(out: Path, kind: str, target: str, data: bytes, detail: str) -> str:
    digest = hashlib.sha256(data).hexdigest()[:16]
    path = out / f"{target}-{kind}-{digest}.bin"
    path.write_bytes(data)
    path.with_suffix(".txt").write_text(detail, encoding="utf-8")
    return str(path)


def _inputs(rng: random.Random, seeds: list[bytes]) -> Iterator[bytes]:
    while True:
        data = rng.choice(seeds)
        for _ in range(rng.choice((1, 1, 2, 3))):
            data = rng.choice(MUTATIONS)(data, rng)
        yield data[:8_000_000]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="total time, split evenly")
    parser.add_argument("--hang", type=float, default=30.0, help="seconds before an input hangs")
    parser.add_argument("--out", type=Path, default=Path("/tmp/bouncekit-fuzz"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    messages, replies = _messages(), _replies()
    seeds = {
        "parse_bounce": messages,
        "explain_message": messages,
        "explain_reply": replies,
        "read_message": messages,
        "read_csv": _lists(replies),
    }
    reports = {target: TargetReport() for target in TARGETS}
    runner = _Runner()
    share = arguments.seconds / len(TARGETS)
    try:
        for number, target in enumerate(TARGETS):
            rng = random.Random(arguments.seed * 1000 + number)
            report = reports[target]
            deadline = time.monotonic() + share
            for data in _inputs(rng, seeds[target]):
                if time.monotonic() >= deadline:
                    break
                report.inputs += 1
                megabytes = max(len(data), 1) / 1_000_000
                report.megabytes += megabytes
                answer = runner.run(target, data, arguments.hang)
                if answer is None:
                    report.hangs.append(_save(arguments.out, "hang", target, data, "no answer"))
                    continue
                seconds, failure = answer
                if failure is not None:
                    report.crashes.append(_save(arguments.out, "crash", target, data, failure))
                report.longest_seconds = max(report.longest_seconds, seconds)
                if len(data) >= 100_000 and seconds / megabytes > report.slowest_seconds_per_mb:
                    report.slowest_seconds_per_mb = seconds / megabytes
                    report.slowest_input = _save(
                        arguments.out, "slowest", target, data, f"{seconds:.3f} s"
                    )
    finally:
        runner.close()
    table: dict[str, Any] = {target: vars(report) for target, report in reports.items()}
    if arguments.json:
        print(json.dumps(table, indent=2))
    else:
        print(f"{'target':18}{'inputs':>8}{'MB':>9}{'crashes':>9}{'hangs':>7}"
              f"{'slowest s/MB':>14}{'longest s':>11}")  # fmt: skip
        for target, report in reports.items():
            print(
                f"{target:18}{report.inputs:>8}{report.megabytes:>9.1f}{len(report.crashes):>9}"
                f"{len(report.hangs):>7}{report.slowest_seconds_per_mb:>14.2f}"
                f"{report.longest_seconds:>11.2f}"
            )
        for report in reports.values():
            for path in report.crashes[:5] + report.hangs[:5]:
                print(f"  see {path}")
    return 1 if any(report.crashes or report.hangs for report in reports.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
