"""``verify_addresses()``: offline checks, then DNS, then the SMTP probe, one result per address.

Addresses are grouped by domain so that a domain's route is looked up once and its mailboxes
are asked in as few SMTP sessions as the server allows.

Each result is known at its own time: an address decided offline at once, a domain without
mail hosts when its DNS answers, a mailbox at its RCPT reply, a greylisted one minutes later.
:func:`verify_as_done` hands each over as soon as it is known, with its place in the input;
:func:`verify_addresses` hands them over in input order, each as soon as it and everything before it
is known; :func:`verify_sync` does the same for code without an event loop. Each result goes
into the :class:`ResultSink` (the checkpoint), if one is given, the moment it is known: before
the probe asks its next question, so that a process killed at any point has kept every answer
it had received, but the one it was waiting for.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import defaultdict
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Iterable, Iterator, Sequence
from typing import Protocol

from bouncekit.replies.model import Verdict
from bouncekit.resolver import DnsResolver, Resolver
from bouncekit.smtp.route import MailRoute, RouteOutcome, find_route
from bouncekit.status import Status
from bouncekit.verify.model import Check, VerifyOptions, VerifyReason, VerifyResult
from bouncekit.verify.offline import OfflineResult, check_offline
from bouncekit.verify.smtp import (
    HostLimits,
    ProbeOutcome,
    ProbeReport,
    Waiting,
    probe_domain,
    route_verdict,
)

__all__ = [
    "ResultSink",
    "RunObserver",
    "duplicate_result",
    "verify_addresses",
    "verify_as_done",
    "verify_sync",
]

_WINDOW = 5_000  # addresses grouped at a time: bounds memory on huge lists


class ResultSink(Protocol):
    """Where each result is kept, durably, as soon as it is known (the checkpoint)."""

    def put(self, result: VerifyResult) -> None: ...

    def catch_all_address(self, domain: str, fresh: str) -> str:
        """The random address to ask at ``domain``: ``fresh``, or the one chosen before."""
        ...


class RunObserver(Protocol):
    """Who watches a run: each result as it finishes, and each pause for greylisting."""

    def finished(self, result: VerifyResult) -> None: ...

    def waiting(self, pause: Waiting) -> None: ...


_Deliver = Callable[[int, VerifyResult], None]


_OFFLINE_DETAIL = {
    VerifyReason.DISPOSABLE: "The domain gives out disposable addresses.",
    VerifyReason.ROLE: "A role account (a team or function, not a person).",
}
_ONLY_OFFLINE = "Only the syntax and the lists were checked (offline)."


def _from_offline(found: OfflineResult, seconds: float) -> VerifyResult:
    """A result decided without the network, or the offline facts of an unchecked address."""
    verdict = found.verdict or Verdict.UNKNOWN
    reason = found.reason or VerifyReason.NOT_CHECKED
    detail = found.syntax_error or _OFFLINE_DETAIL.get(reason, _ONLY_OFFLINE)
    return _result(found, verdict, reason, detail, seconds=seconds)


def _result(
    found: OfflineResult,
    verdict: Verdict,
    reason: VerifyReason,
    detail: str,
    *,
    route: MailRoute | None = None,
    probe: ProbeOutcome | None = None,
    extra: tuple[Check, ...] = (),
    seconds: float = 0.0,
) -> VerifyResult:
    return VerifyResult(
        input=found.input,
        address=found.address,
        verdict=verdict,
        reason=reason,
        detail=detail,
        suggestion=found.suggestion,
        duplicate_of=found.duplicate_of,
        disposable=found.disposable,
        role=found.role,
        free=found.free,
        mx=tuple(host.name for host in route.hosts) if route else (),
        smtp_reply=probe.reply if probe else None,
        checks=found.checks + extra,
        seconds=seconds,
        transcript=probe.transcript if probe else (),
    )


def _route_check(route: MailRoute) -> Check:
    status = {
        RouteOutcome.OK: Status.PASS,
        RouteOutcome.DNS_ERROR: Status.UNKNOWN,
        RouteOutcome.PRIVATE_ONLY: Status.UNKNOWN,
    }.get(route.outcome, Status.FAIL)
    return Check("mx", status, route.detail)


def _without_probe(found: OfflineResult, route: MailRoute, seconds: float) -> VerifyResult:
    """The verdict when the route alone decides: no domain, no mail host, null MX, DNS error."""
    verdict, reason = route_verdict(route) or (Verdict.UNKNOWN, VerifyReason.DNS_ERROR)
    return _result(
        found, verdict, reason, route.detail, route=route, extra=(_route_check(route),),
        seconds=seconds,
    )  # fmt: skip


def _with_probe(
    found: OfflineResult, route: MailRoute, probe: ProbeOutcome, seconds: float
) -> VerifyResult:
    verdict, reason, detail = probe.verdict, probe.reason, probe.detail
    # A mailbox that takes mail is still a risk to send to when it is disposable or a role.
    if verdict is Verdict.DELIVERABLE and (found.disposable or found.role):
        verdict = Verdict.RISKY
        reason = VerifyReason.DISPOSABLE if found.disposable else VerifyReason.ROLE
        detail = f"{detail} But it is a {'disposable' if found.disposable else 'role'} address."
    smtp = Check(
        "smtp",
        {
            Verdict.DELIVERABLE: Status.PASS,
            Verdict.RISKY: Status.WARN,
            Verdict.INVALID: Status.FAIL,
        }.get(probe.verdict, Status.UNKNOWN),
        probe.detail,
    )
    return _result(
        found, verdict, reason, detail, route=route, probe=probe,
        extra=(_route_check(route), smtp), seconds=seconds,
    )  # fmt: skip


async def _domain(
    domain: str,
    items: Sequence[tuple[int, OfflineResult]],
    options: VerifyOptions,
    resolver: Resolver,
    limits: HostLimits,
    lookups: asyncio.Semaphore,
    deliver: _Deliver,
    observer: RunObserver | None,
    sink: ResultSink | None = None,
) -> None:
    """Every address of one domain: its route once, then one probe for all of them; each
    result delivered as soon as it is known."""
    start = time.perf_counter()
    async with lookups:
        route = await asyncio.to_thread(
            find_route, domain, resolver=resolver, allow_private=options.allow_private
        )
    if route.outcome is not RouteOutcome.OK:
        seconds = time.perf_counter() - start
        for index, found in items:
            deliver(index, _without_probe(found, route, seconds))
        return
    by_address: dict[str, list[tuple[int, OfflineResult]]] = defaultdict(list)
    for index, found in items:
        by_address[found.address].append((index, found))
    done: set[str] = set()

    def reported(event: ProbeReport) -> None:
        if isinstance(event, Waiting):
            if observer is not None:
                observer.waiting(event)
            return
        if event.address in done or event.address not in by_address:
            return
        done.add(event.address)
        seconds = time.perf_counter() - start
        for index, found in by_address[event.address]:
            deliver(index, _with_probe(found, route, event, seconds))

    choose = sink.catch_all_address if sink is not None else None
    for outcome in await probe_domain(route, list(by_address), options, limits, reported, choose):
        reported(outcome)  # the probe reports every address; this only makes sure of it
    for address in by_address.keys() - done:  # the probe must answer every address
        unanswered = ProbeOutcome(
            address, Verdict.UNKNOWN, VerifyReason.SMTP_ERROR, None,
            "The SMTP probe gave no answer for this address.", (),
        )  # fmt: skip
        reported(unanswered)


def _decided_offline(found: OfflineResult, options: VerifyOptions) -> bool:
    if found.syntax_error or not found.address:
        return True
    return options.offline


def _offline_run(
    addresses: Iterable[str], options: VerifyOptions, sink: ResultSink | None
) -> Iterator[VerifyResult]:
    """An offline run: each result is decided by :func:`check_offline` alone, in input order,
    so it needs no event loop, no grouping by domain and no memory of earlier results (a
    duplicate carries its own offline findings, as it would in a window)."""
    for found in check_offline(addresses, test_domains=options.allow_private):
        result = _from_offline(found, 0.0)
        if sink is not None:
            sink.put(result)
        yield result


def duplicate_result(offline: VerifyResult, first: VerifyResult) -> VerifyResult:
    """The result of an input for the same mailbox as an earlier one: its own offline facts
    (``offline``, with ``duplicate_of`` set) and the verdict of the first's result."""
    return dataclasses.replace(
        offline,
        verdict=first.verdict,
        reason=first.reason,
        detail=f"The same mailbox as {offline.duplicate_of}: {first.detail}",
    )


