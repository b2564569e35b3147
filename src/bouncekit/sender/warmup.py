"""Warm-up: a day-by-day sending schedule for a new IP address or domain, per major provider.

Receivers trust volume they have seen before. A new IP or domain that sends its full volume on
day one is deferred (Gmail ``421 4.7.28 ... unusual rate of unsolicited mail``, Yahoo
``421 4.7.0 [TSS04] Messages temporarily deferred due to unexpected volume or user
complaints``, Microsoft ``421 4.7.650`` / ``RP-001`` ... ``temporarily rate limited due to IP
reputation``). So volume grows in steps, about 1.5x to 2x a day while the signals are good, and
a step is held while they are not.

:func:`warmup_plan` is pure: the same arguments give the same plan. Fed ``observed`` figures
(one :class:`Observation` per day already sent), it replans: a day with a signal over its limit
repeats the day's volume (a deferral, or a bounce or complaint rate at its limit) or halves it
(a rate well over its limit), and growth resumes from there.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bouncekit.errors import InputError

__all__ = [
    "DEFAULT_SHARE",
    "HOLD_SIGNALS",
    "MAX_GROWTH",
    "Observation",
    "PlanDay",
    "Signal",
    "Step",
    "WarmupPlan",
    "warmup_plan",
]

MAX_GROWTH = 2.0  # never more than double a day's volume
GROWTH = 1.6  # the usual step while signals are good (1.5x to 2x)
FAST_GROWTH = 2.0  # early days, when volumes are small, double
FAST_UNTIL = 1000  # per-day volume below which growth is FAST_GROWTH
MAX_DAYS = 120
BOUNCE_LIMIT = 0.02  # 2 %: over this, the list (not the receivers) is the problem
COMPLAINT_LIMIT = 0.001  # 0.1 %: Gmail and Yahoo's bulk-sender line is 0.3 %, aim well below
DEFERRAL_LIMIT = 0.05  # 5 % of a day's mail deferred (421 / 4.7.x) at one provider

# Shares of a typical consumer list; give your own (``share=``) from your list's domains.
DEFAULT_SHARE: Mapping[str, float] = {
    "gmail": 0.40,
    "microsoft": 0.25,
    "yahoo": 0.15,
    "other": 0.20,
}


@dataclass(frozen=True, slots=True)
class Signal:
    """A signal that must hold before volume grows, with the text that shows it."""

    provider: str  # "gmail", "yahoo", "microsoft" or "all"
    name: str
    threshold: str
    example: str  # the reply or figure that shows the signal fired
    action: str


HOLD_SIGNALS: tuple[Signal, ...] = (
    Signal(
        "gmail",
        "deferral",
        "any 421 4.7.28 (or 4.7.27, 4.7.26) in the day's replies",
        "421-4.7.28 [203.0.113.9] Gmail has detected an unusual rate of unsolicited mail "
        "originating from your IP address. To protect our users from spam, mail sent from your "
        "IP address has been temporarily rate limited.",
        "Hold the step at Gmail; check Postmaster Tools (spam rate, IP and domain reputation).",
    ),
    Signal(
        "yahoo",
        "deferral",
        "any 421 4.7.0 [TSS04] in the day's replies",
        "421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected "
        "volume or user complaints - 4.16.55.1",
        "Hold the step at Yahoo; let the queue retry slowly, do not resend.",
    ),
    Signal(
        "microsoft",
        "deferral",
        "any 421 RP-001 / RP-002 / RP-003 or 4.7.650 in the day's replies",
        "421 RP-001 (BAY004-MC1F12) Unfortunately, some messages from 203.0.113.9 weren't sent. "
        "Please try again. We have limits for how many messages can be sent per hour and per day.",
        "Hold the step at Microsoft; check SNDS and join JMRP.",
    ),
    Signal(
        "all",
        "bounce-rate",
        f"hard bounces over {BOUNCE_LIMIT:.0%} of the day's mail",
        "550 5.1.1 ... user unknown on more than 2 in 100 messages",
        "Stop and clean the list (bouncekit verify); a warm-up on a stale list fails.",
    ),
    Signal(
        "all",
        "complaint-rate",
        f"spam complaints over {COMPLAINT_LIMIT:.1%} of the day's mail",
        "feedback-loop reports (ARF) or Postmaster Tools spam rate over 0.1 %",
        "Send only to the most engaged recipients until the rate falls; check the unsubscribe "
        "link works in one click.",
    ),
)


@dataclass(frozen=True, slots=True)
class Observation:
    """What one day of sending showed. Rates are fractions (0.02 = 2 %)."""

    day: int
    deferral_rate: Mapping[str, float] = field(default_factory=dict)  # provider -> rate
    bounce_rate: float = 0.0
    complaint_rate: float = 0.0


class Step(StrEnum):
    START = "start"
    GROW = "grow"
    HOLD = "hold"  # a signal fired: the day's volume repeats
    HALVE = "halve"  # a signal fired hard: the volume halves
    TARGET = "target"  # the daily target is reached


@dataclass(frozen=True, slots=True)
class PlanDay:
    day: int
    volumes: Mapping[str, int]  # provider -> messages that day
    step: Step
    note: str = ""
    observed: bool = False  # a day already sent, its volume as planned then

    @property
    def total(self) -> int:
        return sum(self.volumes.values())


@dataclass(frozen=True, slots=True)
class WarmupPlan:
    days: tuple[PlanDay, ...]
    hold_signals: tuple[Signal, ...] = HOLD_SIGNALS
    daily_target: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "daily_target": self.daily_target,
            "days": [
                {
                    "day": day.day,
                    "total": day.total,
                    "volumes": dict(day.volumes),
                    "step": day.step.value,
                    "note": day.note,
                    "observed": day.observed,
                }
                for day in self.days
            ],
            "hold_signals": [
                {
                    "provider": signal.provider,
                    "signal": signal.name,
                    "threshold": signal.threshold,
                    "example": signal.example,
                    "action": signal.action,
                }
                for signal in self.hold_signals
            ],
        }


def warmup_plan(
    daily_target: int,
    *,
    start: int = 50,
    providers: Sequence[str] = ("gmail", "microsoft", "yahoo", "other"),
    share: Mapping[str, float] | None = None,
    observed: Sequence[Observation] | None = None,
) -> WarmupPlan:
    """The schedule from ``start`` messages a day to ``daily_target``, per provider.

    ``share`` gives each provider's fraction of the list (normalised to 1; default
    :data:`DEFAULT_SHARE`, an even split for providers it does not name). ``observed`` holds
    the figures of days already sent; each bad day holds or halves the following step.
    """
    if daily_target < 1:
        raise InputError(f"The daily target must be at least 1 message, not {daily_target}.")
    if start < 1:
        raise InputError(f"The starting volume must be at least 1 message a day, not {start}.")
    if not providers:
        raise InputError("Give at least one provider to plan for.")
    shares = _shares(providers, share)
    targets = _split(daily_target, shares)
    by_day = {observation.day: observation for observation in observed or ()}
    volumes = _split(min(start, daily_target), shares)
    first = Step.TARGET if sum(volumes.values()) >= daily_target else Step.START
    days: list[PlanDay] = [PlanDay(1, volumes, first, observed=1 in by_day)]
    day, last_observed = 1, max(by_day, default=0)
    # Plan until the target is reached, and at least to the day after the last observed one.
    while day < MAX_DAYS and (days[-1].total < daily_target or day <= last_observed):
        volumes, step, note = _next(days[-1].volumes, targets, by_day.get(day))
        day += 1
        days.append(PlanDay(day, volumes, step, note, observed=day in by_day))
    return WarmupPlan(tuple(days), HOLD_SIGNALS, daily_target)


def _next(
    volumes: Mapping[str, int], targets: Mapping[str, int], observation: Observation | None
) -> tuple[dict[str, int], Step, str]:
    """The next day's volumes after a day that showed ``observation``.

    A provider that deferred holds (or halves) alone; a bounce or complaint rate over its
    limit holds (or halves) every provider, since it is a fact about the list.
    """
    total = sum(volumes.values())
    factor = FAST_GROWTH if total < FAST_UNTIL else GROWTH
    held = _held(observation, list(volumes)) if observation is not None else {}
    following: dict[str, int] = {}
    for provider, volume in volumes.items():
        if provider in held:
            hard = held[provider][1]
            following[provider] = max(1, volume // 2) if hard else volume
        else:
            grown = max(math.floor(volume * factor), volume + 1)
            following[provider] = min(targets[provider], grown)
    # Never more than MAX_GROWTH over the day before (a provider starting from 0 gets 1).
    while sum(following.values()) > max(1, math.floor(total * MAX_GROWTH)):
        grown_most = max(
            (p for p in following if following[p] > volumes[p]), key=lambda p: following[p]
        )
        following[grown_most] -= 1
    if any(hard for _, hard in held.values()):
        step = Step.HALVE
    elif held:
        step = Step.HOLD
    else:
        step = Step.TARGET if sum(following.values()) >= sum(targets.values()) else Step.GROW
    note = ""
    if observation is not None and held:
        reasons = dict.fromkeys(reason for reason, _ in held.values())
        action = "halve" if step is Step.HALVE else "hold"
        note = f"day {observation.day}: {'; '.join(reasons)}; {action} {', '.join(held)}"
    return following, step, note


def _held(observation: Observation, providers: Sequence[str]) -> dict[str, tuple[str, bool]]:
    """Providers whose step a signal holds: provider -> (why, whether to halve)."""
    held: dict[str, tuple[str, bool]] = {}
    for provider, rate in sorted(observation.deferral_rate.items()):
        if rate > DEFERRAL_LIMIT and provider in providers:
            held[provider] = (f"{provider} deferred {rate:.0%}", rate > 2 * DEFERRAL_LIMIT)
    list_signals = []
    hard = False
    if observation.bounce_rate > BOUNCE_LIMIT:
        list_signals.append(f"bounce rate {observation.bounce_rate:.1%}")
        hard = hard or observation.bounce_rate > 2 * BOUNCE_LIMIT
    if observation.complaint_rate > COMPLAINT_LIMIT:
        list_signals.append(f"complaint rate {observation.complaint_rate:.2%}")
        hard = hard or observation.complaint_rate > 2 * COMPLAINT_LIMIT
    if list_signals:
        why = ", ".join(list_signals)
        for provider in providers:
            held[provider] = (why, hard or held.get(provider, ("", False))[1])
    return held


def _shares(providers: Sequence[str], share: Mapping[str, float] | None) -> dict[str, float]:
    given = dict(share) if share is not None else dict(DEFAULT_SHARE)
    unknown = [name for name in given if name not in providers]
    if share is not None and unknown:
        raise InputError(
            f"The share names {', '.join(unknown)}, which are not among the providers "
            f"({', '.join(providers)})."
        )
    missing = [name for name in providers if name not in given]
    rest = max(0.0, 1.0 - sum(given.get(name, 0.0) for name in providers))
    for name in missing:
        given[name] = rest / len(missing) if rest else 1.0 / len(providers)
    values = {name: max(0.0, given[name]) for name in providers}
    total = sum(values.values())
    if total <= 0:
        raise InputError("The provider shares add up to zero; give positive fractions.")
    return {name: value / total for name, value in values.items()}


def _split(volume: int, shares: Mapping[str, float]) -> dict[str, int]:
    """Split ``volume`` by ``shares`` so that the parts add up exactly (largest remainder)."""
    exact = {name: volume * fraction for name, fraction in shares.items()}
    parts = {name: math.floor(value) for name, value in exact.items()}
    left = volume - sum(parts.values())
    for name in sorted(exact, key=lambda n: exact[n] - parts[n], reverse=True)[:left]:
        parts[name] += 1
    return parts
