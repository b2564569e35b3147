"""``bouncekit warmup-plan``: a day-by-day warm-up schedule for a new IP or domain."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

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
    table = Table(title=f"Warm-up to {daily_target:,} messages a day", title_justify="left")
    table.add_column("day", justify="right")
    for provider in providers:
        table.add_column(provider, justify="right")
    table.add_column("total", justify="right", style="bold")
    table.add_column("step")
    for day in plan.days:
        table.add_row(
            str(day.day),
            *(f"{day.volumes[p]:,}" for p in providers),
            f"{day.total:,}",
            day.step.value + (f" ({day.note})" if day.note else ""),
        )
    _render.stdout.print(table)
    signals = Table(title="Hold the next step when", title_justify="left", show_lines=False)
    signals.add_column("provider")
    signals.add_column("signal")
    signals.add_column("then", overflow="fold")
    for signal in plan.hold_signals:
        signals.add_row(signal.provider, signal.threshold, signal.action)
    _render.stdout.print(signals)
    _render.stdout.print(
        "A held day repeats its volume; a signal at twice its limit halves it. Grow again only "
        "after a clean day."
    )