async def _window(
    found: list[tuple[int, OfflineResult]],
    options: VerifyOptions,
    resolver: Resolver,
    limits: HostLimits,
    decided: dict[str, VerifyResult],
    observer: RunObserver | None,
    sink: ResultSink | None,
) -> AsyncIterator[tuple[int, VerifyResult]]:
    """The results of one window of inputs, each with its index, as soon as each is known;
    each in ``sink`` first (a duplicate's is derived again from its first's, not kept)."""
    lookups = asyncio.Semaphore(max(options.concurrency, 1))
    items = dict(found)
    by_domain: dict[str, list[tuple[int, OfflineResult]]] = defaultdict(list)
    duplicates: dict[str, list[int]] = defaultdict(list)  # first input -> indexes of its copies
    at_once: list[tuple[int, VerifyResult]] = []
    for index, item in found:
        if _decided_offline(item, options):
            at_once.append((index, _from_offline(item, 0.0)))
            if sink is not None:
                sink.put(at_once[-1][1])
        elif item.duplicate_of is not None:
            duplicates[item.duplicate_of].append(index)
        else:
            by_domain[item.domain].append((index, item))

    def settle(index: int, result: VerifyResult) -> list[tuple[int, VerifyResult]]:
        """This result and those of the duplicates that it decides."""
        settled = [(index, result)]
        first = decided.setdefault(items[index].input, result)
        for copy in duplicates.pop(items[index].input, ()):
            copy_offline = _from_offline(items[copy], 0.0)
            settled.extend(settle(copy, duplicate_result(copy_offline, first)))
        return settled

    ready: asyncio.Queue[tuple[int, VerifyResult] | Exception] = asyncio.Queue()

    def deliver(index: int, result: VerifyResult) -> None:
        # Called by the probe at the answer, before it asks anything else: keep it now.
        if sink is not None:
            sink.put(result)
        ready.put_nowait((index, result))

    async def run_domain(domain: str, members: list[tuple[int, OfflineResult]]) -> None:
        try:
            await _domain(
                domain, members, options, resolver, limits, lookups, deliver, observer, sink
            )
        except Exception as error:  # handed to the consumer, which raises it
            ready.put_nowait(error)

    tasks = [asyncio.ensure_future(run_domain(d, members)) for d, members in by_domain.items()]
    expected = sum(len(members) for members in by_domain.values())
    try:
        for index, result in at_once:
            for pair in settle(index, result):
                yield pair
        for first in [first for first in duplicates if first in decided]:  # an earlier window's
            for copy in duplicates.pop(first):
                copy_offline = _from_offline(items[copy], 0.0)
                for pair in settle(copy, duplicate_result(copy_offline, decided[first])):
                    yield pair
        while expected:
            delivered = await ready.get()
            if isinstance(delivered, Exception):
                raise delivered
            expected -= 1
            for pair in settle(*delivered):
                yield pair
        for copies in list(duplicates.values()):  # a first never decided: cannot happen
            for copy in copies:
                yield copy, _from_offline(items[copy], 0.0)
    finally:
        for task in tasks:
            task.cancel()


