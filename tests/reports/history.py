"""A sending history for the reports' tests: generated bounces (``tests/bounces/messages.py``)
dated where a test wants them, ingested through the bounce-file reader, and send counts
written as a log source would write them (``IngestBatch(sends=...)``)."""

from __future__ import annotations

import datetime
import email.utils
import itertools
from pathlib import Path

from bouncekit.events.model import SourceKind
from bouncekit.events.version import classifier_version
from bouncekit.ingest.files import ingest_paths
from bouncekit.store import IngestBatch, SendCount, Store
from tests.bounces.messages import dsn

UTC = datetime.UTC
# Midnight: the report's recent window (24 h) is then exactly the day before.
NOW = datetime.datetime(2026, 3, 10, tzinfo=UTC)
YESTERDAY = NOW - datetime.timedelta(days=1)

UNKNOWN = "550 5.1.1 <{recipient}>: User unknown"
FULL = "552 5.2.2 <{recipient}>: Mailbox full"
SPAMHAUS = "550 5.7.1 Service unavailable; client host [192.0.2.1] blocked using zen.spamhaus.org"
OUTLOOK_BLOCK = (
    "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your "
    "Internet service provider since part of their network is on our block list (S3150). You "
    "can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. "
    "[BN8NAM11FT062.eop-nam11.prod.protection.outlook.com]"
)
_ORIGINAL_DATE = b"Date: Mon, 2 Mar 2026 10:00:00 +0000"


def bounce(recipient: str, reply: str, at: datetime.datetime) -> bytes:
    """A generated DSN for ``recipient`` with ``reply``, dated ``at``."""
    message = dsn(recipient, reply)
    assert _ORIGINAL_DATE in message
    return message.replace(_ORIGINAL_DATE, b"Date: " + email.utils.format_datetime(at).encode())


def complaint(recipient: str, at: datetime.datetime) -> bytes:
    """An ARF abuse report (RFC 5965) about a message to ``recipient``."""
    return "\n".join(
        [
            "From: staff@fbl.example.net",
            "To: complaints@example.org",
            "Subject: complaint about message from 192.0.2.1",
            f"Date: {email.utils.format_datetime(at)}",
            "MIME-Version: 1.0",
            'Content-Type: multipart/report; report-type=feedback-report; boundary="b"',
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "This is an email abuse report for an email message received from IP 192.0.2.1.",
            "",
            "--b",
            "Content-Type: message/feedback-report",
            "",
            "Feedback-Type: abuse",
            "User-Agent: Example FBL",
            "Version: 1",
            "Source-IP: 192.0.2.1",
            f"Original-Rcpt-To: {recipient}",
            f"Arrival-Date: {email.utils.format_datetime(at)}",
            "",
            "--b",
            "Content-Type: message/rfc822",
            "",
            "From: news@example.org",
            f"To: {recipient}",
            "Subject: Our news",
            "Message-ID: <n1@example.org>",
            "",
            "Hello",
            "",
            "--b--",
            "",
        ]
    ).encode()


class History:
    """Bounces written to a folder, then ingested at once; send counts written directly."""

    def __init__(self, store: Store, folder: Path) -> None:
        self.store = store
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._numbers = itertools.count()

    def _write(self, message: bytes) -> None:
        (self.folder / f"{next(self._numbers):06d}.eml").write_bytes(message)

    def bounces(
        self, count: int, reply: str, at: datetime.datetime, domain: str = "example.net"
    ) -> None:
        """``count`` bounces with ``reply``, to distinct recipients at ``domain``, a minute
        apart from ``at``."""
        for number in range(count):
            recipient = f"user{next(self._numbers)}@{domain}"
            self._write(bounce(recipient, reply, at + datetime.timedelta(minutes=number)))

    def complaints(self, count: int, at: datetime.datetime, domain: str = "example.net") -> None:
        for number in range(count):
            recipient = f"reader{next(self._numbers)}@{domain}"
            self._write(complaint(recipient, at + datetime.timedelta(minutes=number)))

    def sends(
        self, day: datetime.date | datetime.datetime, domain: str, attempted: int, delivered: int
    ) -> None:
        if isinstance(day, datetime.datetime):
            day = day.date()
        batch = IngestBatch(
            SourceKind.LOG,
            f"sends-{domain}-{day}",
            events=(),
            sends=[SendCount(day, domain, attempted, delivered)],
        )
        self.store.write_batch(batch, classifier_version())

    def ingest(self) -> None:
        summary = ingest_paths(self.store, [self.folder])
        assert not summary.errors, summary.errors
