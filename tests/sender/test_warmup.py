"""The warm-up plan: reaches the target, never more than doubles, holds on bad observed days,
and its per-provider volumes add up."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bouncekit.errors import InputError
from bouncekit.sender.warmup import (
    HOLD_SIGNALS,
    MAX_GROWTH,
    Observation,
    Step,
    WarmupPlan,
    warmup_plan,
)


def assert_sound(plan: WarmupPlan, target: int) -> None:
    assert plan.days[-1].total == target
    assert [day.day for day in plan.days] == list(range(1, len(plan.days) + 1))
    for before, after in zip(plan.days, plan.days[1:], strict=False):
        assert after.total <= max(1, before.total * MAX_GROWTH), (before, after)
    for day in plan.days:
        assert sum(day.volumes.values()) == day.total
        assert all(volume >= 0 for volume in day.volumes.values())


@pytest.mark.parametrize(("target", "start"), [(100_000, 50), (5_000, 200), (50, 50), (30, 50)])
def test_the_plan_reaches_the_target_without_more_than_doubling(target: int, start: int) -> None:
    plan = warmup_plan(target, start=start)
    assert_sound(plan, target)
    assert plan.days[0].total == min(start, target)
    assert plan.days[-1].step is Step.TARGET


@given(target=st.integers(1, 2_000_000), start=st.integers(1, 5_000))
def test_any_plan_is_sound(target: int, start: int) -> None:
    assert_sound(warmup_plan(target, start=start), target)


def test_growth_is_between_one_and_a_half_and_two_times() -> None:
    plan = warmup_plan(1_000_000, start=1_000)
    for before, after in zip(plan.days, plan.days[1:-1], strict=False):
        assert 1.5 <= after.total / before.total <= 2.0


def test_provider_shares_add_up_and_follow_the_given_share() -> None:
    plan = warmup_plan(10_000, share={"gmail": 0.7, "microsoft": 0.1, "yahoo": 0.1, "other": 0.1})
    final = plan.days[-1].volumes
    assert final == {"gmail": 7000, "microsoft": 1000, "yahoo": 1000, "other": 1000}
    with pytest.raises(InputError, match="not among the providers"):
        warmup_plan(100, share={"aol": 1.0})


def test_a_bad_bounce_day_holds_every_provider() -> None:
    plan = warmup_plan(10_000, observed=[Observation(3, bounce_rate=0.03)])
    day3, day4 = plan.days[2], plan.days[3]
    assert day3.observed
    assert day4.step is Step.HOLD
    assert day4.volumes == day3.volumes
    assert "bounce rate 3.0%" in day4.note
    assert_sound(plan, 10_000)


def test_a_gmail_deferral_holds_gmail_only_and_a_hard_one_halves() -> None:
    plan = warmup_plan(10_000, observed=[Observation(2, deferral_rate={"gmail": 0.08})])
    day2, day3 = plan.days[1], plan.days[2]
    assert day3.step is Step.HOLD
    assert day3.volumes["gmail"] == day2.volumes["gmail"]
    assert day3.volumes["yahoo"] > day2.volumes["yahoo"]
    halved = warmup_plan(10_000, observed=[Observation(2, deferral_rate={"gmail": 0.30})])
    assert halved.days[2].step is Step.HALVE
    assert halved.days[2].volumes["gmail"] == halved.days[1].volumes["gmail"] // 2


def test_complaints_at_the_target_hold_and_the_plan_goes_past_the_observed_day() -> None:
    plan = warmup_plan(200, start=100, observed=[Observation(2, complaint_rate=0.005)])
    assert [d.total for d in plan.days] == [100, 200, 100, 200]  # 5x the limit: halve, regrow
    assert plan.days[2].step is Step.HALVE


def test_good_observed_days_change_nothing() -> None:
    good = [Observation(day, bounce_rate=0.005, complaint_rate=0.0002) for day in range(1, 5)]
    observed = warmup_plan(5_000, observed=good)
    assert [d.volumes for d in observed.days] == [d.volumes for d in warmup_plan(5_000).days]
    assert [d.observed for d in observed.days[:5]] == [True, True, True, True, False]


def test_hold_signals_name_the_provider_deferrals() -> None:
    examples = " ".join(signal.example + signal.threshold for signal in HOLD_SIGNALS)
    for code in ("4.7.28", "TSS04", "RP-001", "2%", "0.1%"):
        assert code in examples


def test_bad_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="at least 1"):
        warmup_plan(0)
    with pytest.raises(InputError, match="at least 1"):
        warmup_plan(100, start=0)


def test_warmup_plan_command() -> None:
    environment = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "bouncekit", "warmup-plan", "--daily-target", "5000"]
    as_json = subprocess.run(
        [*command, "--start", "100", "--json"],
        capture_output=True, text=True, timeout=60, env=environment, check=False,
    )  # fmt: skip
    assert as_json.returncode == 0, as_json.stderr
    document = json.loads(as_json.stdout)
    assert document["days"][0]["total"] == 100
    assert document["days"][-1]["total"] == 5000
    assert {s["provider"] for s in document["hold_signals"]} >= {"gmail", "yahoo", "microsoft"}
    table = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=environment, check=False
    )
    assert table.returncode == 0, table.stderr
    assert "gmail" in table.stdout
    assert "5,000" in table.stdout
    assert "Hold the next step" in table.stdout
