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

import html as html_text

from checker import ExtraMissing
from checker.report.charts import month, outcomes, timeliness, year_on_year
from checker.report.charts.look import STYLE
from checker.report.charts.svg import Chart

__all__ = ["Chart", "html", "render"]


def render(report: dict) -> dict[str, Chart]:
    """The report's charts by id, drawn from its published figures only."""
    try:
        import matplotlib  # loaded only when a chart is drawn
    except ImportError:
        raise ExtraMissing("charts", "matplotlib", "Drawing the annual report's charts") from None

    builders = (month.draw, timeliness.draw, outcomes.draw, year_on_year.draw)
    with matplotlib.rc_context(STYLE):
        charts = [build(report) for build in builders]
    return {chart.id: chart for chart in charts if chart is not None}


def html(chart: Chart) -> str:
    """The chart as an accessible inline figure: a caption, then the SVG named by title and desc."""
    return (
        f'<figure class="chart" id="chart-{chart.id}" style="break-inside:avoid">\n'
        f"<figcaption>{html_text.escape(chart.title)}</figcaption>\n{chart.svg}\n</figure>\n"
    )
