"""The check, step by step, over asyncio: connect, greet, EHLO, TLS, AUTH, MAIL FROM and RCPT TO,
QUIT. What each step means is judged in ``judge`` and ``tls``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import re
import ssl
import time
from dataclasses import dataclass, field

from bouncekit.errors import InputError
from bouncekit.replies.model import Command
from bouncekit.resolver import DnsResolver, Resolver
from bouncekit.sender.model import Area, Finding, Status
from bouncekit.sender.smtpcheck.connection import _Connection, _helo_name, _Untrusted
from bouncekit.sender.smtpcheck.judge import (
    _quote,
    auth_finding,
    auth_offer_findings,
    banner_finding,
    connect_failure_finding,
    ehlo_findings,
    envelope_finding,
    starttls_offer_finding,
    starttls_refused_finding,
)
from bouncekit.sender.smtpcheck.model import (
    DEFAULT_TIMEOUT,
    IMPLICIT_TLS_PORT,
    SUBMISSION_PORT,
    SmtpReport,
    TlsMode,
)
from bouncekit.sender.smtpcheck.target import _addresses, _check_envelope_address
from bouncekit.sender.smtpcheck.tls import handshake_findings, tls_failed_finding
from bouncekit.smtp.ehlo import Capabilities, parse_ehlo
from bouncekit.smtp.limits import MAX_LINE_BYTES, QUIT_TIMEOUT
from bouncekit.smtp.reply import PeerInterrupted
from bouncekit.smtp.route import is_internal_address
from bouncekit.smtp.tls import client_context, is_ip_address

_SECRET = "[hidden]"


@dataclass(slots=True)
class _Check:
    host: str
    port: int
    addresses: list[str]
    mode: TlsMode
    user: str | None
    password: str | None
    mail_from: str | None
    rcpt: str | None
    timeout: float
    helo: str | None
    findings: list[Finding] = field(default_factory=list)
    transcript: list[str] = field(default_factory=list)
    step: str = "smtp.connect"
    untrusted: str | None = None  # OpenSSL's reason the certificate did not verify
    plain_capabilities: Capabilities | None = None  # EHLO before STARTTLS
    capabilities: Capabilities | None = None  # the latest EHLO
    tls: bool = False

    @property
    def implicit_tls(self) -> bool:
        return self.mode is TlsMode.TLS or (
            self.mode is TlsMode.AUTO and self.port == IMPLICIT_TLS_PORT
        )

    def add(self, *findings: Finding | None) -> None:
        # Each check once: the first connection's findings stand when a second one is needed
        # to read an untrusted certificate.
        seen = {finding.check for finding in self.findings}
        for finding in findings:
            if finding is not None and finding.check not in seen:
                self.findings.append(finding)
                seen.add(finding.check)

    async def run(self) -> None:
        try:
            connection = await self._open(verify=True)
        except _Untrusted as untrusted:
            self.untrusted = str(untrusted)
            self.transcript.append(
                f"* the certificate is not trusted ({untrusted}); connecting again without "
                "verifying it, to read it"
            )
            self.plain_capabilities = self.capabilities = None
            self.tls = False
            connection = await self._open(verify=False)
        if connection is None:
            return
        try:
            await self._after_tls(connection)
        except PeerInterrupted as stop:
            self.add(self._interrupted(stop))
        finally:
            await self._quit(connection)

    async def _connect(self) -> _Connection | None:
        failures: list[str] = []
        timed_out = refused = False
        for address in self.addresses:
            where = (
                f"{self.host} [{address}]:{self.port}"
                if address != self.host
                else (f"{address}:{self.port}")
            )
            started = time.monotonic()
            try:
                reader, writer = await asyncio.wait_for(
                    asyncio.open_connection(address, self.port, limit=MAX_LINE_BYTES), self.timeout
                )
            except TimeoutError:
                timed_out = True
                failures.append(f"Connecting to {where} timed out after {self.timeout:g} s.")
                continue
            except ConnectionRefusedError:
                refused = True
                failures.append(f"{where} refused the connection.")
                continue
            except OSError as error:
                failures.append(
                    f"Connecting to {where} failed: {getattr(error, 'strerror', None) or error}."
                )
                continue
            elapsed = (time.monotonic() - started) * 1000
            self.transcript.append(f"* connected to {where}")
            self.add(
                Finding(
                    Area.SMTP,
                    "smtp.connect",
                    Status.PASS,
                    f"Connected to {where} in {elapsed:.0f} ms.",
                )
            )
            return _Connection(reader, writer, self.transcript, self.timeout)
        self.transcript.extend(f"* {failure}" for failure in failures)
        self.add(
            connect_failure_finding(
                self.host,
                self.port,
                failures,
                timed_out=timed_out and not refused,
                refused=refused,
                timeout=self.timeout,
            )
        )
        return None

    async def _open(self, *, verify: bool) -> _Connection | None:
        """Connect, greet, EHLO, and TLS as the mode says; None when a step failed."""
        self.step = "smtp.connect"
        connection = await self._connect()
        if connection is None:
            return None
        try:
            if self.implicit_tls and not await self._handshake(
                connection, "implicit TLS", verify=verify
            ):
                await connection.close()
                return None
            self.step = "smtp.banner"
            banner = await connection.read_reply("the greeting")
            self.add(banner_finding(banner))
            if banner.code != 220:
                await self._quit(connection)
                return None
            if not await self._ehlo(connection):
                await self._quit(connection)
                return None
            if not self.implicit_tls:
                await self._starttls(connection, verify=verify)
        except PeerInterrupted as stop:
            self.add(self._interrupted(stop))
            await connection.close()
            return None
        except _Untrusted:
            await connection.close()
            raise
        return connection

    async def _ehlo(self, connection: _Connection) -> bool:
        # RFC 3207 4.2: the EHLO after STARTTLS may announce more (AUTH) or less (STARTTLS).
        check = "smtp.ehlo-after-tls" if self.tls and not self.implicit_tls else "smtp.ehlo"
        self.step = check
        helo = self.helo or _helo_name(connection.writer)
        reply = await connection.command(f"EHLO {helo}")
        if reply.code == 250:
            capabilities = parse_ehlo(reply)
            if not self.tls:
                self.plain_capabilities = capabilities
            self.capabilities = capabilities
            self.add(*ehlo_findings(reply, capabilities, helo_reply=None, check=check))
            return True
        helo_reply = None
        if reply.code >= 500 and not self.tls:  # RFC 5321 4.1.1.1: fall back to HELO
            helo_reply = await connection.command(f"HELO {helo}")
            if helo_reply.code == 250:
                self.capabilities = self.plain_capabilities = Capabilities(
                    helo_reply.messages[0].split(" ", 1)[0] if helo_reply.messages else ""
                )
        self.add(*ehlo_findings(reply, None, helo_reply=helo_reply, check=check))
        return helo_reply is not None and helo_reply.code == 250

    async def _starttls(self, connection: _Connection, *, verify: bool) -> None:
        assert self.capabilities is not None
        offer = starttls_offer_finding(self.capabilities, self.port, self.mode)
        if offer is not None:
            self.add(offer)
            return
        self.step = "smtp.starttls"
        reply = await connection.command("STARTTLS")
        if reply.code != 220:
            self.add(starttls_refused_finding(reply))  # RFC 3207 4: the session goes on
            return
        offered = "STARTTLS" in self.capabilities.extensions
        self.add(
            Finding(
                Area.SMTP,
                "smtp.starttls",
                Status.PASS,
                f"STARTTLS {'is offered and ' if offered else ''}accepted: {_quote(reply)}.",
            )
        )
        if not await self._handshake(connection, "STARTTLS", verify=verify):
            raise PeerInterrupted("The TLS handshake failed.")
        # RFC 3207 4.2: forget everything learnt before TLS and ask again.
        await self._ehlo(connection)

    async def _handshake(self, connection: _Connection, how: str, *, verify: bool) -> bool:
        self.step = "smtp.tls-handshake"
        connection.transcript.append(f"* {how} handshake" + ("" if verify else " (not verifying)"))
        server_hostname = None if is_ip_address(self.host) else self.host
        try:
            # Names are judged by handshake_findings: a mismatch is a finding, not a failed
            # handshake.
            context = client_context(verify=verify, check_hostname=False)
            await connection.start_tls(context, server_hostname)
        except ssl.SSLCertVerificationError as error:
            if verify:
                raise _Untrusted(error.verify_message or error.reason or str(error)) from None
            self.add(tls_failed_finding(how, error, port=self.port))
            return False
        except (ssl.SSLError, OSError, TimeoutError) as error:
            connection.transcript.append(f"* {how} failed: {error or type(error).__name__}")
            self.add(tls_failed_finding(how, error, port=self.port))
            return False
        self.tls = True
        facts = connection.tls_facts(how, verified=verify, verify_error=self.untrusted)
        connection.transcript.append(
            f"* {facts.version} {facts.cipher}"
            + (f"; certificate {facts.certificate.subject}" if facts.certificate else "")
        )
        self.add(*handshake_findings(facts, self.host, self.port))
        return True

    async def _after_tls(self, connection: _Connection) -> None:
        assert self.capabilities is not None
        self.add(
            *auth_offer_findings(
                self.plain_capabilities if not self.implicit_tls else None,
                self.capabilities,
                tls=self.tls,
                port=self.port,
            )
        )
        authenticated = False
        if self.user is not None and self.password is not None:
            self.step = "smtp.auth"
            authenticated = await self._authenticate(connection, self.user, self.password)
        if self.mail_from is None:
            return
        self.step = "smtp.mail-from"
        reply = await connection.command(f"MAIL FROM:<{self.mail_from}>")
        self.add(envelope_finding(Command.MAIL, self.mail_from, reply, authenticated=authenticated))
        if self.rcpt is None:
            return
        if reply.code != 250:
            self.add(
                Finding(
                    Area.SMTP,
                    "smtp.rcpt-to",
                    Status.UNKNOWN,
                    f"RCPT TO:<{self.rcpt}> was not asked: MAIL FROM was refused.",
                )
            )
            return
        self.step = "smtp.rcpt-to"
        reply = await connection.command(f"RCPT TO:<{self.rcpt}>")
        self.add(envelope_finding(Command.RCPT, self.rcpt, reply, authenticated=authenticated))

    async def _authenticate(self, connection: _Connection, user: str, password: str) -> bool:
        assert self.capabilities is not None
        offered = self.capabilities.auth_mechanisms
        if not self.tls:
            self.add(
                Finding(
                    Area.SMTP,
                    "smtp.auth",
                    Status.UNKNOWN,
                    f"Logging in as {user} was not tried: the connection is not encrypted, and "
                    "the password would travel readable by anyone on the path.",
                    "A mail client set up the same way exposes the password on every send.",
                    f"Use STARTTLS (port {SUBMISSION_PORT}, --starttls) or TLS (port "
                    f"{IMPLICIT_TLS_PORT}, --tls); if the server offers neither, enable TLS on it "
                    "first.",
                )
            )
            return False
        mechanism = next((m for m in ("PLAIN", "LOGIN") if m in offered), None)
        if mechanism is None:
            self.add(
                Finding(
                    Area.SMTP,
                    "smtp.auth",
                    Status.UNKNOWN,
                    f"Logging in as {user} was not tried: the server offers "
                    + (f"AUTH {' '.join(offered)}" if offered else "no AUTH")
                    + ", and this check logs in with PLAIN or LOGIN only.",
                    "Clients that use only PLAIN or LOGIN (most applications and libraries) "
                    "cannot log in."
                    if offered
                    else "Mail clients cannot log in; the server relays by IP address only, if at "
                    "all.",
                    "Enable AUTH PLAIN and LOGIN over TLS on the submission port (Postfix with "
                    "Dovecot SASL: smtpd_sasl_auth_enable = yes)."
                    if offered
                    else "Enable SMTP AUTH on the submission port.",
                )
            )
            return False
        if mechanism == "PLAIN":
            # RFC 4616: authzid NUL authcid NUL passwd, as the initial response (RFC 4954 4).
            token = _b64("\0" + user + "\0" + password)
            reply = await connection.command(f"AUTH PLAIN {token}", shown=f"AUTH PLAIN {_SECRET}")
            if reply.code == 334:
                reply = await connection.command(token, shown=_SECRET)
        else:
            reply = await connection.command("AUTH LOGIN")
            if reply.code == 334:
                reply = await connection.command(_b64(user), shown=f"{_b64(user)} ({user})")
            if reply.code == 334:
                reply = await connection.command(_b64(password), shown=_SECRET)
        self.add(auth_finding(reply, user=user, mechanism=mechanism))
        return reply.code == 235

    def _interrupted(self, stop: PeerInterrupted) -> Finding:
        if self.step == "smtp.banner" and stop.timed_out:
            if not self.implicit_tls and self.port == IMPLICIT_TLS_PORT:
                fix = (
                    f"Port {IMPLICIT_TLS_PORT} expects TLS from the first byte: check it with "
                    "--tls."
                )
            else:
                fix = (
                    "If the port expects TLS from the first byte (usually 465), check it with "
                    "--tls. Otherwise the server is overloaded, or a firewall or antivirus "
                    "intercepts SMTP; servers that pause before greeting on purpose (Postfix "
                    "postscreen) answer within a few seconds: try a longer --timeout."
                )
            return Finding(
                Area.SMTP,
                "smtp.banner",
                Status.FAIL,
                f"Connected, but the server sent no greeting within {self.timeout:g} s.",
                'Your mail client waits and then reports a timeout ("the server did not '
                'respond"); nothing is sent.',
                fix,
            )
        return Finding(
            Area.SMTP,
            self.step,
            Status.FAIL,
            stop.detail,
            "The session ended before this step finished: your mail client fails the same way "
            '(a timeout or "connection closed").',
            "Look at the server's log for this connection; check with a longer --timeout if the "
            "server is slow."
            if stop.timed_out
            else "Look at the server's log for this connection.",
        )

    async def _quit(self, connection: _Connection) -> None:
        # The findings are known by now: QUIT is a courtesy, and its failure is no finding.
        with contextlib.suppress(PeerInterrupted, OSError, TimeoutError):
            connection.transcript.append("> QUIT")
            connection.writer.write(b"QUIT\r\n")
            await asyncio.wait_for(connection.writer.drain(), QUIT_TIMEOUT)
            await connection.read_reply("the reply to QUIT", timeout=QUIT_TIMEOUT)
        await connection.close()


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


_NAME = re.compile(r"^[A-Za-z0-9._:\[\]-]+$")


async def check_smtp_async(
    host: str,
    port: int = SUBMISSION_PORT,
    *,
    mode: TlsMode = TlsMode.AUTO,
    user: str | None = None,
    password: str | None = None,
    mail_from: str | None = None,
    rcpt: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    helo: str | None = None,
    resolver: Resolver | None = None,
) -> SmtpReport:
    """Check the SMTP server at ``host``:``port`` as a mail client would use it.

    ``password`` is the password itself (the CLI reads it from an environment variable, never
    the command line); it is sent only over TLS and never appears in the transcript. Raises
    :class:`~bouncekit.errors.InputError` for unusable input, including a private, loopback
    or link-local target without ``allow_private``; everything the server does is a finding.
    """
    host = host.strip().rstrip(".")
    if not host or not _NAME.match(host):
        raise InputError(f"{host!r} is not a host name or address; give e.g. smtp.example.com.")
    if not 0 < port < 65536:
        raise InputError(f"The port {port} is out of range; give a number from 1 to 65535.")
    if timeout <= 0:
        raise InputError(f"The timeout must be above 0 seconds; got {timeout:g}.")
    if (user is None) != (password is None):
        raise InputError(
            "Logging in needs both a user name and a password: give --user with --password-env."
        )
    if user is not None and ("\0" in user or "\n" in user or not user):
        raise InputError(f"The user name {user!r} is empty or holds control characters.")
    if rcpt is not None and mail_from is None:
        raise InputError("--rcpt needs --mail-from: RCPT TO comes after MAIL FROM.")
    for option, address in (("--mail-from", mail_from), ("--rcpt", rcpt)):
        if address is not None:
            _check_envelope_address(option, address)
    if helo is not None and not _NAME.match(helo):
        raise InputError(f"The EHLO name {helo!r} is not a host name or address literal.")

    active = resolver or DnsResolver()
    addresses, problem = await asyncio.to_thread(_addresses, host, active)
    check = _Check(host, port, [], mode, user, password, mail_from, rcpt, timeout, helo)
    if not addresses:
        check.add(
            Finding(
                Area.SMTP,
                "smtp.connect",
                Status.FAIL,
                f"{host} cannot be connected to: {problem}",
                "Your mail client reports that the server cannot be found and sends nothing.",
                "Check the server name your provider documents, and its DNS records "
                f"(dig +short {host} A).",
            )
        )
        return SmtpReport(host, port, tuple(check.findings), tuple(check.transcript))
    if not allow_private:
        internal = [address for address in addresses if is_internal_address(address)]
        if internal and len(internal) == len(addresses):
            raise InputError(
                f"{host} is a private, loopback or link-local address ({', '.join(internal)}); "
                "give --allow-private to check a server on your own network."
            )
        addresses = [address for address in addresses if not is_internal_address(address)]
    check.addresses = addresses
    await check.run()
    return SmtpReport(host, port, tuple(check.findings), tuple(check.transcript))


def check_smtp(
    host: str,
    port: int = SUBMISSION_PORT,
    *,
    mode: TlsMode = TlsMode.AUTO,
    user: str | None = None,
    password: str | None = None,
    mail_from: str | None = None,
    rcpt: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    allow_private: bool = False,
    helo: str | None = None,
    resolver: Resolver | None = None,
) -> SmtpReport:
    """:func:`check_smtp_async` for callers without an event loop (the CLI)."""
    return asyncio.run(
        check_smtp_async(
            host,
            port,
            mode=mode,
            user=user,
            password=password,
            mail_from=mail_from,
            rcpt=rcpt,
            timeout=timeout,
            allow_private=allow_private,
            helo=helo,
            resolver=resolver,
        )
    )
