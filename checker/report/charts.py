"""The annual report's charts: SVG drawn at build time from the published report.

Four charts illustrate the report's tables: complaints by month and stage, timeliness by stage
against the Codes, final outcomes by service, and this year against the last. They are drawn with
matplotlib's object-oriented API (no pyplot, no GUI backend) from the published dictionary only,
so a suppressed cell ("fewer than 5", "hidden") is never plotted as a number: it is left out, or
only a published total is drawn, and the text alternative says so. Series differ by shade and
hatching as well as colour, so the charts read in greyscale. The SVG keeps text as text in DejaVu
Sans (shipped with matplotlib; nothing is downloaded), scales to the page, names itself with a
<title> and <desc> for screen readers, and is byte-identical from one run to the next.
"""

from __future__ import annotations

import html as html_text
import io
import re
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Chart:
    """One chart: the id of the table it illustrates, its title, text alternative and SVG."""

    id: str
    title: str
    description: str
    svg: str


@dataclass(frozen=True)
class Look:
    """How one series is drawn: fill, hatching, and the colour of a value written on it."""

    fill: str
    hatch: str
    ink: str


INK = "#1a1a1a"
EDGE = "#1a1a1a"  # every bar is outlined, so even a light fill stands out 3:1 from the white page
# Dark blue, then orange (Okabe-Ito, safe for colour-blind readers) hatched, then pale blue: three
# clearly different greys when printed in black and white.
DARK = Look("#1d4e89", "", "#ffffff")
MID = Look("#e69f00", "//", INK)
LIGHT = Look("#c6dbef", "", INK)
NOT_SHOWN = Look("#ffffff", ".", INK)

# Phone first: 6.4 inches is 460.8 units of viewBox, shown at most 600 px wide and down to 360 px
# on a phone, where 15 points come out at about 12 CSS px (11.7 at 360 px, 12.7 at 390 px).
WIDTH = 6.4
FONT_SIZE = 15
STYLE = {
    # Text stays <text>, so it scales crisply, can be selected and needs no glyph outlines.
    "svg.fonttype": "none",
    # Fixed ids for clip paths and hatches: the same bytes every run.
    "svg.hashsalt": "complaints-as-code",
    # Bundled with matplotlib, so nothing is fetched; a browser without it uses its sans-serif.
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": FONT_SIZE,
    "ytick.labelsize": FONT_SIZE,
    "legend.fontsize": FONT_SIZE,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 1.2,
}
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
SVG = "http://www.w3.org/2000/svg"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
REFERENCE = re.compile(r"url\(#([^)]+)\)")
SVG_STYLE = "display:block;width:600px;max-width:100%;height:auto;margin:0 auto"

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
MOST_SERVICES = 10  # more bars than this make a chart too tall for a phone; the table has them all
MEASURES = (
    ("acknowledged_in_time", "Acknowledged\nin time", "acknowledged in time"),
    ("responded_in_time", "Responded\nin time", "responded to in time"),
    (
        "responded_without_extension",
        "Responded\nwithout\nextension",
        "responded to without an extension",
    ),
)


def render(report: dict) -> dict[str, Chart]:
    """The report's charts by id, drawn from its published figures only."""
    import matplotlib  # loaded only when a chart is drawn

    builders = (_month, _timeliness, _outcomes, _year_on_year)
    with matplotlib.rc_context(STYLE):
        charts = [build(report) for build in builders]
    return {chart.id: chart for chart in charts if chart is not None}


def html(chart: Chart) -> str:
    """The chart as an accessible inline figure: a caption, then the SVG named by title and desc."""
    return (
        f'<figure class="chart" id="chart-{chart.id}" style="break-inside:avoid">\n'
        f"<figcaption>{html_text.escape(chart.title)}</figcaption>\n{chart.svg}\n</figure>\n"
    )


# The charts


