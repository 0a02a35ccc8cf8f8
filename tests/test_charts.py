"""The report's charts: accessible, self-contained, repeatable SVG, never a suppressed figure."""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from datetime import date

import matplotlib
import pytest

from checker.engine.run import evaluated
from checker.load.repository import load_repository
from checker.report import charts
from checker.report.counting import Counting
from checker.report.publish import build
from tests.conftest import ROOT

IDS = ["month", "timeliness", "outcomes-by-service", "year-on-year"]
NUMERIC = re.compile(r"^\d[\d,]*(\.\d+)?%?$")
REFERENCE = re.compile(r"url\(#([^)]+)\)")
MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar")


def small(previous: bool = True) -> dict:
    """A hand-made report: suppressed cells throughout, and no published 0, 4 or 5 anywhere."""
    months = {
        "Apr": [8, 6, 14],
        "May": ["hidden", "fewer than 5", 9],
        "Jun": [11, 7, 18],
        "Jul": ["hidden", "fewer than 5", 10],
        "Aug": [9, 6, 15],
        "Sep": ["fewer than 5", "hidden", "fewer than 5"],
        "Oct": [12, 7, 19],
        "Nov": [10, 6, 16],
        "Dec": [7, 6, 13],
        "Jan": [13, 8, 21],
        "Feb": [9, 7, 16],
        "Mar": [14, 6, 20],
    }
    return {
        "year": "2025-26",
        "totals": {"stage1": 120, "stage2": 66},
        "volumes": [
            {
                "id": "month",
                "title": "Complaints by month and stage",
                "dimension": "month",
                "columns": ["Stage 1", "Stage 2"],
                "rows": [{"key": m, "label": m, "values": v[:2]} for m, v in months.items()],
                "total": [120, 66],
            }
        ],
        "timeliness": [
            {
                "stage": 1,
                "acknowledged_in_time": 97.5,
                "responded_in_time": 91.2,
                "responded_without_extension": 83.8,
            },
            {
                "stage": 2,
                "acknowledged_in_time": "fewer than 5 cases",
                "responded_in_time": "fewer than 5 cases",
                "responded_without_extension": "fewer than 5 cases",
            },
        ],
        "outcomes": {
            "by_service": {
                "id": "service",
                "title": "Final outcomes by service",
                "dimension": "service",
                "columns": ["Upheld", "Partly upheld", "Not upheld"],
                "rows": [
                    {
                        "key": "housing-repairs",
                        "label": "Housing repairs",
                        "values": [9, 7, 14],
                        "total": 30,
                    },
                    {"key": "parking", "label": "Parking", "values": [6, 8, 11], "total": 25},
                    {
                        "key": "planning",
                        "label": "Planning",
                        "values": ["hidden", "fewer than 5", 12],
                        "total": 17,
                    },
                    {
                        "key": "leisure",
                        "label": "Leisure",
                        "values": ["fewer than 5", "hidden", "hidden"],
                        "total": "fewer than 5",
                    },
                ],
                "total": [21, 18, 33],
            }
        },
        "previous_year": {
            "year": "2024-25",
            "stage1": 98,
            "stage2": 14,
            "not_accepted": 6,
            "stage1_responded_in_time": 88.9,
            "stage2_responded_in_time": "fewer than 5 cases",
            "tsm": None,
        }
        if previous
        else None,
    }


@pytest.fixture(scope="module")
def real() -> dict:
    """The published report of the bundled example repository's year."""
    done = evaluated(load_repository(ROOT), date(2026, 11, 23), collectors=(Counting(),))
    return build(done.view, done.tallies[0], "2025-26")


@pytest.fixture(scope="module")
def rendered(real) -> dict[str, dict[str, charts.Chart]]:
    return {report: charts.render(source(report, real)) for report in REPORTS}


# The hand-made report has all four charts; the example year has those its suppression leaves.
REPORTS = ["small", "real", "real+previous"]


