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
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from checker.model.codes import BODIES
from checker.report import charts
from checker.report.plain import escaped, label, link

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
    if "total" in t:
        total_cells = "".join(f"<td>{_cell(v)}</td>" for v in t["total"])
        total_cells += f"<td>{_cell(t.get('grand_total'))}</td>" if has_totals else ""
        rows.append(f'<tr><th scope="row">Total</th>{total_cells}</tr>')
    chart = (charts or {}).get(t["id"], "")
    counts = COUNTS.get(t["id"])
    return (
        f"{chart}<table>\n<caption>{escaped(t['title'])}</caption>\n"
        f'<thead><tr><th scope="col">{escaped(t["dimension"].capitalize())}</th>'
        f"{head}</tr></thead>\n"
        f"<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
        + (f"\n{counts}\n" if counts else "")
    )


# What each table counts, said under it, so that its totals can be read against the others'.
COUNTS = {
    "route": "Each complaint received in the year, counted once, whatever stage it reached.",
    "service": (
        "Complaints at each stage in the year. A complaint escalated to stage 2 counts at both "
        "stages, so the stages are not added together."
    ),
    "type": (
        "Each complaint received in the year, counted once, by its main type; the types after "
        "the ten most common are added together."
    ),
    "channel": "Each complaint received in the year, counted once, by how it reached the council.",
    "month": "Complaints at each stage, by the month the stage began.",
    "exclusion": "Matters the council did not accept as complaints, by the reason it gave.",
    "outcomes-by-stage": (
        "The decisions of the responses sent in the year. A complaint decided at both stages has "
        "a decision at each, so the stages are not added together."
    ),
    "outcomes-by-service": (
        "Each complaint's final decision: at stage 2 if it went there, else at stage 1; counted "
        "in the year the decision was sent."
    ),
    "remedies": "Each remedy given in a response sent in the year; a response may give several.",
    **{
        f"ombudsman-{body}": "Each decision the ombudsman made in the year, and each complaint "
        "referred to it in the year and not yet decided."
        for body in BODIES
    },
    "ombudsman-themes": (
        "The Housing Ombudsman's decisions of the year on the merits of a complaint (not those it "
        "did not investigate, found premature or outside its jurisdiction, or that were "
        "withdrawn), by the type of the complaint."
    ),
}


def _pct(value: int | float | str | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}%" if isinstance(value, (int, float)) else escaped(str(value))


def markdown(
    report: Published,
    charts: Mapping[str, str] | None = None,
    assessments: Mapping[str, str] | None = None,
) -> str:
    """The report as a Markdown page; `assessments`, each Code's self-assessment page as a link
    from it, where there is one."""
    r = report
    out = [
        *_opening(r),
        *_in_brief(r),
        *_method(r),
        *_self_assessment(r, assessments or {}),
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
        + " "
        + _disclosure_note(r["suppression"])
        + "\n"
    )
    if r.get("example"):
        add(
            "This is the worked example's report: its introduction, the ombudsmen's letters, the "
            "governing body's response and the figures given for the year before are "
            "illustrations, not the council's.\n"
        )
    if r.get("introduction"):
        add(f"{escaped(r['introduction'])}\n")
    return out


