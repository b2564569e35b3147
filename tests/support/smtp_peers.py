"""Scripted SMTP peers for the tests of ``verify`` and ``sender``: aiosmtpd servers on
127.0.0.x. A TLS peer takes its context from :mod:`tests.support.certificates`.

A :class:`Script` says how the peer answers (the greeting of each connection, EHLO, MAIL, each
RCPT by address and attempt); the :class:`ScriptedHandler` counts what the peer saw
(connections, MAIL, RCPT, RSET, DATA, sessions at once) so that tests assert on behaviour.
Each peer gets its own loopback address; all peers of a test share one port, as the MX hosts
of one route must.

:class:`GroupingPeer` is a small asyncio peer of its own for RFC 2920 PIPELINING: it answers
a group of commands only once the whole group has arrived, and timestamps every line read and
every reply written, so that tests see what was sent before which reply.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP

# (address, how many times this address has been asked, counting this one) -> reply
RcptPolicy = Callable[[str, int], str]
# connection number (1-based) -> a reply that refuses the session instead of 220, or None
GreetingPolicy = Callable[[int], str | None]

ACCEPT = "250 2.1.5 Ok"
UNKNOWN_USER = (
    "550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table"
)
GREYLISTED = "450 4.7.1 <{address}>: Recipient address rejected: Greylisted, please try again later"
MAILBOX_FULL = "452 4.2.2 <{address}>: Mailbox full, over quota"
DISABLED = "550 5.2.1 <{address}>: The email account that you tried to reach is disabled"
SPAMHAUS = (
    "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; "
    "https://www.spamhaus.org/query/ip/127.0.0.1"
)
TOO_MANY_CONNECTIONS = "421 4.7.0 mx.example.test Error: too many connections from 127.0.0.1"
GMAIL_UNKNOWN = (
    "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
    "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
    "550-5.1.1 unnecessary spaces. For more information, go to\r\n"
    "550 5.1.1  https://support.google.com/mail/?p=NoSuchUser"
)


def accept_all(address: str, attempt: int) -> str:
    return ACCEPT


def mailboxes(*known: str, otherwise: str = UNKNOWN_USER) -> RcptPolicy:
    """Accept the ``known`` addresses; answer every other with ``otherwise``."""
    wanted = {address.lower() for address in known}

    def policy(address: str, attempt: int) -> str:
        return ACCEPT if address.lower() in wanted else otherwise.format(address=address)

    return policy


def every(reply: str) -> RcptPolicy:
    return lambda address, attempt: reply.format(address=address)


def greylisting(clears_on: int | None, then: RcptPolicy = accept_all) -> RcptPolicy:
    """Greylist each address until its ``clears_on``-th attempt (never if None)."""

    def policy(address: str, attempt: int) -> str:
        if clears_on is None or attempt < clears_on:
            return GREYLISTED.format(address=address)
        return then(address, attempt)

    return policy


@dataclass
class Script:
    rcpt: RcptPolicy = accept_all
    greeting: GreetingPolicy = lambda number: None
    greeting_delay: float = 0.0  # seconds before the 220
    hang: bool = False  # accept the connection and never say a word
    greeting_lines: tuple[str, ...] = ()  # extra "220-" lines before the last greeting line
    ehlo: str | None = None  # a refusal of EHLO ("502 5.5.2 ..."): HELO must follow
    mail: str | None = None  # a refusal of MAIL FROM
    pipelining: bool = False  # advertise PIPELINING (RFC 2920) in the EHLO reply


@dataclass
class ScriptedHandler:
    """The hooks aiosmtpd calls, answering from a :class:`Script` and counting what it saw."""

    script: Script
    armed: bool = False  # False while the controller checks that the server is up
    connections: int = 0
    open_now: int = 0
    most_open: int = 0
    helos: list[str] = field(default_factory=list)
    tls_ehlos: int = 0
    mails: list[str] = field(default_factory=list)
    rcpts: list[str] = field(default_factory=list)
    rsets: int = 0
    data: int = 0
    attempts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(  # aiosmtpd finds hooks by these names
        self, server: SMTP, session: Any, envelope: Any, hostname: str, responses: list[str]
    ) -> list[str]:
        self.helos.append(f"EHLO {hostname}")
        if session.ssl is not None:
            self.tls_ehlos += 1
        if self.script.ehlo is not None:
            return [self.script.ehlo]
        session.host_name = hostname
        if self.script.pipelining:
            # aiosmtpd reads pipelined commands in order but does not say so by default.
            return [*responses[:-1], "250-PIPELINING", responses[-1]]
        return responses

    async def handle_HELO(self, server: SMTP, session: Any, envelope: Any, hostname: str) -> str:
        self.helos.append(f"HELO {hostname}")
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_MAIL(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.mails.append(address)
        if self.script.mail is not None:
            return self.script.mail
        envelope.mail_from = address
        return "250 2.1.0 Ok"

    async def handle_RCPT(
        self, server: SMTP, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        with self.lock:
            self.rcpts.append(address)
            self.attempts[address] += 1
            attempt = self.attempts[address]
        reply = self.script.rcpt(address, attempt)
        if reply.startswith("2"):
            envelope.rcpt_tos.append(address)
        return reply

    async def handle_RSET(self, server: SMTP, session: Any, envelope: Any) -> str:
        self.rsets += 1
        return "250 2.0.0 Ok"

    async def handle_DATA(self, server: SMTP, session: Any, envelope: Any) -> str:
        self.data += 1  # the probe must never get here
        return "554 5.5.1 This peer takes no mail"

    def rcpts_to(self, addresses: set[str]) -> list[str]:
        return [r for r in self.rcpts if r in addresses]

    def rcpts_not_to(self, addresses: set[str]) -> list[str]:
        """The RCPTs for addresses not asked about: the catch-all probe's random addresses."""
        return [r for r in self.rcpts if r not in addresses]


