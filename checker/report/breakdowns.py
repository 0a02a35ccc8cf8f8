"""The published breakdowns: a one-way or two-way table as decided, its rows named from the
council's lists or the schemas' (never a slug typed in a case), in an order that gives nothing
withheld away."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.report.disclose import REST
from checker.report.plain import label
from checker.report.suppression import (
    OTHER,
    OTHER_LABEL,
    Breakdown,
    Decided,
    Grid,
    primary,
)

# The report, or a part of it, as JSON-ready data (checker/schemas/report-data.schema.json).
Published = dict[str, Any]


# What a service, type or channel the council has not declared is shown as (only a repository
# that fails the check has one): never its slug, which may be anything typed.
NOT_DECLARED = "Not a declared category"
REST_LABEL = "All other types"


def named(key: str, labels: Mapping[str, str] | None) -> str:
    if key == OTHER:
        return OTHER_LABEL
    if key == REST:
        return REST_LABEL
    return label(key) if labels is None else labels.get(key, NOT_DECLARED)


def ordered(decided: Decided, keys: Mapping[str, Any]) -> list[str]:
    """Rows in an order that says nothing hidden: the shown counts largest first, then those
    shown as "hidden", then "fewer than 5", then "not shown", each in key order."""

    def place(row: str) -> tuple[int, int, str]:
        cell = decided.cell(keys[row])
        if not cell.hidden:
            return (0, -cell.value, row)
        if cell.loose:
            return (3, 0, row)
        return (2 if primary(cell.value, decided.threshold) else 1, 0, row)

    return sorted(keys, key=place)


def line_table(
    decided: Decided,
    keys: Breakdown,
    table_id: str,
    title: str,
    dimension: str,
    column: str = "Complaints",
    labels: Mapping[str, str] | None = None,
    order: tuple[str, ...] = (),
) -> Published:
    """A one-way breakdown with its total, as decided; its rows named by `labels` if given, in
    the `order` given (an ombudsman's categories), else largest first."""
    ranked = ordered(decided, keys.cells)
    if order:
        ranked = [k for k in order if k in keys.cells] + [k for k in ranked if k not in order]
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [column],
        "rows": [
            {"key": key, "label": named(key, labels), "values": [decided.show(keys.cells[key])]}
            # the categories largest first, and those added up as one row after them
            for key in sorted(ranked, key=lambda k: k == REST)
        ],
        "total": [decided.show(keys.total)],
    }


def grid_table(
    decided: Decided,
    keys: Grid,
    table_id: str,
    title: str,
    dimension: str,
    fixed: bool = False,
    labels: Mapping[str, str] | None = None,
    across: bool = True,
    down: bool = True,
) -> Published:
    """A two-way breakdown, as decided, with its row totals (`across`), its column totals (`down`)
    and, with both, its grand total; its rows in their own order if `fixed`, else largest first.
    A total that would add a stage 1 to a stage 2 count is left out: one complaint may be in
    both."""
    # largest first by a published figure: the row total, or in a table by stage the stage 1 count
    basis = keys.row_totals if across else {r: keys.cells[r][keys.columns[0]] for r in keys.rows}
    rows = list(keys.rows) if fixed else ordered(decided, basis)
    table: Published = {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [label(c) for c in keys.columns],
        "rows": [
            {
                "key": r,
                "label": named(r, labels),
                "values": [decided.show(keys.cells[r][c]) for c in keys.columns],
            }
            | ({"total": decided.show(keys.row_totals[r])} if across else {})
            for r in rows
        ],
    }
    if down:
        table["total"] = [decided.show(keys.column_totals[c]) for c in keys.columns]
    if across and down:
        table["grand_total"] = decided.show(keys.grand_total)
    return table