def _in_brief(r: Published) -> list[str]:
    """The year in a few lines, first: what a committee member or a resident reads if nothing else,
    each figure the one the report gives below (with last year's beside it, where the report has
    it), then what went better and what must be fixed."""
    t, p = r["totals"], r["previous_year"] or {}
    better: list[str] = []
    worse: list[str] = []

    def last(key: str, now: int | float | str | None, what: str, rate: bool = False) -> str:
        """Last year's figure beside this year's; a rate that rose or fell is said to."""
        before = p.get(key)
        if before is None:
            return ""
        if (
            rate
            and isinstance(now, (int, float))
            and isinstance(before, (int, float))
            and (now != before)
        ):
            (better if now > before else worse).append(
                f"{what}: {_pct(now)}, {'up' if now > before else 'down'} from {_pct(before)}."
            )
        return f" (last year: {_pct(before) if rate else _cell(before)})"

    lines = [
        f"{_cell(t['stage1'])} complaints at stage 1{last('stage1', t['stage1'], '')} and "
        f"{_cell(t['stage2'])} at stage 2{last('stage2', t['stage2'], '')}; "
        f"{_cell(t['not_accepted'])} not accepted{last('not_accepted', t['not_accepted'], '')}.",
    ]
    for number, stage in enumerate(r["timeliness"], start=1):
        now = stage["responded_in_time"]
        what = f"Stage {number} responses sent in time"
        before = last(f"stage{number}_responded_in_time", now, what, rate=True)
        lines.append(f"{what}: {_pct(now)} of {_cell(stage['responded'])}{before}.")
        if isinstance(now, (int, float)) and now < 100:
            worse.append(f"{what}: {_pct(now)}; the Codes expect every response in time.")
    total = r["outcomes"]["financial_remedies_total"]
    if isinstance(total, (int, float)) and total:
        lines.append(f"Financial remedies paid or offered: {_money(total)}.")
    if r["tsm"]:
        ch02 = r["tsm"]["CH02"]["stage1"]
        lines.append(
            f"Housing (low-cost rental homes): {_cell(r['tsm']['CH01']['stage1_per_1000_homes'])} "
            f"stage 1 complaints per 1,000 homes (TSM CH01); {_pct(ch02['within_timescales'])} "
            "answered within the Housing Ombudsman's Code timescales (TSM CH02)"
            + (
                f"; {_pct(r['tsm']['TP09'])} of tenants who complained satisfied with how it "
                "was handled (TSM TP09)"
                if r["tsm"].get("TP09") is not None
                else ""
            )
            + "."
        )
    for s in r["self_assessment"]:
        draft = " (a draft)" if s.get("status") == "draft" else ""
        lines.append(
            f"Self-assessment against the {BODIES[s['code']].name}'s Code{draft}: "
            f"{s['yes']} provisions met, {s['partial']} in part and {s['no']} not, with "
            f"{s['actions']} actions."
        )
        if s["contradicted"]:
            worse.append(
                f"The cases do not bear out the answer to the {BODIES[s['code']].name}'s Code "
                f"provision{'s' if len(s['contradicted']) > 1 else ''} "
                f"{escaped(', '.join(s['contradicted']))}."
            )
        late = [
            x["provision"] for x in s.get("not_met", []) if any(a["overdue"] for a in x["actions"])
        ]
        if late:
            worse.append(
                f"Actions past their date in the self-assessment against the "
                f"{BODIES[s['code']].name}'s Code, for provisions {escaped(', '.join(late))}."
            )
    out = ["## In brief\n", "".join(f"- {line}\n" for line in lines)]
    if better:
        out += ["### Better than last year\n", "".join(f"- {line}\n" for line in better)]
    if worse:
        out += ["### To put right\n", "".join(f"- {line}\n" for line in worse)]
    return out


def _disclosure_note(s: Published) -> str:
    """The method note on disclosure control: what is exact, what is protected and how."""
    sensitive = s.get("sensitive") or {}
    if sensitive.get("everything"):
        what = "every count"
    else:
        parts = []
        if sensitive.get("discrimination_claimed", True):
            parts.append("complaints claiming discrimination")
        if sensitive.get("routes"):
            routes = " and ".join(_route_name(r) for r in sensitive["routes"])
            parts.append(f"the {routes} routes")
        if sensitive.get("services"):
            parts.append("the services on them")
        if sensitive.get("tables"):
            parts.append("the tables " + ", ".join(sensitive["tables"]))
        what = ", ".join(parts) or "no count"
    return (
        "Counts are exact, as the ombudsmen publish theirs, except those that could point at a "
        f"person: {escaped(what)}. Such a count from 1 to {s['threshold']} is shown as "
        f'"{s["shown_as"]}" (several small ones are combined as "other"), and a figure that '
        "would let one be worked out from the others is shown as "
        f'"{s["secondary_shown_as"]}"; a percentage that would give one away is shown as the '
        "range it could be in, or hidden; a count that even these words would give away is "
        '"not shown".'
    )


def _route_name(route: str) -> str:
    return {"statutory": "social care (statutory)", "data-protection": "data protection"}.get(
        route, route.replace("-", " ")
    )


def _method(r: Published) -> list[str]:
    """The counting rules: which year each figure counts in."""
    if not r.get("method"):
        return []
    return ["### How the figures are counted\n", "".join(f"- {escaped(m)}\n" for m in r["method"])]