def source(report: str, real: dict) -> dict:
    """The report dictionary a rendered set was drawn from."""
    if report == "small":
        return small()
    with_previous = copy.deepcopy(real)
    if report == "real+previous":
        with_previous["previous_year"] = small()["previous_year"]
    return with_previous


def drawn(rendered: dict, report: str) -> dict[str, charts.Chart]:
    """The charts of one report, never none: a test looping over them cannot pass vacuously."""
    assert rendered[report], f"{report}: no chart rendered"
    return rendered[report]


def svg_of(chart: charts.Chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def tag(element: ET.Element) -> str:
    return element.tag.rpartition("}")[2]


def value_labels(root: ET.Element) -> list[str]:
    """The numbers written on a chart, leaving out the axes' tick labels."""
    found = []

    def walk(element: ET.Element, in_tick: bool) -> None:
        in_tick = in_tick or "tick" in element.get("id", "")
        if tag(element) == "text" and not in_tick and NUMERIC.match((element.text or "").strip()):
            found.append(element.text.strip())
        for child in element:
            walk(child, in_tick)

    walk(root, False)
    return found


def published_numbers(report) -> set[str]:
    """Every figure of the report, written the ways a chart writes a count or a share."""
    if isinstance(report, dict):
        return set().union(*(published_numbers(v) for v in report.values()))
    if isinstance(report, list):
        return set().union(*(published_numbers(v) for v in report))
    if isinstance(report, (int, float)) and not isinstance(report, bool):
        return {f"{report:,.0f}", f"{report:.1f}%"}
    return set()


def test_all_four_render_from_a_small_hand_made_report(rendered):
    assert sorted(rendered["small"]) == sorted(IDS)
    for chart_id, chart in rendered["small"].items():
        assert (
            chart.id == chart_id
            and chart.title
            and chart.description
            and chart.svg.startswith("<svg")
        )


def test_the_example_year_renders_its_charts(rendered, real):
    expected = IDS if real["previous_year"] else IDS[:3]
    assert sorted(rendered["real"]) == sorted(expected)


def test_year_on_year_only_when_there_is_a_previous_year(rendered, real):
    assert sorted(charts.render(small(previous=False))) == sorted(IDS[:3])
    assert "year-on-year" in rendered["small"] and "year-on-year" in rendered["real+previous"]
    assert ("year-on-year" in rendered["real"]) == (real["previous_year"] is not None)


@pytest.mark.parametrize("report", REPORTS)
def test_named_for_screen_readers(rendered, report):
    for chart_id, chart in drawn(rendered, report).items():
        named_for_screen_readers(chart_id, chart)


def named_for_screen_readers(chart_id: str, chart: charts.Chart) -> None:
    root = svg_of(chart)
    assert tag(root) == "svg" and root.get("role") == "img"
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    title_id, desc_id = root.get("aria-labelledby").split()
    assert tag(by_id[title_id]) == "title" and by_id[title_id].text == chart.title
    assert tag(by_id[desc_id]) == "desc" and by_id[desc_id].text == chart.description
    assert (title_id, desc_id) == (f"chart-{chart_id}-title", f"chart-{chart_id}-desc")


@pytest.mark.parametrize("report", REPORTS)
def test_self_contained_and_scalable(rendered, report):
    for chart_id, chart in drawn(rendered, report).items():
        self_contained_and_scalable(chart_id, chart)


def self_contained_and_scalable(chart_id: str, chart: charts.Chart) -> None:
    root = svg_of(chart)
    assert re.findall(r"https?://[^\s\"')]+", chart.svg) == ["http://www.w3.org/2000/svg"]
    assert not {tag(e) for e in root.iter()} & {
        "image",
        "foreignObject",
        "script",
        "style",
        "font",
        "font-face",
    }
    assert not re.search(r"@font-face|@import|\.woff|\.ttf|\.otf", chart.svg)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith(f"chart-{chart_id}-") for i in ids)
    for element in root.iter():
        for value in element.attrib.values():
            for target in REFERENCE.findall(value):
                assert target in ids
        assert element.get("{http://www.w3.org/1999/xlink}href") is None  # HTML wants plain href
        if element.get("href"):
            assert element.get("href")[1:] in ids
    assert root.get("viewBox") and root.get("height") is None and root.get("width") == "100%"
    assert "max-width:100%" in root.get("style") and "height:auto" in root.get("style")