def _month(report: dict) -> Chart | None:
    table = next((t for t in report["volumes"] if t["id"] == "month"), None)
    if table is None or not table["rows"]:
        return None
    months = [row["label"] for row in table["rows"]]
    stage1 = [_number(row["values"][0]) for row in table["rows"]]
    stage2 = [_number(row["values"][1]) for row in table["rows"]]
    totals = [_number(row.get("total")) for row in table["rows"]]
    split = [a is not None and b is not None for a, b in zip(stage1, stage2)]
    totals = [
        t if t is not None or not s else a + b for t, s, a, b in zip(totals, split, stage1, stage2)
    ]
    if all(t is None for t in totals):
        return None  # nothing to draw: the table says why

    fig, ax = _figure(4.2)
    both = [i for i, s in enumerate(split) if s]
    alone = [i for i, (s, t) in enumerate(zip(split, totals)) if not s and t is not None]
    _bar(ax, both, [stage1[i] for i in both], DARK)
    _bar(ax, both, [stage2[i] for i in both], MID, bottom=[stage1[i] for i in both])
    _bar(ax, alone, [totals[i] for i in alone], NOT_SHOWN)
    for i, total in enumerate(totals):
        if total is not None:
            ax.annotate(
                _count(total),
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
    _grid(ax, "y")
    stages = [("Stage 1", DARK), ("Stage 2", MID)] if both else []
    _legend(fig, stages + ([("Stages not shown", NOT_SHOWN)] if alone else []))
    title = "Complaints each month, by stage"
    return _chart(
        "month", title, _month_description(table, months, stage1, stage2, totals, split), fig
    )


def _month_description(
    table: dict, months: list[str], stage1: list, stage2: list, totals: list, split: list[bool]
) -> str:
    names = [MONTH_NAMES.get(m, m) for m in months]
    known = [(n, t) for n, t in zip(names, totals) if t is not None]
    out = []
    if known:
        out.append(
            f"Complaints received each month, stage 1 and stage 2 together, {_range(known)}."
        )
    if all(_number(v) is not None for v in table["total"]):
        out.append(
            f"In the year, {_count(table['total'][0])} complaints were received at stage 1 "
            f"and {_count(table['total'][1])} at stage 2."
        )
    shown = [n for n, s in zip(names, split) if s]
    if shown:
        ranges = (
            f"stage 1 {_range([(n, a) for n, a, s in zip(names, stage1, split) if s])} and "
            f"stage 2 {_range([(n, b) for n, b, s in zip(names, stage2, split) if s])}"
        )
        verb = "is" if len(shown) == 1 else "are"
        where = (
            "Each month is split" if len(shown) == len(names) else f"{_join(shown)} {verb} split"
        )
        out.append(f"{where} into the two stages: {ranges}.")
    alone = [n for n, s, t in zip(names, split, totals) if not s and t is not None]
    if alone:
        which = "every month" if len(alone) == len(names) else _join(alone)
        out.append(
            f"For {which} only the month's total is shown, because the split between "
            "the stages would reveal small numbers."
        )
    missing = [n for n, t in zip(names, totals) if t is None]
    if missing:
        out.append(f"No figure is shown for {_join(missing)}: too few complaints to publish.")
    return " ".join(out)


def _timeliness(report: dict) -> Chart | None:
    from matplotlib.ticker import PercentFormatter

    stages = report["timeliness"]
    if not any(_number(stage[key]) is not None for stage in stages for key, _, _ in MEASURES):
        return None
    looks = list(zip(stages, (DARK, MID, LIGHT)))  # stage 1 and stage 2 (a third, if ever, pale)
    fig, ax = _figure(4.6)
    pitch = len(looks) + 0.6
    for k, (stage, look) in enumerate(looks):
        places = [j * pitch + k for j in range(len(MEASURES))]
        values = [_number(stage[key]) for key, _, _ in MEASURES]
        _bar(
            ax,
            [y for y, v in zip(places, values) if v is not None],
            [v for v in values if v is not None],
            look,
            horizontal=True,
        )
        for y, value in zip(places, values):
            text = "not shown" if value is None else _percent(value)
            ax.text(101.5, y, text, va="center", ha="left", clip_on=False)
    ax.set_yticks(
        [j * pitch + (len(looks) - 1) / 2 for j in range(len(MEASURES))],
        [label for _, label, _ in MEASURES],
    )
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    ax.set_ylim(
        (len(MEASURES) - 1) * pitch + len(looks) - 0.4, -0.6
    )  # top down, whatever is missing
    ax.axvline(100, color=INK, linestyle=(0, (4, 2)), linewidth=1.5)
    ax.text(100, 1.01, "Code: 100%", transform=ax.get_xaxis_transform(), ha="center", va="bottom")
    _grid(ax, "x")
    _legend(fig, [(f"Stage {stage['stage']}", look) for stage, look in looks])
    title = "Complaints acknowledged and answered in time, by stage, against the Codes"
    return _chart("timeliness", title, _timeliness_description(stages), fig)


def _timeliness_description(stages: list[dict]) -> str:
    out = []
    for stage in stages:
        if all(isinstance(stage[key], str) for key, _, _ in MEASURES):
            out.append(f"At stage {stage['stage']}: not shown (too few complaints).")
            continue
        parts = []
        for key, _, phrase in MEASURES:
            value = stage[key]
            if _number(value) is not None:
                parts.append(f"{_percent(value)} {phrase}")
            elif value is None:
                parts.append(f"none to measure {phrase}")
            else:
                parts.append(f"{phrase} not shown (too few complaints)")
        out.append(f"At stage {stage['stage']}: {_join(parts)}.")
    out.append(
        "The Codes expect every complaint to be acknowledged and responded to within their "
        "timescales, shown as a dashed line at 100%."
    )
    return " ".join(out)


def _outcomes(report: dict) -> Chart | None:
    table = report["outcomes"]["by_service"]
    ranked = [(r, _service_total(r)) for r in table["rows"] if _service_total(r) is not None]
    ranked.sort(key=lambda pair: (-pair[1], pair[0]["label"]))
    shown = ranked[:MOST_SERVICES]
    if not shown:
        return None
    fig, ax = _figure(1.9 + 0.62 * len(shown))
    places = list(range(len(shown)))
    widest = max(total for _, total in shown) or 1
    split = [(y, r) for y, (r, _) in zip(places, shown) if _complete(r)]
    lefts = [0] * len(split)
    for k, look in enumerate((DARK, MID, LIGHT)):
        widths = [r["values"][k] for _, r in split]
        _bar(ax, [y for y, _ in split], widths, look, bottom=lefts, horizontal=True)
        for (y, _), left, width in zip(split, lefts, widths):
            if width >= 0.08 * widest:
                _on_bar(ax, left + width / 2, y, _count(width), look)
        lefts = [a + b for a, b in zip(lefts, widths)]
    alone = [(y, total) for y, (r, total) in zip(places, shown) if not _complete(r)]
    _bar(ax, [y for y, _ in alone], [t for _, t in alone], NOT_SHOWN, horizontal=True)
    for y, (_, total) in zip(places, shown):
        ax.annotate(
            _count(total), (total, y), xytext=(4, 0), textcoords="offset points", va="center"
        )
    ax.set_yticks(places, [textwrap.fill(r["label"], 13) for r, _ in shown])
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, widest * 1.12)
    ax.set_ylim(len(shown) - 0.4, -0.6)
    ax.set_xlabel("Complaints with a final outcome")
    _grid(ax, "x")
    legend = list(zip(table["columns"], (DARK, MID, LIGHT))) if split else []
    _legend(fig, legend + ([("Split not shown", NOT_SHOWN)] if alone else []))
    others = len(table["rows"]) - len(shown)
    if others:
        fig.supxlabel(
            f"Not shown: {_services(others, 'more ')} (see the table)", fontsize=FONT_SIZE - 1
        )
    description = _outcomes_description(table, shown, others)
    return _chart("outcomes-by-service", "Final outcomes by service", description, fig)