def _self_assessment(r: Published, pages: Mapping[str, str]) -> list[str]:
    out: list[str] = []
    add = out.append
    add("## 1. Self-assessment against the Complaint Handling Codes\n")
    if r["self_assessment"]:
        rows = "".join(
            f'<tr><th scope="row">{escaped(s["title"])} '
            f"({BODIES[s['code']].short} {s['edition']})"
            + (" (draft)" if s.get("status") == "draft" else "")
            + "</th>"
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
            if s.get("status") == "draft":
                add(
                    f"The self-assessment against the {BODIES[s['code']].name}'s Code is a draft: "
                    "it has not been approved, so its answers are not the council's final "
                    "assessment and may change.\n"
                )
            if s["contradicted"]:
                add(
                    f"The cases of {s['period']} do not bear out the answers to provisions "
                    f"{escaped(', '.join(s['contradicted']))} of the "
                    f"{BODIES[s['code']].name}'s Code; "
                    "the self-assessment page gives the figures.\n"
                )
            add(_not_met(s, pages.get(s["code"])))
    else:
        add("No self-assessment is recorded yet.\n")
    return out


ANSWERS = {"no": "No", "partial": "Partly", "yes": "Yes"}


def _not_met(s: Published, page: str | None) -> str:
    """The provisions of one Code not met, each with its actions and their dates."""
    name = f"{BODIES[s['code']].name}'s Code"
    full = f" The [self-assessment against the {name}]({page}) gives every answer." if page else ""
    if not s.get("not_met"):
        return f"Every provision of the {name} is met.{full}\n"
    rows = []
    for x in s["not_met"]:
        shown = {"met": "met", "not-met": "not met"}.get(x["cases_show"] or "", "–")
        actions = "; ".join(_action(a) for a in x["actions"]) or "No action recorded."
        rows.append(
            f'<tr><th scope="row">{escaped(x["provision"])}</th>'
            f"<td>{ANSWERS.get(x['answer'] or '', '–')}</td><td>{shown}</td>"
            f"<td>{escaped(actions)}</td></tr>"
        )
    return (
        f"<table>\n<caption>Provisions of the {name} not met, and what the council is doing"
        "</caption>\n"
        '<thead><tr><th scope="col">Provision</th><th scope="col">Answer</th>'
        '<th scope="col">The cases show</th><th scope="col">What the council is doing, and when'
        "</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n"
        f"</table>\n{full}\n"
    )


def _action(a: Published) -> str:
    when = f"done {a['done']}" if a["done"] else f"by {a['due']}" if a["due"] else "no date set"
    return f"{a['what'] or 'An action'} ({when}{', overdue' if a['overdue'] else ''})"


def _volumes(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    t = r["totals"]
    add("## 2. Complaint handling performance\n")
    add("### Volumes\n")
    add(
        f"- Complaints received at stage 1: {_cell(t['stage1'])}\n"
        f"- Complaints at stage 2: {_cell(t['stage2'])}, of which escalated from stage 1: "
        f"{_cell(t['escalated'])}\n"
        f"- Stage 1 complaints of the year escalated to stage 2: "
        f"{_pct(t['escalation_rate'])}\n"
        f"- Complaints not accepted: {_cell(t['not_accepted'])}\n"
        f"- Complaints in which discrimination was claimed: {_cell(t['discrimination_claimed'])}\n"
    )
    if (t["stage1"], t["stage2"], t["not_accepted"]) == (0, 0, 0):
        add(f"No complaint was received in this year by {r['as_of']}.\n")
    for breakdown in r["volumes"]:
        if breakdown["id"] == "month":  # in the open data and its chart; the page gives quarters
            add((charts or {}).get("month", ""))
            continue
        add(table(breakdown, charts))
        if breakdown["id"] == "route":
            add(_reconciled(r))
    add(_quarter_table(r["quarters"]))
    add("### Complaints not accepted\n")
    add(
        "The Housing Ombudsman's Code asks for a summary of the types of complaint refused (8.1).\n"
    )
    add(table(r["not_accepted"], charts) if r["not_accepted"]["rows"] else "None this year.\n")
    return out


def _reconciled(r: Published) -> str:
    """Why the complaints by route are not the complaints at stage 1, where the figures say."""
    t = r["totals"]
    every = next(v["total"][0] for v in r["volumes"] if v["id"] == "route")
    figures = (every, t["stage1"], t["stage2"], t["escalated"])
    if not all(isinstance(n, int) for n in figures) or every == t["stage1"]:
        return ""
    direct = t["stage2"] - t["escalated"]
    neither = every - t["stage1"] - direct
    return (
        f"The {every:,} complaints received in the year are the {t['stage1']:,} at stage 1, "
        f"{direct:,} taken straight to stage 2"
        + (f" and {neither:,} not yet at either stage" if neither else "")
        + f"; the {t['stage2']:,} at stage 2 include {t['escalated']:,} escalated from stage 1.\n"
    )


def _quarter_table(q: Published) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escaped(row["label"])}</th>'
        + "".join(
            f"<td>{_cell(row[f'stage{n}'])}</td>"
            f"<td>{_cell(row[f'stage{n}_responded'])}</td>"
            f"<td>{_pct(row[f'stage{n}_responded_in_time'])}</td>"
            for n in (1, 2)
        )
        + "</tr>\n"
        for row in [*q["rows"], {"label": "The year", **q["total"]}]
    )
    head = "".join(
        f'<th scope="col">Stage {n} complaints</th><th scope="col">Stage {n} responses</th>'
        f'<th scope="col">Stage {n} responses in time</th>'
        for n in (1, 2)
    )
    return (
        f"<table>\n<caption>{escaped(q['title'])}</caption>\n"
        f'<thead><tr><th scope="col">Quarter</th>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n'
        "</table>\n\nComplaints count in the quarter their stage began; responses in the quarter "
        "they were sent, whatever quarter the complaint came in.\n"
    )