@pytest.mark.parametrize("report", REPORTS)
def test_text_is_text(rendered, report):
    for chart in drawn(rendered, report).values():
        root = svg_of(chart)
        texts = [(e.text or "").strip() for e in root.iter() if tag(e) == "text"]
        assert len(texts) > 5 and all(texts)
        assert not any("DejaVuSans" in e.get("id", "") for e in root.iter())  # no glyph outlines
        assert "DejaVu Sans" in chart.svg


def test_text_labels_read_as_words(rendered):
    texts = {
        cid: {e.text for e in svg_of(c).iter() if tag(e) == "text"}
        for cid, c in rendered["small"].items()
    }
    assert set(MONTHS) <= texts["month"] and {"Stage 1", "Stage 2"} <= texts["month"]
    assert {"Housing", "repairs", "Parking", "Upheld", "Partly upheld", "Not upheld"} <= texts[
        "outcomes-by-service"
    ]
    assert {"Stage 1", "Stage 2", "Code: 100%", "Acknowledged"} <= texts["timeliness"]
    assert {"2024-25", "2025-26"} <= texts["year-on-year"]


def test_the_same_bytes_every_time(rendered, real):
    assert charts.render(small()) == rendered["small"]
    assert charts.render(real) == rendered["real"]


def test_render_leaves_matplotlib_settings_alone():
    before = dict(matplotlib.rcParams)
    charts.render(small())
    assert dict(matplotlib.rcParams) == before


@pytest.mark.parametrize("report", REPORTS)
def test_every_number_written_is_a_published_figure(rendered, real, report):
    allowed = published_numbers(source(report, real))
    for chart in drawn(rendered, report).values():
        assert set(value_labels(svg_of(chart))) <= allowed


@pytest.mark.parametrize("chart_id", IDS)
def test_a_suppressed_figure_is_never_drawn_as_a_number(rendered, chart_id):
    """The small report publishes no 0, 4 or 5: one shown is a suppressed cell read as a number."""
    chart = rendered["small"][chart_id]
    assert not {"0", "4", "5", "0%", "0.0%"} & set(value_labels(svg_of(chart)))
    assert not re.search(r"(?<![\d.])[045](?![\d.])", chart.description)
    assert "fewer than" not in chart.svg and "hidden" not in chart.svg


def test_descriptions_say_what_is_not_shown(rendered):
    small_charts = rendered["small"]
    month = small_charts["month"].description
    assert "Complaints at stage 1 each month ranged from 7 in December to 14 in March" in month
    assert "No stage 1 figure is shown for May, July and September" in month
    assert "No stage 2 figure is shown for May, July and September" in month
    assert "97.5% acknowledged in time" in small_charts["timeliness"].description
    assert "At stage 2: not shown (too few complaints)." in small_charts["timeliness"].description
    outcomes = small_charts["outcomes-by-service"].description
    assert (
        "Housing repairs had the most: 30 (9 upheld, 7 partly upheld and 14 not upheld)" in outcomes
    )
    assert "For Planning only the total is shown" in outcomes
    assert outcomes.endswith("The table gives 1 more service, with fewer final outcomes.")
    assert (
        "Stage 1 complaints rose from 98 in 2024-25 to 120 in 2025-26"
        in small_charts["year-on-year"].description
    )


def hide_every_figure(report):
    """The report with every figure suppressed, as a year of very few complaints would be."""
    if isinstance(report, dict):
        return {k: v if k in ("stage", "year") else hide_every_figure(v) for k, v in report.items()}
    if isinstance(report, list):
        return [hide_every_figure(v) for v in report]
    return "hidden" if isinstance(report, (int, float)) and not isinstance(report, bool) else report


