"""``bouncekit warmup-plan``: a day-by-day warm-up schedule for a new IP or domain."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from bouncekit.cli import _render


def warmup_plan_command(
    context: typer.Context,
    daily_target: Annotated[
        int,
        typer.Option("--daily-target", min=1, help="Messages a day to reach.", show_default=False),
    ],
    start: Annotated[int, typer.Option("--start", min=1, help="Messages on day 1.")] = 50,
    json_output: _render.JsonOption = False,
    verbose: _render.VerboseOption = False,
) -> None:
    """A day-by-day warm-up schedule for a new IP or domain, per provider, with the signals
    that must hold a step."""
    from bouncekit.sender.warmup import warmup_plan

    del verbose  # taken like every command's -v; a plan has no details to add

    plan = warmup_plan(daily_target, start=start)
    if _render.json_wanted(context, json_output):
        _render.print_json(plan.to_dict())
        return
    providers = list(plan.days[0].volumes)
    # Through print_rows: on a narrow terminal the days become records, never "109,8…".
    console = _render.stdout
    console.print(Text(f"Warm-up to {daily_target:,} messages a day", style="bold"))
    _render.print_rows(
        console,
        [
            _render.Column("day", justify="right"),
            *(_render.Column(provider, justify="right") for provider in providers),
            _render.Column("total", justify="right"),
            _render.Column("step", wrap=True),
        ],
        [
            [
                Text(str(day.day)),
                *(Text(f"{day.volumes[p]:,}") for p in providers),
                Text(f"{day.total:,}", style="bold"),
                Text(day.step.value + (f" ({day.note})" if day.note else "")),
            ]
            for day in plan.days
        ],
    )
    console.print(Text("\nHold the next step when", style="bold"))
    _render.print_rows(
        console,
        [
            _render.Column("provider"),
            _render.Column("signal", wrap=True),
            _render.Column("then", wrap=True),
        ],
        [
            [Text(signal.provider), Text(signal.threshold), Text(signal.action)]
            for signal in plan.hold_signals
        ],
    )
    _render.stdout.print(
        "A held day repeats its volume; a signal at twice its limit halves it. Grow again only "
        "after a clean day."
    )