def _timeliness(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    add("### Timeliness\n")
    if all(s["responded"] == 0 for s in r["timeliness"]):
        add(
            f"No complaint was responded to in this year by {r['as_of']}, so there is no "
            "timeliness or outcome to report yet.\n"
        )
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
    add(_service_timeliness(r["timeliness_by_service"]))
    return out


def _service_timeliness(t: Published) -> str:
    """Each service's responses at each stage, and the share in time."""
    if not t["rows"]:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{escaped(row["label"])}</th>'
        + "".join(
            f"<td>{_cell(row[f'stage{n}_responded'])}</td>"
            f"<td>{_pct(row[f'stage{n}_responded_in_time'])}</td>"
            for n in (1, 2)
        )
        + "</tr>\n"
        for row in t["rows"]
    )
    head = "".join(
        f'<th scope="col">Stage {n} responses</th><th scope="col">Stage {n} in time</th>'
        for n in (1, 2)
    )
    return (
        f"<table>\n<caption>{escaped(t['title'])}</caption>\n"
        f'<thead><tr><th scope="col">Service</th>{head}</tr></thead>\n<tbody>\n{rows}</tbody>\n'
        "</table>\n\nThe responses each service sent in the year, and how many of them were in "
        "time (with any agreed extension).\n"
    )


