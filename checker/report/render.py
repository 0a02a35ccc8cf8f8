"""`complaints report` output: the published report as Markdown, JSON or CSV.

The Markdown follows the order of the report's contents in Canterbury's policy 15.1 (the HO
Code's 8.1 list): self-assessment, performance, findings of non-compliance, service
improvements, the LGSCO's annual letter, the Housing Ombudsman's, then the governing body's
response (policy 15.4; HO 8.2). Tables are HTML with a caption and header cells, which every
Markdown processor passes through, so the page is accessible wherever it is rendered. Every
string from the data is shown through `plain.escaped` and every link made by `plain.link`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from checker.model.codes import BODIES
from checker.report import charts
from checker.report.plain import escaped, link

if TYPE_CHECKING:  # the command line imports this module for its format names: keep it light
    from checker.report.publish import Published


def _cell(value: int | float | str | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return escaped(str(value))


def table(t: Published, charts: Mapping[str, str] | None = None) -> str:
    """A published breakdown as an accessible HTML table, with its chart when there is one."""
    has_totals = any("total" in row for row in t["rows"])
    head = "".join(f'<th scope="col">{escaped(c)}</th>' for c in t["columns"])
    head += '<th scope="col">Total</th>' if has_totals else ""
    rows = []
    for row in t["rows"]:
        cells = "".join(f"<td>{_cell(v)}</td>" for v in row["values"])
        cells += f"<td>{_cell(row['total'])}</td>" if has_totals else ""
        rows.append(f'<tr><th scope="row">{escaped(row["label"])}</th>{cells}</tr>')
    total_cells = "".join(f"<td>{_cell(v)}</td>" for v in t["total"])
    total_cells += f"<td>{_cell(t.get('grand_total'))}</td>" if has_totals else ""
    rows.append(f'<tr><th scope="row">Total</th>{total_cells}</tr>')
    chart = (charts or {}).get(t["id"], "")
    return (
        f"{chart}<table>\n<caption>{escaped(t['title'])}</caption>\n"
        f'<thead><tr><th scope="col">{escaped(t["dimension"].capitalize())}</th>'
        f"{head}</tr></thead>\n"
        f"<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )


def _pct(value: int | float | str | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}%" if isinstance(value, (int, float)) else escaped(str(value))


def markdown(report: Published, charts: Mapping[str, str] | None = None) -> str:
    """The report as a Markdown page."""
    r = report
    out = [
        *_opening(r),
        *_self_assessment(r),
        *_volumes(r, charts),
        *_timeliness(r, charts),
        *_outcomes(r, charts),
        *_referrals(r, charts),
        *_tsm(r),
        *_previous_year(r, charts),
        *_non_compliance(r),
        *_improvements(r),
        *_letters(r),
        *_governing_body(r),
    ]
    return "\n".join(out)


# The page's parts, in order: each the list of blocks it adds, which `markdown` joins with
# newlines.


def _opening(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    add(f"# Annual complaints performance and service improvement report {r['year']}\n")
    add(
        f"{escaped(r['council'])}, for the year {r['period']['start']} to {r['period']['end']}. "
        + (
            f"Figures as at {r['as_of']}."
            if r["frozen"]
            else f"This is a draft: figures as at {r['as_of']}, which will change until the "
            "year's figures are frozen."
        )
        + f" Counts from 1 to {r['suppression']['threshold']} are shown "
        f'as "{r["suppression"]["shown_as"]}", and a figure that would let one be worked out '
        f'from the other figures is shown as "{r["suppression"]["secondary_shown_as"]}"; a '
        "percentage that would give away such a count is shown as the range it could be in, "
        'or hidden; a count that even these words would give away is "not shown".\n'
    )
    return out


def _self_assessment(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 1. Self-assessment against the Complaint Handling Codes\n")
    if r["self_assessment"]:
        rows = "".join(
            f'<tr><th scope="row">{escaped(s["title"])} '
            f"({BODIES[s['code']].short} {s['edition']})</th>"
            f"<td>{s['yes']}</td><td>{s['partial']}</td><td>{s['no']}</td>"
            f"<td>{s['declared_share']:.1f}%</td><td>{s['evidenced_share']:.1f}%</td>"
            f"<td>{s['actions']}</td></tr>"
            for s in r["self_assessment"]
        )
        add(
            "<table>\n<caption>Self-assessment summary</caption>\n"
            '<thead><tr><th scope="col">Code</th>'
            '<th scope="col">Yes</th><th scope="col">Partly</th><th scope="col">No</th>'
            '<th scope="col">Compliant (declared)</th>'
            '<th scope="col">Compliant (on the evidence)</th>'
            f'<th scope="col">Actions</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
        )
        for s in r["self_assessment"]:
            if s["contradicted"]:
                add(
                    f"The cases of {s['period']} do not bear out the answers to provisions "
                    f"{escaped(', '.join(s['contradicted']))} of the "
                    f"{BODIES[s['code']].name}'s Code; "
                    "the self-assessment page gives the figures.\n"
                )
    else:
        add("No self-assessment is recorded yet.\n")
    return out


def _volumes(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    t = r["totals"]
    add("## 2. Complaint handling performance\n")
    add("### Volumes\n")
    add(
        f"- Complaints received at stage 1: {_cell(t['stage1'])}\n"
        f"- Escalated to stage 2: {_cell(t['escalated'])} "
        f"({_pct(t['escalation_rate'])} of stage 1 complaints); "
        f"complaints at stage 2 in all: {_cell(t['stage2'])}\n"
        f"- Complaints not accepted: {_cell(t['not_accepted'])}\n"
        f"- Complaints in which discrimination was claimed: {_cell(t['discrimination_claimed'])}\n"
    )
    for breakdown in r["volumes"]:
        add(table(breakdown, charts))
    add("### Complaints not accepted\n")
    add(
        "The Housing Ombudsman's Code asks for a summary of the types of complaint refused (8.1).\n"
    )
    add(table(r["not_accepted"], charts) if r["not_accepted"]["rows"] else "None this year.\n")
    return out


def _timeliness(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    add("### Timeliness\n")
    rows = "".join(
        f'<tr><th scope="row">Stage {s["stage"]}</th><td>{_pct(s["acknowledged_in_time"])}</td>'
        f"<td>{_pct(s['responded_in_time'])}</td><td>{_pct(s['responded_without_extension'])}</td>"
        f"<td>{_cell(s['extensions'])}</td><td>{_cell(s['median_working_days'])}</td>"
        f"<td>{_cell(s['p90_working_days'])}</td></tr>"
        for s in r["timeliness"]
    )
    add(
        (charts or {}).get("timeliness", "")
        + '<table>\n<caption>Timeliness by stage</caption>\n<thead><tr><th scope="col">Stage</th>'
        '<th scope="col">Acknowledged in time</th>'
        '<th scope="col">Responded in time (with any agreed extension)</th>'
        '<th scope="col">Responded within the timescale, no extension</th>'
        '<th scope="col">Extensions</th>'
        '<th scope="col">Median working days to respond</th>'
        '<th scope="col">90th percentile working days</th>'
        f"</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
    )
    return out


def _outcomes(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    o = r["outcomes"]
    add("### Outcomes and remedies\n")
    add(table(o["by_stage"], charts))
    add(table(o["by_service"], charts))
    add(table(o["remedies"], charts))
    total = o["financial_remedies_total"]
    paid = "£" + format(total, ",.2f") if isinstance(total, (int, float)) else escaped(total)
    add(f"Financial remedies paid or offered in all: {paid}.\n")
    return out


def _referrals(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    m = r["ombudsman"]
    add("### Ombudsman referrals\n")
    add(
        table(m["referrals"], charts)
        if m["referrals"]["rows"]
        else "No complaint was referred to an ombudsman.\n"
    )
    add(
        f"Ombudsman recommendations: {_cell(m['recommendations'])}; complied with by the date set: "
        f"{_pct(m['recommendations_complied_on_time'])}.\n"
    )
    return out


def _tsm(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    if r["tsm"]:
        s = r["tsm"]
        example = " (an example figure)" if s["homes_example"] else ""
        add("### Tenant Satisfaction Measures\n")
        add(
            f"Measured for the council's {s['homes']:,} homes{example} "
            f"at {escaped(s['homes_as_of'])}, "
            "for housing complaints, against the Housing Ombudsman's Code timescales.\n"
        )
        ch01, ch02 = s["CH01"], s["CH02"]
        add(
            "<table>\n<caption>Tenant Satisfaction Measures CH01 and CH02</caption>\n<thead><tr>"
            '<th scope="col">Measure</th><th scope="col">Stage 1</th>'
            '<th scope="col">Stage 2</th></tr></thead>\n<tbody>\n'
            '<tr><th scope="row">CH01 complaints per 1,000 homes</th>'
            f"<td>{_cell(ch01['stage1_per_1000_homes'])}</td>"
            f"<td>{_cell(ch01['stage2_per_1000_homes'])}</td></tr>\n"
            f'<tr><th scope="row">CH02 responded to within the Code timescales</th>'
            f"<td>{_pct(ch02['stage1']['within_timescales'])}</td>"
            f"<td>{_pct(ch02['stage2']['within_timescales'])}</td></tr>\n"
            f'<tr><th scope="row">CH02 without extensions</th>'
            f"<td>{_pct(ch02['stage1']['within_timescales_without_extensions'])}</td>"
            f"<td>{_pct(ch02['stage2']['within_timescales_without_extensions'])}</td></tr>\n"
            "</tbody>\n</table>\n"
        )
    return out


def _previous_year(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    t = r["totals"]
    p = r["previous_year"]
    add("### Compared with the previous year\n")
    if p:
        add(
            (charts or {}).get("year-on-year", "")
            + f"<table>\n<caption>{r['year']} compared with {p['year']}</caption>\n"
            '<thead><tr><th scope="col">Figure</th>'
            f'<th scope="col">{p["year"]}</th><th scope="col">{r["year"]}</th></tr></thead>\n'
            "<tbody>\n"
            '<tr><th scope="row">Stage 1 complaints</th>'
            f"<td>{_cell(p['stage1'])}</td><td>{_cell(t['stage1'])}</td></tr>\n"
            '<tr><th scope="row">Stage 2 complaints</th>'
            f"<td>{_cell(p['stage2'])}</td><td>{_cell(t['stage2'])}</td></tr>\n"
            '<tr><th scope="row">Not accepted</th>'
            f"<td>{_cell(p['not_accepted'])}</td><td>{_cell(t['not_accepted'])}</td></tr>\n"
            '<tr><th scope="row">Stage 1 responded in time</th>'
            f"<td>{_pct(p['stage1_responded_in_time'])}</td>"
            f"<td>{_pct(r['timeliness'][0]['responded_in_time'])}</td></tr>\n"
            '<tr><th scope="row">Stage 2 responded in time</th>'
            f"<td>{_pct(p['stage2_responded_in_time'])}</td>"
            f"<td>{_pct(r['timeliness'][1]['responded_in_time'])}</td></tr>\n"
            "</tbody>\n</table>\n"
        )
    else:
        add(
            "No cases are recorded for the previous year, so there is nothing to compare with "
            "yet.\n"
        )
    return out


def _non_compliance(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 3. Findings of non-compliance with the Codes\n")
    findings = r["non_compliance_findings"]
    add(
        "".join(
            f"- {BODIES[x['body']].name}, {escaped(x['date'])}: {escaped(x['summary'])}"
            + (f" Our response: {escaped(x['response'])}" if x.get("response") else "")
            + "\n"
            for x in findings
        )
        or "No ombudsman made a finding of non-compliance with its Code this year.\n"
    )
    return out


def _improvements(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 4. Service improvements from learning\n")
    improvements = r["learning"]["service_improvements"]
    add("".join(f"- {escaped(i['service'])}: {escaped(i['improvement'])}\n" for i in improvements))
    if r["learning"]["from_cases"]:
        add("\nLearning recorded on complaints this year:\n\n")
        add("".join(f"- {escaped(text)}\n" for text in r["learning"]["from_cases"]))
    if not improvements and not r["learning"]["from_cases"]:
        add("None recorded.\n")
    return out


def _letters(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    for number, body in (("5", "lgsco"), ("6", "housing-ombudsman")):
        add(f"## {number}. Annual letter from the {BODIES[body].name}\n")
        letters = [x for x in r["ombudsman_letters"] if x["body"] == body]
        add(
            "".join(
                f"{escaped(x['summary'])} ({escaped(x['date'])}"
                + (f", {link(x['url'], 'the letter')}" if x.get("url") else "")
                + ")\n"
                for x in letters
            )
            or "No annual letter has been received for this year.\n"
        )
    others = r["other_publications"]
    if others:
        add("### Other ombudsman reports about the council\n")
        add(
            "".join(
                f"- {BODIES[x['body']].name}: {escaped(x['title'])} ({escaped(x['date'])})\n"
                for x in others
            )
        )
    return out


def _governing_body(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    g = r["governing_body"]
    add("## Response of the governing body\n")
    if g and g.get("response"):
        when = f" on {escaped(g['considered'])}" if g.get("considered") else ""
        add(f"{escaped(g['name'])} considered this report{when}:\n\n> {escaped(g['response'])}\n")
    else:
        add(
            "The report has not yet been considered; the response will be published alongside it.\n"
        )
    return out


def json_format(report: Published) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("year", "section", "table", "row", "column", "value")


def csv_format(report: Published) -> str:
    """Every published figure, one per row: stable columns for reuse."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = report["year"]
    for key, value in report["totals"].items():
        writer.writerow((year, "totals", "totals", key, "", value))
    tables = [("volumes", t) for t in report["volumes"]] + [
        ("not_accepted", report["not_accepted"])
    ]
    tables += [("outcomes", report["outcomes"][k]) for k in ("by_stage", "by_service", "remedies")]
    tables += [("ombudsman", report["ombudsman"]["referrals"])]
    for section, t in tables:
        for row in t["rows"]:
            for column, value in zip(t["columns"], row["values"]):
                writer.writerow((year, section, t["id"], row["key"], column, value))
        for column, value in zip(t["columns"], t["total"]):
            writer.writerow((year, section, t["id"], "total", column, value))
        if "grand_total" in t:
            writer.writerow((year, section, t["id"], "total", "Total", t["grand_total"]))
    for stage in report["timeliness"]:
        for key, value in stage.items():
            if key != "stage":
                writer.writerow((year, "timeliness", f"stage{stage['stage']}", key, "", value))
    writer.writerow(
        (
            year,
            "outcomes",
            "remedies",
            "financial_total",
            "",
            report["outcomes"]["financial_remedies_total"],
        )
    )
    if report["tsm"]:
        tsm = report["tsm"]
        for key, value in tsm["CH01"].items():
            writer.writerow((year, "tsm", "CH01", key, "", value))
        for stage, values in tsm["CH02"].items():
            for key, value in values.items():
                writer.writerow((year, "tsm", "CH02", stage, key, value))
    return out.getvalue()


def markdown_with_charts(report: Published) -> str:
    """The report page with its charts (matplotlib is loaded only for this format)."""
    return markdown(
        report, {key: charts.html(chart) for key, chart in charts.render(report).items()}
    )


FORMATS: dict[str, Callable[[Published], str]] = {
    "markdown": markdown_with_charts,
    "json": json_format,
    "csv": csv_format,
}