class ScriptedSMTP(SMTP):
    """aiosmtpd's server with a scriptable greeting: delayed, refused, or never sent."""

    def __init__(self, handler: ScriptedHandler, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.scripted = handler
        self.counted = False
        self.number = 0  # this connection's number, from 1

    def connection_made(self, transport: Any) -> None:
        handler = self.scripted
        if self.transport is not None:  # the same connection again, after STARTTLS
            super().connection_made(transport)
            return
        self.counted = handler.armed  # the controller's own check before that is not counted
        if self.counted:
            with handler.lock:
                handler.connections += 1
                self.number = handler.connections
                handler.open_now += 1
                handler.most_open = max(handler.most_open, handler.open_now)
        super().connection_made(transport)

    def connection_lost(self, error: Exception | None) -> None:
        handler = self.scripted
        if self.counted:
            with handler.lock:
                handler.open_now -= 1
        super().connection_lost(error)

    async def _handle_client(self) -> None:
        handler = self.scripted
        script = handler.script
        if self.counted:
            if script.hang:
                await asyncio.sleep(3600)
            refusal = script.greeting(self.number)
            if refusal is not None:
                await self.push(refusal)
                if self.transport is not None:
                    self.transport.close()
                return
            if script.greeting_delay:
                await asyncio.sleep(script.greeting_delay)
            for line in script.greeting_lines:
                await self.push(f"220-{line}")
        await super()._handle_client()


class ScriptedController(Controller):
    def factory(self) -> SMTP:
        return ScriptedSMTP(self.handler, **self.SMTP_kwargs)


@dataclass
class Peer:
    host: str
    port: int
    handler: ScriptedHandler
    controller: ScriptedController

    def stop(self) -> None:
        self.controller.stop()


def start_peer(
    host: str, port: int, script: Script, *, tls_context: ssl.SSLContext | None = None
) -> Peer:
    handler = ScriptedHandler(script)
    kwargs: dict[str, Any] = {"ident": "bouncekit test peer"}
    if tls_context is not None:
        kwargs["tls_context"] = tls_context
    controller = ScriptedController(
        handler, hostname=host, port=port, server_hostname="mx.example.test", **kwargs
    )
    controller.start()
    handler.armed = True
    return Peer(host, port, handler, controller)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class GroupingPeer:
    """A tiny SMTP peer that holds back its replies to MAIL and RCPT until a group is complete.

    The first ``groups[0]`` MAIL/RCPT commands of the connection are answered together once
    the last of them has arrived, then the next ``groups[1]``, and so on; after that, and for
    every other command, each is answered as it comes. A client that waits for a reply inside
    a group waits for ever (its read times out). Each reply is written ``delay`` seconds after
    the command that completes it. ``received`` holds (time, line) for every line read as it
    arrives; ``replied`` (time, command) for every command answered, stamped just before the
    reply is written. More than ``max_recipients`` RCPTs in one transaction get "452 4.5.3
    too many recipients" (RFC 5321 4.5.3.1.10). Start it inside the test's event loop.
    """

    def __init__(
        self,
        *,
        extensions: tuple[str, ...] = ("PIPELINING",),
        groups: tuple[int, ...] = (),
        rcpt: RcptPolicy = accept_all,
        delay: float = 0.0,
        max_recipients: int | None = None,
    ) -> None:
        self.extensions = extensions
        self.groups = groups
        self.rcpt = rcpt
        self.delay = delay
        self.max_recipients = max_recipients
        self.received: list[tuple[float, str]] = []
        self.replied: list[tuple[float, str]] = []
        self._attempts: Counter[str] = Counter()
        self._server: asyncio.Server | None = None

    async def start(self, host: str, port: int) -> GroupingPeer:
        self._server = await asyncio.start_server(self._serve, host, port)
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def commands(self) -> list[str]:
        return [line for _, line in self.received]

    def arrived(self, command: str) -> float:
        return next(at for at, line in self.received if line == command)

    def answered(self, command: str) -> float:
        return next(at for at, line in self.replied if line == command)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # Lines are read (and stamped) by a task of their own, so that a line's time is when it
        # arrived, not when the peer got round to it.
        lines: asyncio.Queue[str | None] = asyncio.Queue()

        async def read() -> None:
            while raw := await reader.readline():
                line = raw.decode().rstrip("\r\n")
                self.received.append((time.monotonic(), line))
                lines.put_nowait(line)
            lines.put_nowait(None)

        reading = asyncio.create_task(read())
        groups = list(self.groups)
        held: list[str] = []
        accepted = 0  # RCPTs accepted in this transaction
        try:
            writer.write(b"220 grouping.example.test ESMTP\r\n")
            while (line := await lines.get()) is not None:
                verb = line[:4].upper()
                held.append(line)
                if verb in ("MAIL", "RCPT") and groups:
                    if len(held) < groups[0]:
                        continue
                    groups.pop(0)
                if self.delay:
                    await asyncio.sleep(self.delay)
                for command in held:
                    reply, accepted = self._answer(command, accepted)
                    self.replied.append((time.monotonic(), command))
                    writer.write(reply.encode() + b"\r\n")
                held = []
                await writer.drain()
                if verb == "QUIT":
                    break
        finally:
            reading.cancel()
            writer.close()

    def _answer(self, command: str, accepted: int) -> tuple[str, int]:
        """The reply to ``command`` and the RCPTs accepted in the transaction after it."""
        verb = command[:4].upper()
        if verb == "EHLO":
            names = ["grouping.example.test", *self.extensions]
            return "\r\n".join([*(f"250-{n}" for n in names[:-1]), f"250 {names[-1]}"]), 0
        if verb == "QUIT":
            return "221 2.0.0 Bye", 0
        if verb in ("MAIL", "RSET"):
            return "250 2.0.0 Ok", 0
        if verb != "RCPT":
            return "250 Ok", accepted
        if self.max_recipients is not None and accepted >= self.max_recipients:
            return "452 4.5.3 Error: too many recipients", accepted
        address = command.partition("<")[2].partition(">")[0]
        self._attempts[address] += 1
        reply = self.rcpt(address, self._attempts[address])
        return reply, accepted + (1 if reply.startswith("2") else 0)


class Socks5Proxy:
    """A minimal SOCKS5 proxy (RFC 1928: no authentication, CONNECT) for the probe's tests.

    Start it inside the test's event loop; ``targets`` lists where it was asked to connect.
    """

    def __init__(self) -> None:
        self.targets: list[tuple[str, int]] = []
        self.port = 0
        self._server: asyncio.Server | None = None

    async def start(self, host: str = "127.0.0.1") -> Socks5Proxy:
        self._server = await asyncio.start_server(self._serve, host, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            _version, methods = await reader.readexactly(2)
            await reader.readexactly(methods)
            writer.write(b"\x05\x00")  # no authentication
            _version, _command, _reserved, kind = await reader.readexactly(4)
            if kind == 1:
                host = socket.inet_ntoa(await reader.readexactly(4))
            else:
                length = (await reader.readexactly(1))[0]
                host = (await reader.readexactly(length)).decode()
            port = int.from_bytes(await reader.readexactly(2), "big")
            self.targets.append((host, port))
            upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
            writer.write(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + b"\x00\x00")
            await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()
