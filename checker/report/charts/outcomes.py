"""The outcomes chart: final outcomes of the services with the most, split by outcome where the
split is published and as a total where it is not, and its text alternative."""

from __future__ import annotations

import textwrap

from checker.report.charts.look import (
    DARK,
    FONT_SIZE,
    LIGHT,
    MID,
    NOT_SHOWN,
    bar,
    figure,
    grid,
    legend,
    on_bar,
)
from checker.report.charts.svg import Chart, chart
from checker.report.charts.words import count, join, number, services

MOST_SERVICES = 10  # more bars than this make a chart too tall for a phone; the table has them all


def source(report: dict) -> dict:
    """What the chart is drawn from: the report's outcomes by service."""
    return {"outcomes": {"by_service": report["outcomes"]["by_service"]}}


def draw(report: dict) -> Chart | None:
    """The chart of the report's outcomes by service, or None when no service's total is shown."""
    table = report["outcomes"]["by_service"]
    ranked = [(r, total) for r in table["rows"] if (total := service_total(r)) is not None]
    ranked.sort(key=lambda pair: (-pair[1], pair[0]["label"]))
    shown = ranked[:MOST_SERVICES]
    if not shown:
        return None
    fig, ax = figure(1.9 + 0.62 * len(shown))
    places = list(range(len(shown)))
    widest = max(total for _, total in shown) or 1
    split = [(y, r) for y, (r, _) in zip(places, shown) if complete(r)]
    lefts = [0] * len(split)
    for k, look in enumerate((DARK, MID, LIGHT)):
        widths = [r["values"][k] for _, r in split]
        bar(ax, [y for y, _ in split], widths, look, bottom=lefts, horizontal=True)
        for (y, _), left, width in zip(split, lefts, widths):
            if width >= 0.08 * widest:
                on_bar(ax, left + width / 2, y, count(width), look)
        lefts = [a + b for a, b in zip(lefts, widths)]
    alone = [(y, total) for y, (r, total) in zip(places, shown) if not complete(r)]
    bar(ax, [y for y, _ in alone], [t for _, t in alone], NOT_SHOWN, horizontal=True)
    for y, (_, total) in zip(places, shown):
        ax.annotate(
            count(total), (total, y), xytext=(4, 0), textcoords="offset points", va="center"
        )
    ax.set_yticks(places, [textwrap.fill(r["label"], 13) for r, _ in shown])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, widest * 1.12)
    ax.set_ylim(len(shown) - 0.4, -0.6)
    ax.set_xlabel("Complaints with a final outcome")
    grid(ax, "x")
    entries = list(zip(table["columns"], (DARK, MID, LIGHT))) if split else []
    legend(fig, entries + ([("Split not shown", NOT_SHOWN)] if alone else []))
    others = len(table["rows"]) - len(shown)
    if others:
        fig.supxlabel(
            f"Not shown: {services(others, 'more ')} (see the table)", fontsize=FONT_SIZE - 1
        )
    description = describe(table, shown, others)
    return chart("outcomes-by-service", "Final outcomes by service", description, fig)


def service_total(row: dict) -> int | float | None:
    """A service's published total: its row total, or the sum of a row shown in full."""
    if complete(row):
        return sum(row["values"])
    return number(row.get("total"))


def complete(row: dict) -> bool:
    """Whether every outcome of a service's row is published."""
    return all(number(v) is not None for v in row["values"])


def describe(table: dict, shown: list[tuple[dict, float]], others: int) -> str:
    """The text alternative: the services drawn, the one with the most and its split, what is
    shown only as a total, the total across all services, and how many more the table gives."""
    columns = [c.lower() for c in table["columns"]]
    first, most = shown[0]
    drawn = services(len(shown))
    which = f"the {drawn} with the most" if others else f"each of {drawn}"
    out = [f"Final outcomes for {which}, the most first."]
    if complete(first):
        parts = join([f"{count(v)} {c}" for v, c in zip(first["values"], columns)])
        out.append(f"{first['label']} had the most: {count(most)} ({parts}).")
    else:
        out.append(f"{first['label']} had the most: {count(most)}.")
    alone = [r["label"] for r, _ in shown if not complete(r)]
    if len(alone) == len(shown):
        out.append(
            "Only each service's total is shown, because the split between outcomes "
            "would reveal small numbers."
        )
    elif alone:
        out.append(
            f"For {join(alone)} only the total is shown, because the split between "
            "outcomes would reveal small numbers."
        )
    totals = table["total"]
    if all(number(v) is not None for v in totals):
        counts = join([f"{count(v)} {c}" for v, c in zip(totals, columns)])
        out.append(
            f"Across all services, {count(sum(totals))} complaints had a final outcome: {counts}."
        )
    if others:
        out.append(f"The table gives {services(others, 'more ')}, with fewer final outcomes.")
    return " ".join(out)
