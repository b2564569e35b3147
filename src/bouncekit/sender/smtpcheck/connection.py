"""One SMTP connection over asyncio streams: whole replies read under one deadline
(:func:`bouncekit.smtp.reply.read_reply`), commands sent, TLS started; the transcript kept as it
goes. A server that hangs, closes or sends no reply raises
:class:`~bouncekit.smtp.reply.PeerInterrupted`, which the driver turns into a finding.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from bouncekit.smtp.limits import QUIT_TIMEOUT
from bouncekit.smtp.reply import PeerInterrupted, Reply, read_reply
from bouncekit.smtp.tls import TlsFacts, handshake_facts


class _Untrusted(Exception):
    """The certificate did not verify: the handshake is made again without verifying it."""


class _Connection:
    def __init__(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        transcript: list[str],
        timeout: float,
    ) -> None:
        self.reader = reader
        self.writer = writer
        self.transcript = transcript
        self.timeout = timeout

    async def read_reply(self, waiting_for: str, *, timeout: float | None = None) -> Reply:
        """One whole reply (RFC 5321 4.2: "250-" lines continue it); one deadline for it all."""
        return await read_reply(
            self.reader,
            waiting_for=waiting_for,
            timeout=self.timeout if timeout is None else timeout,
            transcript=self.transcript,
        )

    async def command(self, line: str, *, shown: str | None = None) -> Reply:
        self.transcript.append(f"> {shown or line}")
        self.writer.write(line.encode("utf-8") + b"\r\n")
        try:
            await asyncio.wait_for(self.writer.drain(), self.timeout)
        except (OSError, TimeoutError) as error:
            raise PeerInterrupted(
                f"Sending {shown or line.split(' ', 1)[0]} failed: {error}."
            ) from None
        return await self.read_reply(f"the reply to {_verb(line)}")

    async def start_tls(self, context: ssl.SSLContext, server_hostname: str | None) -> None:
        await asyncio.wait_for(
            self.writer.start_tls(context, server_hostname=server_hostname), self.timeout
        )

    def tls_facts(self, how: str, *, verified: bool, verify_error: str | None) -> TlsFacts:
        tls: ssl.SSLObject | None = self.writer.get_extra_info("ssl_object")
        if tls is None:  # pragma: no cover - only called after a handshake
            return TlsFacts(how, None, None, None, False, verify_error, None)
        return handshake_facts(tls, how, verified=verified, verify_error=verify_error)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer.wait_closed(), QUIT_TIMEOUT)


def _helo_name(writer: asyncio.StreamWriter) -> str:
    # An address literal (RFC 5321 4.1.3), as privacy-minded mail clients send.
    local = writer.get_extra_info("sockname")
    address = str(local[0]) if local else "127.0.0.1"
    return f"[IPv6:{address}]" if ":" in address else f"[{address}]"


def _verb(command: str) -> str:
    """The command's name for messages: "MAIL FROM", "AUTH", never an argument or a secret."""
    words = command.split(":", 1)[0].split()
    if not words or not words[0].isalpha():
        return "the AUTH exchange"  # a base64 continuation line
    return " ".join(words[:2]) if words[0].upper() in ("MAIL", "RCPT") else words[0]
