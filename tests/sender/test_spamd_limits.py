"""The spamd client against servers that misbehave: one drips its answer a byte at a time for
ever, one floods. Each is a thread on 127.0.0.1 written here; the client must end with a
sentence, under a total deadline, holding a bounded amount of the answer in memory.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator

import pytest

from bouncekit.sender.spamd import MAX_ANSWER_BYTES, SpamdError, SpamdResult, ask_spamd

MESSAGE = b"From: a@example.com\r\nTo: b@example.org\r\nSubject: hi\r\n\r\nhello\r\n"
Behaviour = Callable[[socket.socket, threading.Event], int]


class Misbehaving:
    """A TCP server on 127.0.0.1 that reads the request and answers with ``behaviour``,
    which returns the number of bytes it sent."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.listener.getsockname()[1]}"
        self.sent = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        connection, _ = self.listener.accept()
        with connection:
            while connection.recv(65536):  # the request, up to the client's shutdown
                pass
            # OSError: the client hung up, which is what it should do.
            with contextlib.suppress(OSError):
                self.sent = self.behaviour(connection, self.stopping)

    def stop(self) -> None:
        self.stopping.set()
        self.listener.close()
        self.thread.join(timeout=10)


def drip(connection: socket.socket, stopping: threading.Event) -> int:
    """The start of a real answer, then one byte every 0.2 s, never ending."""
    sent = 0
    for byte in b"SPAMD/1.1 0 EX_OK\r\n" + b"X" * 1_000_000:
        if stopping.wait(0.2):
            break
        connection.sendall(bytes([byte]))
        sent += 1
    return sent


def flood(connection: socket.socket, stopping: threading.Event) -> int:
    """An answer with no end: 64 KiB at a time until the client hangs up."""
    sent = 0
    block = b"SPAMD/1.1 0 EX_OK\r\n" + b"Y" * 65_517
    while not stopping.is_set():
        connection.sendall(block)
        sent += len(block)
    return sent


@pytest.fixture
def server() -> Iterator[Callable[[Behaviour], Misbehaving]]:
    started: list[Misbehaving] = []

    def start(behaviour: Behaviour) -> Misbehaving:
        started.append(Misbehaving(behaviour))
        return started[-1]

    yield start
    for each in started:
        each.stop()


def ask_in_a_thread(address: str, timeout: float) -> SpamdResult | SpamdError | None:
    """``ask_spamd`` in a thread given a generous bound; None if it had not returned by then."""
    answer: list[SpamdResult | SpamdError] = []
    worker = threading.Thread(
        target=lambda: answer.append(ask_spamd(MESSAGE, address, timeout=timeout)), daemon=True
    )
    worker.start()
    worker.join(timeout=30)  # thirty times the deadline the client was given
    return answer[0] if answer else None


def test_a_dripping_server_is_given_up_on_at_the_total_deadline(
    server: Callable[[Behaviour], Misbehaving],
) -> None:
    dripping = server(drip)
    # Each byte comes well inside the one-second timeout: only a total deadline ends this.
    answer = ask_in_a_thread(dripping.address, timeout=1.0)
    assert answer is not None, "the client was still reading a dripping server after 30 s"
    assert answer == SpamdError(f"spamd at {dripping.address} did not answer within 1 s.")


def test_a_flooding_server_is_cut_off_at_the_answer_limit(
    server: Callable[[Behaviour], Misbehaving],
) -> None:
    flooding = server(flood)
    tracemalloc.start()
    try:
        answer = ask_in_a_thread(flooding.address, timeout=20.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(answer, SpamdError)
    assert f"sent more than {MAX_ANSWER_BYTES:,} bytes" in answer.detail
    # What the client held is the limit and one read more, not what the server sent.
    assert peak < 4 * MAX_ANSWER_BYTES


def test_a_slow_but_finite_answer_inside_the_deadline_is_read(
    server: Callable[[Behaviour], Misbehaving],
) -> None:
    answer_bytes = b"SPAMD/1.1 0 EX_OK\r\nSpam: False ; 1.2 / 5.0\r\n\r\n 1.2 MISSING_DATE x\r\n"

    def slowly(connection: socket.socket, stopping: threading.Event) -> int:
        for start in range(0, len(answer_bytes), 20):
            time.sleep(0.01)
            connection.sendall(answer_bytes[start : start + 20])
        return len(answer_bytes)

    slow = server(slowly)
    answer = ask_in_a_thread(slow.address, timeout=20.0)
    assert isinstance(answer, SpamdResult)
    assert answer.score == 1.2
