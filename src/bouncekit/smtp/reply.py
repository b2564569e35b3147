"""Reading SMTP replies (RFC 5321 4.2): one sans-IO assembler and its two drivers.

:class:`ReplyAssembler` takes the lines a server sends and gives back each complete reply:
``250-`` lines continue a reply, ``250 `` (or a bare ``250``) ends it. It refuses a line that
is no reply and a reply of more than :data:`MAX_REPLY_LINES` lines, naming the peer.
:func:`read_reply` drives it over an asyncio stream under one deadline for the whole reply;
:func:`read_reply_blocking` over a blocking socket (whose own timeout bounds each read).
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from dataclasses import dataclass

from bouncekit.errors import BouncekitError
from bouncekit.smtp.limits import MAX_LINE_BYTES, MAX_REPLY_LINES

__all__ = [
    "PeerInterrupted",
    "Reply",
    "ReplyAssembler",
    "read_reply",
    "read_reply_blocking",
]


@dataclass(frozen=True, slots=True)
class Reply:
    """One complete reply: a code and every line as received (RFC 5321 4.2)."""

    code: int
    lines: tuple[str, ...]  # "250-mx.example.test", "250 SIZE 10240000": without CRLF

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def messages(self) -> tuple[str, ...]:
        """The text of each line after its code and separator."""
        return tuple(line[4:] for line in self.lines)

    @property
    def positive(self) -> bool:
        return 200 <= self.code < 400


class PeerInterrupted(BouncekitError):
    """The peer hung, closed the connection or sent something that is no SMTP reply.

    The drivers turn it into a result (a finding, an ``unknown`` verdict): a misbehaving
    server is an expected outcome, and this never reaches a caller of the library.
    """

    def __init__(self, detail: str, *, timed_out: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.timed_out = timed_out


class ReplyAssembler:
    """Lines in, complete replies out. ``peer`` names the server in error messages
    ("mx.example.test", "the server"); ``waiting_for``, when set, says what was expected
    ("the greeting")."""

    def __init__(self, peer: str = "the server") -> None:
        self.peer = peer
        self.waiting_for: str | None = None
        self._lines: list[str] = []

    def feed(self, line: str) -> Reply | None:
        """One line (CRLF optional); the reply it completes, or None while one continues.
        :class:`PeerInterrupted` when the line is no reply line or the reply is too long."""
        line = line.rstrip("\r\n")
        code, separator = line[:3], line[3:4]
        valid = len(code) == 3 and code.isdigit() and code[0] in "2345"
        if not (valid and separator in ("", " ", "-")):
            self._lines = []
            raise PeerInterrupted(self._problem(f"a line that is no SMTP reply: {line!r}"))
        if len(line) > MAX_LINE_BYTES:
            self._lines = []
            raise PeerInterrupted(self._problem(f"a line of more than {MAX_LINE_BYTES} bytes"))
        self._lines.append(line)
        if separator == "-":
            if len(self._lines) >= MAX_REPLY_LINES:
                self._lines = []
                raise PeerInterrupted(
                    self._problem(f"a reply of more than {MAX_REPLY_LINES} lines")
                )
            return None
        reply = Reply(int(code), tuple(self._lines))
        self._lines = []
        return reply

    def _problem(self, what: str) -> str:
        if self.waiting_for:
            return f"Instead of {self.waiting_for} {self.peer} sent {what}."
        return f"{_capitalised(self.peer)} sent {what}."


async def read_reply(
    reader: asyncio.StreamReader,
    *,
    waiting_for: str,
    timeout: float,
    peer: str = "the server",
    transcript: list[str] | None = None,
) -> Reply:
    """One whole reply from ``reader``, with one deadline for all its lines; each line goes
    to ``transcript`` as "< line". :class:`PeerInterrupted` when the peer hangs, closes the
    connection, or sends no reply."""
    assembler = ReplyAssembler(peer)
    assembler.waiting_for = waiting_for
    try:
        async with asyncio.timeout(timeout):
            while True:
                raw = await reader.readline()
                if not raw:
                    raise PeerInterrupted(
                        f"{_capitalised(peer)} closed the connection instead of sending "
                        f"{waiting_for}."
                    )
                line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                if transcript is not None:
                    transcript.append(f"< {line}")
                reply = assembler.feed(line)
                if reply is not None:
                    return reply
    except TimeoutError:
        raise PeerInterrupted(
            f"No {waiting_for.removeprefix('the ')} within {timeout:g} s: {peer} hangs.",
            timed_out=True,
        ) from None
    except (OSError, ValueError) as error:  # ValueError: a line over the stream's limit
        raise PeerInterrupted(f"Reading {waiting_for} failed: {error}.") from None


def read_reply_blocking(
    stream: socket.socket | ssl.SSLSocket, buffer: bytearray, *, peer: str = "the server"
) -> Reply:
    """One whole reply from a blocking socket; ``buffer`` keeps what was read past it. The
    socket's timeout bounds each read (``TimeoutError``, an ``OSError``, propagates);
    :class:`PeerInterrupted` when the peer closes the connection or sends no reply."""
    assembler = ReplyAssembler(peer)
    while True:
        while b"\n" not in buffer:
            if len(buffer) > MAX_LINE_BYTES:
                raise PeerInterrupted(
                    f"{_capitalised(peer)} sent a line of more than {MAX_LINE_BYTES} bytes."
                )
            chunk = stream.recv(4096)
            if not chunk:
                raise PeerInterrupted(f"{_capitalised(peer)} closed the connection.")
            buffer.extend(chunk)
        line, _, rest = bytes(buffer).partition(b"\n")
        buffer[:] = rest
        reply = assembler.feed(line.decode("utf-8", errors="replace"))
        if reply is not None:
            return reply


def _capitalised(peer: str) -> str:
    # "the server" starts a sentence as "The server"; a host name keeps its case.
    return "T" + peer[1:] if peer.startswith("the ") else peer
