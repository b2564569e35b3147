"""One SMTP connection over asyncio streams: whole replies read under one deadline, commands
sent, TLS started; the transcript kept as it goes.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl

from bouncekit.sender.smtpcheck.tls import TlsFacts, describe_certificate
from bouncekit.verify.smtp.session import Reply

# A reply longer than this is a broken or hostile server, not a reply.
MAX_REPLY_LINES = 200

_QUIT_WAIT = 2.0


class _Interrupted(Exception):
    """The server hung, closed the connection or sent something that is no SMTP reply."""

    def __init__(self, detail: str, *, timed_out: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.timed_out = timed_out


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
        limit = self.timeout if timeout is None else timeout
        lines: list[str] = []
        try:
            async with asyncio.timeout(limit):
                while True:
                    raw = await self.reader.readline()
                    if not raw:
                        raise _Interrupted(
                            f"The server closed the connection instead of sending {waiting_for}."
                        )
                    line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
                    self.transcript.append(f"< {line}")
                    code, separator = line[:3], line[3:4]
                    if not (code.isdigit() and code[0] in "2345" and separator in ("", " ", "-")):
                        raise _Interrupted(
                            f"Instead of {waiting_for} the server sent a line that is no SMTP "
                            f"reply: {line!r}."
                        )
                    lines.append(line)
                    if separator != "-":
                        return Reply(int(code), tuple(lines))
                    if len(lines) >= MAX_REPLY_LINES:
                        raise _Interrupted(
                            f"The server sent a reply of more than {MAX_REPLY_LINES} lines."
                        )
        except TimeoutError:
            raise _Interrupted(
                f"No {waiting_for.removeprefix('the ')} within {limit:g} s: the server hangs.",
                timed_out=True,
            ) from None
        except (OSError, ValueError) as error:  # ValueError: a line over the stream's limit
            raise _Interrupted(f"Reading {waiting_for} failed: {error}.") from None

    async def command(self, line: str, *, shown: str | None = None) -> Reply:
        self.transcript.append(f"> {shown or line}")
        self.writer.write(line.encode("utf-8") + b"\r\n")
        try:
            await asyncio.wait_for(self.writer.drain(), self.timeout)
        except (OSError, TimeoutError) as error:
            raise _Interrupted(
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
        cipher = tls.cipher()
        der = tls.getpeercert(binary_form=True)
        return TlsFacts(
            how=how,
            version=tls.version(),
            cipher=cipher[0] if cipher else None,
            bits=cipher[2] if cipher else None,
            verified=verified,
            verify_error=verify_error,
            certificate=describe_certificate(der) if der else None,
        )

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer.wait_closed(), _QUIT_WAIT)


def _client_context(*, verify: bool) -> ssl.SSLContext:
    context = ssl.create_default_context()
    # Names are checked by tls_findings, so that a mismatch is a finding, not a failed handshake.
    context.check_hostname = False
    if not verify:
        context.verify_mode = ssl.CERT_NONE
    return context


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
