"""The report page's complaint handling performance: volumes and quarters, timeliness, outcomes
and remedies, ombudsman referrals, the Tenant Satisfaction Measures and the year before."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from checker.report.cells import cell, money, pct, table
from checker.report.plain import escaped, link

if TYPE_CHECKING:
    from checker.report.publish import Published


def volumes(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    t = r["totals"]
    add("## 2. Complaint handling performance\n")
    add("### Volumes\n")
    add(
        f"- Complaints received at stage 1: {cell(t['stage1'])}\n"
        f"- Complaints at stage 2: {cell(t['stage2'])}, of which escalated from stage 1: "
        f"{cell(t['escalated'])}\n"
        f"- Stage 1 complaints of the year escalated to stage 2: "
        f"{pct(t['escalation_rate'])}\n"
        f"- Complaints not accepted: {cell(t['not_accepted'])}\n"
        f"- Complaints in which discrimination was claimed: {cell(t['discrimination_claimed'])}\n"
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
    return _by_stage(
        q["title"],
        "Quarter",
        [*q["rows"], {"label": "The year", **q["total"]}],
        [
            ("Stage {n} complaints", "stage{n}", cell),
            ("Stage {n} responses", "stage{n}_responded", cell),
            ("Stage {n} responses in time", "stage{n}_responded_in_time", pct),
        ],
        "Complaints count in the quarter their stage began; responses in the quarter they were "
        "sent, whatever quarter the complaint came in.",
    )


Column = tuple[str, str, Callable[[Any], str]]  # a heading and a key ({n}: the stage), its cells


def _by_stage(
    title: str, dimension: str, rows: list[Published], columns: list[Column], note: str
) -> str:
    """A table of rows with the same columns for stage 1, then for stage 2, and what it counts."""
    head = "".join(
        f'<th scope="col">{heading.format(n=n)}</th>' for n in (1, 2) for heading, _, _ in columns
    )
    body = "".join(
        f'<tr><th scope="row">{escaped(row["label"])}</th>'
        + "".join(
            f"<td>{shown(row[key.format(n=n)])}</td>" for n in (1, 2) for _, key, shown in columns
        )
        + "</tr>\n"
        for row in rows
    )
    return (
        f"<table>\n<caption>{escaped(title)}</caption>\n"
        f'<thead><tr><th scope="col">{dimension}</th>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n'
        f"</table>\n\n{note}\n"
    )


def timeliness(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    add("### Timeliness\n")
    if all(s["responded"] == 0 for s in r["timeliness"]):
        add(
            f"No complaint was responded to in this year by {r['as_of']}, so there is no "
            "timeliness or outcome to report yet.\n"
        )
    rows = "".join(
        f'<tr><th scope="row">Stage {s["stage"]}</th><td>{pct(s["acknowledged_in_time"])}</td>'
        f"<td>{pct(s['responded_in_time'])}</td><td>{pct(s['responded_without_extension'])}</td>"
        f"<td>{cell(s['extensions'])}</td><td>{cell(s['median_working_days'])}</td>"
        f"<td>{cell(s['p90_working_days'])}</td></tr>"
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
    return _by_stage(
        t["title"],
        "Service",
        t["rows"],
        [
            ("Stage {n} responses", "stage{n}_responded", cell),
            ("Stage {n} in time", "stage{n}_responded_in_time", pct),
        ],
        "The responses each service sent in the year, and how many of them were in time (with any "
        "agreed extension).",
    )


def outcomes(r: Published, charts: Mapping[str, str] | None) -> list[str]:
    out: list[str] = []
    add = out.append
    o = r["outcomes"]
    add("### Outcomes and remedies\n")
    add(table(o["by_stage"], charts))
    add(table(o["by_service"], charts))
    add(table(o["remedies"], charts))
    by_stage = o["financial_remedies_by_stage"]
    add(
        f"Financial remedies paid or offered: {money(o['financial_remedies_total'])} in all, "
        f"{money(by_stage['stage1'])} at stage 1 and {money(by_stage['stage2'])} at stage 2; "
        f"on average {money(o['financial_remedies_average'])} a payment.\n"
    )
    return out


def referrals(r: Published, charts: Mapping[str, str] | None) -> list[str]:
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
    add(f"Compensation the ombudsmen ordered: {money(m['compensation_ordered'] or None)}.\n")
    add(
        f"Ombudsman recommendations: {cell(m['recommendations'])}; complied with by the date set: "
        f"{pct(m['recommendations_complied_on_time'])}.\n"
    )
    return out


def tsm(r: Published) -> list[str]:
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
            f"<td>{cell(ch01['stage1_per_1000_homes'])}</td>"
            f"<td>{cell(ch01['stage2_per_1000_homes'])}</td>"
            f"<td>{pct(ch02['stage1']['within_timescales'])}</td>"
            f"<td>{pct(ch02['stage2']['within_timescales'])}</td>"
            f"<td>{pct(ch02['stage1']['within_timescales_without_extensions'])}</td>"
            f"<td>{pct(ch02['stage2']['within_timescales_without_extensions'])}</td></tr>"
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
            + " and ".join(f"{pct(v)} in {escaped(name)}" for name, v in surveyed)
            + " were satisfied with the council's approach to complaints handling.\n"
        )
    apart = "".join(
        f'<tr><th scope="row">{escaped(a["label"])}</th><td>{cell(a["stage1"])}</td>'
        f"<td>{cell(a['stage2'])}</td>"
        f"<td>{pct(a['CH02']['stage1']['within_timescales'])}</td>"
        f"<td>{pct(a['CH02']['stage2']['within_timescales'])}</td></tr>"
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
        f"{cell(unknown['stage1'])} at stage 1 and {cell(unknown['stage2'])} at stage 2 this "
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


def previous_year(r: Published, charts: Mapping[str, str] | None) -> list[str]:
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
            f"<td>{cell(p['stage1'])}</td><td>{cell(t['stage1'])}</td></tr>\n"
            '<tr><th scope="row">Stage 2 complaints</th>'
            f"<td>{cell(p['stage2'])}</td><td>{cell(t['stage2'])}</td></tr>\n"
            '<tr><th scope="row">Not accepted</th>'
            f"<td>{cell(p['not_accepted'])}</td><td>{cell(t['not_accepted'])}</td></tr>\n"
            '<tr><th scope="row">Stage 1 responded in time</th>'
            f"<td>{pct(p['stage1_responded_in_time'])}</td>"
            f"<td>{pct(r['timeliness'][0]['responded_in_time'])}</td></tr>\n"
            '<tr><th scope="row">Stage 2 responded in time</th>'
            f"<td>{pct(p['stage2_responded_in_time'])}</td>"
            f"<td>{pct(r['timeliness'][1]['responded_in_time'])}</td></tr>\n"
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