def _outcomes(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    o = r["outcomes"]
    add("### Outcomes and remedies\n")
    add(table(o["by_stage"], charts))
    add(table(o["by_service"], charts))
    add(table(o["remedies"], charts))
    by_stage = o["financial_remedies_by_stage"]
    add(
        f"Financial remedies paid or offered: {_money(o['financial_remedies_total'])} in all, "
        f"{_money(by_stage['stage1'])} at stage 1 and {_money(by_stage['stage2'])} at stage 2; "
        f"on average {_money(o['financial_remedies_average'])} a payment.\n"
    )
    return out


def _money(value: float | str | None) -> str:
    if value is None:
        return "none"
    return "£" + format(value, ",.2f") if isinstance(value, (int, float)) else escaped(value)


def _referrals(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    m = r["ombudsman"]
    add("### Ombudsman referrals\n")
    add(
        "Each ombudsman's decisions are counted in its own categories: the Housing Ombudsman's "
        "determinations by their most serious finding, the Local Government and Social Care "
        "Ombudsman's and the Information Commissioner's as fault found or not.\n"
    )
    for decisions in m["decisions"]:
        add(table(decisions, charts))
    if not m["decisions"]:
        add("No complaint was referred to an ombudsman.\n")
    if m["themes"]["rows"]:
        add(table(m["themes"], charts))
    add(f"Compensation the ombudsmen ordered: {_money(m['compensation_ordered'] or None)}.\n")
    add(
        f"Ombudsman recommendations: {_cell(m['recommendations'])}; complied with by the date set: "
        f"{_pct(m['recommendations_complied_on_time'])}.\n"
    )
    return out


def _tsm(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    if not r["tsm"]:
        return out
    s = r["tsm"]
    example = " (example figures)" if s["homes_example"] else ""
    add("### Tenant Satisfaction Measures\n")
    add(
        "For housing complaints, against the Housing Ombudsman's Code timescales, for low-cost "
        "rental accommodation (LCRA) and low-cost home ownership (LCHO) homes apart, each per "
        f"1,000 of its own homes at {escaped(s['homes_as_of'])}{example}.\n"
    )
    rows = []
    for m in (s, s["lcho"]):
        ch01, ch02 = m["CH01"], m["CH02"]
        homes = f"{m['homes']:,}" if m["homes"] else "not given"
        rows.append(
            f'<tr><th scope="row">{escaped(m["label"])}</th><td>{homes}</td>'
            f"<td>{_cell(ch01['stage1_per_1000_homes'])}</td>"
            f"<td>{_cell(ch01['stage2_per_1000_homes'])}</td>"
            f"<td>{_pct(ch02['stage1']['within_timescales'])}</td>"
            f"<td>{_pct(ch02['stage2']['within_timescales'])}</td>"
            f"<td>{_pct(ch02['stage1']['within_timescales_without_extensions'])}</td>"
            f"<td>{_pct(ch02['stage2']['within_timescales_without_extensions'])}</td></tr>"
        )
    add(
        "<table>\n<caption>Tenant Satisfaction Measures CH01 and CH02</caption>\n"
        '<thead><tr><th scope="col">Tenure</th><th scope="col">Homes</th>'
        '<th scope="col">CH01 stage 1 complaints per 1,000 homes</th>'
        '<th scope="col">CH01 stage 2 complaints per 1,000 homes</th>'
        '<th scope="col">CH02 stage 1 responded to within the Code timescales</th>'
        '<th scope="col">CH02 stage 2 responded to within the Code timescales</th>'
        '<th scope="col">CH02 stage 1 without extensions</th>'
        '<th scope="col">CH02 stage 2 without extensions</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )
    surveyed = [(m["label"], m["TP09"]) for m in (s, s["lcho"]) if m.get("TP09") is not None]
    if surveyed:
        add(
            "TSM TP09, from the tenant perception survey: of the tenants who had complained, "
            + " and ".join(f"{_pct(v)} in {escaped(name)}" for name, v in surveyed)
            + " were satisfied with the council's approach to complaints handling.\n"
        )
    apart = "".join(
        f'<tr><th scope="row">{escaped(a["label"])}</th><td>{_cell(a["stage1"])}</td>'
        f"<td>{_cell(a['stage2'])}</td>"
        f"<td>{_pct(a['CH02']['stage1']['within_timescales'])}</td>"
        f"<td>{_pct(a['CH02']['stage2']['within_timescales'])}</td></tr>"
        for a in s["apart"]
    )
    add(
        "<table>\n<caption>Housing complaints of other tenures, reported apart "
        "(no rate per home)</caption>\n"
        '<thead><tr><th scope="col">Tenure</th><th scope="col">Stage 1 complaints</th>'
        '<th scope="col">Stage 2 complaints</th>'
        '<th scope="col">Stage 1 responded to within the Code timescales</th>'
        '<th scope="col">Stage 2 responded to within the Code timescales</th></tr></thead>\n'
        f"<tbody>\n{apart}\n</tbody>\n</table>\n"
    )
    unknown, t = s["tenure_not_recorded"], s["treatment"]
    add(
        f"Housing complaints that record no tenure are counted as LCRA: "
        f"{_cell(unknown['stage1'])} at stage 1 and {_cell(unknown['stage2'])} at stage 2 this "
        "year. "
        + (
            "Complaints withdrawn before their response count in CH01, as complaints received; "
            if t["withdrawn"] == "include"
            else "Complaints withdrawn before their response are left out of CH01; "
        )
        + (
            "matters not accepted as complaints, and refused escalations, do not: they are "
            "counted apart, by reason. "
            if t["refused"] == "exclude"
            else "matters not accepted as complaints, and refused escalations, count in CH01. "
        )
        + "CH02 counts only complaints responded to in the year. The Regulator's text on these "
        "points could not be confirmed, so the council sets them in its report inputs.\n"
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
        if p.get("source") == "published report":
            add(
                f"The {escaped(p['year'])} figures are those the council published in its report "
                "for that year"
                + (f" ({link(p['url'], 'the report')})" if p.get("url") else "")
                + "; its cases are not in this record. "
                "They were counted under that year's rules, which may differ.\n"
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
    learning = r["learning"]
    improvements = learning["service_improvements"]
    themed = [i for i in improvements if i.get("theme")]
    if learning["themes"]["rows"] or themed:
        add(_theme_table(learning["themes"], themed))
    rest = [i for i in improvements if not i.get("theme")]
    add("".join(f"- {escaped(i['service'])}: {escaped(i['improvement'])}\n" for i in rest))
    if learning["from_cases"]:
        add("\nLearning recorded on complaints this year:\n\n")
        add("".join(f"- {escaped(text)}\n" for text in learning["from_cases"]))
    if not improvements and not learning["from_cases"] and not learning["themes"]["rows"]:
        add("None recorded.\n")
    return out


STATUS = {"planned": "Planned", "in-progress": "In progress", "done": "Done"}


def _theme_table(themes: Published, improvements: list[Published]) -> str:
    """Learning by theme: how many complaints taught it, and what the council changed (its root
    cause, what changed, when, and where it stands)."""
    counts = {row["key"]: row for row in themes["rows"]}
    keys = [*counts, *dict.fromkeys(i["theme"] for i in improvements if i["theme"] not in counts)]
    rows = []
    for key in keys:
        changes = [i for i in improvements if i["theme"] == key]
        name = counts[key]["label"] if key in counts else label(key)
        cells = [
            _cell(counts[key]["values"][0]) if key in counts else "0",
            "; ".join(escaped(i.get("root_cause") or "–") for i in changes) or "–",
            "; ".join(f"{escaped(i['service'])}: {escaped(i['improvement'])}" for i in changes)
            or "–",
            "; ".join(escaped(i.get("date") or "–") for i in changes) or "–",
            "; ".join(STATUS.get(i.get("status") or "", "–") for i in changes) or "–",
        ]
        rows.append(
            f'<tr><th scope="row">{escaped(name)}</th>'
            + "".join(f"<td>{c}</td>" for c in cells)
            + "</tr>\n"
        )
    return (
        "<table>\n<caption>Learning by theme, and what changed</caption>\n"
        '<thead><tr><th scope="col">Theme</th><th scope="col">Complaints</th>'
        '<th scope="col">Root cause</th><th scope="col">What changed</th>'
        '<th scope="col">When</th><th scope="col">Status</th></tr></thead>\n'
        f"<tbody>\n{''.join(rows)}</tbody>\n</table>\n\n"
        "Complaints counts the complaints whose learning was recorded with their first response "
        "in the year, by the theme recorded; the rest of each row is what the council changed.\n"
    )


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
                + _letter_figures(x)
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


# The figures an ombudsman's letter gives, as the report names them: (key, what, the average's key)
LETTER_FIGURES = (
    ("received", "Complaints and enquiries received", None),
    ("decided", "Decisions made", None),
    ("investigated", "Detailed investigations", None),
    ("upheld", "Investigations upheld", None),
    ("upheld_rate", "Upheld rate (%)", "average_upheld_rate"),
    ("upheld_per_100000", "Upheld decisions per 100,000 residents", "average_upheld_per_100000"),
    ("recommendations_complied", "Recommendations complied with (%)", None),
    ("satisfactory_remedy", "Upheld, remedied by the council before the Ombudsman", None),
    ("determinations", "Determinations", None),
    ("maladministration_rate", "Maladministration rate (%)", "average_maladministration_rate"),
    ("orders", "Orders made", None),
    ("compensation_ordered", "Compensation ordered (£)", None),
)
FINDINGS = (
    "severe-maladministration",
    "maladministration",
    "service-failure",
    "reasonable-redress",
    "no-maladministration",
    "outside-jurisdiction",
)


def _letter_figures(letter: Published) -> str:
    """The ombudsman's own figures for the council, as its letter gives them, beside the average
    for similar councils where it gives one."""
    given = letter.get("figures") or {}
    rows = [(what, given[key], given.get(avg)) for key, what, avg in LETTER_FIGURES if key in given]
    rows += [
        (f"Findings of {label(f).lower()}", given["findings"][f], None)
        for f in FINDINGS
        if f in given.get("findings", {})
    ]
    if not rows:
        return ""
    averages = any(a is not None for _, _, a in rows)
    body = "".join(
        f'<tr><th scope="row">{escaped(what)}</th><td>{_cell(value)}</td>'
        + (f"<td>{_cell(average)}</td>" if averages else "")
        + "</tr>\n"
        for what, value, average in rows
    )
    return (
        f"\n<table>\n<caption>The {BODIES[letter['body']].name}'s figures for the council, as "
        "its letter gives them</caption>\n"
        '<thead><tr><th scope="col">Figure</th><th scope="col">The council</th>'
        + ('<th scope="col">Average of similar councils</th>' if averages else "")
        + f"</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
    )


def _governing_body(r: Published) -> list[str]:
    out: list[str] = []
    add = out.append
    g = r["governing_body"]
    add("## Response of the governing body\n")
    member = r.get("member_responsible")
    if member:
        add(
            f"The council's Member Responsible for Complaints: {escaped(member['title'])}"
            + (" (an example title)" if member.get("example") else "")
            + ".\n"
        )
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


CSV_COLUMNS = (
    "year",
    "section",
    "table",
    "row",
    "column",
    "value",
    "unit",
    "status",
    "low",
    "high",
)

# What the CSV's `status` says of a figure: its value is given only when it is "published"; a
# range gives its least and most in `low` and `high`.
STATUSES = {
    "published": "the exact figure, in value",
    "fewer than threshold": "a protected count from 1 to the threshold ('fewer than 5')",
    "withheld": "a figure withheld so that a protected count cannot be worked out ('hidden')",
    "not shown": "a figure not shown at all: it could be any number",
    "small base": "a percentage of a protected count from 1 to the threshold",
    "range": "a percentage or rate given only as the range in low and high",
    "not applicable": "nothing to count or divide by (no responses, say)",
}
UNITS = ("complaints", "percent", "per 1,000 homes", "working days", "GBP", "homes", "remedies")
RANGE = re.compile(r"^(\d+(?:\.\d+)?)%? to (\d+(?:\.\d+)?)%?$")


def _unit(key: str, table: str = "") -> str:
    """The unit of a figure, from its name: one place, so the Table Schema can list them."""
    if key.endswith("per_1000_homes"):
        return "per 1,000 homes"
    if key.endswith("working_days"):
        return "working days"
    if key == "financial_total":
        return "GBP"
    if key == "homes":
        return "homes"
    if key.endswith(("_rate", "_in_time", "_extension", "on_time", "within_timescales")) or (
        key.startswith("within_timescales") or key == "TP09"
    ):
        return "percent"
    return "remedies" if table == "remedies" else "complaints"


def _status(value: object) -> tuple[object, str, object, object]:
    """A published figure as (value, status, low, high): the value only where it is exact."""
    if isinstance(value, bool) or value is None:
        return "", "not applicable", "", ""
    if isinstance(value, (int, float)):
        return value, "published", "", ""
    text = str(value)
    if match := RANGE.match(text):
        return "", "range", float(match[1]), float(match[2])
    if text.startswith("fewer than") and text.endswith("cases"):
        return "", "small base", "", ""
    if text.startswith("fewer than"):
        return "", "fewer than threshold", "", ""
    if text.startswith("not shown"):
        return "", "not shown", "", ""
    return "", "withheld", "", ""


def csv_format(report: Published) -> str:
    """Every published figure, one per row: stable columns for reuse, the value numeric (or empty)
    and what was withheld said in `status` (the Table Schema, `csv_table_schema`, describes it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    year = report["year"]

    def row(section: str, table: str, key: str, column: str, value: object, unit: str) -> None:
        writer.writerow((year, section, table, key, column, *_with_unit(value, unit)))

    for key, value in report["totals"].items():
        row("totals", "totals", key, "", value, _unit(key))
    tables = [("volumes", t) for t in report["volumes"]] + [
        ("not_accepted", report["not_accepted"])
    ]
    tables += [("outcomes", report["outcomes"][k]) for k in ("by_stage", "by_service", "remedies")]
    for x in report["timeliness_by_service"]["rows"]:
        for key, value in x.items():
            if key not in ("key", "label"):
                row("timeliness", "service", x["key"], key, value, _unit(key))
    for q in [*report["quarters"]["rows"], {"key": "total", **report["quarters"]["total"]}]:
        for key, value in q.items():
            if key not in ("key", "label"):
                row("volumes", "quarter", q["key"], key, value, _unit(key))
    tables += [("ombudsman", t) for t in report["ombudsman"]["decisions"]]
    tables += [("ombudsman", report["ombudsman"]["themes"])]
    tables += [("learning", report["learning"]["themes"])]
    for section, t in tables:
        unit = _unit("", t["id"])
        for r in t["rows"]:
            for column, value in zip(t["columns"], r["values"]):
                row(section, t["id"], r["key"], column, value, unit)
            if "total" in r:
                row(section, t["id"], r["key"], "Total", r["total"], unit)
        for column, value in zip(t["columns"], t.get("total", ())):
            row(section, t["id"], "total", column, value, unit)
        if "grand_total" in t:
            row(section, t["id"], "total", "Total", t["grand_total"], unit)
    for stage in report["timeliness"]:
        for key, value in stage.items():
            if key != "stage":
                row("timeliness", f"stage{stage['stage']}", key, "", value, _unit(key))
    o = report["outcomes"]
    row("outcomes", "remedies", "financial_total", "", o["financial_remedies_total"], "GBP")
    row("outcomes", "remedies", "financial_average", "", o["financial_remedies_average"], "GBP")
    for stage, amount in o["financial_remedies_by_stage"].items():
        row("outcomes", "remedies", "financial_total", stage, amount, "GBP")
    m = report["ombudsman"]
    row("ombudsman", "compensation", "compensation_ordered", "", m["compensation_ordered"], "GBP")
    row("ombudsman", "recommendations", "recommendations", "", m["recommendations"], "complaints")
    on_time = m["recommendations_complied_on_time"]
    row("ombudsman", "recommendations", "complied_on_time", "", on_time, "percent")
    for path, value in _leaves(report["tsm"] or {}):
        row("tsm", path[0], ".".join(path[1:-1]), path[-1], value, _unit(path[-1]))
    return out.getvalue()


def _with_unit(value: object, unit: str) -> tuple[object, ...]:
    number, status, low, high = _status(value)
    if unit == "working days" and isinstance(number, int):
        number = float(number)  # a median may be a half: every number of days is a decimal
    return number, unit, status, low, high


def _leaves(node: object, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], object]]:
    """The TSM figures (numbers, and the words standing for withheld ones) with their paths; its
    text (labels, dates, settings) is not a figure."""
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, (*path, str(k)))]
    if isinstance(node, list):
        found = []
        for n, item in enumerate(node):
            name = item.get("tenure", str(n)) if isinstance(item, dict) else str(n)
            found += _leaves(item, (*path, name))
        return found
    if len(path) < 2 or isinstance(node, bool) or path[-1] in _TSM_TEXT:
        return []
    if isinstance(node, str) and _status(node)[1] == "withheld" and not _is_label(node):
        return []
    return [(path, node)]


_TSM_TEXT = {"tenure", "label", "homes_as_of", "homes_example", "withdrawn", "refused"}


def _is_label(text: str) -> bool:
    """Whether a TSM string is one of the words disclosure control writes for a figure."""
    return text in ("hidden", "not shown") or text.startswith(("fewer than", "not shown"))


def csv_table_schema(report: Published) -> str:
    """A Frictionless Table Schema (v1) of the CSV (`csv_format`): its columns, their types, units
    and statuses, for tools that read open data."""
    threshold = report["suppression"]["threshold"]

    def field(name: str, kind: str, description: str, **constraints: object) -> dict[str, object]:
        found: dict[str, object] = {"name": name, "type": kind, "description": description}
        if constraints:
            found["constraints"] = constraints
        return found

    schema = {
        "$schema": "https://datapackage.org/profiles/1.0/tableschema.json",
        "title": f"Annual complaints report {report['year']}: every published figure",
        "description": (
            f"{report['council']}'s annual complaints report figures as at {report['as_of']}, "
            "one per row. A figure withheld by disclosure control has an empty value and says why "
            f"in status (counts from 1 to {threshold} that could point at a person are protected)."
        ),
        "fields": [
            field("year", "string", "The reporting year.", required=True, pattern=r"\d{4}-\d{2}"),
            field("section", "string", "The part of the report.", required=True),
            field("table", "string", "The table or group of figures.", required=True),
            field("row", "string", "The row: a category's key, 'total', or a figure's name."),
            field("column", "string", "The column: a stage, a decision, or empty."),
            field("value", "number", "The figure, where it is published exactly."),
            field("unit", "string", "What the figure counts.", required=True, enum=list(UNITS)),
            field(
                "status",
                "string",
                "Whether the figure is published and if not why: "
                + "; ".join(f"{k}: {v}" for k, v in STATUSES.items()),
                required=True,
                enum=list(STATUSES),
            ),
            field("low", "number", "The least the figure can be, where it is given as a range."),
            field("high", "number", "The most the figure can be, where it is given as a range."),
        ],
        "missingValues": [""],
        "primaryKey": ["year", "section", "table", "row", "column"],
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


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
