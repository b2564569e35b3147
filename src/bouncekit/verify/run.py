"""``verify()``: offline checks, then DNS, then the SMTP probe, one result per address.

Addresses are grouped by domain so that a domain's route is looked up once and its mailboxes
are asked in as few SMTP sessions as the server allows. Results come back in input order, each
as soon as it and everything before it is known.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Iterator, Sequence

from bouncekit.replies.model import Verdict
from bouncekit.resolver import Resolver, get_resolver
from bouncekit.verify.model import Check, CheckStatus, VerifyOptions, VerifyReason, VerifyResult
from bouncekit.verify.mx import MailRoute, RouteOutcome, find_route, route_verdict
from bouncekit.verify.offline import OfflineResult, check_offline
from bouncekit.verify.smtp import HostLimits, ProbeOutcome, probe_domain

_WINDOW = 5_000  # addresses grouped at a time: bounds memory on huge lists


def _from_offline(found: OfflineResult, seconds: float) -> VerifyResult:
    """A result decided without the network, or the offline facts of an unchecked address."""
    verdict = found.verdict or Verdict.UNKNOWN
    reason = found.reason or VerifyReason.NOT_CHECKED
    detail = found.syntax_error or {
        VerifyReason.DISPOSABLE: "The domain gives out disposable addresses.",
        VerifyReason.ROLE: "A role account (a team or function, not a person).",
    }.get(reason, "Only the syntax and the lists were checked (offline).")
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
        RouteOutcome.OK: CheckStatus.PASS,
        RouteOutcome.DNS_ERROR: CheckStatus.UNKNOWN,
        RouteOutcome.PRIVATE_ONLY: CheckStatus.UNKNOWN,
    }.get(route.outcome, CheckStatus.FAIL)
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
            Verdict.DELIVERABLE: CheckStatus.PASS,
            Verdict.RISKY: CheckStatus.WARN,
            Verdict.INVALID: CheckStatus.FAIL,
        }.get(probe.verdict, CheckStatus.UNKNOWN),
        probe.detail,
    )
    return _result(
        found, verdict, reason, detail, route=route, probe=probe,
        extra=(_route_check(route), smtp), seconds=seconds,
    )  # fmt: skip


async def _domain(
    domain: str,
    items: Sequence[OfflineResult],
    options: VerifyOptions,
    resolver: Resolver,
    limits: HostLimits,
    lookups: asyncio.Semaphore,
) -> dict[str, VerifyResult]:
    """Every address of one domain: its route once, then one probe for all of them."""
    start = time.perf_counter()
    async with lookups:
        route = await asyncio.to_thread(
            find_route, domain, resolver, allow_private=options.allow_private
        )
    if route.outcome is not RouteOutcome.OK:
        seconds = time.perf_counter() - start
        return {found.address: _without_probe(found, route, seconds) for found in items}
    addresses = list(dict.fromkeys(found.address for found in items))
    outcomes = {
        outcome.address: outcome
        for outcome in await probe_domain(route, addresses, options, limits)
    }
    seconds = time.perf_counter() - start
    results = {}
    for found in items:
        outcome = outcomes.get(found.address)
        if outcome is None:  # the probe must answer every address; never lose one
            outcome = ProbeOutcome(
                found.address, Verdict.UNKNOWN, VerifyReason.SMTP_ERROR, None,
                "The SMTP probe gave no answer for this address.", (),
            )  # fmt: skip
        results[found.address] = _with_probe(found, route, outcome, seconds)
    return results


def _decided_offline(found: OfflineResult, options: VerifyOptions) -> bool:
    if found.syntax_error or not found.address:
        return True
    return options.offline


async def _window(
    found: list[OfflineResult],
    options: VerifyOptions,
    resolver: Resolver,
    limits: HostLimits,
    decided: dict[str, VerifyResult],
) -> AsyncIterator[VerifyResult]:
    lookups = asyncio.Semaphore(max(options.concurrency, 1))
    by_domain: dict[str, list[OfflineResult]] = defaultdict(list)
    for item in found:
        if not _decided_offline(item, options) and item.duplicate_of is None:
            by_domain[item.domain].append(item)
    tasks = {
        domain: asyncio.ensure_future(_domain(domain, items, options, resolver, limits, lookups))
        for domain, items in by_domain.items()
    }
    try:
        for item in found:
            if _decided_offline(item, options):
                result = _from_offline(item, 0.0)
            elif item.duplicate_of is not None and item.duplicate_of in decided:
                first = decided[item.duplicate_of]
                result = _result(
                    item, first.verdict, first.reason,
                    f"The same mailbox as {item.duplicate_of}: {first.detail}",
                )  # fmt: skip
            else:
                domain_results = await tasks[item.domain]
                result = domain_results[item.address]
            decided.setdefault(item.input, result)
            yield result
    finally:
        for task in tasks.values():
            task.cancel()


async def verify(
    addresses: Iterable[str],
    *,
    options: VerifyOptions = VerifyOptions(),  # noqa: B008 - frozen, shared safely
    resolver: Resolver | None = None,
) -> AsyncGenerator[VerifyResult, None]:
    """Verify every address: one :class:`VerifyResult` per input, in input order."""
    resolver = resolver or get_resolver()
    limits = HostLimits(options)
    decided: dict[str, VerifyResult] = {}  # by input: duplicates take their first's result
    window: list[OfflineResult] = []
    # A verifier allowed into private networks is testing one: accept its ".test" domains.
    for found in check_offline(addresses, test_domains=options.allow_private):
        window.append(found)
        if len(window) >= _WINDOW:
            async for result in _window(window, options, resolver, limits, decided):
                yield result
            window = []
    if window:
        async for result in _window(window, options, resolver, limits, decided):
            yield result


_QUEUED = 256  # results handed over per turn of the event loop, at most


def verify_sync(
    addresses: Iterable[str],
    *,
    options: VerifyOptions = VerifyOptions(),  # noqa: B008 - frozen, shared safely
    resolver: Resolver | None = None,
) -> Iterator[VerifyResult]:
    """:func:`verify` for code without an event loop: results stream, in input order.

    A task pumps the results into a bounded queue and each turn of the event loop hands over
    all that are ready, so a fast offline run does not pay one loop turn per address. Ctrl-C
    (turned into KeyboardInterrupt by the runner) cancels the pump, which stops the probes.
    """
    queue: asyncio.Queue[VerifyResult | None] = asyncio.Queue(maxsize=_QUEUED)
    failure: list[BaseException] = []

    async def pump() -> None:
        try:
            async for result in verify(addresses, options=options, resolver=resolver):
                await queue.put(result)
        except asyncio.CancelledError:
            raise
        except BaseException as error:  # handed to the consumer, which raises it
            failure.append(error)
        await queue.put(None)

    async def ready() -> list[VerifyResult | None]:
        batch = [await queue.get()]
        while not queue.empty() and len(batch) < _QUEUED:
            batch.append(queue.get_nowait())
        return batch

    with asyncio.Runner() as runner:
        runner.get_loop().create_task(pump())
        while True:
            for result in runner.run(ready()):
                if result is None:
                    if failure:
                        raise failure[0]
                    return
                yield result
