"""The import report: one line per row of the export (row number, reference, what happened, why),
then a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checker.importer.rows import Outcome

STATUSES = ("imported", "unchanged", "skipped", "rejected")


def render(outcomes: Sequence[Outcome], dry_run: bool = False) -> str:
    """Every row in order, aligned, and the counts."""
    rows = [("row", "reference", "result", "case file or reason")]
    for outcome in sorted(outcomes, key=lambda o: o.row):
        status = "would import" if dry_run and outcome.status == "imported" else outcome.status
        rows.append((str(outcome.row), outcome.reference or "(none)", status, outcome.detail))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths)) + "  " + row[3]
        for row in rows
    ]
    return "\n".join([*lines, summary(outcomes, dry_run)]) + "\n"


def summary(outcomes: Sequence[Outcome], dry_run: bool = False) -> str:
    """'200 rows: 182 imported, 0 unchanged, 8 skipped, 10 rejected.' and what was written."""
    counts = Counter(o.status for o in outcomes)
    parts = ", ".join(
        f"{counts[s]} {'would be imported' if dry_run and s == 'imported' else s}" for s in STATUSES
    )
    total = len(outcomes)
    text = f"{total} row{'s' if total != 1 else ''}: {parts}."
    if dry_run:
        return text + " Nothing was written (--dry-run)."
    if not counts["imported"]:
        return text + " Nothing was changed."
    return text + " Run `complaints check` to see the findings of the imported cases."
