"""The month chart: complaints at stage 1 and at stage 2 each month, side by side (never stacked:
one complaint may be at both stages, so the two are not added up), and its text alternative."""

from __future__ import annotations

from checker.report.charts.look import DARK, FONT_SIZE, MID, bar, figure, grid, legend
from checker.report.charts.svg import Chart, chart
from checker.report.charts.words import count, join, number, spread

MONTH_NAMES = {  # as the published month table abbreviates them
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "May": "May",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
STAGES = ((-0.2, "Stage 1", DARK), (0.2, "Stage 2", MID))  # each bar's offset, name and look

Counts = list[int | float | None]


def source(report: dict) -> dict:
    """What the chart is drawn from: the report's month table (kept charts are known by it)."""
    return {"volumes": [table for table in report["volumes"] if table["id"] == "month"]}


def draw(report: dict) -> Chart | None:
    """The chart of the report's month table, or None when it has no figure to draw."""
    table = next((t for t in report["volumes"] if t["id"] == "month"), None)
    if table is None or not table["rows"]:
        return None
    months = [row["label"] for row in table["rows"]]
    stages = [[number(row["values"][n]) for row in table["rows"]] for n in (0, 1)]
    if all(v is None for values in stages for v in values):
        return None  # nothing to draw: the table says why

    fig, ax = figure(4.2)
    for (offset, _, look), values in zip(STAGES, stages):
        shown = [i for i, v in enumerate(values) if v is not None]
        bar(ax, [i + offset for i in shown], [values[i] for i in shown], look, width=0.4)
        for i in (i for i, v in enumerate(values) if v is None):  # an empty slot is not a zero
            ax.annotate(
                "not shown",
                (i + offset, 0),
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
    most = max((v for values in stages for v in values if v is not None), default=1)
    ax.set_ylim(0, most * 1.15 or 1)
    grid(ax, "y")
    legend(fig, [(name, look) for _, name, look in STAGES])
    title = "Complaints each month, by stage"
    return chart("month", title, describe(table, months, *stages), fig)


def describe(table: dict, months: list[str], stage1: Counts, stage2: Counts) -> str:
    """The text alternative: each stage's range over the months, the year's totals by stage, and
    which months' figures are not shown."""
    names = [MONTH_NAMES.get(m, m) for m in months]
    out = []
    for name, values in (("stage 1", stage1), ("stage 2", stage2)):
        known = [(n, v) for n, v in zip(names, values) if v is not None]
        if known:
            out.append(f"Complaints at {name} each month {spread(known)}.")
    if all(number(v) is not None for v in table.get("total", [None])):
        out.append(
            f"In the year, {count(table['total'][0])} complaints were received at stage 1 "
            f"and {count(table['total'][1])} at stage 2."
        )
    for name, values in (("stage 1", stage1), ("stage 2", stage2)):
        missing = [n for n, v in zip(names, values) if v is None]
        if missing:
            which = "any month" if len(missing) == len(names) else join(missing)
            out.append(f"No {name} figure is shown for {which}: it could reveal small numbers.")
    return " ".join(out)