def _service_total(row: dict) -> int | float | None:
    """A service's published total: its row total, or the sum of a row shown in full."""
    if _complete(row):
        return sum(row["values"])
    return _number(row.get("total"))


def _complete(row: dict) -> bool:
    return all(_number(v) is not None for v in row["values"])


def _outcomes_description(table: dict, shown: list[tuple[dict, float]], others: int) -> str:
    columns = [c.lower() for c in table["columns"]]
    first, most = shown[0]
    count = _services(len(shown))
    which = f"the {count} with the most" if others else f"each of {count}"
    out = [f"Final outcomes for {which}, the most first."]
    if _complete(first):
        parts = _join([f"{_count(v)} {c}" for v, c in zip(first["values"], columns)])
        out.append(f"{first['label']} had the most: {_count(most)} ({parts}).")
    else:
        out.append(f"{first['label']} had the most: {_count(most)}.")
    alone = [r["label"] for r, _ in shown if not _complete(r)]
    if len(alone) == len(shown):
        out.append(
            "Only each service's total is shown, because the split between outcomes "
            "would reveal small numbers."
        )
    elif alone:
        out.append(
            f"For {_join(alone)} only the total is shown, because the split between "
            "outcomes would reveal small numbers."
        )
    totals = table["total"]
    if all(_number(v) is not None for v in totals):
        counts = _join([f"{_count(v)} {c}" for v, c in zip(totals, columns)])
        out.append(
            f"Across all services, {_count(sum(totals))} complaints had a final outcome: {counts}."
        )
    if others:
        out.append(f"The table gives {_services(others, 'more ')}, with fewer final outcomes.")
    return " ".join(out)


