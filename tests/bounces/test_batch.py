"""Reading many messages: directory trees, mbox files, Maildir folders, stdin, bad inputs."""

from __future__ import annotations

import io
import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest

from bouncekit.bounces import batch
from bouncekit.bounces.batch import Failure, Message, Parsed, Result, Summary, parse_paths
from bouncekit.bounces.model import BounceKind, BounceReport
from tests.bounces.messages import big_bounce, dsn
from tests.support.corpus import CORPUS as SHARED_CORPUS
from tests.support.corpus import require_shared

EXTRA = SHARED_CORPUS / "sisimai-extra"
NOT_A_BOUNCE = b"From: a@example.org\nTo: b@example.org\nSubject: lunch?\n\nAt noon.\n"


def recipients(results: list[Result]) -> list[tuple[str, str]]:
    return [
        (record.file or "", record.recipient)
        for result in results
        if isinstance(result, Parsed)
        for record in result.report.records
    ]


def summary_of(results: list[Result]) -> Summary:
    summary = Summary()
    for result in results:
        summary.add(result)
    return summary


def mbox(*messages: bytes) -> bytes:
    """An mboxrd file: a postmark before each message, "From " body lines quoted."""
    out = []
    for message in messages:
        quoted = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line
            for line in message.split(b"\n")
        )
        out.append(b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n" + quoted.rstrip(b"\n") + b"\n")
    return b"\n".join(out)


def test_a_directory_tree_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a.eml").write_bytes(dsn("one@example.net"))
    (tmp_path / "b" / "deeper" / "c.eml").write_bytes(dsn("three@example.net"))
    (tmp_path / "b" / "b.eml").write_bytes(dsn("two@example.net"))
    (tmp_path / "b" / "note.txt").write_bytes(NOT_A_BOUNCE)
    (tmp_path / ".hidden.eml").write_bytes(dsn("hidden@example.net"))
    results = list(parse_paths([tmp_path]))
    assert recipients(results) == [
        (str(tmp_path / "a.eml"), "one@example.net"),
        (str(tmp_path / "b" / "b.eml"), "two@example.net"),
        (str(tmp_path / "b" / "deeper" / "c.eml"), "three@example.net"),
    ]
    summary = summary_of(results)
    assert (summary.messages, summary.bounces, summary.not_bounces, summary.errors) == (4, 3, 1, 0)


def test_an_mbox_is_split_on_postmark_lines_only(tmp_path: Path) -> None:
    body_line = b"From here on the text is quoted, and this line must not split a message.\n"
    first = dsn("first@example.net") + body_line
    path = tmp_path / "bounces.mbox"
    path.write_bytes(mbox(first, NOT_A_BOUNCE, dsn("second@example.net")))
    results = list(parse_paths([path]))
    assert [result.source for result in results] == [f"{path}#{n}" for n in (1, 2, 3)]
    assert recipients(results) == [
        (f"{path}#1", "first@example.net"),
        (f"{path}#3", "second@example.net"),
    ]
    assert isinstance(results[1], Parsed)
    assert results[1].report.kind is BounceKind.NOT_BOUNCE


def test_mboxrd_quoting_is_undone(tmp_path: Path) -> None:
    path = tmp_path / "one.mbox"
    path.write_bytes(mbox(NOT_A_BOUNCE + b"From the desk of Bob\n>From quoted\n"))
    (message,) = list(batch.read_inputs([path]))
    assert isinstance(message, Message)
    assert message.source == str(path)  # a one-message mbox is named like a message file
    assert message.data.endswith(b"\nFrom the desk of Bob\n>From quoted\n")


def test_eml_and_maildir_files_are_one_message_even_after_a_postmark(tmp_path: Path) -> None:
    quoted = b"\n\nFrom bounce@example.org  Sat Oct  4 08:00:07 2025\nDate: x\n\nThe original.\n"
    # Saved as one message with a postmark, the original's own "From " line unquoted
    saved = b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n" + dsn("one@example.net") + quoted
    (tmp_path / "saved.eml").write_bytes(saved)
    for folder in ("Maildir/cur", "Maildir/new"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "Maildir" / "new" / "1700000000.1.host").write_bytes(saved)
    (tmp_path / "saved.mbox").write_bytes(saved)
    sources = [item.source for item in batch.read_inputs([tmp_path])]
    assert sources == [  # a directory's files, then its subdirectories
        str(tmp_path / "saved.eml"),
        f"{tmp_path / 'saved.mbox'}#1",  # not .eml, not in a Maildir: split as an mbox
        f"{tmp_path / 'saved.mbox'}#2",
        str(tmp_path / "Maildir" / "new" / "1700000000.1.host"),
    ]


def test_an_empty_mbox_and_tiny_files_give_no_records_and_no_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "space").write_bytes(b" ")
    (tmp_path / "postmark-only").write_bytes(b"From MAILER-DAEMON Mon Mar  2 10:00:00 2026\n")
    results = list(parse_paths([tmp_path]))
    assert recipients(results) == []
    assert not [result for result in results if isinstance(result, Failure)]
    assert summary_of(results).messages == 2  # the empty file holds no message


