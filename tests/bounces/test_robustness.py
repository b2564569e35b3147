"""Broken, odd and mutated messages: no exception escapes parse_bounce, none is slow."""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bouncekit.bounces import parse_bounce
from bouncekit.bounces.batch import Failure, Message, read_inputs
from tests.support.corpus import CORPUS as SHARED_CORPUS
from tests.support.corpus import require_shared

CORPUS = SHARED_CORPUS / "sisimai"
EXTRA = SHARED_CORPUS / "sisimai-extra"
SECONDS_PER_MESSAGE = 2.0  # generous: a message takes milliseconds


def timed_parse(data: bytes) -> None:
    start = time.perf_counter()
    parse_bounce(data)
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS_PER_MESSAGE, f"{elapsed:.2f} s for one message of {len(data)} bytes"


@pytest.mark.parametrize("folder", ["maildir/err", "maildir/not", "mailbox"])
def test_every_odd_message_of_the_extra_corpus_parses(folder: str) -> None:
    require_shared(EXTRA / folder)  # also what the non-bounces below are read from
    files = sorted(path for path in (EXTRA / folder).iterdir() if path.is_file())
    assert files
    for path in files:
        timed_parse(path.read_bytes())  # the whole file, mbox or not
    messages = list(read_inputs(files))
    assert not [item for item in messages if isinstance(item, Failure)]
    for item in messages:
        assert isinstance(item, Message)
        timed_parse(item.data)


NOT_BOUNCES = sorted(EXTRA.glob("maildir/not/*.eml"))


@pytest.mark.parametrize("path", NOT_BOUNCES, ids=lambda path: path.name)
def test_messages_that_are_not_bounces_give_no_records(path: Path) -> None:
    report = parse_bounce(path.read_bytes())
    assert report.records == ()
    assert report.note


@functools.cache
def corpus_messages() -> tuple[bytes, ...]:
    if not CORPUS.exists():
        return ()
    return tuple(path.read_bytes() for path in sorted(CORPUS.rglob("*.eml")))


def _boundary(data: bytes) -> bytes | None:
    lower = data.lower()
    start = lower.find(b"boundary=")
    if start < 0:
        return None
    value = data[start + 9 : start + 200].split(b"\n")[0].split(b";")[0].strip().strip(b'"')
    return value or None


def mutate(data: bytes, operation: str, position: float, seed: int) -> bytes:
    """One damage of the kinds real mailboxes show."""
    at = int(position * len(data))
    if operation == "truncate":
        return data[:at]
    if operation == "flip":
        damaged = bytearray(data)
        for step in range(1 + seed % 16):
            index = (at + step * 7919) % max(len(damaged), 1)
            if damaged:
                damaged[index] ^= 1 << (seed % 8)
        return bytes(damaged)
    if operation == "boundary":
        boundary = _boundary(data)
        if boundary is None:
            return data.replace(b"\n\n", b"\n--broken\n", 1)
        if seed % 3 == 0:  # the closing delimiter lost
            return data.replace(b"--" + boundary + b"--", b"")
        if seed % 3 == 1:  # delimiters that no longer match the declared boundary
            return data.replace(b"--" + boundary, b"--" + boundary[: len(boundary) // 2], 2)
        return data.replace(b"boundary=", b'boundary=""; x=', 1)  # an empty boundary
    if operation == "huge-header":
        header = b"X-Huge: " + b"a" * (200_000 + seed * 1000) + b"\n"
        folded = b"X-Folded: " + b"word \n\t" * 20_000 + b"end\n"
        return header + folded + data
    if operation == "nul":
        return data[:at] + b"\0" * (1 + seed % 64) + data[at:]
    if operation == "line-endings":
        pieces = data.split(b"\n")
        endings = (b"\r\n", b"\r", b"\n", b"\n\r")
        return b"".join(
            piece + endings[(index + seed) % len(endings)] for index, piece in enumerate(pieces)
        )
    raise AssertionError(operation)


OPERATIONS = ["truncate", "flip", "boundary", "huge-header", "nul", "line-endings"]


@settings(
    max_examples=300,
    deadline=None,  # timed by hand below, with the 2 s bound
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
)
@given(
    index=st.integers(min_value=0, max_value=10_000),
    operations=st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=3),
    position=st.floats(min_value=0, max_value=1),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_mutated_corpus_messages_never_raise_nor_hang(
    index: int, operations: list[str], position: float, seed: int
) -> None:
    require_shared(CORPUS)
    messages = corpus_messages()
    data = messages[index % len(messages)]
    for operation in operations:
        data = mutate(data, operation, position, seed)
    timed_parse(data)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    timed_parse(data)


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_damage_on_every_corpus_message(operation: str) -> None:
    require_shared(CORPUS)
    for number, data in enumerate(corpus_messages()):
        timed_parse(mutate(data, operation, (number % 10) / 10, number))