@dataclass(frozen=True)
class Comparison:
    """One figure in both years: its label on the chart, its name in words, and how to show it."""

    label: str
    name: str
    before: int | float | str | None
    now: int | float | str | None
    show: Callable[[float], str]


def _year_on_year(report: dict) -> Chart | None:
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
            _count,
        ),
        Comparison(
            "Stage 2\ncomplaints",
            "Stage 2 complaints",
            before["stage2"],
            report["totals"]["stage2"],
            _count,
        ),
    ]
    rates = [
        Comparison(
            "Stage 1\nanswered\nin time",
            "The share of stage 1 complaints responded to in time",
            before["stage1_responded_in_time"],
            timeliness,
            _percent,
        )
    ]
    if not any(
        _number(r.before) is not None and _number(r.now) is not None for r in counts + rates
    ):
        return None  # nothing to compare
    fig = Figure(figsize=(WIDTH, 5.2), layout="constrained")
    top, bottom = fig.subplots(2, 1, height_ratios=[2, 1.1])
    _paired(top, counts)
    _paired(bottom, rates)
    bottom.set_xlim(0, 118)  # room for the value after a bar near 100%
    bottom.set_xticks([0, 25, 50, 75, 100])
    bottom.xaxis.set_major_formatter(PercentFormatter(decimals=0))
    _legend(fig, [(years[0], LIGHT), (years[1], DARK)])
    title = f"{years[1]} compared with {years[0]}"
    return _chart("year-on-year", title, _year_on_year_description(years, counts + rates), fig)


def _paired(ax: Axes, rows: list[Comparison]) -> None:
    """For each figure, last year's bar (pale) above this year's (dark), each with its value."""
    pitch = 2.6
    for k, look in enumerate((LIGHT, DARK)):
        places = [j * pitch + k for j in range(len(rows))]
        values = [_number(row.now if k else row.before) for row in rows]
        _bar(
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
    known = [_number(v) for row in rows for v in (row.before, row.now) if _number(v) is not None]
    ax.set_xlim(0, max(known, default=1) * 1.2)
    ax.set_ylim((len(rows) - 1) * pitch + 1.6, -0.6)  # top down, whatever is missing
    _grid(ax, "x")


def _year_on_year_description(years: tuple[str, str], rows: list[Comparison]) -> str:
    out = []
    for row in rows:
        before, now = _number(row.before), _number(row.now)
        if before is None or now is None:
            missing = _join([y for y, v in zip(years, (before, now)) if v is None])
            out.append(f"{row.name}: not shown for {missing} (too few complaints).")
        elif before == now:
            out.append(f"{row.name}: {row.show(now)} in both {years[0]} and {years[1]}.")
        else:
            verb = "rose" if now > before else "fell"
            change = f"from {row.show(before)} in {years[0]} to {row.show(now)} in {years[1]}"
            out.append(f"{row.name} {verb} {change}.")
    return " ".join(out)


# Drawing


def _figure(height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, height), layout="constrained")
    return fig, fig.add_subplot()


def _bar(
    ax: Axes,
    places: list,
    sizes: list,
    look: Look,
    bottom: list | None = None,
    horizontal: bool = False,
) -> None:
    """Bars outlined in ink, so their edge contrasts with the page whatever the fill."""
    if not places:
        return
    style = {"color": look.fill, "hatch": look.hatch or None, "edgecolor": EDGE, "linewidth": 0.8}
    if horizontal:
        ax.barh(places, sizes, height=0.8, left=bottom, **style)
    else:
        ax.bar(places, sizes, width=0.7, bottom=bottom, **style)