def test_the_shared_mbox_files() -> None:
    mailbox = require_shared(EXTRA / "mailbox")
    names = ["mbox-0", "mbox-1", "size-0", "size-1", "size-2"]
    results = list(parse_paths([mailbox / name for name in names]))
    assert not [result for result in results if isinstance(result, Failure)]
    by_file: dict[str, list[Result]] = {}
    for result in results:
        by_file.setdefault(Path(result.source.split("#")[0]).name, []).append(result)
    assert len(by_file["mbox-0"]) == 37
    assert [r.source for r in by_file["mbox-0"]][:2] == [
        f"{mailbox / 'mbox-0'}#1",
        f"{mailbox / 'mbox-0'}#2",
    ]
    assert len(by_file["mbox-1"]) == 1
    assert "size-0" not in by_file  # empty: no message
    assert len(recipients(by_file["mbox-0"])) >= 30
    assert recipients(by_file["mbox-1"])
    assert recipients(by_file["size-1"] + by_file["size-2"]) == []


def test_a_maildir_reads_cur_and_new_not_tmp(tmp_path: Path) -> None:
    maildir = tmp_path / "Maildir"
    for folder in ("cur", "new", "tmp", ".Archive/cur", ".Archive/new", ".Archive/tmp"):
        (maildir / folder).mkdir(parents=True)
    (maildir / "cur" / "1700000000.1.host:2,S").write_bytes(dsn("seen@example.net"))
    (maildir / "new" / "1700000001.2.host").write_bytes(dsn("new@example.net"))
    (maildir / "tmp" / "1700000002.3.host").write_bytes(dsn("in-delivery@example.net"))
    (maildir / ".Archive" / "cur" / "1600000000.4.host:2,S").write_bytes(dsn("old@example.net"))
    (maildir / "dovecot-uidlist").write_bytes(b"3 V1 N4\n")
    found = [recipient for _, recipient in recipients(list(parse_paths([maildir])))]
    # cur/ then new/, then the Maildir++ folders; nothing from tmp/
    assert found == ["seen@example.net", "new@example.net", "old@example.net"]


def test_stdin_holds_a_message_or_an_mbox() -> None:
    single = list(parse_paths(["-"], stdin=io.BytesIO(dsn("piped@example.net"))))
    assert recipients(single) == [("-", "piped@example.net")]
    several = io.BytesIO(mbox(dsn("a@example.net"), dsn("b@example.net")))
    assert recipients(list(parse_paths(["-"], stdin=several))) == [
        ("-#1", "a@example.net"),
        ("-#2", "b@example.net"),
    ]


def test_a_piped_mbox_parsed_in_three_processes_matches_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Small chunks of messages (not file names) go through the pipes to two workers, and this
    # process parses its share: the results are those of one process, in order.
    monkeypatch.setattr(batch, "_CHUNK_MESSAGES", 3)
    data = mbox(*(dsn(f"m{n}@example.net") if n % 4 else NOT_A_BOUNCE for n in range(50)))
    one = list(parse_paths(["-"], stdin=io.BytesIO(data)))
    three = list(parse_paths(["-"], jobs=3, stdin=io.BytesIO(data)))
    assert [result.source for result in three] == [f"-#{n}" for n in range(1, 51)]
    assert recipients(three) == recipients(one)
    assert len(recipients(one)) == 37


