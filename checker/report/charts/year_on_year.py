"""The year-on-year chart: this year's complaints at each stage and share answered in time beside
last year's, and its text alternative."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.report.charts.look import DARK, LIGHT, WIDTH, bar, grid, legend
from checker.report.charts.svg import Chart, chart
from checker.report.charts.words import count, join, number, percent

if TYPE_CHECKING:
    from matplotlib.axes import Axes


@dataclass(frozen=True)
class Comparison:
    """One figure in both years: its label on the chart, its name in words, and how to show it."""

    label: str
    name: str
    before: int | float | str | None
    now: int | float | str | None
    show: Callable[[float], str]


def source(report: dict) -> dict:
    """What the chart is drawn from: the year, last year's figures, and this year's totals and
    timeliness."""
    return {
        "year": report["year"],
        "previous_year": report.get("previous_year"),
        "totals": report["totals"],
        "timeliness": report["timeliness"],
    }


def draw(report: dict) -> Chart | None:
    """The chart of this year against the last, or None without a previous year to compare."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import PercentFormatter

    before = report.get("previous_year")
    if not before:
        return None
    years = (before["year"], report["year"])
    timeliness = report["timeliness"][0]["responded_in_time"] if report["timeliness"] else None
    counts = [
        Comparison(
            "Stage 1\ncomplaints",
            "Stage 1 complaints",
            before["stage1"],
            report["totals"]["stage1"],
            count,
        ),
        Comparison(
            "Stage 2\ncomplaints",
            "Stage 2 complaints",
            before["stage2"],
            report["totals"]["stage2"],
            count,
        ),
    ]
    rates = [
        Comparison(
            "Stage 1\nanswered\nin time",
            "The share of stage 1 complaints responded to in time",
            before["stage1_responded_in_time"],
            timeliness,
            percent,
        )
    ]
    if not any(number(r.before) is not None and number(r.now) is not None for r in counts + rates):
        return None  # nothing to compare
    fig = Figure(figsize=(WIDTH, 5.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[2, 1.1])
    _paired(top, counts)
    _paired(bottom, rates)
    bottom.set_xlim(0, 118)  # room for the value after a bar near 100%
    bottom.set_xticks([0, 25, 50, 75, 100])
    bottom.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    legend(fig, [(years[0], LIGHT), (years[1], DARK)])
    title = f"{years[1]} compared with {years[0]}"
    return chart("year-on-year", title, describe(years, counts + rates), fig)


def _paired(ax: Axes, rows: list[Comparison]) -> None:
    """For each figure, last year's bar (pale) above this year's (dark), each with its value."""
    pitch = 2.6
    for k, look in enumerate((LIGHT, DARK)):
        places = [j * pitch + k for j in range(len(rows))]
        values = [number(row.now if k else row.before) for row in rows]
        bar(
            ax,
            [y for y, v in zip(places, values) if v is not None],
            [v for v in values if v is not None],
            look,
            horizontal=True,
        )
        for y, value, row in zip(places, values, rows):
            text = "not shown" if value is None else row.show(value)
            ax.annotate(
                text, (value or 0, y), xytext=(4, 0), textcoords="offset points", va="center"
            )
    ax.set_yticks([j * pitch + 0.5 for j in range(len(rows))], [row.label for row in rows])
    ax.tick_params(axis="y", length=0)
    known = [n for row in rows for v in (row.before, row.now) if (n := number(v)) is not None]
    ax.set_xlim(0, max(known, default=1) * 1.2)
    ax.set_ylim((len(rows) - 1) * pitch + 1.6, -0.6)  # top down, whatever is missing
    grid(ax, "x")


def describe(years: tuple[str, str], rows: list[Comparison]) -> str:
    """The text alternative: each figure in both years, whether it rose or fell, and for which
    year it is not shown."""
    out = []
    for row in rows:
        before, now = number(row.before), number(row.now)
        if before is None or now is None:
            missing = join([y for y, v in zip(years, (before, now)) if v is None])
            out.append(f"{row.name}: not shown for {missing} (too few complaints).")
        elif before == now:
            out.append(f"{row.name}: {row.show(now)} in both {years[0]} and {years[1]}.")
        else:
            verb = "rose" if now > before else "fell"
            change = f"from {row.show(before)} in {years[0]} to {row.show(now)} in {years[1]}"
            out.append(f"{row.name} {verb} {change}.")
    return " ".join(out)
