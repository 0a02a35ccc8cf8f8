"""`complaints report` output: the published report as Markdown (its parts in `performance` and
`accountability`, its tables from `cells`); its JSON and CSV are `open_data`'s, and the formats are
chosen by name in `formats`.

The Markdown follows the order of the report's contents in Canterbury's policy 15.1 (the HO
Code's 8.1 list): self-assessment, performance, findings of non-compliance, service
improvements, the LGSCO's annual letter, the Housing Ombudsman's, then the governing body's
response (policy 15.4; HO 8.2). Tables are HTML with a caption and header cells, which every
Markdown processor passes through, so the page is accessible wherever it is rendered. Every
string from the data is shown through `plain.escaped` and every link made by `plain.link`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from checker.model.codes import BODIES
from checker.report import charts
from checker.report.accountability import (
    governing_body,
    improvements,
    letters,
    non_compliance,
    self_assessment,
)
from checker.report.cells import cell, money, pct
from checker.report.performance import (
    outcomes,
    previous_year,
    referrals,
    timeliness,
    tsm,
    volumes,
)
from checker.report.plain import escaped

if TYPE_CHECKING:  # the command line imports this module for its format names: keep it light
    from checker.report.publish import Published


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
        *self_assessment(r, assessments or {}),
        *volumes(r, charts),
        *timeliness(r, charts),
        *outcomes(r, charts),
        *referrals(r, charts),
        *tsm(r),
        *previous_year(r, charts),
        *non_compliance(r),
        *improvements(r),
        *letters(r),
        *governing_body(r),
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
                f"{what}: {pct(now)}, {'up' if now > before else 'down'} from {pct(before)}."
            )
        return f" (last year: {pct(before) if rate else cell(before)})"

    lines = [
        f"{cell(t['stage1'])} complaints at stage 1{last('stage1', t['stage1'], '')} and "
        f"{cell(t['stage2'])} at stage 2{last('stage2', t['stage2'], '')}; "
        f"{cell(t['not_accepted'])} not accepted{last('not_accepted', t['not_accepted'], '')}.",
    ]
    for number, stage in enumerate(r["timeliness"], start=1):
        now = stage["responded_in_time"]
        what = f"Stage {number} responses sent in time"
        before = last(f"stage{number}_responded_in_time", now, what, rate=True)
        lines.append(f"{what}: {pct(now)} of {cell(stage['responded'])}{before}.")
        if isinstance(now, (int, float)) and now < 100:
            worse.append(f"{what}: {pct(now)}; the Codes expect every response in time.")
    total = r["outcomes"]["financial_remedies_total"]
    if isinstance(total, (int, float)) and total:
        lines.append(f"Financial remedies paid or offered: {money(total)}.")
    if r["tsm"]:
        ch02 = r["tsm"]["CH02"]["stage1"]
        lines.append(
            f"Housing (low-cost rental homes): {cell(r['tsm']['CH01']['stage1_per_1000_homes'])} "
            f"stage 1 complaints per 1,000 homes (TSM CH01); {pct(ch02['within_timescales'])} "
            "answered within the Housing Ombudsman's Code timescales (TSM CH02)"
            + (
                f"; {pct(r['tsm']['TP09'])} of tenants who complained satisfied with how it "
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


def markdown_with_charts(report: Published) -> str:
    """The report page with its charts (matplotlib is loaded only for this format)."""
    return markdown(
        report, {key: charts.html(chart) for key, chart in charts.render(report).items()}
    )
