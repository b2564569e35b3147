"""The asyncio driver of the probe: connections, timeouts, limits and retry schedules.

The dialogue itself is :class:`~bouncekit.verify.smtp.session.ProbeSession`; what a reply means
is :func:`~bouncekit.verify.smtp.judge.judge`. This module does the I/O around them:

- MX hosts in preference order, each of their addresses in turn; the next one on a connect
  failure (RFC 5321 5.1). Private, loopback and link-local addresses are refused unless
  ``options.allow_private``.
- One session asks about up to ``options.session_limit`` addresses of the domain, plus one
  random never-existing address per domain for catch-all detection.
- Greylisted addresses are asked again in a new session after ``options.greylist_retry_after``
  seconds (or later, if the server names a longer delay), while the total wait stays within
  ``options.greylist_max_wait``; then they are ``unknown``/``greylisted``.
- A busy server (421, too many connections) is backed off from on the schedule of
  :class:`HostLimits`, a bounded number of times.
- Every connect and every read has a time limit, and a whole session has one too: a server
  that hangs or trickles cannot hang the verifier.
- Each address's outcome is reported (``report``) as soon as it is final: at its RCPT reply,
  not when the whole domain is done, so that a caller can keep it before anything else
  happens. The catch-all probe goes first in its session because an accepted address's
  verdict waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import ssl
import string
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field

from bouncekit.errors import ConfigurationError
from bouncekit.replies.model import Command, Verdict
from bouncekit.smtp.limits import MAX_LINE_BYTES, QUIT_TIMEOUT
from bouncekit.smtp.reply import Reply
from bouncekit.smtp.route import MailHost, MailRoute, RouteOutcome, is_internal_address
from bouncekit.smtp.tls import client_context
from bouncekit.verify.model import VerifyOptions, VerifyReason
from bouncekit.verify.smtp.judge import Next, ProbeVerdict, judge_probe_reply
from bouncekit.verify.smtp.session import (
    Close,
    ProbeSession,
    Recipient,
    RecipientAnswered,
    Send,
    StartTLS,
    stage_name,
)

__all__ = ["HostLimits", "ProbeOutcome", "ProbeReport", "Waiting", "probe_domain", "route_verdict"]

# Waits before a new session after "421 too many connections": polite, and bounded.
BUSY_BACKOFF = (30.0, 120.0)
# Commands a session sends besides RCPT (EHLO, STARTTLS, EHLO, MAIL, RSET..., QUIT), for the
# session's overall deadline.
_FIXED_COMMANDS = 8


@dataclass(frozen=True, slots=True)
class ProbeOutcome:
    address: str
    verdict: Verdict
    reason: VerifyReason
    reply: str | None  # the reply that decided, as received (lines joined by "\n")
    detail: str
    transcript: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True, slots=True)
class Waiting:
    """The probe of a domain pauses before asking some of its addresses again."""

    domain: str
    addresses: int  # how many are waiting
    seconds: float  # how long this pause lasts
    greylisted: bool  # True: greylisting (RFC 6647); False: the server said it was busy


ProbeReport = ProbeOutcome | Waiting
# An answer as soon as a session gets it: how each result is known before the domain is done.
_OnAnswer = Callable[[Recipient, "_Answer"], None]


class HostLimits:
    """Connection limits shared by every domain probed in one run.

    At most ``options.per_host`` sessions to one MX host address at once, and at most
    ``options.concurrency`` in all. ``busy_backoff`` is the wait before each new session
    after a server said it was busy; its length bounds the number of such retries.
    ``connections`` counts the connections opened per address.
    """

    def __init__(self, options: VerifyOptions, *, busy_backoff: Sequence[float] = BUSY_BACKOFF):
        if options.per_host < 1 or options.concurrency < 1:
            raise ConfigurationError(
                "The per-host and global connection limits must be at least 1; "
                f"got per_host={options.per_host}, concurrency={options.concurrency}."
            )
        self.per_host = options.per_host
        self.busy_backoff = tuple(busy_backoff)
        self.connections: Counter[str] = Counter()
        self._global = asyncio.Semaphore(options.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @contextlib.asynccontextmanager
    async def slot(self, address: str) -> AsyncIterator[None]:
        """Hold one connection slot to ``address`` (the host's first, so as not to hog one)."""
        host = self._hosts.setdefault(address, asyncio.Semaphore(self.per_host))
        async with host, self._global:
            yield


@dataclass(slots=True)
class _Answer:
    """What one session learnt about one recipient."""

    judgement: ProbeVerdict
    reply: Reply | None


@dataclass(slots=True)
class _Progress:
    """Everything learnt about one recipient over all rounds."""

    answer: _Answer | None = None
    transcript: list[str] = field(default_factory=list)


class _TLSFailed(Exception):
    """The STARTTLS handshake failed: the session is tried again in the clear."""


async def probe_domain(
    route: MailRoute,
    addresses: Sequence[str],
    options: VerifyOptions,
    limits: HostLimits,
    report: Callable[[ProbeReport], None] | None = None,
    catch_all_address: Callable[[str, str], str] | None = None,
) -> list[ProbeOutcome]:
    """Ask the mail hosts of ``route`` about every address (all at its domain), never DATA.

    One outcome per address, in the order given. ``report``, when given, gets each address's
    outcome as soon as it is final (once per address, in the order they become known) and a
    :class:`Waiting` before each pause to ask again. ``catch_all_address(domain, fresh)``
    chooses the random address of the catch-all probe (``fresh`` unless one was chosen
    before: a resumed run asks the same one, whose greylisting then clears with the rest).
    """
    if route.outcome is not RouteOutcome.OK:
        outcomes = [_route_outcome(route, address) for address in addresses]
        for outcome in {outcome.address: outcome for outcome in outcomes}.values():
            if report is not None:
                report(outcome)
        return outcomes
    recipients = [Recipient(address) for address in dict.fromkeys(addresses)]
    random_address = _random_address(route.domain)
    if catch_all_address is not None and options.catch_all_probe:
        random_address = catch_all_address(route.domain, random_address)
    probe = Recipient(random_address, catch_all_probe=True)
    everyone = [*recipients, probe] if options.catch_all_probe and recipients else recipients
    progress = {recipient: _Progress() for recipient in everyone}
    waited = 0.0
    reported: set[Recipient] = set()
    settled: set[Recipient] = set()  # answered for good (an accepted one may wait for the probe)

    def deliver(recipient: Recipient) -> None:
        """Report ``recipient``'s outcome if it is final and does not wait for the probe."""
        if report is None or recipient in reported or recipient.catch_all_probe:
            return
        state = progress[recipient]
        assert state.answer is not None
        probed = progress.get(probe)
        needs_probe = state.answer.judgement.reason is VerifyReason.ACCEPTED and probed is not None
        if needs_probe and probe not in settled:
            return  # its verdict is accepted or catch-all: the probe's answer decides
        reported.add(recipient)
        report(_outcome(recipient, state, probe, probed, waited))

    def settle(recipient: Recipient) -> None:
        settled.add(recipient)
        if recipient.catch_all_probe:
            for waiting in settled - reported:
                deliver(waiting)
        else:
            deliver(recipient)

    def answered(recipient: Recipient, answer: _Answer) -> None:
        # Called at each RCPT reply. With a transcript, outcomes wait for the session's end
        # so that each carries its session's whole dialogue.
        if answer.judgement.next is Next.FINAL and not options.transcript:
            progress[recipient].answer = answer
            settle(recipient)

    pending = everyone
    busy_rounds = 0
    while pending:
        chunks = _chunks(pending, max(1, options.session_limit))
        rounds = await asyncio.gather(
            *(_session(route, c, options, limits, answered) for c in chunks)
        )
        greylisted: list[Recipient] = []
        busy: list[Recipient] = []
        hints: list[float] = []
        for answers, transcript in rounds:
            for recipient, answer in answers.items():
                state = progress[recipient]
                state.answer = answer
                if options.transcript:
                    state.transcript.extend(transcript)
                if answer.judgement.next is Next.GREYLISTED:
                    greylisted.append(recipient)
                elif answer.judgement.next is Next.BUSY:
                    busy.append(recipient)
                if answer.judgement.next is not Next.FINAL and answer.judgement.retry_after:
                    hints.append(answer.judgement.retry_after)
        pending, delay = [], 0.0
        if greylisted:
            wait = max([options.greylist_retry_after, *hints])
            if waited + wait <= options.greylist_max_wait:
                pending.extend(greylisted)
                delay = wait
        if busy and busy_rounds < len(limits.busy_backoff):
            pending.extend(busy)
            delay = max([delay, limits.busy_backoff[busy_rounds], *hints])
            busy_rounds += 1
        asked_again = set(pending)
        for recipient in sorted(everyone, key=lambda r: not r.catch_all_probe):  # probe first
            if recipient not in asked_again and recipient not in settled:
                settle(recipient)
        if pending:
            if report is not None:
                real = [r for r in pending if not r.catch_all_probe]
                report(Waiting(route.domain, len(real), delay, greylisted=bool(greylisted)))
            await asyncio.sleep(delay)
            waited += delay
    probed = progress.get(probe)
    by_address = {r.address: _outcome(r, progress[r], probe, probed, waited) for r in recipients}
    return [by_address[address] for address in addresses]


def _outcome(
    recipient: Recipient,
    state: _Progress,
    probe: Recipient,
    probed: _Progress | None,
    waited: float,
) -> ProbeOutcome:
    """What ``recipient``'s last answer means, given the catch-all probe's (if it was asked)."""
    catch_all_note = ""
    catch_all = False
    if probed is not None and probed.answer is not None:
        probe_verdict = probed.answer.judgement.verdict
        catch_all = probe_verdict is Verdict.DELIVERABLE
        if probe_verdict is Verdict.UNKNOWN:
            catch_all_note = (
                f" Whether the domain accepts every address is not known: the random address "
                f"{probe.address} got no clear answer."
            )
    assert state.answer is not None  # every recipient is answered in the first round
    judgement, reply = state.answer.judgement, state.answer.reply
    verdict, reason, detail = judgement.verdict, judgement.reason, judgement.detail
    if reason is VerifyReason.ACCEPTED:
        if catch_all:
            verdict, reason = Verdict.RISKY, VerifyReason.CATCH_ALL
            detail += (
                f" So was the random address {probe.address}: the domain accepts every "
                "address at RCPT, so this says nothing about the mailbox."
            )
        else:
            detail += catch_all_note
    elif judgement.next is Next.GREYLISTED:
        detail += f" Still greylisted after waiting {waited:g} s in all."
    elif judgement.next is Next.BUSY:
        detail += " The server stayed busy through every retry."
    return ProbeOutcome(
        recipient.address,
        verdict,
        reason,
        reply.text if reply else None,
        detail,
        tuple(state.transcript),
    )


_ROUTE_VERDICTS: dict[RouteOutcome, tuple[Verdict, VerifyReason]] = {
    RouteOutcome.NULL_MX: (Verdict.INVALID, VerifyReason.NULL_MX),
    RouteOutcome.NO_DOMAIN: (Verdict.INVALID, VerifyReason.NO_MX),
    RouteOutcome.NO_MAIL_HOST: (Verdict.INVALID, VerifyReason.NO_MX),
    RouteOutcome.DNS_ERROR: (Verdict.UNKNOWN, VerifyReason.DNS_ERROR),
    RouteOutcome.PRIVATE_ONLY: (Verdict.UNKNOWN, VerifyReason.PRIVATE_NETWORK),
}


def route_verdict(route: MailRoute) -> tuple[Verdict, VerifyReason] | None:
    """What a route that leads to no usable mail host says about its addresses; None if OK."""
    return _ROUTE_VERDICTS.get(route.outcome)


def _route_outcome(route: MailRoute, address: str) -> ProbeOutcome:
    verdict, reason = route_verdict(route) or (Verdict.UNKNOWN, VerifyReason.SMTP_ERROR)
    return ProbeOutcome(address, verdict, reason, None, route.detail)


def _chunks(recipients: list[Recipient], size: int) -> list[list[Recipient]]:
    """Sessions of at most ``size`` recipients; the catch-all probe rides in the smallest,
    asked first there: the verdict of every accepted address waits for its answer."""
    real = [r for r in recipients if not r.catch_all_probe]
    probes = [r for r in recipients if r.catch_all_probe]
    chunks = [real[i : i + size] for i in range(0, len(real), size)]
    for probe in probes:
        if chunks and len(chunks[-1]) < size:
            chunks[-1].insert(0, probe)
        else:
            chunks.append([probe])
    return chunks


def _random_address(domain: str) -> str:
    # Twenty random letters and digits: no one has that mailbox (catch-all detection).
    alphabet = string.ascii_lowercase + string.digits
    local = "".join(secrets.choice(alphabet) for _ in range(20))
    return f"{local}@{domain}"


# -- one session -----------------------------------------------------------------------------


async def _session(
    route: MailRoute,
    recipients: list[Recipient],
    options: VerifyOptions,
    limits: HostLimits,
    on_answer: _OnAnswer | None = None,
) -> tuple[dict[Recipient, _Answer], list[str]]:
    """Run one session with the first host that takes the connection."""
    transcript: list[str] = []
    failures: list[str] = []
    timed_out = False
    for host in route.hosts:
        for address in host.addresses:
            if not options.allow_private and is_internal_address(address):
                failures.append(
                    f"{host.name} [{address}] is a private, loopback or link-local address "
                    "and was not connected to."
                )
                continue
            starttls = True
            while True:
                async with limits.slot(address):
                    try:
                        reader, writer = await _connect(address, options)
                    except (OSError, TimeoutError) as error:
                        timed_out = timed_out or isinstance(error, TimeoutError)
                        failures.append(_connect_failure(host, address, options, error))
                        break
                    limits.connections[address] += 1
                    transcript.append(f"* connected to {host.name} [{address}]:{options.smtp_port}")
                    try:
                        answers = await _dialogue(
                            reader, writer, host, recipients, options, transcript, starttls,
                            on_answer,
                        )  # fmt: skip
                    except _TLSFailed:
                        starttls = False  # RFC 3207 opportunistic TLS: go on in the clear
                        continue
                    finally:
                        writer.close()
                        with contextlib.suppress(Exception):
                            await asyncio.wait_for(writer.wait_closed(), QUIT_TIMEOUT)
                    return answers, transcript
    reason = VerifyReason.TIMEOUT if timed_out else VerifyReason.SMTP_ERROR
    detail = " ".join(failures) or f"{route.domain} has no mail host to connect to."
    judgement = ProbeVerdict(Next.FINAL, Verdict.UNKNOWN, reason, detail)
    return {r: _Answer(judgement, None) for r in recipients}, transcript


async def _connect(
    address: str, options: VerifyOptions
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    if options.proxy:
        return await _connect_by_proxy(address, options)
    return await asyncio.wait_for(
        asyncio.open_connection(address, options.smtp_port, limit=MAX_LINE_BYTES),
        options.connect_timeout,
    )


async def _connect_by_proxy(
    address: str, options: VerifyOptions
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    assert options.proxy is not None
    try:
        from python_socks import ProxyError
        from python_socks.async_.asyncio import Proxy
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ConfigurationError(
            f"The proxy {options.proxy!r} needs the python-socks package: pip install python-socks."
        ) from error
    try:
        proxy = Proxy.from_url(options.proxy)
    except ValueError as error:
        raise ConfigurationError(
            f"The proxy {options.proxy!r} is not a proxy URL; give socks5://HOST:PORT."
        ) from error
    try:
        sock = await proxy.connect(address, options.smtp_port, timeout=options.connect_timeout)
    except ProxyError as error:
        raise OSError(f"the proxy refused: {error}") from error
    return await asyncio.open_connection(sock=sock, limit=MAX_LINE_BYTES)


def _connect_failure(
    host: MailHost, address: str, options: VerifyOptions, error: BaseException
) -> str:
    where = f"{host.name} [{address}]:{options.smtp_port}"
    if isinstance(error, TimeoutError):
        return f"Connecting to {where} timed out after {options.connect_timeout:g} s."
    return f"Connecting to {where} failed: {getattr(error, 'strerror', None) or error}."


async def _dialogue(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    host: MailHost,
    recipients: list[Recipient],
    options: VerifyOptions,
    transcript: list[str],
    starttls: bool,
    on_answer: _OnAnswer | None = None,
) -> dict[Recipient, _Answer]:
    session = ProbeSession(
        recipients,
        helo=options.helo,
        mail_from=options.mail_from,
        starttls=starttls,
        peer=host.name,
    )
    # A whole session gets a deadline too: a server that trickles one line just inside the
    # command timeout cannot hold a slot for ever.
    deadline = options.command_timeout * (len(recipients) + _FIXED_COMMANDS)
    problem: ProbeVerdict | None = None
    try:
        async with asyncio.timeout(deadline):
            problem = await _converse(reader, writer, host, session, options, transcript, on_answer)
    except TimeoutError:
        problem = ProbeVerdict(
            Next.FINAL,
            Verdict.UNKNOWN,
            VerifyReason.TIMEOUT,
            f"The session with {host.name} took longer than {deadline:g} s in all.",
        )
    return _answers(session, problem)


async def _converse(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    host: MailHost,
    session: ProbeSession,
    options: VerifyOptions,
    transcript: list[str],
    on_answer: _OnAnswer | None = None,
) -> ProbeVerdict | None:
    """Carry the session out; a judgement for the unanswered if it ended abnormally.
    ``on_answer`` hears each recipient's answer as it arrives."""
    while not session.done:
        quitting = session.stage is Command.QUIT
        timeout = QUIT_TIMEOUT if quitting else options.command_timeout
        try:
            raw = await asyncio.wait_for(reader.readline(), timeout)
        except TimeoutError:
            if quitting:
                return None
            waited_for = "the greeting" if session.stage is Command.CONNECT else session.stage.value
            return ProbeVerdict(
                Next.FINAL,
                Verdict.UNKNOWN,
                VerifyReason.TIMEOUT,
                f"{host.name} did not answer {waited_for} within {timeout:g} s.",
            )
        except (OSError, ValueError) as error:  # ValueError: a line over the stream's limit
            return _broken(f"Reading from {host.name} failed: {error}.", session)
        if not raw:
            session.connection_lost()
            if quitting:
                return None
            return _broken(
                f"{host.name} closed the connection during {stage_name(session.stage)}.", session
            )
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        transcript.append(f"< {line}")
        # Consecutive commands leave in one write: a pipelined group (RFC 2920) goes out as
        # one segment, not one per RCPT.
        outgoing: list[bytes] = []
        for event in session.receive(line):
            if isinstance(event, Send):
                transcript.append(f"> {event.command}")
                outgoing.append(event.command.encode("utf-8") + b"\r\n")
                continue
            if isinstance(event, RecipientAnswered):
                if on_answer is not None:
                    on_answer(
                        event.recipient,
                        _Answer(judge_probe_reply(event.reply, Command.RCPT), event.reply),
                    )
                continue
            if failed := await _write(writer, outgoing, host, options):
                return _broken(failed, session)
            if isinstance(event, StartTLS):
                transcript.append("* TLS handshake")
                try:
                    await asyncio.wait_for(
                        # Opportunistic TLS (RFC 7435): MX certificates are commonly
                        # self-signed or name the provider, not the domain; the probe sends
                        # nothing secret, so it does not verify them.
                        writer.start_tls(client_context(verify=False), server_hostname=host.name),
                        options.command_timeout,
                    )
                except (OSError, TimeoutError, ssl.SSLError) as error:
                    transcript.append(f"* TLS failed: {error}; trying again without STARTTLS")
                    raise _TLSFailed from error
            elif isinstance(event, Close):
                session.connection_lost()
        if failed := await _write(writer, outgoing, host, options):
            return _broken(failed, session)
    if session.error:
        return _broken(session.error, session)
    return None


async def _write(
    writer: asyncio.StreamWriter, outgoing: list[bytes], host: MailHost, options: VerifyOptions
) -> str | None:
    """Send and empty ``outgoing``; what went wrong, if anything."""
    if not outgoing:
        return None
    writer.write(b"".join(outgoing))
    outgoing.clear()
    try:
        await asyncio.wait_for(writer.drain(), options.command_timeout)
    except (OSError, TimeoutError) as error:
        return f"Writing to {host.name} failed: {error}."
    return None


def _broken(detail: str, session: ProbeSession) -> ProbeVerdict:
    session.connection_lost()
    return ProbeVerdict(Next.FINAL, Verdict.UNKNOWN, VerifyReason.SMTP_ERROR, detail)


def _answers(session: ProbeSession, problem: ProbeVerdict | None) -> dict[Recipient, _Answer]:
    answers = {
        recipient: _Answer(judge_probe_reply(reply, Command.RCPT), reply)
        for recipient, reply in session.answers.items()
    }
    failure = session.failure
    rest: _Answer | None = None
    if failure is not None:
        rest = _Answer(judge_probe_reply(failure.reply, failure.stage), failure.reply)
    elif problem is not None:
        rest = _Answer(problem, None)
    for recipient in session.unanswered():
        answers[recipient] = rest or _Answer(
            ProbeVerdict(
                Next.FINAL,
                Verdict.UNKNOWN,
                VerifyReason.SMTP_ERROR,
                "The session ended before this address was asked.",
            ),
            None,
        )
    return answers