def test_records_carry_their_file_and_position(tmp_path: Path) -> None:
    path = tmp_path / "x.eml"
    path.write_bytes(dsn("pos@example.net"))
    (result,) = list(parse_paths([path]))
    assert isinstance(result, Parsed)
    (record,) = result.report.records
    assert (record.file, record.index) == (str(path), 1)
    assert record.to_dict()["file"] == str(path)
    assert record.diagnosis is not None  # in-process, nothing is shipped: it stays
    (lean,) = list(parse_paths([path], jobs=2))
    assert isinstance(lean, Parsed)
    assert lean.report.records[0].diagnosis is None  # workers send it back only when asked
    (full,) = list(parse_paths([path], jobs=2, with_diagnosis=True))
    assert isinstance(full, Parsed)
    assert full.report.records[0].diagnosis is not None
    assert full.report.records[0].diagnosis.actions


def test_two_workers_give_the_records_of_one_in_the_same_order(tmp_path: Path) -> None:
    for number in range(150):
        folder = tmp_path / f"d{number % 7}"
        folder.mkdir(exist_ok=True)
        data = dsn(f"user{number}@example.net") if number % 5 else NOT_A_BOUNCE
        (folder / f"{number:03}.eml").write_bytes(data)
    (tmp_path / "big.mbox").write_bytes(mbox(*(dsn(f"m{n}@example.net") for n in range(80))))
    inputs = [tmp_path, tmp_path / "missing", tmp_path / "d1" / "001.eml"]
    one = list(parse_paths(inputs, jobs=1))
    two = list(parse_paths(inputs, jobs=2))
    assert [result.source for result in two] == [result.source for result in one]
    assert recipients(two) == recipients(one)
    assert [r.report.records for r in two if isinstance(r, Parsed)] == [
        r.report.records for r in one if isinstance(r, Parsed)
    ]
    assert len(recipients(one)) == 120 + 80 + 1


_parse_message = batch.parse_message
_MAIN = os.getpid()


def _die_on_poison(message: Message) -> Result:
    """parse_message, except that a worker process dies on a poisoned message."""
    if b"poison@" in message.data and os.getpid() != _MAIN:
        os._exit(3)  # as if killed: no exception, no goodbye
    return _parse_message(message)