async def verify_as_done(
    addresses: Iterable[str],
    *,
    options: VerifyOptions = VerifyOptions(),  # noqa: B008 - frozen, shared safely
    resolver: Resolver | None = None,
    observer: RunObserver | None = None,
    sink: ResultSink | None = None,
) -> AsyncGenerator[tuple[int, VerifyResult], None]:
    """Verify every address: ``(index in the input, result)`` for each, as soon as each is
    known, and kept in ``sink`` before anything else happens. ``observer`` hears of each
    pause for greylisting or a busy server. Every DNS question goes to ``resolver`` (the CLI
    and the web app pass the one their settings build); without one, a resolver of the
    system's configuration is made for this run. An offline run asks none."""
    if options.offline:
        for pair in enumerate(_offline_run(addresses, options, sink)):
            yield pair
        return
    resolver = resolver or DnsResolver()  # a library call given none: the system's resolver
    limits = HostLimits(options)
    decided: dict[str, VerifyResult] = {}  # by input: duplicates take their first's result
    window: list[tuple[int, OfflineResult]] = []
    # A verifier allowed into private networks is testing one: accept its ".test" domains.
    checked = check_offline(addresses, test_domains=options.allow_private)
    for index, found in enumerate(checked):
        window.append((index, found))
        if len(window) >= _WINDOW:
            async for pair in _window(window, options, resolver, limits, decided, observer, sink):
                yield pair
            window = []
    if window:
        async for pair in _window(window, options, resolver, limits, decided, observer, sink):
            yield pair


