"""The timeliness chart: the share of complaints acknowledged and answered in time at each stage,
against the Codes' 100%, and its text alternative."""

from __future__ import annotations

from checker.report.charts.look import DARK, INK, LIGHT, MID, bar, figure, grid, legend
from checker.report.charts.svg import Chart, chart
from checker.report.charts.words import between, join, number, percent

MEASURES = (  # the published figure, its label on the chart, and its phrase in the description
    ("acknowledged_in_time", "Acknowledged\nin time", "acknowledged in time"),
    ("responded_in_time", "Responded\nin time", "responded to in time"),
    (
        "responded_without_extension",
        "Responded\nwithout\nextension",
        "responded to without an extension",
    ),
)


def source(report: dict) -> dict:
    """What the chart is drawn from: the report's timeliness by stage."""
    return {"timeliness": report["timeliness"]}


def draw(report: dict) -> Chart | None:
    """The chart of the report's timeliness by stage, or None when no share is published."""
    from matplotlib.ticker import PercentFormatter

    stages = report["timeliness"]
    if not any(number(stage[key]) is not None for stage in stages for key, _, _ in MEASURES):
        return None
    looks = list(zip(stages, (DARK, MID, LIGHT)))  # stage 1 and stage 2 (a third, if ever, pale)
    fig, ax = figure(4.6)
    pitch = len(looks) + 0.6
    for k, (stage, look) in enumerate(looks):
        places = [j * pitch + k for j in range(len(MEASURES))]
        values = [number(stage[key]) for key, _, _ in MEASURES]
        bar(
            ax,
            [y for y, v in zip(places, values) if v is not None],
            [v for v in values if v is not None],
            look,
            horizontal=True,
        )
        for y, value, key in zip(places, values, (key for key, _, _ in MEASURES)):
            text = percent(value) if value is not None else between(stage[key]) or "not shown"
            ax.text(101.5, y, text, va="center", ha="left", clip_on=False)
    ax.set_yticks(
        [j * pitch + (len(looks) - 1) / 2 for j in range(len(MEASURES))],
        [label for _, label, _ in MEASURES],
    )
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    # top down, whatever is missing
    ax.set_ylim((len(MEASURES) - 1) * pitch + len(looks) - 0.4, -0.6)
    ax.axvline(100, color=INK, linestyle=(0, (4, 2)), linewidth=1.5)
    ax.text(100, 1.01, "Code: 100%", transform=ax.get_xaxis_transform(), ha="center", va="bottom")
    grid(ax, "x")
    legend(fig, [(f"Stage {stage['stage']}", look) for stage, look in looks])
    title = "Complaints acknowledged and answered in time, by stage, against the Codes"
    return chart("timeliness", title, describe(stages), fig)


def describe(stages: list[dict]) -> str:
    """The text alternative: each stage's shares in words, and what is not shown and why."""
    out = []
    for stage in stages:
        if all(isinstance(stage[key], str) for key, _, _ in MEASURES):
            out.append(f"At stage {stage['stage']}: not shown (too few complaints).")
            continue
        parts = []
        for key, _, phrase in MEASURES:
            value = stage[key]
            if number(value) is not None:
                parts.append(f"{percent(value)} {phrase}")
            elif between(value):
                parts.append(f"{value} {phrase} (the exact share would give away a small number)")
            elif value is None:
                parts.append(f"none to measure {phrase}")
            else:
                parts.append(f"{phrase} not shown (too few complaints)")
        out.append(f"At stage {stage['stage']}: {join(parts)}.")
    out.append(
        "The Codes expect every complaint to be acknowledged and responded to within their "
        "timescales, shown as a dashed line at 100%."
    )
    return " ".join(out)
