"""A log ingest killed with SIGKILL at random points, then resumed: every event, send and
delivery exactly once (the cursor moves in the transaction of the lines it covers)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from bouncekit.store import open_store
from tests.ingest.postfix_lines import expected, log

REPO = Path(__file__).resolve().parents[2]
MESSAGES = 3000

# Small batches, so that a kill lands between commits as well as inside one.
_INGEST_SCRIPT = """
import datetime, sys
from bouncekit.ingest.logs import ingest_log
from bouncekit.ingest.sources import IngestOptions
from bouncekit.store import open_store
with open_store(sys.argv[1]) as store:
    ingest_log(store, sys.argv[2], IngestOptions(batch_size=30), zone=datetime.UTC)
"""


def test_a_log_ingest_killed_at_random_points_counts_everything_once(
    store_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "mail.log"
    path.write_text(log(0, MESSAGES))
    rng = random.Random(13)
    command = [sys.executable, "-c", _INGEST_SCRIPT, store_url, str(path)]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for _ in range(4):
        process = subprocess.Popen(command, env=environment)
        time.sleep(rng.uniform(0.4, 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
    finished = subprocess.run(command, env=environment, timeout=300, check=False)
    assert finished.returncode == 0
    bounces, deferrals, deliveries = expected(0, MESSAGES)
    with open_store(store_url) as store:
        ids = [stored.event.event_id for stored in store.events()]
        assert len(ids) == len(set(ids)) == bounces + deferrals
        sends = store.sends()
        assert sum(send.attempted for send in sends) == MESSAGES
        assert sum(send.delivered for send in sends) == deliveries
        sent = store.sent_messages()
        assert len(sent) == deliveries
        assert all(message.message_id and message.sender for message in sent)
        assert all(stored.event.message_id for stored in store.events())
        (source,) = store.sources()
        assert source["events"] == bounces + deferrals
