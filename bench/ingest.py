"""MTA logs into the store: a generated Postfix log of 1,000,000 lines, parsed and stored by
bouncekit, beside Debian's ``pflogsumm`` reading the same file.

The log is written from a seed (``--seed``): messages arrive through smtpd, get a message-id
from cleanup and a sender from qmgr, and go to one or two recipients over smtp, with smtpd's
connection noise, rejected clients (NOQUEUE), anvil and TLS lines between. Of the deliveries
5% bounce (unknown users, full mailboxes, blocklists, policy blocks, with the providers' own
wording), 8% are deferred first (greylisting, timeouts, rate limits) and then sent, a few
expire; the rest are sent. Time stamps are classic syslog, a few messages a second.

Measured, each the fastest of ``--runs`` runs (on a shared machine the slower ones measure
the neighbours), on one core:

- **lines parsed per second**: the file read in blocks, decoded and fed to ``PostfixLog`` as
  ``ingest_log`` does it (the events
  judged by the engine, deliveries and sends made); target at least 300,000;
- **events stored per second**: the events those lines gave (bounces, deferrals, expiries),
  with their lines as payloads, the deliveries and the send counts, written with
  ``Store.write_batch`` in batches of ``--store-batch`` events; SQLite (WAL, in a temporary
  directory) at least 50,000, PostgreSQL (a throwaway cluster on loopback, as the tests run
  it; skipped without PostgreSQL) at least 20,000;
- **the whole ingest** (``bouncekit ingest``'s path: ``ingest_log`` with the default batch of
  500 lines, each a transaction with its cursor, and with batches of 20,000) into SQLite,
  lines per second;
- **pflogsumm** over the same file: its whole run (perl's start-up is a few ms of it), lines
  per second, and its totals beside ours (delivered, deferred, bounced) as a check that both
  read the same log.

    .venv/bin/python bench/ingest.py [--lines 1000000] [--runs 3] [--json]
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.support.postgres: the throwaway cluster of the tests

from bouncekit.events.model import BounceEvent, SourceKind  # noqa: E402
from bouncekit.events.version import classifier_version  # noqa: E402
from bouncekit.ingest.logs import ingest_log, whole_lines  # noqa: E402
from bouncekit.ingest.logs.model import LogDelivery, LogEvent  # noqa: E402
from bouncekit.ingest.logs.postfix import PostfixLog  # noqa: E402
from bouncekit.ingest.sources import IngestOptions  # noqa: E402
from bouncekit.store import IngestBatch, SendCount, SentMessage, open_store  # noqa: E402

LARGE_BATCH = 20_000  # lines per transaction, beside the default 500
TARGET_LINES = 300_000
TARGET_SQLITE = 50_000
TARGET_POSTGRES = 20_000
UTC = datetime.UTC

DOMAINS = (
    ("gmail.com", "gmail-smtp-in.l.google.com", "142.250.102.27"),
    ("outlook.com", "outlook-com.olc.protection.outlook.com", "52.101.42.0"),
    ("yahoo.com", "mta7.am0.yahoodns.net", "67.195.204.77"),
    ("example.net", "mx.example.net", "192.0.2.25"),
    ("example.org", "mail.example.org", "198.51.100.7"),
    ("web.de", "mx-ha03.web.de", "212.227.17.8"),
    ("orange.fr", "smtp-in.orange.fr", "80.12.242.82"),
)
BOUNCES = (
    ("5.1.1", "550-5.1.1 The email account that you tried to reach does not exist. Please try "
     "double-checking the recipient's email address for typos or unnecessary spaces. For more "
     "information, go to https://support.google.com/mail/?p=NoSuchUser a1si2 - gsmtp", "RCPT TO"),
    ("5.1.1", "550 5.1.1 <{to}>: Recipient address rejected: User unknown in virtual mailbox "
     "table", "RCPT TO"),
    ("5.2.2", "552 5.2.2 <{to}>: Mailbox full", "RCPT TO"),
    ("5.7.1", "550 5.7.1 Service unavailable, Client host [203.0.113.5] blocked using "
     "Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/"
     "203.0.113.5 (AS3130) [BN8NAM12FT067.eop-nam12.prod.protection.outlook.com]", "RCPT TO"),
    ("5.7.26", "550-5.7.26 This mail has been blocked because the sender is unauthenticated. "
     "Gmail requires all senders to authenticate with either SPF or DKIM. - gsmtp",
     "end of DATA"),
    ("5.0.0", "554 delivery error: dd This user doesn't have a yahoo.com account ({to}) "
     "[0] - mta1047.mail.bf1.yahoo.com", "end of DATA"),
)  # fmt: skip
DEFERRALS = (
    ("4.2.0", "450 4.2.0 <{to}>: Recipient address rejected: Greylisted, see "
     "http://postgrey.schweikert.ch/help/{domain}.html", "RCPT TO"),
    ("4.7.0", "421-4.7.0 [203.0.113.5 15] Our system has detected an unusual rate of "
     "unsolicited mail originating from your IP address. - gsmtp", "end of DATA"),
    ("4.7.1", "451 4.7.1 Service unavailable - try again later", "MAIL FROM"),
)  # fmt: skip


def generate(path: Path, lines: int, seed: int) -> dict[str, int]:
    """Write a Postfix log of ``lines`` lines; what it holds, counted as it is written."""
    rng = random.Random(seed)
    when = datetime.datetime(2026, 3, 2, 0, 0, 0)
    written = 0
    counts = {"messages": 0, "sent": 0, "bounced": 0, "deferred": 0, "expired": 0}
    serial = 0
    with path.open("w") as out:

        def line(daemon: str, pid: int, text: str) -> None:
            nonlocal written
            out.write(f"{when:%b %e %H:%M:%S} mx1 postfix/{daemon}[{pid}]: {text}\n")
            written += 1

        while written < lines:
            when += datetime.timedelta(milliseconds=rng.randint(50, 400))
            roll = rng.random()
            if roll < 0.06:  # a client refused before any queue id
                line(
                    "smtpd",
                    2001,
                    f"NOQUEUE: reject: RCPT from unknown[203.0.113.{rng.randint(1, 254)}]: 554 "
                    "5.7.1 <spam@example.com>: Relay access denied; from=<x@example.biz> "
                    "to=<spam@example.com> proto=ESMTP helo=<client>",
                )
                continue
            if roll < 0.08:
                line("anvil", 2002, "statistics: max connection rate 3/60s for "
                     "(smtp:192.0.2.9) at Mar  2 10:00:00")  # fmt: skip
                continue
            serial += 1
            counts["messages"] += 1
            queue_id = f"{rng.getrandbits(40):010X}"
            client = f"app{serial % 7}[192.0.2.{serial % 250 + 1}]"
            line("smtpd", 1001, f"connect from {client}")
            line("smtpd", 1001, f"Anonymous TLS connection established from {client}: TLSv1.3 "
                 "with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)")  # fmt: skip
            line("smtpd", 1001, f"{queue_id}: client={client}")
            line("cleanup", 1002, f"{queue_id}: message-id=<{serial}.{seed}@app.example.com>")
            recipients = 1 if rng.random() < 0.8 else 2
            size = rng.randint(2000, 90000)
            line(
                "qmgr",
                1003,
                f"{queue_id}: from=<news@example.com>, size={size}, nrcpt={recipients} (queue "
                "active)",
            )
            line("smtpd", 1001, f"disconnect from {client} ehlo=2 starttls=1 mail=1 rcpt=1 "
                 "data=1 quit=1 commands=7")  # fmt: skip
            expired = False
            for number in range(recipients):
                domain, mx, ip = DOMAINS[rng.randrange(len(DOMAINS))]
                to = f"u{serial}.{number}@{domain}"
                relay = (f"relay={mx}[{ip}]:25, delay=0.{rng.randint(1, 9)}, "
                         f"delays=0.1/0/0.{rng.randint(1, 9)}/0.1")  # fmt: skip
                fate = rng.random()
                if fate < 0.08:
                    dsn, text, stage = DEFERRALS[rng.randrange(len(DEFERRALS))]
                    reply = text.format(to=to, domain=domain)
                    line("smtp", 1004, f"{queue_id}: to=<{to}>, {relay}, dsn={dsn}, "
                         f"status=deferred (host {mx}[{ip}] said: {reply} (in reply to "
                         f"{stage} command))")  # fmt: skip
                    counts["deferred"] += 1
                    if fate < 0.002:
                        expired = True
                        continue
                if fate < 0.08 or fate >= 0.13:
                    reply = f"250 2.0.0 OK 1772409600 {queue_id.lower()} - gsmtp"
                    line("smtp", 1004, f"{queue_id}: to=<{to}>, {relay}, dsn=2.0.0, "
                         f"status=sent ({reply})")  # fmt: skip
                    counts["sent"] += 1
                else:
                    dsn, text, stage = BOUNCES[rng.randrange(len(BOUNCES))]
                    reply = text.format(to=to, domain=domain)
                    line("smtp", 1004, f"{queue_id}: to=<{to}>, {relay}, dsn={dsn}, "
                         f"status=bounced (host {mx}[{ip}] said: {reply} (in reply to {stage} "
                         "command))")  # fmt: skip
                    counts["bounced"] += 1
            if expired:
                line("qmgr", 1003, f"{queue_id}: from=<news@example.com>, status=expired, "
                     "returned to sender")  # fmt: skip
                counts["expired"] += 1
            line("qmgr", 1003, f"{queue_id}: removed")
    counts["lines"] = written
    return counts


def parse(path: Path, *, keep: bool) -> tuple[float, float, list[LogEvent], list[LogDelivery], int]:
    """Read, decode and parse the whole file: seconds (wall clock and this process's CPU
    time), events and deliveries (kept only when ``keep``: the timed runs count them, as the
    reader holds no more than a batch of them), lines."""
    parser = PostfixLog(str(path), year=2026, zone=UTC)
    events: list[LogEvent] = []
    deliveries: list[LogDelivery] = []
    feed = parser.feed
    number = 0
    start, cpu = time.perf_counter(), time.process_time()
    with path.open("rb") as stream:
        for _raws, texts in whole_lines(stream):  # as ingest_log reads
            for line in texts:
                number += 1
                records = feed(line, number)
                if records and keep:
                    for record in records:
                        if isinstance(record, LogEvent):
                            events.append(record)
                        elif isinstance(record, LogDelivery):
                            deliveries.append(record)
    return time.perf_counter() - start, time.process_time() - cpu, events, deliveries, number


def store_events(
    url: str, events: list[LogEvent], deliveries: list[LogDelivery], batch: int
) -> float:
    """Write the events (with their lines) in batches of ``batch``, and the deliveries and
    sends spread evenly over those batches (as the log interleaves them): seconds."""
    version = classifier_version()
    chunks = []
    count = max(1, -(-len(events) // batch))
    for number in range(count):
        start = number * batch
        part = events[start : start + batch]
        sent = deliveries[
            number * len(deliveries) // count : (number + 1) * len(deliveries) // count
        ]
        pairs: list[tuple[BounceEvent, bytes | None]] = [
            (record.event, record.line.encode()) for record in part
        ]
        messages: list[SentMessage] = [record.message for record in sent]
        sends: dict[tuple[datetime.date, str], list[int]] = {}
        for attempt in [r.attempt for r in part if r.attempt] + [r.attempt for r in sent]:
            total = sends.setdefault((attempt.day, attempt.recipient_domain), [0, 0])
            total[0] += attempt.attempted
            total[1] += attempt.delivered
        counts = [SendCount(day, domain, a, d) for (day, domain), (a, d) in sends.items()]
        chunks.append((pairs, messages, counts, start))
    with open_store(url) as store:
        began = time.perf_counter()
        for pairs, messages, counts, start in chunks:
            store.write_batch(
                IngestBatch(
                    SourceKind.LOG,
                    "bench",
                    pairs,
                    cursor={"offset": start},
                    messages=messages,
                    sends=counts,
                ),
                version,
            )
        seconds = time.perf_counter() - began
        stored = store.count_events()
    if stored != len({record.event.event_id for record in events}):
        raise SystemExit(f"stored {stored} events of {len(events)}")
    return seconds


def whole_ingest(url: str, path: Path, batch_size: int) -> float:
    with open_store(url) as store:
        began = time.perf_counter()
        ingest_log(store, str(path), IngestOptions(batch_size=batch_size), zone=UTC)
        return time.perf_counter() - began


def pflogsumm(path: Path) -> tuple[float, float, dict[str, int]] | None:
    program = shutil.which("pflogsumm")
    if program is None:
        return None
    began = time.perf_counter()
    cpu = _children_cpu()
    done = subprocess.run(
        [program, "--problems-first", str(path)], capture_output=True, text=True, check=True
    )
    seconds = time.perf_counter() - began
    totals_cpu = _children_cpu() - cpu
    totals = {}
    for key in ("delivered", "deferred", "bounced"):
        found = re.search(rf"^\s*(\d+)\s+{key}\b", done.stdout, re.MULTILINE)
        totals[key] = int(found.group(1)) if found else -1
    return seconds, totals_cpu, totals


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def fresh_sqlite(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / name}"


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--lines", type=int, default=1_000_000)
    arguments.add_argument("--runs", type=int, default=3)
    arguments.add_argument("--seed", type=int, default=13)
    arguments.add_argument("--store-batch", type=int, default=2000)
    arguments.add_argument("--no-postgres", action="store_true")
    arguments.add_argument("--json", action="store_true")
    options = arguments.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bouncekit-bench-ingest-"))
    try:
        result = run(folder, options)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        report(result)
    missed = [name for name, met in result["targets"].items() if met is False]
    return 1 if missed else 0


def run(folder: Path, options: argparse.Namespace) -> dict[str, Any]:
    log = folder / "mail.log"
    generated = generate(log, options.lines, options.seed)
    size = log.stat().st_size
    parse_runs = []
    cpu_runs = []
    events: list[LogEvent] = []
    deliveries: list[LogDelivery] = []
    for _ in range(options.runs):
        seconds, cpu, _, _, lines = parse(log, keep=False)
        parse_runs.append(seconds)
        cpu_runs.append(cpu)
    _, _, events, deliveries, _ = parse(log, keep=True)  # for the store, not timed
    parse_seconds = min(parse_runs)
    lines = generated["lines"]
    ours = {
        "delivered": len(deliveries),
        "deferred": sum(1 for r in events if r.event.reported_action == "delayed"),
        "bounced": sum(1 for r in events if r.event.reported_action == "failed"),
    }
    result: dict[str, Any] = {
        "lines": lines,
        "bytes": size,
        "generated": generated,
        "events": len(events),
        "ours": ours,
        "parse": {
            "seconds": parse_seconds,
            "lines_per_second": lines / parse_seconds,
            "cpu_seconds": min(cpu_runs),
            "lines_per_cpu_second": lines / min(cpu_runs),
        },
    }
    sqlite_runs = []
    alone_runs = []
    for run_number in range(options.runs):
        url = fresh_sqlite(folder, f"events{run_number}.db")
        sqlite_runs.append(store_events(url, events, deliveries, options.store_batch))
        url = fresh_sqlite(folder, f"alone{run_number}.db")
        alone_runs.append(store_events(url, events, [], options.store_batch))
    result["sqlite"] = {
        "seconds": min(sqlite_runs),
        "events_per_second": len(events) / min(sqlite_runs),
        "records_per_second": (len(events) + len(deliveries)) / min(sqlite_runs),
        "events_alone_per_second": len(events) / min(alone_runs),
    }
    result["postgresql"] = None
    if not options.no_postgres:
        result["postgresql"] = postgres(events, deliveries, options)
    ingest_seconds = whole_ingest(fresh_sqlite(folder, "ingest.db"), log, 500)
    result["ingest_sqlite"] = {
        "seconds": ingest_seconds,
        "lines_per_second": lines / ingest_seconds,
        "events_per_second": len(events) / ingest_seconds,
    }
    large = whole_ingest(fresh_sqlite(folder, "ingest-large.db"), log, LARGE_BATCH)
    result["ingest_sqlite_large_batches"] = {
        "batch_lines": LARGE_BATCH,
        "seconds": large,
        "lines_per_second": lines / large,
    }
    peer_runs = [found for _ in range(options.runs) if (found := pflogsumm(log)) is not None]
    if peer_runs:
        seconds = min(found[0] for found in peer_runs)
        cpu_seconds = min(found[1] for found in peer_runs)
        result["pflogsumm"] = {
            "seconds": seconds,
            "lines_per_second": lines / seconds,
            "cpu_seconds": cpu_seconds,
            "lines_per_cpu_second": lines / cpu_seconds,
            "totals": peer_runs[0][2],
        }
        result["ratio_parse_vs_pflogsumm"] = seconds / parse_seconds
        result["ratio_parse_vs_pflogsumm_cpu"] = cpu_seconds / min(cpu_runs)
        result["ratio_ingest_vs_pflogsumm"] = seconds / ingest_seconds
    else:
        result["pflogsumm"] = None
    postgres_result = result["postgresql"]
    result["targets"] = {
        "parse_lines_per_second": result["parse"]["lines_per_second"] >= TARGET_LINES,
        "sqlite_events_per_second": result["sqlite"]["events_per_second"] >= TARGET_SQLITE,
        "postgresql_events_per_second": (
            None
            if postgres_result is None
            else postgres_result["events_per_second"] >= TARGET_POSTGRES
        ),
    }
    return result


def postgres(
    events: list[LogEvent], deliveries: list[LogDelivery], options: argparse.Namespace
) -> dict[str, float] | None:
    import pytest
    from tests.support.postgres import postgres_cluster, reset

    try:
        with postgres_cluster() as url:
            runs = []
            for _ in range(options.runs):
                reset(url)
                runs.append(store_events(url, events, deliveries, options.store_batch))
    except pytest.skip.Exception as skipped:
        print(f"PostgreSQL skipped: {skipped}", file=sys.stderr)
        return None
    return {
        "seconds": min(runs),
        "events_per_second": len(events) / min(runs),
        "records_per_second": (len(events) + len(deliveries)) / min(runs),
    }


def len_deliveries(result: dict[str, Any]) -> str:
    return f"{result['ours']['delivered']:,}"


def report(result: dict[str, Any]) -> None:
    generated = result["generated"]
    print(
        f"Postfix log: {result['lines']:,} lines ({result['bytes'] / 1e6:.0f} MB), "
        f"{generated['messages']:,} messages: {generated['sent']:,} sent, "
        f"{generated['bounced']:,} bounced, {generated['deferred']:,} deferred, "
        f"{generated['expired']:,} expired"
    )
    parse = result["parse"]
    print(
        f"parse (one core):     {parse['lines_per_second']:>12,.0f} lines/s "
        f"({parse['seconds']:.2f} s; {result['events']:,} events)   target {TARGET_LINES:,}"
    )
    print(
        f"  per CPU second:     {parse['lines_per_cpu_second']:>12,.0f} lines/s "
        "(this process's CPU time: what the neighbours on a shared machine do not change)"
    )
    sqlite = result["sqlite"]
    print(
        f"store, SQLite:        {sqlite['events_per_second']:>12,.0f} events/s "
        f"({sqlite['seconds']:.2f} s, with {len_deliveries(result)} deliveries: "
        f"{sqlite['records_per_second']:,.0f} records/s)   target {TARGET_SQLITE:,}"
    )
    print(f"  events alone:       {sqlite['events_alone_per_second']:>12,.0f} events/s")
    if result["postgresql"] is not None:
        pg = result["postgresql"]
        print(
            f"store, PostgreSQL:    {pg['events_per_second']:>12,.0f} events/s "
            f"({pg['seconds']:.2f} s; {pg['records_per_second']:,.0f} records/s)   "
            f"target {TARGET_POSTGRES:,}"
        )
    else:
        print("store, PostgreSQL:    not measured (no PostgreSQL)")
    whole = result["ingest_sqlite"]
    print(
        f"ingest_log -> SQLite: {whole['lines_per_second']:>12,.0f} lines/s "
        f"({whole['seconds']:.2f} s; batches of 500 lines, each with its cursor)"
    )
    large = result["ingest_sqlite_large_batches"]
    print(
        f"  batches of {large['batch_lines']:,}:   {large['lines_per_second']:>12,.0f} lines/s "
        f"({large['seconds']:.2f} s)"
    )
    peer = result["pflogsumm"]
    if peer is None:
        print("pflogsumm:            not installed (scripts/install-system-deps.sh bench)")
    else:
        print(
            f"pflogsumm:            {peer['lines_per_second']:>12,.0f} lines/s "
            f"({peer['seconds']:.2f} s; {peer['lines_per_cpu_second']:,.0f} per CPU second)"
        )
        print(
            f"ratios: parse {result['ratio_parse_vs_pflogsumm']:.1f}x pflogsumm "
            f"({result['ratio_parse_vs_pflogsumm_cpu']:.1f}x in CPU time); whole "
            f"ingest into SQLite {result['ratio_ingest_vs_pflogsumm']:.1f}x pflogsumm"
        )
        print(f"totals: bouncekit {result['ours']}; pflogsumm {peer['totals']}")
    for name, met in result["targets"].items():
        print(f"  {name}: {'met' if met else 'not measured' if met is None else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