def test_no_chart_when_every_figure_is_suppressed():
    assert charts.render(hide_every_figure(small())) == {}


def test_a_month_chart_with_a_whole_stage_suppressed_says_so():
    report = small()
    for row in report["volumes"][0]["rows"]:
        row["values"] = [row["values"][0], "fewer than 5"]
    description = charts.render(report)["month"].description
    assert "No stage 2 figure is shown for any month" in description
    assert "Complaints at stage 2 each month" not in description


def test_the_month_chart_never_adds_the_stages_together(rendered):
    """One complaint may be at both stages: the chart shows them side by side, and writes no
    number that is a stage 1 and a stage 2 count added up."""
    chart = rendered["small"]["month"]
    # June's 11 + 7, October's 12 + 7, January's 13 + 8: none a stage's count or an axis step
    assert not {"18", "19", "21"} & set(value_labels(svg_of(chart)))
    assert "together" not in chart.description


def test_outcomes_draw_a_suppressed_split_as_its_total_and_leave_out_a_small_total(rendered):
    texts = {
        e.text for e in svg_of(rendered["small"]["outcomes-by-service"]).iter() if tag(e) == "text"
    }
    assert {"Planning", "17", "Split not shown"} <= texts
    assert "Leisure" not in texts
    assert "Not shown: 1 more service (see the table)" in texts


def test_outcomes_show_at_most_ten_services():
    report = small()
    rows = report["outcomes"]["by_service"]["rows"]
    rows[:] = [
        {"key": f"s{n}", "label": f"Service {n}", "values": [n, n + 1, n + 2], "total": 3 * n + 3}
        for n in range(6, 20)
    ]
    chart = charts.render(report)["outcomes-by-service"]
    texts = {e.text for e in svg_of(chart).iter() if tag(e) == "text"}
    assert "Service 19" in texts and "Service 10" in texts and "Service 9" not in texts
    assert "the 10 services with the most" in chart.description


def test_timeliness_skips_suppressed_rates(rendered):
    labels = value_labels(svg_of(rendered["small"]["timeliness"]))
    assert labels == ["97.5%", "91.2%", "83.8%"]
    texts = [e.text for e in svg_of(rendered["small"]["timeliness"]).iter() if tag(e) == "text"]
    assert texts.count("not shown") == 3


def test_ids_are_unique_across_a_page(rendered):
    ids = [
        e.get("id")
        for c in rendered["real+previous"].values()
        for e in svg_of(c).iter()
        if e.get("id")
    ]
    assert len(ids) == len(set(ids))


def test_html_is_an_accessible_figure(rendered):
    chart = rendered["small"]["month"]
    figure = ET.fromstring(charts.html(chart))
    assert figure.tag == "figure" and figure.get("class") == "chart"
    caption, svg = list(figure)
    assert caption.tag == "figcaption" and caption.text == chart.title
    assert svg.get("role") == "img"
    assert "\n\n" not in charts.html(chart)  # a blank line would end the HTML block in Markdown


def test_no_parametrisation_is_empty():
    assert REPORTS and IDS


def test_charts_kept_for_the_same_figures_are_read_without_loading_matplotlib(tmp_path):
    # matplotlib's import is a quarter of a second of every build: drawn charts are read back
    # without it. The first process draws and keeps them; the second only reads them.
    import json
    import os
    import subprocess
    import sys

    program = (
        "import json, sys\n"
        "from checker.report import charts\n"
        f"drawn = charts.render(json.loads({json.dumps(small())!r}))\n"
        "print(sorted(drawn), 'matplotlib' in sys.modules)\n"
    )
    env = {**os.environ, "COMPLAINTS_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [run.returncode for run in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    first, second = (run.stdout.split("] ") for run in runs)
    assert first[0] == second[0] and first[1].strip() == "True" and second[1].strip() == "False"
