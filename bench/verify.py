"""Address verification: offline rate beside email-validator, and SMTP probing on loopback.

(a) The offline checks (syntax, duplicates, typos, disposable, role, free-mail) over 200,000
    generated addresses, beside email-validator's ``validate_email`` alone on the same list, in
    one run. Target: at least its rate while doing more.
(b) 10,000 addresses over 500 domains whose MX hosts (ten SMTP servers on 127.0.0.x) answer
    every command 50 ms after it arrived, as a server 50 ms away would, and advertise
    PIPELINING (RFC 2920; not with --no-pipelining): total time, SMTP connections opened, and
    the ratio to the lower bound that the concurrency limits and the delay set. Targets: within
    2x the bound, and at most one connection per domain per 50 addresses.

(c) ``bouncekit verify --offline FILE -o OUT`` as a whole process (start-up, reading, the
    checks, writing the CSV) over a .txt list of ``--process-addresses`` generated addresses
    (100,000 by default), beside email-validator's own loop over the same file (``validate_email``
    on each line, as shipped: no memoising; the loop alone is timed, its start-up and reading
    are not). Interleaved ``--runs`` times, the fastest of each counts. Also the peak memory
    (maximum RSS) of the bouncekit process at that size and at ten times it, and whether a
    checkpoint file was left. Target: at least 1.5x the loop, memory flat in the rows.

    .venv/bin/python bench/verify.py [--offline-only | --smtp-only | --process-only]
                                     [--no-pipelining] [--addresses N]
                                     [--process-addresses N] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import json
import math
import os
import random
import re
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from email_validator import EmailNotValidError, validate_email

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.support.dns_server

from tests.support.dns_server import ZoneServer

from bouncekit.replies.model import Verdict
from bouncekit.resolver import DnsResolver
from bouncekit.verify.model import VerifyOptions
from bouncekit.verify.offline import check_offline
from bouncekit.verify.run import verify_addresses
from bouncekit.verify.smtp.session import RECIPIENTS_PER_TRANSACTION

ROOT = Path(__file__).resolve().parent.parent
DELAY = 0.05
_MAILBOX = re.compile(r"RCPT TO:<u\d+@", re.IGNORECASE)
HOSTS = [f"127.0.0.{51 + number}" for number in range(10)]


def generated_addresses(count: int, seed: int = 7) -> list[str]:
    """A realistic mix: valid, invalid, duplicates, typos, role, disposable, IDN."""
    pick = random.Random(seed)
    domains = ["gmail.com", "example.com", "yahoo.com", "outlook.com", "company.example",
               "gmial.com", "mailinator.com", "bücher.example", "sub.corp.example"]  # fmt: skip
    made: list[str] = []
    for _ in range(count):
        roll = pick.random()
        local = "".join(pick.choices(string.ascii_lowercase, k=pick.randint(4, 12)))
        domain = pick.choice(domains)
        if roll < 0.08:
            made.append(pick.choice([f"{local}@@{domain}", f"{local}@", f"{local} x@{domain}"]))
        elif roll < 0.15 and made:
            made.append(pick.choice(made).upper() if pick.random() < 0.5 else pick.choice(made))
        elif roll < 0.20:
            made.append(f"{pick.choice(['info', 'sales', 'noreply'])}@{domain}")
        else:
            made.append(f"{local}@{domain}")
    return made


def offline_rates(addresses: list[str]) -> dict[str, Any]:
    # The baseline is email-validator as shipped: bouncekit memoises its domain check, so the
    # original function is put back while the baseline runs.
    module = importlib.import_module("email_validator.validate_email")
    memoised = module.validate_email_domain_name
    module.validate_email_domain_name = getattr(memoised, "__wrapped__", memoised)
    try:
        start = time.perf_counter()
        for address in addresses:
            try:  # noqa: SIM105 - contextlib.suppress would slow the baseline being measured
                validate_email(address, check_deliverability=False)
            except EmailNotValidError:
                pass
        alone = time.perf_counter() - start
    finally:
        module.validate_email_domain_name = memoised
    start = time.perf_counter()
    results = list(check_offline(addresses))
    ours = time.perf_counter() - start
    return {
        "addresses": len(addresses),
        "validate_email_per_second": round(len(addresses) / alone),
        "check_offline_per_second": round(len(addresses) / ours),
        "ratio": round(alone / ours, 2),
        "duplicates_found": sum(1 for r in results if r.duplicate_of),
        "typos_suggested": sum(1 for r in results if r.suggestion),
    }


# --- (c) verify --offline as a whole process ------------------------------------------------

# email-validator's loop over a file, as a person would write it; prints the loop's seconds.
_PEER = """
import sys, time
from email_validator import EmailNotValidError, validate_email
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
start = time.perf_counter()
for address in lines:
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        pass
print(time.perf_counter() - start)
"""


def _timed(command: list[str], environment: dict[str, str]) -> tuple[float, str]:
    """Wall seconds and standard output of one process."""
    start = time.perf_counter()
    done = subprocess.run(command, env=environment, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode()}")
    return seconds, done.stdout.decode()


def process_rates(count: int, runs: int) -> dict[str, Any]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    with tempfile.TemporaryDirectory(prefix="bouncekit-verify-") as scratch:
        state = Path(scratch) / "state"
        environment["XDG_STATE_HOME"] = str(state)  # where a checkpoint would be kept
        lists = {}
        for size in (count, 10 * count):
            path = Path(scratch) / f"list-{size}.txt"
            path.write_text("\n".join(generated_addresses(size, seed=size)) + "\n")
            lists[size] = path
        output = Path(scratch) / "results.csv"
        ours_command = [
            sys.executable, "-m", "bouncekit", "verify", "--offline", str(lists[count]),
            "-o", str(output),
        ]  # fmt: skip
        peer_command = [sys.executable, "-c", _PEER, str(lists[count])]
        _timed(ours_command, environment)  # bytecode and page cache
        ours: list[float] = []
        peer_loop: list[float] = []
        peer_process: list[float] = []
        for _ in range(runs):
            seconds, _ = _timed(ours_command, environment)
            ours.append(seconds)
            seconds, printed = _timed(peer_command, environment)
            peer_process.append(seconds)
            peer_loop.append(float(printed.strip()))
        # Peak memory: RUSAGE_CHILDREN's maximum is the largest child's so far, so each size is
        # measured from a fresh interpreter whose only child is that run.
        peaks = {}
        for size, path in lists.items():
            probe = (
                "import resource, subprocess, sys; "
                "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
            )
            command = [
                sys.executable, "-c", probe, sys.executable, "-m", "bouncekit", "verify",
                "--offline", str(path), "-o", str(output),
            ]  # fmt: skip
            peaks[size] = int(_timed(command, environment)[1].strip())
        left = sorted(str(p.relative_to(scratch)) for p in state.rglob("*") if p.is_file())
    best, loop = min(ours), min(peer_loop)
    return {
        "addresses": count,
        "runs": runs,
        "bouncekit_process_seconds": round(best, 2),
        "bouncekit_process_per_second": round(count / best),
        "email_validator_loop_seconds": round(loop, 2),
        "email_validator_loop_per_second": round(count / loop),
        "email_validator_process_seconds": round(min(peer_process), 2),
        "ratio_to_loop": round(loop / best, 2),
        **{f"peak_rss_mb_{size}_rows": round(peak / 1024) for size, peak in peaks.items()},
        "checkpoint_files_left": left,
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


# --- (b) the SMTP probe against slow loopback servers --------------------------------------


class SlowServer:
    """A small SMTP server that answers each command ``DELAY`` after it arrived, in order: the
    replies to pipelined commands are on their way at once, as over a slow link. Mailboxes
    named "u" and a number exist; any other address (the verifier's random catch-all probe
    included) is an unknown user. It counts its connections."""

    def __init__(self, host: str, port: int, *, pipelining: bool = True) -> None:
        self.host, self.port = host, port
        self.pipelining = pipelining
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> SlowServer:
        self._thread.start()
        self._ready.wait(5)
        return self

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._session, self.host, self.port)
        )
        self._ready.set()
        self._loop.run_forever()
        server.close()

    async def _send(
        self, writer: asyncio.StreamWriter, replies: asyncio.Queue[tuple[float, str | None]]
    ) -> None:
        loop = asyncio.get_running_loop()
        while (reply := await replies.get())[1] is not None:
            due, text = reply
            await asyncio.sleep(max(0.0, due - loop.time()))
            writer.write(f"{text}\r\n".encode())
            with contextlib.suppress(OSError):  # the client may hang up before the 221
                await writer.drain()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        loop = asyncio.get_running_loop()
        replies: asyncio.Queue[tuple[float, str | None]] = asyncio.Queue()
        sending = asyncio.create_task(self._send(writer, replies))
        replies.put_nowait((loop.time() + DELAY, "220 mx.bench.test ESMTP"))
        extensions = "250-PIPELINING\r\n" if self.pipelining else ""
        while line := await reader.readline():
            due = loop.time() + DELAY
            command = line.decode(errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                reply = f"250-mx.bench.test\r\n{extensions}250 8BITMIME"
            elif verb == "RCPT":
                known = _MAILBOX.match(command) is not None
                reply = "250 2.1.5 Ok" if known else "550 5.1.1 User unknown"
            elif verb == "QUIT":
                reply = "221 2.0.0 Bye"
            else:
                reply = "250 2.0.0 Ok"
            replies.put_nowait((due, reply))
            if verb == "QUIT":
                break
        replies.put_nowait((0.0, None))
        await sending
        writer.close()

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)


def probe_run(total: int, domains: int, *, pipelining: bool = True) -> dict[str, Any]:
    per_domain = total // domains
    names = [f"d{number}.bench.test" for number in range(domains)]
    zone = "".join(
        f"{name}. 300 IN MX 10 mx{number % len(HOSTS)}.bench.test.\n"
        for number, name in enumerate(names)
    ) + "".join(f"mx{number}.bench.test. 300 IN A {host}\n" for number, host in enumerate(HOSTS))
    dns = ZoneServer(zone).start()
    port = _free_port()
    servers = [SlowServer(host, port, pipelining=pipelining).start() for host in HOSTS]
    options = VerifyOptions(
        smtp_port=port, allow_private=True, concurrency=20, per_host=2,
        helo="verifier.bench.test", mail_from="probe@verifier.bench.test",
    )  # fmt: skip
    addresses = [
        f"{'x' if index % 10 == 0 else 'u'}{index}@{name}"
        for name in names
        for index in range(per_domain)
    ]
    resolver = DnsResolver(dns.address, timeout=2.0)

    async def run() -> Counter[str]:
        verdicts: Counter[str] = Counter()
        async for result in verify_addresses(addresses, options=options, resolver=resolver):
            verdicts[result.verdict.value] += 1
        return verdicts

    start = time.perf_counter()
    verdicts = asyncio.run(run())
    elapsed = time.perf_counter() - start
    for server in servers:
        server.stop()
    dns.stop()
    # Round trips each domain's session must wait for (on loopback a connect costs nothing):
    # the greeting, EHLO, QUIT, and for its recipients (the addresses and the catch-all probe)
    # with PIPELINING one per transaction (MAIL and its RCPTs in one group, RFC 2920) plus an
    # RSET between transactions; without it MAIL and one per RCPT. Sessions run at most
    # min(concurrency, hosts x per_host) at once, all of the same length.
    recipients = per_domain + 1
    if pipelining:
        transactions = math.ceil(recipients / RECIPIENTS_PER_TRANSACTION)
        round_trips = 3 + transactions + (transactions - 1)
    else:
        round_trips = 3 + 1 + recipients
    parallel = min(options.concurrency, len(HOSTS) * options.per_host)
    bound = math.ceil(domains / parallel) * round_trips * DELAY
    connections = sum(server.connections for server in servers)
    return {
        "addresses": len(addresses),
        "domains": domains,
        "pipelining": pipelining,
        "round_trips_per_session": round_trips,
        "seconds": round(elapsed, 2),
        "lower_bound_seconds": round(bound, 2),
        "ratio_to_bound": round(elapsed / bound, 2),
        "smtp_connections": connections,
        "connections_per_domain_per_50_addresses": round(
            connections / domains / math.ceil(per_domain / 50), 2
        ),
        "verdicts": dict(verdicts),
        "deliverable_expected": sum(1 for a in addresses if not a.startswith("x"))
        == verdicts.get(Verdict.DELIVERABLE.value, 0),
    }


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--offline-only", action="store_true", help="part (a) alone")
    only.add_argument("--smtp-only", action="store_true", help="part (b) alone")
    only.add_argument("--process-only", action="store_true", help="part (c) alone")
    parser.add_argument(
        "--no-pipelining", action="store_true", help="(b): servers that do not offer PIPELINING"
    )
    parser.add_argument("--addresses", type=int, default=200_000)
    parser.add_argument("--process-addresses", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    everything = not (arguments.offline_only or arguments.smtp_only or arguments.process_only)
    report: dict[str, Any] = {}
    if everything or arguments.offline_only:
        report["offline"] = offline_rates(generated_addresses(arguments.addresses))
    if everything or arguments.process_only:
        report["process"] = process_rates(arguments.process_addresses, arguments.runs)
    if everything or arguments.smtp_only:
        report["smtp"] = probe_run(10_000, 500, pipelining=not arguments.no_pipelining)
    if arguments.json:
        print(json.dumps(report, indent=2))
    else:
        for part, figures in report.items():
            print(part)
            for key, value in figures.items():
                print(f"  {key:>40}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
