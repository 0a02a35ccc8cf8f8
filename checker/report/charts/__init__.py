"""The annual report's charts: SVG drawn at build time from the published report.

Four charts illustrate the report's tables: complaints by month and stage (month.py), timeliness
by stage against the Codes (timeliness.py), final outcomes by service (outcomes.py), and this year
against the last (year_on_year.py); each module draws its chart and writes its text alternative.
They are drawn with matplotlib's object-oriented API (no pyplot, no GUI backend) from the published
dictionary only, so a suppressed cell ("fewer than 5", "hidden") is never plotted as a number: it
is left out, or only a published total is drawn, and the text alternative says so. Series differ
by shade and hatching as well as colour, so the charts read in greyscale (look.py). The SVG keeps
text as text in DejaVu Sans (shipped with matplotlib; nothing is downloaded), scales to the page,
names itself with a <title> and <desc> for screen readers, and is byte-identical from one run to
the next (svg.py).
"""

from __future__ import annotations

import functools
import html as html_text
import json
from dataclasses import astuple
from types import ModuleType

from checker import ExtraMissing, installed
from checker.engine import cache
from checker.report.charts import month, outcomes, timeliness, year_on_year
from checker.report.charts.look import STYLE
from checker.report.charts.svg import Chart

__all__ = ["Chart", "html", "render"]


CHARTS = (month, timeliness, outcomes, year_on_year)  # in the order the report shows them


def render(report: dict) -> dict[str, Chart]:
    """The report's charts by id, drawn from its published figures only. Each is drawn from the
    part of the report it shows (its module's `source`: it is given nothing else) and kept in the
    results cache's folder by that part (`engine.cache.rendered`), so a chart is drawn again only
    when its own figures change. matplotlib is loaded only to draw one (its import is a quarter of
    a second)."""
    version = installed("matplotlib")
    if version is None:
        raise ExtraMissing("charts", "matplotlib", "Drawing the annual report's charts")
    drawn: dict[str, Chart] = {}
    for module in CHARTS:
        data = module.source(report)
        key = json.dumps([module.__name__, data], sort_keys=True, default=str).encode() + version
        kept = cache.rendered(
            f"chart-{module.__name__.rsplit('.', 1)[-1]}",
            key,
            functools.partial(_draw, module, data),
            lambda kept: _charts(kept) is not None,
        )
        drawn.update((chart.id, chart) for chart in _charts(kept) or ())
    return drawn


def _draw(module: ModuleType, data: dict) -> bytes:
    """One chart drawn, as `render` keeps it: a list of its four strings, or an empty list when
    there is nothing to draw."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        chart = module.draw(data)
    return json.dumps([astuple(chart)] if chart is not None else []).encode()


def _charts(kept: bytes) -> list[Chart] | None:
    """The charts as `render` keeps them (a list of each one's four strings), or None."""
    try:
        rows = json.loads(kept)
    except ValueError:
        return None
    if type(rows) is not list or any(
        type(row) is not list or len(row) != 4 or any(type(s) is not str for s in row)
        for row in rows
    ):
        return None
    return [Chart(*row) for row in rows]


def html(chart: Chart) -> str:
    """The chart as an accessible inline figure: a caption, then the SVG named by title and desc."""
    return (
        f'<figure class="chart" id="chart-{chart.id}" style="break-inside:avoid">\n'
        f"<figcaption>{html_text.escape(chart.title)}</figcaption>\n{chart.svg}\n</figure>\n"
    )