@pytest.mark.skipif(sys.platform != "linux", reason="workers inherit the patch only by fork")
def test_a_worker_that_dies_costs_its_chunk_and_the_batch_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "_CHUNK_MESSAGES", 4)
    monkeypatch.setattr(batch, "parse_message", _die_on_poison)
    poisoned = (9, 26, 47)
    for number in range(60):
        recipient = "poison@example.net" if number in poisoned else f"user{number}@example.net"
        (tmp_path / f"{number:03}.eml").write_bytes(dsn(recipient))
    results = list(parse_paths([tmp_path], jobs=2))
    assert [Path(result.source).name for result in results] == [f"{n:03}.eml" for n in range(60)]
    lost = {n for n, result in enumerate(results) if isinstance(result, Failure)}
    # The first chunks all go to the worker: the one holding message 9 dies with it. Later
    # poison kills a worker only where a worker, not this process, parsed it.
    assert {8, 9, 10, 11} <= lost
    assert lost <= {n for poison in poisoned for n in range(poison // 4 * 4, poison // 4 * 4 + 4)}
    errors = [result.error for result in results if isinstance(result, Failure)]
    assert all("worker process parsing it stopped" in error for error in errors)
    assert len(recipients(results)) == 60 - len(lost)  # the new workers went on


def test_workers_read_small_files_and_share_the_messages_of_a_large_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file larger than a chunk is split in the parent; smaller ones are read by the workers.
    monkeypatch.setattr(batch, "_CHUNK_BYTES", 4000)
    (tmp_path / "a.eml").write_bytes(dsn("first@example.net"))
    (tmp_path / "b.mbox").write_bytes(mbox(*(dsn(f"m{n}@example.net") for n in range(12))))
    (tmp_path / "c.mbox").write_bytes(mbox(dsn("small@example.net"), NOT_A_BOUNCE))
    (tmp_path / "d.eml").symlink_to(tmp_path / "gone.eml")
    one = list(parse_paths([tmp_path], jobs=1))
    two = list(parse_paths([tmp_path], jobs=2))
    assert [result.source for result in two] == [result.source for result in one]
    assert recipients(two) == recipients(one)
    assert len(recipients(one)) == 1 + 12 + 1
    assert isinstance(two[-1], Failure)
    assert "broken symbolic link" in two[-1].error


def test_a_missing_path_is_a_failure_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.eml"
    good.write_bytes(dsn("fine@example.net"))
    missing = tmp_path / "no-such.eml"
    results = list(parse_paths([missing, good]))
    assert isinstance(results[0], Failure)
    assert results[0].error.startswith(f"{missing}: no such file or directory")
    assert recipients(results) == [(str(good), "fine@example.net")]
    assert summary_of(results).errors == 1


def test_an_unreadable_file_inside_a_directory_is_named(tmp_path: Path) -> None:
    # A dangling symbolic link: the directory lists it, reading it fails. (chmod 000 proves
    # nothing here: the tests may run as root, who reads anything.)
    (tmp_path / "a.eml").write_bytes(dsn("before@example.net"))
    (tmp_path / "b.eml").symlink_to(tmp_path / "gone.eml")
    (tmp_path / "c.eml").write_bytes(dsn("after@example.net"))
    results = list(parse_paths([tmp_path]))
    failures = [result for result in results if isinstance(result, Failure)]
    assert [failure.source for failure in failures] == [str(tmp_path / "b.eml")]
    assert "broken symbolic link" in failures[0].error
    assert [recipient for _, recipient in recipients(results)] == [
        "before@example.net",
        "after@example.net",
    ]


def test_a_path_with_a_nul_byte_is_a_failure() -> None:
    (result,) = list(parse_paths(["bad\0name"]))
    assert isinstance(result, Failure)
    assert "NUL" in result.error


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (result,) = list(parse_paths([fifo]))
    assert isinstance(result, Failure)
    assert "not a regular file" in result.error


def test_a_parser_bug_is_reported_for_that_message_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.parse_bounce

    def buggy(data: bytes, **_: object) -> BounceReport:
        if b"boom@" in data:
            raise KeyError("a format's bug")
        return real(data)

    monkeypatch.setattr(batch, "parse_bounce", buggy)
    for name, recipient in (("1.eml", "ok@example.net"), ("2.eml", "boom@example.net")):
        (tmp_path / name).write_bytes(dsn(recipient))
    (tmp_path / "3.eml").write_bytes(dsn("also-ok@example.net"))
    results = list(parse_paths([tmp_path]))
    failure = results[1]
    assert isinstance(failure, Failure)
    assert failure.read
    assert failure.error.startswith(f"{tmp_path / '2.eml'}: parsing failed with KeyError")
    assert "bug in bouncekit" in failure.error
    assert [recipient for _, recipient in recipients(results)] == [
        "ok@example.net",
        "also-ok@example.net",
    ]
    summary = summary_of(results)
    assert (summary.messages, summary.errors) == (3, 1)


def test_binary_garbage_is_not_a_bounce(tmp_path: Path) -> None:
    (tmp_path / "garbage").write_bytes(bytes(range(256)) * 64 + b"\0" * 1000)
    (tmp_path / "garbage-from").write_bytes(b"From \xff\xfe\0\0" + os.urandom(4096))
    results = list(parse_paths([tmp_path]))
    assert all(isinstance(result, Parsed) for result in results)
    assert recipients(results) == []


def test_a_15_mb_bounce_with_a_base64_attachment_gives_its_recipient(tmp_path: Path) -> None:
    path = tmp_path / "big.eml"
    data = big_bounce(15)
    assert len(data) > 15_000_000
    path.write_bytes(data)
    start = time.perf_counter()
    (result,) = list(parse_paths([path]))
    elapsed = time.perf_counter() - start
    assert isinstance(result, Parsed)
    assert [record.recipient for record in result.report.records] == ["big@example.net"]
    assert result.report.records[0].reason == "userunknown"
    assert elapsed < 2.0, f"{elapsed:.2f} s for a 15 MB bounce"


def test_stopping_early_leaves_no_worker_behind(tmp_path: Path) -> None:
    for number in range(300):
        (tmp_path / f"{number:03}.eml").write_bytes(dsn(f"user{number}@example.net"))
    results = parse_paths([tmp_path], jobs=2)
    first = next(results)
    assert Path(first.source).name == "000.eml"
    results.close()  # what a consumer that stops reading does, e.g. on an error downstream
    assert multiprocessing.active_children() == []