def _on_bar(ax: Axes, x: float, y: float, text: str, look: Look) -> None:
    """A value written on a bar segment; on a hatched one, on a white patch so it stays legible."""
    box = (
        {"boxstyle": "square,pad=0.1", "facecolor": "#ffffff", "edgecolor": "none"}
        if look.hatch
        else None
    )
    ax.text(x, y, text, ha="center", va="center", color=look.ink, bbox=box)


def _grid(ax: Axes, axis: str) -> None:
    ax.grid(axis=axis, color="#c8c8c8", linewidth=0.8)
    ax.set_axisbelow(True)


def _legend(fig: Figure, entries: list[tuple[str, Look]]) -> None:
    from matplotlib.patches import Patch

    handles = [
        Patch(
            facecolor=look.fill, hatch=look.hatch or None, edgecolor=EDGE, linewidth=0.8, label=name
        )
        for name, look in entries
    ]
    columns = len(handles) if len(handles) <= 3 else 2
    if len(handles) == 4:  # matplotlib fills a legend column by column; read it row by row
        handles = [handles[0], handles[2], handles[1], handles[3]]
    fig.legend(
        handles=handles,
        loc="outside upper center",
        ncols=columns,
        frameon=False,
        handlelength=1.6,
        handleheight=1.1,
        columnspacing=1.2,
    )


def _chart(chart_id: str, title: str, description: str, fig: Figure) -> Chart:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=NO_METADATA)
    return Chart(
        chart_id, title, description, _accessible(buffer.getvalue(), chart_id, title, description)
    )


def _accessible(raw: str, chart_id: str, title: str, description: str) -> str:
    """matplotlib's SVG made fit to sit inline in a page among others, named for screen readers."""
    root = ET.fromstring(raw.encode("utf-8"))
    prefix = f"chart-{chart_id}-"
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]  # plain names: the page is HTML, not XML
        _own_ids(element, prefix)
        element.tail = None
        if element.text is not None and not element.text.strip():
            element.text = None
    for defs in root.findall("defs"):
        for style in defs.findall("style"):
            defs.remove(style)  # its '*' selector would reach every other SVG on the page
        if len(defs) == 0:
            root.remove(defs)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.attrib.update(
        {
            "xmlns": SVG,
            "width": "100%",
            "style": SVG_STYLE,
            "stroke-linejoin": "round",
            "stroke-linecap": "butt",
            "role": "img",
            "aria-labelledby": f"{prefix}title {prefix}desc",
        }
    )
    for index, (tag, text) in enumerate((("title", title), ("desc", description))):
        element = ET.Element(tag, {"id": prefix + tag})
        element.text = text
        root.insert(index, element)
    return ET.tostring(root, encoding="unicode")


def _own_ids(element: ET.Element, prefix: str) -> None:
    """Prefix every id and reference, so two charts on one page never share an id."""
    if "id" in element.attrib:
        element.set("id", prefix + element.get("id"))
    href = element.attrib.pop(XLINK_HREF, None)
    if href is not None:
        element.set("href", "#" + prefix + href[1:] if href.startswith("#") else href)
    for key, value in list(element.attrib.items()):
        if "url(#" in value:
            element.set(key, REFERENCE.sub(lambda m: f"url(#{prefix}{m[1]})", value))


# Words and numbers


def _number(value) -> int | float | None:
    """A published figure, or None for a suppressed or missing one."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _count(value: float) -> str:
    return f"{value:,.0f}"


def _percent(value: float) -> str:
    return f"{value:.1f}%"


def _services(n: int, more: str = "") -> str:
    """'1 service', '9 more services'."""
    return f"{n} {more}service" + ("" if n == 1 else "s")


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _range(pairs: list[tuple[str, float]]) -> str:
    """'ranged from 21 in December to 45 in June', naming every month at each end."""
    low, high = min(v for _, v in pairs), max(v for _, v in pairs)
    if low == high:
        return f"was {_count(low)} in each month shown"
    at = {v: _join([name for name, x in pairs if x == v]) for v in (low, high)}
    return f"ranged from {_count(low)} in {at[low]} to {_count(high)} in {at[high]}"
