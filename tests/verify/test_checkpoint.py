"""The SQLite checkpoint: an interrupted run goes on without asking again about any address."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import pytest

from bouncekit.errors import InputError
from bouncekit.replies.model import Verdict
from bouncekit.resolver import Resolver
from bouncekit.status import Status
from bouncekit.verify import run
from bouncekit.verify.checkpoint import (
    Checkpoint,
    checkpoint_path,
    result_from_dict,
    verify_resumable,
)
from bouncekit.verify.model import Check, VerifyOptions, VerifyReason, VerifyResult

ONLINE = VerifyOptions(allow_private=True)
ADDRESSES = [
    "John.Doe@gmail.com",
    "ann@example.com",
    "gone@example.com",
    "risky@example.org",
    "bob@example.net",
    "johndoe+news@gmail.com",  # the same Gmail mailbox as the first
    "ann@EXAMPLE.com",  # the same as the second
    "not an address",
]


class FakeProbe:
    """``verify_as_done()`` with the real offline checks and a pretend SMTP probe, so no
    network is needed: ``gone@`` is invalid, ``risky@`` is a catch-all, other checkable
    addresses are deliverable. Records the addresses each online call was given, and can be
    told to stop (as Ctrl-C would) after some results."""

    def __init__(self, stop_after: int | None = None) -> None:
        self.real = run.verify_as_done
        self.online_calls: list[list[str]] = []
        self.stop_after = stop_after

    @property
    def probed(self) -> list[str]:
        return [address for call in self.online_calls for address in call]

    async def __call__(
        self,
        addresses: Iterable[str],
        *,
        options: VerifyOptions = VerifyOptions(),  # noqa: B008 - frozen
        resolver: Resolver | None = None,
        observer: run.RunObserver | None = None,
        sink: run.ResultSink | None = None,
    ) -> AsyncIterator[tuple[int, VerifyResult]]:
        given = list(addresses)
        if not options.offline:
            self.online_calls.append(given)
        offline = dataclasses.replace(options, offline=True)
        count = 0
        async for index, result in self.real(given, options=offline, resolver=resolver):
            if self.stop_after is not None and count >= self.stop_after:
                raise KeyboardInterrupt
            count += 1
            if not options.offline:
                result = self.probe(result)
            if sink is not None:
                sink.put(result)
            yield index, result

    @staticmethod
    def probe(result: VerifyResult) -> VerifyResult:
        if result.reason is not VerifyReason.NOT_CHECKED:
            return result
        verdict, reason = Verdict.DELIVERABLE, VerifyReason.ACCEPTED
        if result.address.startswith("gone@"):
            verdict, reason = Verdict.INVALID, VerifyReason.MAILBOX_NOT_FOUND
        elif result.address.startswith("risky@"):
            verdict, reason = Verdict.RISKY, VerifyReason.CATCH_ALL
        return dataclasses.replace(
            result,
            verdict=verdict,
            reason=reason,
            detail=f"pretend probe: {reason.value}",
            mx=("mx.example.test",),
            smtp_reply="250 2.1.5 OK",
        )


@pytest.fixture
def fake_probe(monkeypatch: pytest.MonkeyPatch) -> FakeProbe:
    fake = FakeProbe()
    monkeypatch.setattr(run, "verify_as_done", fake)
    return fake


def sample_result() -> VerifyResult:
    return VerifyResult(
        input=" Ann@Example.com",
        address="Ann@example.com",
        verdict=Verdict.RISKY,
        reason=VerifyReason.CATCH_ALL,
        detail="The server accepts every address.",
        suggestion=None,
        duplicate_of="ann@example.com",
        free=True,
        mx=("mx1.example.com",),
        smtp_reply="250 2.1.5 OK",
        checks=(Check("smtp", Status.WARN, "catch-all"),),
        seconds=1.25,
        transcript=("S: 220 hi", "C: EHLO localhost"),
    )


def test_results_survive_the_round_trip_through_json() -> None:
    result = sample_result()
    again = result_from_dict(result.to_dict())
    assert again == result
    assert again.transcript == result.transcript


def test_checkpoint_lives_in_the_state_directory_never_beside_the_output(
    tmp_path: Path, state_directory: Path
) -> None:
    source = str(tmp_path / "list.csv")
    path = checkpoint_path(source, Path("/dev/null"))
    assert path.parent == state_directory / "bouncekit" / "checkpoints"
    assert path.name.startswith("list.csv-")
    assert path.name.endswith(".checkpoint.sqlite")
    # The same command finds it again; another output or another list does not.
    assert checkpoint_path(source, Path("/dev/null")) == path
    assert checkpoint_path(source, tmp_path / "out.csv") != path
    assert checkpoint_path(str(tmp_path / "other.csv"), Path("/dev/null")) != path
    assert checkpoint_path("-", tmp_path / "out.csv").name.startswith("stdin-")


def test_results_are_kept_on_resume_and_dropped_on_a_fresh_start(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    with Checkpoint.open(path, ONLINE, resume=False) as saved:
        saved.put(sample_result())
        saved.put(dataclasses.replace(sample_result(), detail="a later duplicate"))  # ignored
        saved.put(dataclasses.replace(sample_result(), address=""))  # unusable: not kept
    with Checkpoint.open(path, ONLINE, resume=True) as saved:
        assert len(saved) == 1
        assert saved.get("Ann@example.com") == sample_result()
        assert saved.get("bob@example.com") is None
    with Checkpoint.open(path, ONLINE, resume=False) as saved:
        assert len(saved) == 0


def test_each_result_is_committed_when_it_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    saved = Checkpoint.open(path, ONLINE, resume=False)
    saved.put(sample_result())
    reader = sqlite3.connect(path)  # another connection, as a resumed run after a kill
    assert reader.execute("SELECT count(*) FROM results").fetchone() == (1,)
    reader.close()
    saved.close()


def test_the_catch_all_probe_asks_the_same_address_after_a_resume(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    with Checkpoint.open(path, ONLINE, resume=False) as saved:
        assert saved.catch_all_address("example.com", "r1@example.com") == "r1@example.com"
    with Checkpoint.open(path, ONLINE, resume=True) as saved:
        assert saved.catch_all_address("example.com", "r2@example.com") == "r1@example.com"
        assert saved.catch_all_address("example.org", "r3@example.org") == "r3@example.org"
    with Checkpoint.open(path, ONLINE, resume=False) as saved:  # a fresh start: fresh probes
        assert saved.catch_all_address("example.com", "r4@example.com") == "r4@example.com"


def test_removing_the_checkpoint_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    saved = Checkpoint.open(path, ONLINE, resume=False)
    saved.put(sample_result())
    saved.remove()
    assert list(tmp_path.iterdir()) == []


def test_resuming_under_other_options_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    with Checkpoint.open(path, ONLINE, resume=False) as saved:
        saved.put(sample_result())
    with pytest.raises(InputError, match=r"other options \(offline was False\)"):
        Checkpoint.open(path, dataclasses.replace(ONLINE, offline=True), resume=True)
    # Pacing options do not change results: resuming with them is fine.
    Checkpoint.open(path, dataclasses.replace(ONLINE, concurrency=3), resume=True).close()


def test_a_file_that_is_not_a_checkpoint_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    path.write_bytes(b"this is not SQLite at all, " * 100)
    with pytest.raises(InputError, match="not a usable checkpoint"):
        Checkpoint.open(path, ONLINE, resume=True)


def test_an_interrupted_run_goes_on_without_probing_again(
    tmp_path: Path, fake_probe: FakeProbe
) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    complete = list(verify_resumable(ADDRESSES, options=ONLINE))
    fake_probe.online_calls.clear()

    fake_probe.stop_after = 3
    with Checkpoint.open(path, ONLINE, resume=False) as saved, pytest.raises(KeyboardInterrupt):
        list(verify_resumable(ADDRESSES, options=ONLINE, checkpoint=saved))
    assert fake_probe.probed == ADDRESSES

    fake_probe.stop_after = None
    fake_probe.online_calls.clear()
    with Checkpoint.open(path, ONLINE, resume=True) as saved:
        assert len(saved) == 3
        resumed = list(verify_resumable(ADDRESSES, options=ONLINE, checkpoint=saved))
        # The first three, and the two duplicates of them, which take their firsts' results.
        assert saved.reused == 5
    # Only what was not finished was probed again; "not an address" is decided offline.
    assert fake_probe.probed == ["risky@example.org", "bob@example.net"]
    assert [result.input for result in resumed] == ADDRESSES

    def essentials(result: VerifyResult) -> tuple[object, ...]:
        return (result.input, result.address, result.verdict, result.reason, result.duplicate_of)

    assert [essentials(r) for r in resumed] == [essentials(r) for r in complete]
    # Duplicates across the part done and the part resumed are still found.
    assert resumed[5].duplicate_of == "John.Doe@gmail.com"
    assert resumed[6].duplicate_of == "ann@example.com"


def test_a_finished_run_resumed_probes_nothing(tmp_path: Path, fake_probe: FakeProbe) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    with Checkpoint.open(path, ONLINE, resume=False) as saved:
        first = list(verify_resumable(ADDRESSES, options=ONLINE, checkpoint=saved))
    fake_probe.online_calls.clear()
    with Checkpoint.open(path, ONLINE, resume=True) as saved:
        again = list(verify_resumable(ADDRESSES, options=ONLINE, checkpoint=saved))
    assert fake_probe.probed == []  # "not an address" is decided offline: never stored
    assert [r.verdict for r in again] == [r.verdict for r in first]


def test_a_checkpoint_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    path = tmp_path / "x.checkpoint.sqlite"
    saved = Checkpoint.open(path, ONLINE, resume=False)
    saved._connection.execute("PRAGMA query_only = ON")  # as a full or read-only disk would
    with pytest.raises(InputError, match="the checkpoint cannot be written"):
        saved.put(sample_result())
    saved.close()
