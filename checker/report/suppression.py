"""Small-number suppression for published tables, with secondary suppression that holds against
a reader who knows the rules.

A count from 1 to the threshold (default 4) is shown as "fewer than 5"; any other count hidden to
protect one is shown as "hidden" (it is then 0 or more than 4, and the reader may know that). A
table is its cells and its totals (row totals, column totals, the grand total), bound by linear
constraints: each line of cells adds up to its total. Totals are counts like any other: one from
1 to 4 is hidden too.

After the small counts are hidden, the constraints are propagated the way a careful reader would
(each hidden value narrowed to those consistent with every line, given what the labels reveal),
until nothing changes. Any hidden value left with a single possibility could be worked out, so a
further value on one of its lines is hidden (the smallest non-zero count, a cell before a total;
anywhere in the table if its lines are hidden already), and the propagation starts again.
Propagation works on sets of possible values held as bitmasks, so it is exact for each line and
fast for the tables a report holds.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

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


K = TypeVar("K", bound=Hashable)  # a cell's key: a line's label, or a table's (row, column)
Line = tuple[tuple[K, ...], K]  # the keys of a line's cells, and the key of its total
TableKey = tuple[str | None, str | None]  # (row, column); None for the totals


def protect(
    values: Mapping[K, int], lines: Iterable[Line[K]], threshold: int = DEFAULT_THRESHOLD
) -> set[K]:
    """The keys to hide so that no hidden count can be worked out from what is shown."""
    lines = [(tuple(members), total) for members, total in lines]
    order = {key: n for n, key in enumerate(values)}  # cells come before totals in `values`
    hidden = {key for key, value in values.items() if primary(value, threshold)}
    bound = max([*values.values(), 1])
    while True:
        exposed = _exposed(values, lines, hidden, threshold, bound)
        if not exposed:
            return hidden
        candidates = [
            k
            for key in sorted(exposed, key=order.__getitem__)
            for members, total in lines
            if key in (*members, total)
            for k in (*members, total)
            if k not in hidden
        ] or [k for k in values if k not in hidden]  # its lines are all hidden: widen to the table
        if not candidates:
            return hidden  # everything is hidden
        hidden.add(min(candidates, key=lambda k: (values[k] == 0, values[k], order[k])))


def _exposed(
    values: Mapping[K, int],
    lines: Sequence[Line[K]],
    hidden: Collection[K],
    threshold: int,
    bound: int,
) -> list[K]:
    """Hidden keys that propagation narrows to a single possible value."""
    small = sum(1 << v for v in range(1, threshold + 1))
    other = ((1 << (bound + 1)) - 1) & ~small  # 0, or more than the threshold
    domain = {
        key: (small if primary(value, threshold) else other) if key in hidden else 1 << value
        for key, value in values.items()
    }
    changed = True
    while changed:
        changed = False
        for members, total in lines:
            if not any(k in hidden for k in (*members, total)):
                continue
            for key, narrowed in _narrow(members, total, domain).items():
                if narrowed != domain[key]:
                    domain[key] = narrowed
                    changed = True
    hidden = [
        key for key in values if key in hidden
    ]  # in table order, not a set's: the search is deterministic
    pinned = [key for key in hidden if domain[key] & (domain[key] - 1) == 0]
    if pinned:
        return pinned
    return [key for key in hidden if not _can_differ(key, values, lines, hidden, domain)]


def _can_differ(
    key: K,
    values: Mapping[K, int],
    lines: Sequence[Line[K]],
    hidden: list[K],
    domain: Mapping[K, int],
    budget: int = 20000,
) -> bool:
    """Whether some assignment consistent with every line gives `key` a value other than its own.

    Per-line propagation misses what only several lines together imply; this search settles it.
    The true values are one solution, so the search starts from them and changes as little as it
    can: each hidden value in turn (the fewest possibilities first) takes the values its lines
    still allow, nearest its own first. If the budget runs out the answer is no: hide more rather
    than risk it."""
    order = [key] + sorted((k for k in hidden if k != key), key=lambda k: domain[k].bit_count())
    low = {k: (domain[k] & -domain[k]).bit_length() - 1 for k in order}
    high = {k: domain[k].bit_length() - 1 for k in order}
    choice: dict[K, int] = {k: values[k] for k in values if k not in low}  # what is shown is known
    # each hidden key's lines: (its other members, its total, it is the total)
    involved: dict[K, list[tuple[list[K], K, bool]]] = {k: [] for k in order}
    for members, total in lines:
        for k in (*members, total):
            if k in involved:
                involved[k].append(([m for m in members if m != k], total, k == total))
    nodes = 0

    def allowed(k: K) -> tuple[int, int]:
        """The values of `k` its lines allow, given the choices so far: the bounds of an
        interval."""
        least, most = low[k], high[k]
        for members, total, is_total in involved[k]:
            lo = sum(choice[m] if m in choice else low[m] for m in members)
            hi = sum(choice[m] if m in choice else high[m] for m in members)
            if is_total:
                least, most = max(least, lo), min(most, hi)
            else:
                t = choice.get(total)
                least = max(least, (low[total] if t is None else t) - hi)
                most = min(most, (high[total] if t is None else t) - lo)
        return least, most

    def search(n: int) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > budget:
            return False
        if n == len(order):
            return True
        k = order[n]
        for value in _nearest(domain[k], values[k], *allowed(k), skip_own=n == 0):
            choice[k] = value
            if search(n + 1):
                return True
        choice.pop(k, None)
        return False

    return search(0)


def _nearest(mask: int, own: int, least: int, most: int, skip_own: bool) -> Iterator[int]:
    """The values in `mask` from `least` to `most`, nearest `own` first (the lower of two as
    near)."""
    if least > most:
        return
    mask &= ((1 << (most + 1)) - 1) & ~((1 << max(least, 0)) - 1)
    below = mask & ((1 << (own + 1)) - 1)  # own and the values under it
    above = mask >> (own + 1) << (own + 1)
    if skip_own:
        below &= ~(1 << own)
    down = below.bit_length() - 1
    up = (above & -above).bit_length() - 1
    while down >= 0 or up >= 0:
        if up < 0 or (down >= 0 and own - down <= up - own):
            yield down
            below ^= 1 << down
            down = below.bit_length() - 1
        else:
            yield up
            above &= above - 1
            up = (above & -above).bit_length() - 1


def _sumset(a: int, b: int) -> int:
    """The set of sums x + y with x in a and y in b (sets of naturals as bitmasks)."""
    if _run_count(a) > _run_count(b):
        a, b = b, a
    out = 0
    for start, length in _runs(a):
        out |= _smear(b, length - 1) << start
    return out


def _differences(totals: int, parts: int) -> int:
    """The set of t - s >= 0 with t in totals and s in parts."""
    out = 0
    for start, length in _runs(parts):
        out |= _smear(totals, length - 1) >> (start + length - 1)
    return out


def _runs(mask: int) -> Iterator[tuple[int, int]]:
    """Each run of consecutive values in a set (its first value and its length): a domain such as
    0 or 5 to 3,000 is two runs, so sums over it cost two operations, not 3,000."""
    while mask:
        start = (mask & -mask).bit_length() - 1
        rest = mask >> start
        length = (rest ^ (rest + 1)).bit_length() - 1  # the run of ones at the bottom of `rest`
        yield start, length
        mask ^= ((1 << length) - 1) << start


def _run_count(mask: int) -> int:
    return (mask & ~(mask << 1)).bit_count()


def _smear(mask: int, width: int) -> int:
    """The union of the set shifted up by 0 to `width` (in doubling steps)."""
    covered = 1  # the shifts 0 to covered - 1 are in
    while covered <= width:
        step = min(covered, width + 1 - covered)
        mask |= mask << step
        covered += step
    return mask


def _narrow(members: tuple[K, ...], total: K, domain: Mapping[K, int]) -> dict[K, int]:
    """Each key of one line narrowed to the values some assignment of the others allows."""
    masks = [domain[k] for k in members]
    prefix = [1]
    for mask in masks:
        prefix.append(_sumset(prefix[-1], mask))
    suffix = [1]
    for mask in reversed(masks):
        suffix.append(_sumset(suffix[-1], mask))
    suffix.reverse()
    result = {total: domain[total] & prefix[-1]}
    for n, key in enumerate(members):
        others = _sumset(prefix[n], suffix[n + 1])
        result[key] = domain[key] & _differences(result[total], others)
    return result


def suppress_line(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD
) -> dict[str | None, Cell]:
    """One breakdown published with its total: its cells, and its total under the key None."""
    values: dict[str | None, int] = {key: count for key, count in counts.items()}
    values[None] = sum(counts.values())
    hidden = protect(values, [(tuple(counts), None)], threshold)
    return {key: Cell(value, key in hidden) for key, value in values.items()}


@dataclass(frozen=True)
class Table:
    """A two-way table as published: its cells, row totals, column totals and grand total."""

    cells: dict[str, dict[str, Cell]]
    row_totals: dict[str, Cell]
    column_totals: dict[str, Cell]
    grand_total: Cell


def suppress_table(
    counts: Mapping[str, Mapping[str, int]],
    threshold: int = DEFAULT_THRESHOLD,
    columns: Sequence[str] | None = None,
) -> Table:
    """A two-way table published with its row, column and grand totals; `columns` names them
    where a table may have no rows (a year with no complaints yet)."""
    rows = list(counts)
    if columns is None:
        columns = list(dict.fromkeys(c for row in counts.values() for c in row))
    values: dict[TableKey, int] = {(r, c): counts[r].get(c, 0) for r in rows for c in columns}
    values |= {(r, None): sum(counts[r].get(c, 0) for c in columns) for r in rows}
    values |= {(None, c): sum(counts[r].get(c, 0) for r in rows) for c in columns}
    values[(None, None)] = sum(values[(None, c)] for c in columns)
    lines: list[Line[TableKey]] = [(tuple((r, c) for c in columns), (r, None)) for r in rows]
    lines += [(tuple((r, c) for r in rows), (None, c)) for c in columns]
    lines += [
        (tuple((r, None) for r in rows), (None, None)),
        (tuple((None, c) for c in columns), (None, None)),
    ]
    hidden = protect(values, lines, threshold)

    def cell(key: TableKey) -> Cell:
        return Cell(values[key], key in hidden)

    return Table(
        cells={r: {c: cell((r, c)) for c in columns} for r in rows},
        row_totals={r: cell((r, None)) for r in rows},
        column_totals={c: cell((None, c)) for c in columns},
        grand_total=cell((None, None)),
    )
