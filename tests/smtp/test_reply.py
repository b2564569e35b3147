"""The one reply reader: the sans-IO assembler and its asyncio and blocking drivers."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest

from bouncekit.smtp.ehlo import parse_ehlo
from bouncekit.smtp.limits import MAX_LINE_BYTES, MAX_REPLY_LINES
from bouncekit.smtp.reply import (
    PeerInterrupted,
    Reply,
    ReplyAssembler,
    read_reply,
    read_reply_blocking,
)


def test_continuation_lines_make_one_reply() -> None:
    assembler = ReplyAssembler()
    assert assembler.feed("250-mx.example.test\r\n") is None
    assert assembler.feed("250-PIPELINING") is None
    reply = assembler.feed("250 SIZE 10240000")
    assert reply == Reply(250, ("250-mx.example.test", "250-PIPELINING", "250 SIZE 10240000"))
    assert reply.messages == ("mx.example.test", "PIPELINING", "SIZE 10240000")
    assert assembler.feed("221") == Reply(221, ("221",))  # a bare code ends a reply too


@pytest.mark.parametrize("line", ["hello", "150 not a reply code", "250x", "", "25"])
def test_a_line_that_is_no_reply_names_the_peer(line: str) -> None:
    with pytest.raises(PeerInterrupted, match=r"^mx\.example\.test sent a line that is no SMTP"):
        ReplyAssembler("mx.example.test").feed(line)


def test_the_expected_reply_is_named_when_known() -> None:
    assembler = ReplyAssembler()
    assembler.waiting_for = "the greeting"
    with pytest.raises(PeerInterrupted, match=r"^Instead of the greeting the server sent a line"):
        assembler.feed("SSH-2.0-OpenSSH_9.6")


def test_a_reply_has_a_bounded_number_of_lines() -> None:
    assembler = ReplyAssembler()
    for _ in range(MAX_REPLY_LINES - 1):
        assert assembler.feed("250-more") is None
    with pytest.raises(PeerInterrupted, match=f"more than {MAX_REPLY_LINES} lines"):
        assembler.feed("250-more")


def test_a_line_has_a_bounded_length() -> None:
    with pytest.raises(PeerInterrupted, match=f"more than {MAX_LINE_BYTES} bytes"):
        ReplyAssembler().feed("250 " + "x" * MAX_LINE_BYTES)


def _stream(data: bytes, *, eof: bool = True) -> asyncio.StreamReader:
    reader = asyncio.StreamReader()
    reader.feed_data(data)
    if eof:
        reader.feed_eof()
    return reader


def test_the_asyncio_reader_keeps_the_transcript() -> None:
    async def read() -> tuple[Reply, list[str]]:
        transcript: list[str] = []
        reader = _stream(b"220-mx.example.test\r\n220 ready\r\n250 next\r\n")
        reply = await read_reply(
            reader, waiting_for="the greeting", timeout=1.0, transcript=transcript
        )
        return reply, transcript

    reply, transcript = asyncio.run(read())
    assert reply == Reply(220, ("220-mx.example.test", "220 ready"))
    assert transcript == ["< 220-mx.example.test", "< 220 ready"]


def test_the_asyncio_reader_turns_a_hang_and_a_close_into_interruptions() -> None:
    async def hang() -> None:
        await read_reply(_stream(b"220-half", eof=False), waiting_for="the greeting", timeout=0.05)

    with pytest.raises(
        PeerInterrupted, match=r"No greeting within 0\.05 s: the server hangs"
    ) as hung:
        asyncio.run(hang())
    assert hung.value.timed_out

    async def closed() -> None:
        await read_reply(_stream(b""), waiting_for="the reply to EHLO", timeout=1.0)

    with pytest.raises(PeerInterrupted, match="The server closed the connection instead"):
        asyncio.run(closed())


def test_the_blocking_reader_keeps_what_follows_the_reply() -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        sender = threading.Thread(
            target=theirs.sendall, args=(b"250-mx\r\n250-STARTTLS\r\n250 OK\r\n221 bye\r\n",)
        )
        sender.start()
        buffer = bytearray()
        ehlo = read_reply_blocking(ours, buffer, peer="mx.example.test")
        assert parse_ehlo(ehlo).offers("STARTTLS")
        assert read_reply_blocking(ours, buffer).code == 221
        sender.join()
        theirs.close()
        with pytest.raises(PeerInterrupted, match=r"^mx\.example\.test closed the connection"):
            read_reply_blocking(ours, buffer, peer="mx.example.test")
