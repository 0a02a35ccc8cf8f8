"""The month chart: complaints received each month, stage 1 and stage 2 stacked, or only the
month's total where the split would reveal small numbers, and its text alternative."""

from __future__ import annotations

from checker.report.charts.look import DARK, FONT_SIZE, MID, NOT_SHOWN, bar, figure, grid, legend
from checker.report.charts.svg import Chart, chart
from checker.report.charts.words import count, join, number, spread

MONTH_NAMES = {  # as the published month table abbreviates them
    "Apr": "April",
    "May": "May",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
}

Counts = list[int | float | None]


def draw(report: dict) -> Chart | None:
    """The chart of the report's month table, or None when it has no figure to draw."""
    table = next((t for t in report["volumes"] if t["id"] == "month"), None)
    if table is None or not table["rows"]:
        return None
    months = [row["label"] for row in table["rows"]]
    stage1 = [number(row["values"][0]) for row in table["rows"]]
    stage2 = [number(row["values"][1]) for row in table["rows"]]
    published = [number(row.get("total")) for row in table["rows"]]
    split = [a is not None and b is not None for a, b in zip(stage1, stage2)]
    totals = [_total(t, a, b) for t, a, b in zip(published, stage1, stage2)]
    if all(t is None for t in totals):
        return None  # nothing to draw: the table says why

    fig, ax = figure(4.2)
    both = [i for i, s in enumerate(split) if s]
    alone = [i for i, (s, t) in enumerate(zip(split, totals)) if not s and t is not None]
    bar(ax, both, [stage1[i] for i in both], DARK)
    bar(ax, both, [stage2[i] for i in both], MID, bottom=[stage1[i] for i in both])
    bar(ax, alone, [totals[i] for i in alone], NOT_SHOWN)
    for i, total in enumerate(totals):
        if total is not None:
            ax.annotate(
                count(total),
                (i, total),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                va="bottom",
            )
        else:  # an empty slot must not read as a zero
            ax.annotate(
                "not shown",
                (i, 0),
                xytext=(0, 4),
                textcoords="offset points",
                ha="center",
                va="bottom",
                rotation=90,
                fontsize=FONT_SIZE - 2,
            )
    ax.set_xticks(range(len(months)), months)
    ax.set_xlim(-0.6, len(months) - 0.4)
    ax.set_ylabel("Complaints")
    ax.set_ylim(0, max([t for t in totals if t is not None], default=1) * 1.15 or 1)
    grid(ax, "y")
    stages = [("Stage 1", DARK), ("Stage 2", MID)] if both else []
    legend(fig, stages + ([("Stages not shown", NOT_SHOWN)] if alone else []))
    title = "Complaints each month, by stage"
    return chart("month", title, describe(table, months, stage1, stage2, totals, split), fig)


def _total(
    published: int | float | None, stage1: int | float | None, stage2: int | float | None
) -> int | float | None:
    """A month's published total, or the sum of its two stages when both are published."""
    if published is not None:
        return published
    return stage1 + stage2 if stage1 is not None and stage2 is not None else None


def describe(
    table: dict,
    months: list[str],
    stage1: Counts,
    stage2: Counts,
    totals: Counts,
    split: list[bool],
) -> str:
    """The text alternative: the range of the monthly totals, the year's totals by stage, and
    which months are shown only as a total or not at all."""
    names = [MONTH_NAMES.get(m, m) for m in months]
    known = [(n, t) for n, t in zip(names, totals) if t is not None]
    out = []
    if known:
        out.append(
            f"Complaints received each month, stage 1 and stage 2 together, {spread(known)}."
        )
    if all(number(v) is not None for v in table["total"]):
        out.append(
            f"In the year, {count(table['total'][0])} complaints were received at stage 1 "
            f"and {count(table['total'][1])} at stage 2."
        )
    shown = [n for n, s in zip(names, split) if s]
    if shown:
        # a month is split when both its stages are published
        first = [(n, a) for n, a, s in zip(names, stage1, split) if s and a is not None]
        second = [(n, b) for n, b, s in zip(names, stage2, split) if s and b is not None]
        ranges = f"stage 1 {spread(first)} and stage 2 {spread(second)}"
        verb = "is" if len(shown) == 1 else "are"
        where = "Each month is split" if len(shown) == len(names) else f"{join(shown)} {verb} split"
        out.append(f"{where} into the two stages: {ranges}.")
    alone = [n for n, s, t in zip(names, split, totals) if not s and t is not None]
    if alone:
        which = "every month" if len(alone) == len(names) else join(alone)
        out.append(
            f"For {which} only the month's total is shown, because the split between "
            "the stages would reveal small numbers."
        )
    missing = [n for n, t in zip(names, totals) if t is None]
    if missing:
        out.append(f"No figure is shown for {join(missing)}: too few complaints to publish.")
    return " ".join(out)
