"""Small-number suppression for published tables, with secondary suppression.

A count from 1 to the threshold (default 4) is shown as "fewer than 5"; a larger count (or a zero)
hidden to protect it is shown as "hidden", never as a small number it is not. A hidden cell must not be
recoverable from what is published: wherever a row or column total is shown, a line holding a
hidden cell holds at least two, so subtraction gives only their sum. The second cell hidden is
the smallest non-zero count left in that line (the least information lost), or a zero when
nothing else is left. Hiding a cell may leave another line with one hidden cell, so lines are
revisited until none has exactly one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 4
HIDDEN = "hidden"


@dataclass(frozen=True)
class Cell:
    """A published count: its value, or hidden."""

    value: int
    hidden: bool = False

    def show(self, threshold: int = DEFAULT_THRESHOLD) -> str | int:
        if not self.hidden:
            return self.value
        return f"fewer than {threshold + 1}" if primary(self.value, threshold) else HIDDEN


def primary(value: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True for a count that may identify someone: 1 to the threshold."""
    return 0 < value <= threshold


def suppress_line(counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD) -> dict[str, Cell]:
    """One breakdown published with its total (a single line)."""
    table = suppress_table({"all": dict(counts)}, threshold, row_totals=True, column_totals=False)
    return table["all"]


def suppress_table(
    counts: Mapping[str, Mapping[str, int]],
    threshold: int = DEFAULT_THRESHOLD,
    row_totals: bool = True,
    column_totals: bool = True,
) -> dict[str, dict[str, Cell]]:
    """A two-way table published with its row and/or column totals."""
    rows = list(counts)
    columns = list(dict.fromkeys(c for row in counts.values() for c in row))
    value = {(r, c): counts[r].get(c, 0) for r in rows for c in columns}
    hidden = {key for key, v in value.items() if primary(v, threshold)}
    lines = []
    if row_totals:
        lines += [[(r, c) for c in columns] for r in rows]
    if column_totals:
        lines += [[(r, c) for r in rows] for c in columns]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for key in line if key in hidden) == 1:
                candidates = [key for key in line if key not in hidden and value[key] > 0]
                if not candidates:
                    candidates = [key for key in line if key not in hidden]
                if candidates:
                    hidden.add(min(candidates, key=lambda key: (value[key], line.index(key))))
                    changed = True
    return {r: {c: Cell(value[(r, c)], (r, c) in hidden) for c in columns} for r in rows}