async def verify_addresses(
    addresses: Iterable[str],
    *,
    options: VerifyOptions = VerifyOptions(),  # noqa: B008 - frozen, shared safely
    resolver: Resolver | None = None,
) -> AsyncGenerator[VerifyResult, None]:
    """Verify every address: one :class:`VerifyResult` per input, in input order."""
    waiting: dict[int, VerifyResult] = {}
    following = 0
    async for index, result in verify_as_done(addresses, options=options, resolver=resolver):
        waiting[index] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


_QUEUED = 256  # results handed over per turn of the event loop, at most


def verify_sync(
    addresses: Iterable[str],
    *,
    options: VerifyOptions = VerifyOptions(),  # noqa: B008 - frozen, shared safely
    resolver: Resolver | None = None,
    sink: ResultSink | None = None,
    observer: RunObserver | None = None,
) -> Iterator[VerifyResult]:
    """:func:`verify_addresses` for code without an event loop: results stream, in input order.

    ``sink`` keeps each result the moment it is known, in the order they become known, not
    when its turn in the input comes (see :func:`verify_as_done`). ``observer`` hears of each
    result as it finishes and of each pause.
    """
    if options.offline:  # no network to wait for: no event loop either
        for result in _offline_run(addresses, options, sink):
            if observer is not None:
                observer.finished(result)
            yield result
        return
    waiting: dict[int, VerifyResult] = {}
    following = 0
    for index, result in _drive(addresses, options, resolver, sink, observer):
        waiting[index] = result
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def _drive(
    addresses: Iterable[str],
    options: VerifyOptions,
    resolver: Resolver | None,
    sink: ResultSink | None,
    observer: RunObserver | None,
) -> Iterator[tuple[int, VerifyResult]]:
    """Run :func:`verify_as_done` on an event loop of its own and hand its results over.

    A task pumps the results into a bounded queue and each turn of the event loop hands over
    all that are ready, so a fast offline run does not pay one loop turn per address. Ctrl-C
    (turned into KeyboardInterrupt by the runner) cancels the pump, which stops the probes;
    the sink already holds every result known by then.
    """
    queue: asyncio.Queue[tuple[int, VerifyResult] | None] = asyncio.Queue(maxsize=_QUEUED)
    failure: list[BaseException] = []

    async def pump() -> None:
        try:
            async for pair in verify_as_done(
                addresses, options=options, resolver=resolver, observer=observer, sink=sink
            ):
                if observer is not None:
                    observer.finished(pair[1])
                await queue.put(pair)
        except asyncio.CancelledError:
            raise
        except BaseException as error:  # handed to the consumer, which raises it
            failure.append(error)
        await queue.put(None)

    async def ready() -> list[tuple[int, VerifyResult] | None]:
        batch = [await queue.get()]
        while not queue.empty() and len(batch) < _QUEUED:
            batch.append(queue.get_nowait())
        return batch

    with asyncio.Runner() as runner:
        runner.get_loop().create_task(pump())
        while True:
            for pair in runner.run(ready()):
                if pair is None:
                    if failure:
                        raise failure[0]
                    return
                yield pair
