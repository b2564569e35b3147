"""Bounce mailboxes read from a real Dovecot on loopback, over IMAPS, IMAP with STARTTLS, POP3S
and POP3 with STLS, into the store on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bouncekit.bounces.model import BounceReport
from bouncekit.bounces.parse import parse_bounce
from bouncekit.errors import InputError
from bouncekit.events.model import EventSource
from bouncekit.ingest import mailbox
from bouncekit.ingest.files import IngestSummary
from bouncekit.ingest.mailbox import PROCESSED_KEYWORD, MailboxURL, ingest_mailbox
from bouncekit.ingest.sources import IngestOptions, ingest_sources, reader_for
from bouncekit.store import Store, open_store
from tests.bounces.messages import dsn
from tests.support.cli import bouncekit
from tests.support.corpus import CORPUS, require_shared
from tests.support.dovecot import PASSWORD, Dovecot

REPO = Path(__file__).resolve().parents[2]
_SISIMAI = ("postfix/lhost-postfix-01.eml", "exim/lhost-exim-01.eml", "gmail/lhost-gmail-01.eml")
_NOT_A_BOUNCE = (
    b"From: Carol <carol@example.net>\r\nTo: <bounces@example.org>\r\n"
    b"Subject: Please take me off your list\r\nDate: Mon, 2 Mar 2026 11:00:00 +0000\r\n"
    b"Message-ID: <reply.1@example.net>\r\n\r\nHello, a person wrote this.\r\n"
)


def _bounces(count: int, start: int = 0) -> list[bytes]:
    """``count`` real RFC 3464 bounces; every third one a sender-side block."""
    return [
        dsn(f"user{n}@example.net", "550 5.7.1 Service unavailable; client host blocked")
        if n % 3 == 2
        else dsn(f"user{n}@example.net")
        for n in range(start, start + count)
    ]


def _corpus() -> list[bytes]:
    top = require_shared(CORPUS / "sisimai")
    return [(top / name).read_bytes() for name in _SISIMAI]


def _events_in(messages: list[bytes]) -> int:
    return sum(len(parse_bounce(data).records) for data in messages)


def _read(
    dovecot: Dovecot,
    store: Store,
    url: str,
    *,
    batch_size: int = 500,
    move_to: str | None = None,
    delete: bool = False,
) -> IngestSummary:
    return ingest_mailbox(
        store,
        url,
        password=PASSWORD,
        ssl_context=dovecot.context(),
        batch_size=batch_size,
        move_to=move_to,
        delete=delete,
    )


def _flags(dovecot: Dovecot, user: str, folder: str = "INBOX") -> dict[int, str]:
    with dovecot.imap(user) as session:
        session.select(folder, readonly=True)
        _, data = session.uid("FETCH", "1:*", "(UID FLAGS)")
    flags = {}
    for line in data:
        if isinstance(line, bytes):
            text = line.decode()
            uid = int(text.split("UID ")[1].split()[0])
            flags[uid] = text.split("FLAGS (")[1].split(")")[0]
    return flags


def test_imaps_then_starttls_read_each_bounce_once_and_flag_only_bounces(
    dovecot: Dovecot, store: Store
) -> None:
    user = dovecot.new_user()
    messages = _bounces(6) + _corpus()
    dovecot.seed(user, [*messages, _NOT_A_BOUNCE])
    first = _read(dovecot, store, dovecot.url("imaps", user), batch_size=4)
    assert first.messages == 10
    assert first.errors == []
    assert first.new_events == _events_in(messages) == store.count_events()
    # The same mailbox over STARTTLS: the cursor is the mailbox's, whatever the port.
    again = _read(dovecot, store, dovecot.url("imap", user))
    assert (again.messages, again.new_events) == (0, 0)
    flags = _flags(dovecot, user)
    assert len(flags) == 10  # nothing deleted
    flagged = [uid for uid, text in flags.items() if PROCESSED_KEYWORD in text]
    assert len(flagged) == 9  # every bounce; the person's mail left as it was
    assert all("\\Seen" not in text for text in flags.values())  # BODY.PEEK: none marked read
    (source,) = store.sources()
    assert source["reference"] == f"imap://{user}@localhost/INBOX"
    assert source["cursor"]["last_uid"] == 10
    assert source["cursor"]["unsettled"] == []
    references = {stored.event.source.reference for stored in store.events()}
    assert all(ref and ref.startswith(f"imap://{user}@localhost/INBOX;") for ref in references)


def test_a_folder_is_searched_in_spans_of_uids(
    dovecot: Dovecot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mailbox, "_SEARCH_SPAN", 3)  # imaplib's 1 MB line limit, in small
    user = dovecot.new_user()
    dovecot.seed(user, _bounces(8))
    first = _read(dovecot, store, dovecot.url("imaps", user), batch_size=5)
    assert (first.messages, first.new_events) == (8, 8)
    dovecot.seed(user, _bounces(4, start=30))
    later = _read(dovecot, store, dovecot.url("imaps", user))
    assert (later.messages, later.new_events) == (4, 4)
    assert store.sources()[0]["cursor"]["last_uid"] == 12


def test_a_message_that_fails_to_parse_is_named_left_alone_and_the_rest_goes_on(
    dovecot: Dovecot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(data: bytes, *, source: EventSource) -> BounceReport:
        if b"user1@example.net" in data:
            raise RuntimeError("a bug in some format")
        return parse_bounce(data, source=source)

    monkeypatch.setattr(mailbox, "parse_bounce", failing)
    user = dovecot.new_user()
    dovecot.seed(user, _bounces(3))
    summary = _read(dovecot, store, dovecot.url("imaps", user))
    assert (summary.messages, summary.new_events) == (3, 2)
    (error,) = summary.errors
    assert error.startswith(f"{dovecot.url('imaps', user)} UID ")
    assert "RuntimeError: a bug in some format" in error
    flags = _flags(dovecot, user)
    assert sorted(PROCESSED_KEYWORD in text for text in flags.values()) == [False, True, True]
    (source,) = store.sources()
    assert source["errors"] == 1
    assert "a bug in some format" in source["last_error"]


def test_a_missing_folder_is_a_sentence(dovecot: Dovecot, store: Store) -> None:
    user = dovecot.new_user()
    url = dovecot.url("imaps", user, folder="Nowhere")
    with pytest.raises(InputError, match=r"said no while reading the folder: SELECT Nowhere"):
        _read(dovecot, store, url)


def test_move_to_moves_only_the_bounces_and_new_mail_is_read_next_time(
    dovecot: Dovecot, store: Store
) -> None:
    user = dovecot.new_user()
    dovecot.seed(user, [*_bounces(3), _NOT_A_BOUNCE])
    url = dovecot.url("imaps", user)
    summary = _read(dovecot, store, url, move_to="Processed")
    assert summary.new_events == 3
    assert len(dovecot.uids(user)) == 1  # the person's mail stays in the inbox
    assert len(dovecot.uids(user, "Processed")) == 3
    dovecot.seed(user, _bounces(2, start=10))
    later = _read(dovecot, store, url, move_to="Processed")
    assert (later.messages, later.new_events) == (2, 2)
    assert len(dovecot.uids(user, "Processed")) == 5
    assert len(dovecot.uids(user)) == 1


def test_nothing_is_deleted_unless_asked_and_then_only_bounces(
    dovecot: Dovecot, store: Store
) -> None:
    user = dovecot.new_user()
    dovecot.seed(user, [*_bounces(3), _NOT_A_BOUNCE])
    _read(dovecot, store, dovecot.url("imap", user))
    assert len(dovecot.uids(user)) == 4
    dovecot.seed(user, _bounces(2, start=10))
    summary = _read(dovecot, store, dovecot.url("imap", user), delete=True)
    assert summary.new_events == 2
    # The two new bounces are gone (expunged by UID); the ones read before without --delete,
    # and the person's mail, stay.
    assert len(dovecot.uids(user)) == 4
    assert len(dovecot.uids(user, criteria="DELETED")) == 0


def test_a_new_uidvalidity_reads_the_folder_again_and_stores_each_event_once(
    dovecot: Dovecot, store: Store
) -> None:
    user = dovecot.new_user()
    messages = _bounces(5) + _corpus()
    dovecot.seed(user, messages)
    url = dovecot.url("imaps", user)
    first = _read(dovecot, store, url)
    old = store.sources()[0]["cursor"]["uidvalidity"]
    new = dovecot.change_uidvalidity(user)
    assert new != old
    again = _read(dovecot, store, url)
    assert again.messages == len(messages)  # read from the start
    assert again.new_events == 0
    assert again.seen_events == first.new_events
    assert store.count_events() == _events_in(messages)
    assert store.sources()[0]["cursor"] == {
        "uidvalidity": new,
        "last_uid": len(messages),
        "unsettled": [],
    }


@pytest.mark.parametrize("scheme", ["pop3s", "pop3"])
def test_pop3_reads_by_uidl_and_deletes_only_when_asked(
    dovecot: Dovecot, store: Store, scheme: str
) -> None:
    user = dovecot.new_user()
    dovecot.seed(user, [*_bounces(4), _NOT_A_BOUNCE])
    url = dovecot.url(scheme, user)
    first = _read(dovecot, store, url, batch_size=2)
    assert (first.messages, first.new_events) == (5, 4)
    assert len(dovecot.uids(user)) == 5  # nothing deleted
    again = _read(dovecot, store, url)
    assert (again.messages, again.new_events) == (0, 0)
    dovecot.seed(user, _bounces(3, start=20))
    deleting = _read(dovecot, store, url, delete=True)
    assert (deleting.messages, deleting.new_events) == (3, 3)
    assert len(dovecot.uids(user)) == 5  # the three new bounces deleted at QUIT, no more
    (source,) = store.sources()
    assert source["reference"] == f"pop3://{user}@localhost"
    assert len(source["cursor"]["seen"]) == 5  # only UIDLs still on the server
    assert source["cursor"]["unsettled"] == []


def test_the_reader_is_found_for_mailbox_urls_before_bounce_files() -> None:
    for url in ("imap://u@h/INBOX", "IMAPS://u@h:993/x", "pop3://u@h", "pop3s://u@h"):
        assert reader_for(url).name == "mailbox"
    assert reader_for("/var/mail/bounces").name == "bounce files"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("imap://alice:secret@mail.example.org/INBOX", "--password-env"),
        ("imap://mail.example.org/INBOX", "USER@HOST"),
        ("pop3://alice@mail.example.org/Bounces", "POP3 has no folders"),
        ("imap://alice@mail.example.org/Bo\u00fcnces", "plain ASCII"),
    ],
)
def test_a_bad_mailbox_url_is_a_sentence(url: str, words: str) -> None:
    with pytest.raises(InputError, match=words) as raised:
        MailboxURL.parse(url)
    assert "secret" not in str(raised.value)


def test_the_url_user_may_be_an_address() -> None:
    parsed = MailboxURL.parse("imaps://bounces%40example.org@mail.example.org/Bounces%20In")
    assert (parsed.user, parsed.port, parsed.folder) == (
        "bounces@example.org",
        993,
        "Bounces In",
    )
    assert parsed.identity == "imap://bounces@example.org@mail.example.org/Bounces In"


def test_a_wrong_password_is_a_sentence_naming_the_mailbox(dovecot: Dovecot, store: Store) -> None:
    user = dovecot.new_user()
    url = dovecot.url("imaps", user)
    for scheme in ("imaps", "imap", "pop3s", "pop3"):
        url = dovecot.url(scheme, user)
        with pytest.raises(InputError) as raised:
            ingest_mailbox(store, url, password="not-it", ssl_context=dovecot.context())
        message = str(raised.value)
        assert message.startswith(url)
        assert "refused the login" in message
        assert "not-it" not in message
    assert store.sources() == []


def test_an_untrusted_certificate_is_refused_with_what_to_do(
    dovecot: Dovecot, store: Store
) -> None:
    user = dovecot.new_user()
    with pytest.raises(InputError, match="SSL_CERT_FILE"):
        ingest_mailbox(store, dovecot.url("imaps", user), password=PASSWORD)  # system CAs only


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A loopback port that accepts connections and never says a word."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


@pytest.mark.parametrize("scheme", ["imap", "imaps", "pop3s"])
def test_a_server_that_hangs_is_a_sentence_after_the_timeout(
    silent_server: int, tmp_path: Path, scheme: str
) -> None:
    url = f"{scheme}://alice@127.0.0.1:{silent_server}/INBOX".removesuffix(
        "/INBOX" if scheme.startswith("pop3") else ""
    )
    with open_store(f"sqlite:///{tmp_path / 'store.db'}") as opened:
        started = time.monotonic()
        with pytest.raises(InputError, match=r"did not answer within 0\.5 s") as raised:
            ingest_mailbox(opened, url, password="x", timeout=0.5)
    assert time.monotonic() - started < 5
    assert str(raised.value).startswith(url)


def test_a_closed_port_is_a_sentence(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        open_store(f"sqlite:///{tmp_path / 'store.db'}") as opened,
        pytest.raises(InputError, match=r"could not connect|connection failed"),
    ):
        ingest_mailbox(opened, f"imaps://alice@127.0.0.1:{port}/INBOX", password="x")


def test_a_server_without_starttls_never_gets_the_password(tmp_path: Path) -> None:
    """A scripted IMAP server that offers no STARTTLS: the reader hangs up before LOGIN."""
    listener = socket.create_server(("127.0.0.1", 0))
    heard: list[bytes] = []

    def serve() -> None:
        connection, _ = listener.accept()
        with connection, connection.makefile("rwb") as stream:
            stream.write(b"* OK IMAP4rev1 ready\r\n")
            stream.flush()
            while line := stream.readline():
                heard.append(line)
                tag = line.split()[0]
                if b"CAPABILITY" in line.upper():
                    stream.write(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                else:
                    stream.write(tag + b" OK done\r\n")
                stream.flush()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    port = listener.getsockname()[1]
    with (
        open_store(f"sqlite:///{tmp_path / 'store.db'}") as opened,
        pytest.raises(InputError, match=r"offers no STARTTLS.*imaps://"),
    ):
        ingest_mailbox(opened, f"imap://alice@127.0.0.1:{port}/INBOX", password="s3cret")
    thread.join(timeout=10)
    listener.close()
    assert heard  # it asked for the capabilities
    assert not any(b"s3cret" in line or b"LOGIN" in line.upper() for line in heard)


def test_the_command_reads_a_mailbox_and_a_wrong_password_exits_2(
    dovecot: Dovecot, store_url: str
) -> None:
    user = dovecot.new_user()
    dovecot.seed(user, _bounces(3))
    url = dovecot.url("imap", user)
    # The server's own certificate is trusted the way a user would: SSL_CERT_FILE.
    trust = {"SSL_CERT_FILE": str(dovecot.cafile)}
    wrong = bouncekit(
        "ingest", url, "--password-env", "BOUNCES_PW", database=store_url,
        extra={**trust, "BOUNCES_PW": "guessed-wrong"},
    )  # fmt: skip
    assert wrong.returncode == 2
    assert url in wrong.stderr
    assert "refused the login" in wrong.stderr
    assert "guessed-wrong" not in wrong.stderr + wrong.stdout
    assert "Traceback" not in wrong.stderr
    unnamed = bouncekit("ingest", url, database=store_url, extra=trust)
    assert unnamed.returncode == 2
    assert "--password-env" in unnamed.stderr
    done = bouncekit(
        "ingest", url, "--password-env", "BOUNCES_PW", "--move-to", "Done", "--json",
        database=store_url, extra={**trust, "BOUNCES_PW": PASSWORD},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"new_events": 3' in done.stdout
    assert len(dovecot.uids(user, "Done")) == 3
    assert dovecot.uids(user) == []


def test_ingest_sources_passes_the_options_to_the_mailbox_reader(
    dovecot: Dovecot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = dovecot.new_user()
    dovecot.seed(user, _bounces(2))
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.cafile))
    monkeypatch.setenv("MAILBOX_PW", PASSWORD)
    options = IngestOptions(password_env="MAILBOX_PW", delete=True)
    summary = ingest_sources(store, [dovecot.url("pop3s", user)], options)
    assert summary.new_events == 2
    assert dovecot.uids(user) == []


# Small batches, so that a kill lands between commits, inside one, and between a commit and
# the flags that follow it. Each message takes a few milliseconds more (the progress callback
# sleeps), as over a real network, so that a run lasts long enough to be killed at random.
_INGEST_SCRIPT = """
import ssl, sys, time
from bouncekit.ingest.mailbox import ingest_mailbox
from bouncekit.store import open_store
context = ssl.create_default_context(cafile=sys.argv[3])
with open_store(sys.argv[1]) as store:
    ingest_mailbox(store, sys.argv[2], password=sys.argv[4], ssl_context=context, batch_size=8,
                   progress=lambda size: time.sleep(0.004))
