"""The report a committee and a resident read: last year beside this year (from last year's cases,
or from last year's published report), the quarters, the ten commonest types, remedies by stage,
no total that adds a stage 1 to a stage 2 count, the provisions not met with their actions, the
ombudsmen's own figures, TSM TP09, the Member Responsible for Complaints and placeholder text."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from checker.report import render
from tests.conftest import ROOT, run_cli, scratch

INPUTS = "policy/reports/2025-26.yaml"


def report(root: Path, fmt: str = "json", year: str = "2025-26"):
    run = run_cli("report", "--root", root, "--year", year, "--format", fmt)
    assert run.code == 0, run.err
    return run


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scratch(tmp_path_factory.mktemp("reading") / "example", with_cases=True)


@pytest.fixture(scope="module")
def published(example: Path) -> dict:
    return report(example).json


@pytest.fixture(scope="module")
def page(example: Path) -> str:
    return report(example, "markdown").out


def inputs() -> dict:
    return yaml.safe_load((ROOT / INPUTS).read_text(encoding="utf-8"))


def cases() -> list[dict]:
    return [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / "cases" / "2025-26").glob("*.yaml"))
    ]


def test_last_year_comes_from_its_published_report_when_its_cases_are_not_here(published, page):
    given = inputs()["previous_year"]
    previous = published["previous_year"]
    assert previous["source"] == "published report" and previous["year"] == given["year"]
    for key in ("stage1", "stage2", "not_accepted", "stage1_responded_in_time"):
        assert previous[key] == given[key], key
    brief = page[page.index("## In brief") : page.index("### How the figures are counted")]
    assert f"(last year: {given['stage1']:,})" in brief
    now = published["timeliness"][0]["responded_in_time"]
    assert (
        f"Stage 1 responses sent in time: {now}%, up from {given['stage1_responded_in_time']}%"
        in (brief)
    )
    assert "are those the council published in its report for that year" in page


def test_last_year_is_counted_from_its_cases_when_they_are_here(tmp_path: Path):
    """Given both, the cases win: last year is counted as this year is."""
    from tests.test_report import write_year

    root = write_year(scratch(tmp_path / "repo", with_cases=False))
    text = (root / INPUTS).read_text(encoding="utf-8")
    (root / INPUTS).write_text(
        text + "previous_year: {year: 2024-25, stage1: 999, stage2: 99}\n", encoding="utf-8"
    )
    previous = report(root).json["previous_year"]
    assert previous["source"] == "cases" and previous["stage1"] == 5


def test_no_total_adds_a_stage_1_count_to_a_stage_2_count(published, page):
    """A complaint escalated is at both stages: the tables by stage give each stage's total, never
    their sum, and the page writes no sum of the two."""
    t = published["totals"]
    for table in published["volumes"]:
        if table["columns"] == ["Stage 1", "Stage 2"]:
            assert "grand_total" not in table and all("total" not in r for r in table["rows"])
            assert table["total"] == [t["stage1"], t["stage2"]]
    assert "total" not in published["outcomes"]["by_stage"]
    service = page[page.index("<caption>Complaints by service and stage") :]
    service = service[: service.index("</table>")]
    assert '<th scope="col">Total</th>' not in service
    assert f"<td>{t['stage1'] + t['stage2']:,}</td>" not in page


def test_the_route_total_says_how_it_meets_the_stage_totals(published, page):
    t = published["totals"]
    every = next(v for v in published["volumes"] if v["id"] == "route")["total"][0]
    direct = t["stage2"] - t["escalated"]
    assert every == t["stage1"] + direct  # the example has no complaint at neither stage
    assert (
        f"The {every:,} complaints received in the year are the {t['stage1']:,} at stage 1, "
        f"{direct:,} taken straight to stage 2; the {t['stage2']:,} at stage 2 include "
        f"{t['escalated']:,} escalated from stage 1." in page
    )


def test_the_ten_commonest_types_are_named_and_the_rest_added_up(published):
    counted = Counter(
        c["type"]
        for c in cases()
        if not c.get("exclusion") and "2025-04-01" <= str(c["received"])[:10] <= "2026-03-31"
    )
    table = next(v for v in published["volumes"] if v["id"] == "type")
    rows = {r["key"]: r["values"][0] for r in table["rows"]}
    assert len(rows) == 11 and "rest" in rows
    named = {k: v for k, v in rows.items() if k != "rest"}
    assert set(named.values()) <= set(counted.values())
    assert min(named.values()) >= max(v for k, v in counted.items() if k not in named)
    assert rows["rest"] == sum(counted.values()) - sum(named.values())
    assert table["rows"][-1]["label"] == "All other types"


def test_the_quarters_add_up_to_the_year(published):
    q = published["quarters"]
    assert [r["key"] for r in q["rows"]] == ["Q1", "Q2", "Q3", "Q4"]
    assert q["rows"][0]["label"] == "Q1: Apr to Jun"
    for key in ("stage1", "stage2", "stage1_responded", "stage2_responded"):
        assert sum(r[key] for r in q["rows"]) == q["total"][key], key
    assert q["total"]["stage1"] == published["totals"]["stage1"]
    assert q["total"]["stage1_responded"] == published["timeliness"][0]["responded"]


def test_remedies_are_given_by_stage_with_the_average_payment(published, page):
    o = published["outcomes"]
    assert o["remedies"]["columns"] == ["Stage 1", "Stage 2"]
    financial = next(r for r in o["remedies"]["rows"] if r["key"] == "financial")
    by_stage = o["financial_remedies_by_stage"]
    assert round(by_stage["stage1"] + by_stage["stage2"], 2) == o["financial_remedies_total"]
    assert o["financial_remedies_average"] == round(
        o["financial_remedies_total"] / financial["total"], 2
    )
    assert f"on average £{o['financial_remedies_average']:,.2f} a payment" in page


def test_the_provisions_not_met_are_listed_with_their_actions_and_a_link(published):
    ho = next(s for s in published["self_assessment"] if s["code"] == "housing-ombudsman")
    assessment = yaml.safe_load(
        (ROOT / "policy" / "self-assessment" / "2026-housing-ombudsman.yaml").read_text("utf-8")
    )
    answered_no = {
        str(a["provision"]) for a in assessment["answers"] if a.get("comply") in ("no", "partial")
    }
    assert answered_no and answered_no <= {x["provision"] for x in ho["not_met"]}
    text = render.markdown(published, {}, {"housing-ombudsman": "../self-assessment/ho.md"})
    table = text[text.index("Provisions of the Housing Ombudsman's Code not met") :]
    table = table[: table.index("</table>")]
    for x in ho["not_met"]:
        assert f'<th scope="row">{x["provision"].replace(".", "&#46;")}</th>' in table
    assert "[self-assessment against the Housing Ombudsman's Code](../self-assessment/ho.md)" in (
        text
    )


def test_the_ombudsmen_s_figures_tp09_and_the_member_responsible_are_shown(published, page):
    letters = {x["body"]: x for x in inputs()["ombudsman_letters"]}
    lgsco = letters["lgsco"]["figures"]
    section = html.unescape(page[page.index("## 5. Annual letter") : page.index("## 6. Annual")])
    assert "Average of similar councils" in section
    row = re.search(r"Upheld rate \(%\)</th><td>([\d.]+)</td><td>([\d.]+)</td>", section)
    assert (
        row
        and float(row[1]) == lgsco["upheld_rate"]
        and float(row[2]) == lgsco["average_upheld_rate"]
    )
    ho = page[page.index("## 6. Annual letter") :]
    assert "Findings of service failure</th><td>2</td>" in ho
    tp09 = inputs()["tsm"]["tp09"]
    assert (
        published["tsm"]["TP09"] == tp09["lcra"]
        and published["tsm"]["lcho"]["TP09"] == tp09["lcho"]
    )
    said = "TSM TP09, from the tenant perception survey: of the tenants who had complained, "
    assert f"{said}{tp09['lcra']}% in" in page
    assert published["member_responsible"]["title"] in page
    assert published["example"] and "This is the worked example's report" in page


def test_without_a_survey_figure_there_is_no_tp09(tmp_path: Path):
    root = scratch(tmp_path / "example", with_cases=True)
    text = (root / INPUTS).read_text(encoding="utf-8")
    start = text.index("  tp09:")
    (root / INPUTS).write_text(text[:start] + text[text.index("lcho: 29.5\n") + 11 :], "utf-8")
    run = report(root, "markdown")
    assert "TP09" not in run.out.split("### Tenant Satisfaction Measures")[1].split("###")[0]


@pytest.mark.parametrize(
    ("body", "outcome", "valid"),
    [
        ("housing-ombudsman", "reasonable-redress", True),
        ("housing-ombudsman", "severe-maladministration", True),
        ("housing-ombudsman", "no-fault", False),  # the LGSCO's words, not the HO's
        ("lgsco", "fault-remedied", True),
        ("lgsco", "maladministration", False),  # the HO's words, not the LGSCO's
        ("ico", "no-maladministration", False),
    ],
)
def test_each_ombudsman_decides_in_its_own_categories(tmp_path: Path, body, outcome, valid):
    from tests.conftest import check

    root = scratch(tmp_path / "example", with_cases=True)
    path = root / "cases" / "2025-26" / "CCC-2025-0080.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  body: housing-ombudsman\n", f"  body: {body}\n")
    path.write_text(text.replace("  outcome: no-maladministration\n", f"  outcome: {outcome}\n"))
    schema = [f for f in check(root).findings("schema") if f["path"].endswith("CCC-2025-0080.yaml")]
    assert (schema == []) is valid, schema
    if not valid:  # located, and naming the body's own categories (never echoing the value)
        own = "reasonable-redress" if body == "housing-ombudsman" else "fault-remedied"
        assert schema[0]["line"] == 40 and own in schema[0]["message"]


def test_the_ombudsmen_s_decisions_are_counted_in_their_year_and_categories(published):
    from checker.model.codes import UNDECIDED, outcomes

    decided: dict[str, Counter] = {}
    themes: Counter = Counter()
    ordered, orders = 0.0, 0
    for case in cases():
        o = case.get("ombudsman")
        if not o or not "2025-04-01" <= str(o.get("decided", "")) <= "2026-03-31":
            continue
        decided.setdefault(o["body"], Counter())[o["outcome"]] += 1
        if o["body"] == "housing-ombudsman" and o["outcome"] not in UNDECIDED:
            themes[case["type"]] += 1
        ordered += o.get("compensation_ordered", 0)
        orders += "compensation_ordered" in o
    m = published["ombudsman"]
    for table in m["decisions"]:
        body = table["id"].removeprefix("ombudsman-")
        rows = [r["key"] for r in table["rows"]]
        assert rows == [o for o in outcomes(body) if o in rows]  # the body's own order
        shown = {r["key"]: r["values"][0] for r in table["rows"] if r["key"] != "pending"}
        assert shown == dict(decided.get(body, {})), body
    assert {r["key"]: r["values"][0] for r in m["themes"]["rows"]} == dict(themes)
    # a sum over 1 to 4 decisions is near what one person was awarded: not shown
    assert orders > 0
    assert m["compensation_ordered"] == (
        ordered if orders > 4 else "not shown: ordered in fewer than 5 decisions"
    )


def test_learning_is_counted_by_theme_beside_what_changed(published, page):
    counted: Counter = Counter()
    for case in cases():
        learning = case.get("learning")
        responses = [
            str(case[s]["responded"])[:10]
            for s in ("stage1", "stage2")
            if case.get(s, {}).get("responded")
        ]
        if learning and responses and "2025-04-01" <= min(responses) <= "2026-03-31":
            counted[learning.get("theme", "not-recorded")] += 1
    themes = published["learning"]["themes"]
    assert {r["key"]: r["values"][0] for r in themes["rows"]} == dict(counted)
    section = html.unescape(page[page.index("## 4. Service improvements") : page.index("## 5.")])
    for item in inputs()["service_improvements"]:
        row = next(line for line in section.splitlines() if item["improvement"] in line)
        assert f"<td>{counted[item['theme']]}</td>" in row and item["root_cause"] in row
        assert "<td>Done</td>" in row


def test_a_learning_theme_is_from_the_closed_list(tmp_path: Path):
    from tests.conftest import check

    root = scratch(tmp_path / "example", with_cases=True)
    path = next(
        p for p in sorted((root / "cases" / "2025-26").glob("*.yaml")) if "theme: " in p.read_text()
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"theme: [a-z-]+", "theme: Mr Smith's rudeness", text, count=1))
    found = [f for f in check(root).findings("schema") if f["path"].endswith(path.name)]
    assert found and "Smith" not in found[0]["message"]
