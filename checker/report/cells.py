"""The report page's building blocks: a figure as a cell, a percentage, a sum of money, and a
published breakdown as an accessible HTML table with what it counts said under it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from checker.model.codes import BODIES
from checker.report.plain import escaped

if TYPE_CHECKING:
    from checker.report.publish import Published


def cell(value: int | float | str | None) -> str:
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
        cells = "".join(f"<td>{cell(v)}</td>" for v in row["values"])
        cells += f"<td>{cell(row['total'])}</td>" if has_totals else ""
        rows.append(f'<tr><th scope="row">{escaped(row["label"])}</th>{cells}</tr>')
    if "total" in t:
        total_cells = "".join(f"<td>{cell(v)}</td>" for v in t["total"])
        total_cells += f"<td>{cell(t.get('grand_total'))}</td>" if has_totals else ""
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


def pct(value: int | float | str | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}%" if isinstance(value, (int, float)) else escaped(str(value))


def money(value: float | str | None) -> str:
    if value is None:
        return "none"
    return "£" + format(value, ",.2f") if isinstance(value, (int, float)) else escaped(value)