"""
_KILLED_MESSAGES = 400


def test_an_ingest_killed_at_random_points_stores_every_event_once_and_flags_every_bounce(
    dovecot: Dovecot, store_url: str
) -> None:
    user = dovecot.new_user()
    dovecot.seed(user, _bounces(_KILLED_MESSAGES))
    url = dovecot.url("imaps", user)
    command = [sys.executable, "-c", _INGEST_SCRIPT, store_url, url, str(dovecot.cafile),
               PASSWORD]  # fmt: skip
    environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    rng = random.Random(13)
    killed_mid_run = 0
    stored = 0
    with open_store(store_url) as watcher:
        for _ in range(5):
            process = subprocess.Popen(command, env=environment)
            # Kill once the run has committed something new (a shared machine starts it in
            # 0.7 s or in 3), a random moment later: inside a batch, between two, or between
            # a commit and its flags.
            deadline = time.monotonic() + 60
            while watcher.count_events() <= stored and process.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.02)
            time.sleep(rng.uniform(0, 0.25))
            killed_mid_run += process.poll() is None
            process.send_signal(signal.SIGKILL)
            process.wait()
            stored = watcher.count_events()
    assert killed_mid_run >= 3
    finished = subprocess.run(command, env=environment, timeout=300, check=False)
    assert finished.returncode == 0
    with open_store(store_url) as opened:
        ids = [stored.event.event_id for stored in opened.events()]
        cursor = opened.sources()[0]["cursor"]
    assert len(ids) == len(set(ids)) == _KILLED_MESSAGES
    assert cursor["last_uid"] == _KILLED_MESSAGES
    assert cursor["unsettled"] == []
    flags = _flags(dovecot, user)
    assert len(flags) == _KILLED_MESSAGES
    assert all(PROCESSED_KEYWORD in text for text in flags.values())


class _Stopped(Exception):
    pass


def test_bounces_stored_by_a_run_that_stopped_before_moving_them_are_moved_next_time(
    dovecot: Dovecot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window between a batch's commit and the server's MOVE: the cursor names the UIDs
    still to move, and the next run moves them before it reads on."""
    user = dovecot.new_user()
    dovecot.seed(user, _bounces(6))
    url = dovecot.url("imaps", user)
    settle = mailbox._ImapFolder.settle
    calls = []

    def stop_after_commit(folder: mailbox._ImapFolder, uids: list[int]) -> None:
        calls.append(list(uids))
        if len(calls) == 2:  # the first batch is moved; the second is stored, then this
            raise _Stopped
        settle(folder, uids)

    monkeypatch.setattr(mailbox._ImapFolder, "settle", stop_after_commit)
    with pytest.raises(_Stopped):
        _read(dovecot, store, url, batch_size=3, move_to="Done")
    monkeypatch.setattr(mailbox._ImapFolder, "settle", settle)
    assert store.count_events() == 6  # both batches committed
    assert store.sources()[0]["cursor"]["unsettled"] == [4, 5, 6]
    assert len(dovecot.uids(user, "Done")) == 3
    again = _read(dovecot, store, url, move_to="Done")
    assert (again.messages, again.new_events) == (0, 0)
    assert len(dovecot.uids(user, "Done")) == 6
    assert dovecot.uids(user) == []
    assert store.sources()[0]["cursor"]["unsettled"] == []
