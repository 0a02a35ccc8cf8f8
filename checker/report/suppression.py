"""Disclosure control: the one place that decides whether each published number is shown.

What is protected. The privacy duty is about what identifies a complainant, not about counts:
councils' annual reports and the ombudsmen themselves publish exact small counts of complaints by
stage, service, outcome and ombudsman decision. So the report publishes exact counts, and protects
only a count that could point at a person (`Sensitive`, set by the council in its report inputs,
`disclosure`), with these defaults and reasons:
- discrimination claimed: a claim of discrimination implies a protected characteristic, special
  category data (UK GDPR article 9); so does any breakdown by a protected characteristic;
- the statutory route (the social care complaints procedures) and the services the council
  declares for it: such a complaint is about the care of one child or adult, few in a year;
- the data protection route and its services: a complaint about a person's own records;
- any table the council marks, or every count (`everything`, for a very small council);
- the threshold 4 ("fewer than 5"), the common convention for small numbers in official
  statistics, and the policy's `suppression_threshold` where it sets one.
Two or more small sensitive categories of a table are grouped into one "other" row rather than
hidden. A count hidden only to protect another is shown again if no protected count needs it, or
if a reader could work it out anyway, so secondary suppression never wipes out a whole row or
column it is not needed for.

The rule, for every protected count a publication shows or lets a reader work out: it is 0 or
more than the threshold (default 4), or the reader cannot tell which number from 1 to the
threshold it is (a `Disclosure` made with `everything=True`, the default, protects every count).
A count from 1 to the threshold is shown as "fewer than 5"; any other count hidden to protect
one is shown as "hidden" (it is then 0 or more than 4, and the reader may know that); the labels
are part of what a reader knows.

A publication (`Disclosure`) declares every count it publishes, in a table, as a headline or
behind a rate, and the identities between them that a reader knows from the definitions: each line
of cells adds up to its total, tables that share a margin share its count (the stage 1 total of
the service table is the stage 1 total of the month table and the headline), and a count that is
never published (complaints taken straight to stage 2, say) is declared too, as implied, where it
links published ones. A rate publishes two counts: its numerator and the rest of its base (a share
of 96% of 25 says 1 was late), so both are declared with the base, and CH01 per 1,000 homes
publishes its count, the homes being published. `decide` then hides counts until nothing hidden
and no implied count from 1 to the threshold can be worked out, and each output (the page's
tables and text, the CSV and JSON, the charts, drawn from the JSON) reads its numbers from that
one decision.

A rate is shown exactly when its numerator, the rest and its base are shown; when its base is
from 1 to the threshold it is "fewer than 5 cases"; when one of its two counts is "fewer than 5",
it is shown as the range of rates those words allow ("97.5% to 99.4%": 1 to 4 of 163), which says
no more than "fewer than 5" does; otherwise it is "hidden". CH01 is shown the same way.

After the small counts are hidden, the constraints are propagated the way a careful reader would
(each hidden value narrowed to those consistent with every line, given what the labels reveal, and
that a row of a breakdown is there only if it counts at least one), until nothing changes; what
only several lines together imply is settled by searching for a second solution (changes that
cancel out on every line). Any hidden value left with a single possibility (or an implied count
left with a single possibility from 1 to the threshold) could be worked out, so a further count on
one of its lines is hidden: of the few that cost a reader least (not a 0, not a margin several
tables share, the smallest), the one that leaves least to work out. Where nothing is left to hide
and a count is still worked out from its label alone (four "fewer than 5" cells under a "fewer
than 5" total can only be 1 each), the label is dropped: "not shown", any number. Propagation
works on sets of possible values held as bitmasks, so it is exact for each line, and only the
hidden counts linked to the last one hidden are looked at again, so a whole report is decided in
well under a second.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

DEFAULT_THRESHOLD = 4
HIDDEN = "hidden"
NOT_SHOWN = "not shown"  # a count shown with no label, where even a label would give it away
LOOK_AHEAD = 4  # how many of the cheapest counts to hide are tried before one is chosen


@dataclass(frozen=True)
class Cell:
    """A published count: its value, or hidden."""

    value: int
    hidden: bool = False
    loose: bool = False  # hidden with no label: it could be any number

    def show(self, threshold: int = DEFAULT_THRESHOLD) -> str | int:
        if not self.hidden:
            return self.value
        if self.loose:
            return NOT_SHOWN
        return f"fewer than {threshold + 1}" if primary(self.value, threshold) else HIDDEN


def primary(value: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """True for a count that may identify someone: 1 to the threshold."""
    return 0 < value <= threshold


K = TypeVar("K", bound=Hashable)  # a count's key
Line = tuple[tuple[K, ...], K]  # the keys of a line's cells, and the key of its total


def protect(
    values: Mapping[K, int],
    lines: Iterable[Line[K]],
    threshold: int = DEFAULT_THRESHOLD,
    implied: Collection[K] = (),
    present: Collection[K] = (),
    protected: Collection[K] | None = None,
) -> set[K]:
    """The keys to hide so that no hidden count, and no `implied` count (never published) from 1
    to the threshold, can be worked out from what is shown. A reader knows a `present` key is not
    0 (a row of a breakdown is there only if it counts something). Only the `protected` keys'
    small counts are protected (None: every key's)."""
    return hide(values, lines, threshold, implied, present, protected)[0]


def hide(
    values: Mapping[K, int],
    lines: Iterable[Line[K]],
    threshold: int = DEFAULT_THRESHOLD,
    implied: Collection[K] = (),
    present: Collection[K] = (),
    protected: Collection[K] | None = None,
) -> tuple[set[K], set[K]]:
    """`protect`'s keys to hide, and those of them to show with no label at all ("not shown"):
    where nothing is left to hide and a count is still worked out from what its label says (four
    "fewer than 5" beside a "fewer than 5" total can only be 1, 1, 1 and 1)."""
    lines = [(tuple(members), total) for members, total in lines]
    order = {key: n for n, key in enumerate(values)}  # cells come before totals in `values`
    never = set(implied)
    guarded = set(values) if protected is None else set(protected)
    hidden = {k for k, v in values.items() if primary(v, threshold) and k in guarded} | never
    loose: set[K] = set()
    reader = _Reader(
        values,
        threshold,
        max([*values.values(), 1]),
        never,
        set(present),
        loose,
        guarded,
        protected is None,
    )
    on: dict[K, list[int]] = {key: [] for key in values}
    for n, (members, total) in enumerate(lines):
        for key in (*members, total):
            on[key].append(n)
    # hiding a key changes what a reader can work out only in the hidden keys linked to it:
    # each group of linked hidden keys is settled once, and again only once it has changed
    settled: dict[tuple[frozenset[K], frozenset[K]], list[K]] = {}

    def settle(group: frozenset[K]) -> list[K]:
        state = (group, frozenset(group & loose))
        if state not in settled:
            near = sorted({n for key in group for n in on[key]})
            settled[state] = reader.exposed([lines[n] for n in near], group, order)
        return settled[state]

    def cost(k: K) -> tuple[bool, bool, bool, int, int]:
        """What a reader loses: a 0 last, then a margin several tables or figures share, then
        (where only some counts are protected) a small count, whose "fewer than 5" would need
        protecting in turn, then the larger count, and a total after a cell."""
        small = protected is not None and primary(values[k], threshold)
        return (values[k] == 0, len(on[k]) > 2, small, values[k], order[k])

    def after(k: K, groups: list[frozenset[K]]) -> int:
        """How many more keys could be worked out once `k` is hidden too."""
        group = _linked(k, hidden, lines, on)
        return len(settle(group)) - sum(len(settle(g)) for g in groups if g & group)

    def finish() -> tuple[set[K], set[K]]:
        """Where only some counts are protected: a count hidden for another that no protected
        count needs after all is shown (totals tried first, then cells, the smallest first), and
        so is one a reader can work out all the same (it protects nothing)."""
        if protected is None:
            return hidden - never, loose
        for key in sorted(hidden - never - guarded, key=lambda k: (-order[k], values[k])):
            hidden.discard(key)
            if any(settle(group) for group in _groups(hidden, lines, order)):
                hidden.add(key)
        while True:
            spare = [
                key
                for group in _groups(hidden, lines, order)
                for key in reader.exposed(
                    [lines[n] for n in sorted({n for k in group for n in on[k]})],
                    group,
                    order,
                    secondary=True,
                )
                if key not in never and not (key in guarded and primary(values[key], threshold))
            ]
            if not spare:
                return hidden - never, loose
            hidden.difference_update(spare)

    while True:
        groups = _groups(hidden, lines, order)
        exposed = [key for group in groups for key in settle(group)]
        if not exposed:
            return finish()
        candidates = {
            k
            for key in exposed
            for n in on[key]
            for k in (*lines[n][0], lines[n][1])
            if k not in hidden
        } or {  # their lines are all hidden: widen to what is linked to them
            k
            for group in groups
            if group & set(exposed)
            for key in group
            for n in on[key]
            for k in (*lines[n][0], lines[n][1])
            if k not in hidden
        }
        if not candidates:  # everything linked to them is hidden: drop a label instead
            labelled = [k for k in exposed if k not in loose and k not in never]
            if not labelled:
                return finish()
            loose.add(min(labelled, key=order.__getitem__))
            continue

        # of the few that cost a reader least, the one that leaves least to work out
        options = sorted(candidates, key=cost)[:LOOK_AHEAD]
        hidden.add(min(options, key=lambda k: (after(k, groups), cost(k))))


def _linked(key: K, hidden: Collection[K], lines: Sequence[Line[K]], on: Mapping) -> frozenset[K]:
    """`key` and the hidden keys linked to it by lines, were it hidden too."""
    found, todo = {key}, [key]
    while todo:
        for n in on[todo.pop()]:
            for other in (*lines[n][0], lines[n][1]):
                if other in hidden and other not in found:
                    found.add(other)
                    todo.append(other)
    return frozenset(found)


def _groups(
    hidden: Collection[K], lines: Sequence[Line[K]], order: Mapping[K, int]
) -> list[frozenset[K]]:
    """The hidden keys in groups linked by lines (a shown key is a constant, and links nothing),
    each a frozenset, in the order of their first key."""
    parent = {key: key for key in hidden}

    def root(key: K) -> K:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for members, total in lines:
        linked = [k for k in (*members, total) if k in parent]
        for other in linked[1:]:
            parent[root(other)] = root(linked[0])
    groups: dict[K, set[K]] = {}
    for key in hidden:
        groups.setdefault(root(key), set()).add(key)
    found = [frozenset(group) for group in groups.values()]
    return sorted(found, key=lambda group: min(order[k] for k in group))


@dataclass(frozen=True)
class _Reader:
    """What a reader who knows the rules knows of every count before reading the figures."""

    values: Mapping
    threshold: int
    bound: int  # no count is larger
    implied: Collection  # never published: 0 or more
    present: Collection  # not 0
    loose: Collection  # hidden with no label: 0 or more
    protected: Collection  # the keys whose small counts are protected
    every: bool  # every count hidden is guarded, not only the protected small ones

    def exposed(
        self,
        lines: Sequence[Line[K]],
        group: frozenset[K],
        order: Mapping[K, int],
        secondary: bool | None = None,
    ) -> list[K]:
        """The keys of one group of linked hidden keys that propagation narrows to a single
        possible value (for an implied key, to a single value from 1 to the threshold), or that
        the search finds could not differ."""
        small = sum(1 << v for v in range(1, self.threshold + 1))
        every = (1 << (self.bound + 1)) - 1
        other = every & ~small  # 0, or more than the threshold
        domain = {k: 1 << self.values[k] for line in lines for k in (*line[0], line[1])}
        for key in group:
            if key in self.implied or key in self.loose:
                domain[key] = every
            elif primary(self.values[key], self.threshold):
                domain[key] = small
            else:
                domain[key] = other
            if key in self.present:
                domain[key] &= ~1
        _propagate(lines, domain)
        # in table order, not a set's: the search is deterministic
        others = self.every if secondary is None else secondary  # a count hidden for another
        guarded = [
            key
            for key in sorted(group, key=order.__getitem__)
            if (others and key not in self.implied)
            or (key in self.protected and primary(self.values[key], self.threshold))
        ]
        pinned = [key for key in guarded if domain[key] & (domain[key] - 1) == 0]
        if pinned:
            return pinned
        return [k for k in guarded if not _can_differ(k, self.values, lines, group, domain, order)]


def _propagate(lines: Sequence[Line[K]], domain: dict[K, int]) -> None:
    """Narrow each key's possible values line by line until nothing changes (a line again only
    when one of its keys has changed)."""
    on: dict[K, list[int]] = {}
    for n, (members, total) in enumerate(lines):
        for key in (*members, total):
            on.setdefault(key, []).append(n)
    todo = deque(range(len(lines)))
    waiting = set(todo)
    while todo:
        n = todo.popleft()
        waiting.discard(n)
        for key, narrowed in _narrow(*lines[n], domain).items():
            if narrowed != domain[key]:
                domain[key] = narrowed
                for again in on[key]:
                    if again not in waiting:
                        waiting.add(again)
                        todo.append(again)


def _can_differ(
    key: K,
    values: Mapping[K, int],
    lines: Sequence[Line[K]],
    group: Collection[K],
    domain: Mapping[K, int],
    rank: Mapping[K, int],
    budget: int = 20000,
) -> bool:
    """Whether some assignment consistent with every line gives `key` a value other than its own.

    Per-line propagation misses what only several lines together imply; this search settles it.
    The true values are one solution; another differs from it by changes that cancel out on every
    line (in a table, a cycle: one more here, one fewer in the same column, one more in that row).
    So `key` is changed, and each line left out of balance is put right by changing one more
    hidden key on it (the line with the fewest to choose from first), each key at most once and
    only to a value a reader would still allow, until every line balances. Any such set of changes
    is another solution, so a True is sure; if the budget runs out the answer is no: hide more
    rather than risk it."""
    on: dict[K, list[tuple[int, int]]] = {k: [] for k in group}  # (line, +1 member / -1 total)
    for n, (members, total) in enumerate(lines):
        for k in members:
            if k in on:
                on[k].append((n, 1))
        if total in on:
            on[total].append((n, -1))
    changed: dict[K, int] = {}
    off: dict[int, int] = {}  # line -> members' changes less the total's, where not 0
    nodes = 0

    def change(k: K, by: int) -> None:
        changed[k] = by
        for n, sign in on[k]:
            off[n] = off.get(n, 0) + sign * by
            if off[n] == 0:
                del off[n]

    def undo(k: K) -> None:
        by = changed.pop(k)
        for n, sign in on[k]:
            off[n] = off.get(n, 0) - sign * by
            if off[n] == 0:
                del off[n]

    def allows(k: K, by: int) -> bool:
        value = values[k] + by
        return value >= 0 and bool(domain[k] >> value & 1)

    def fixes(n: int) -> list[tuple[K, int]]:
        """The changes that would balance line `n`: one hidden key on it, not yet changed."""
        members, total = lines[n]
        found = [(k, -off[n]) for k in members if k in on and k not in changed]
        if total in on and total not in changed:
            found.append((total, off[n]))
        return [(k, by) for k, by in found if allows(k, by)]

    def balance() -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > budget:
            return False
        if not off:
            return True
        options = min((fixes(n) for n in sorted(off)), key=len)
        for k, by in sorted(options, key=lambda option: rank[option[0]]):
            change(k, by)
            if balance():
                return True
            undo(k)
        return False

    own = values[key]
    for value in itertools.islice(_nearest(domain[key], own, 0, own + 64, skip_own=True), 8):
        change(key, value - own)
        if balance():
            return True
        undo(key)
        if nodes > budget:
            return False
    return False


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


@dataclass(frozen=True)
class Breakdown:
    """The keys of a one-way table: each category's count, and its total's."""

    cells: dict[str, Hashable]
    total: Hashable


@dataclass(frozen=True)
class Grid:
    """The keys of a two-way table: its cells, row totals, column totals and grand total."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[str, dict[str, Hashable]]
    row_totals: dict[str, Hashable]
    column_totals: dict[str, Hashable]
    grand_total: Hashable


class Disclosure:
    """Every count one publication shows or implies, and the identities between them, declared
    once and then decided once (`decide`). A key declared twice is the same count: two tables
    that share a margin give it the same key."""

    def __init__(self, threshold: int = DEFAULT_THRESHOLD, everything: bool = True) -> None:
        self.threshold = threshold
        self.everything = everything  # every small count protected, not only the sensitive
        self.sensitive: set[Hashable] = set()  # the counts whose small values are protected
        self.values: dict[Hashable, int] = {}
        self.implied: set[Hashable] = set()  # never shown: the reader knows only it is 0 or more
        self.present: set[Hashable] = set()  # shown only where it is not 0 (a breakdown's row)
        self.lines: list[Line[Hashable]] = []
        self.rates: dict[Hashable, tuple[Hashable, Hashable]] = {}  # numerator -> (rest, base)

    def count(
        self, key: Hashable, value: int, present: bool = False, sensitive: bool = False
    ) -> Hashable:
        """A count that is published (as itself, or behind a rate); a `sensitive` one (it could
        point at a person) is protected when it is small."""
        if self.values.setdefault(key, value) != value:
            raise ValueError(f"{key!r} is declared as {self.values[key]} and {value}")
        if present and value > 0:
            self.present.add(key)
        if sensitive:
            self.sensitive.add(key)
        return key

    def imply(self, key: Hashable, value: int) -> Hashable:
        """A count that is never published but follows from published ones."""
        if value < 0:
            raise ValueError(f"{key!r} is {value}: the identity it comes from is wrong")
        self.implied.add(key)
        return self.count(key, value)

    def line(self, members: Iterable[Hashable], total: Hashable) -> None:
        """The members add up to the total."""
        members = tuple(members)
        if sum(self.values[k] for k in members) != self.values[total]:
            raise ValueError(f"{members!r} do not add up to {total!r}")
        self.lines.append((members, total))

    def part(self, key: Hashable, value: int, whole: Hashable, sensitive: bool = False) -> Hashable:
        """A published count that is part of another: the rest is implied."""
        self.count(key, value, sensitive=sensitive)
        rest = self.imply(("rest of", whole, key), self.values[whole] - value)
        self.line((key, rest), whole)
        return key

    def share(self, key: Hashable, value: int, base: Hashable) -> Hashable:
        """A count published as a rate of `base`: the rest of the base is published with it."""
        self.count(key, value)
        rest = self.count(("rest of", base, key), self.values[base] - value)
        self.line((key, rest), base)
        self.rates[key] = (rest, base)
        return key

    def breakdown(
        self,
        name: str,
        counts: Mapping[str, int],
        total: Hashable | None = None,
        sensitive: Collection[str] | bool = (),
    ) -> Breakdown:
        """A one-way table of the categories present (each counts at least one) and its total;
        the `sensitive` categories' counts (True: the whole table's) are protected."""
        everything = sensitive is True
        touchy = set() if isinstance(sensitive, bool) else set(sensitive)
        cells = {
            c: self.count((name, c), counts[c], counts[c] > 0, everything or c in touchy)
            for c in sorted(counts)
        }
        total = self.count(
            (name, None) if total is None else total, sum(counts.values()), sensitive=everything
        )
        self.line(cells.values(), total)
        return Breakdown(cells, total)

    def grid(
        self,
        name: str,
        counts: Mapping[str, Mapping[str, int]],
        columns: Sequence[str],
        rows: Sequence[str] | None = None,
        *,
        present: bool = False,
        row_totals: Mapping[str, Hashable] | None = None,
        column_totals: Mapping[str, Hashable] | None = None,
        grand_total: Hashable | None = None,
        sensitive: Collection[str] | bool = (),
        across: bool = True,
        down: bool = True,
    ) -> Grid:
        """A two-way table with its row, column and grand totals; a total another table or a
        headline shares is named by its key. `present`: a row (and a column) is there only if it
        counts at least one. The `sensitive` rows' counts (True: the whole table's) are
        protected. A table that publishes no row totals (`across`) or no column totals (`down`)
        leaves them, and its own grand total, implied."""
        everything = sensitive is True
        touchy = set() if isinstance(sensitive, bool) else set(sensitive)
        rows = tuple(sorted(counts) if rows is None else rows)

        def value(r: str, c: str) -> int:
            return counts.get(r, {}).get(c, 0)

        cells = {
            r: {
                c: self.count((name, r, c), value(r, c), sensitive=everything or r in touchy)
                for c in columns
            }
            for r in rows
        }
        totals = {
            r: self.count(
                (row_totals or {}).get(r, (name, r, None)),
                sum(value(r, c) for c in columns),
                present,
                everything or r in touchy,
            )
            for r in rows
        }
        ends = {
            c: self.count(
                (column_totals or {}).get(c, (name, None, c)),
                sum(value(r, c) for r in rows),
                present,
                everything,
            )
            for c in columns
        }
        grand = self.count(
            (name, None, None) if grand_total is None else grand_total,
            sum(value(r, c) for r in rows for c in columns),
            sensitive=everything,
        )
        # of the table's own totals (not those shared with another table), those not published
        own: list[Hashable] = [
            (name, r, None) for r in rows if not across and r not in (row_totals or {})
        ]
        own += [(name, None, c) for c in columns if not down and c not in (column_totals or {})]
        own += [(name, None, None)] if not (across and down) and grand_total is None else []
        self.implied.update(own)
        for r in rows:
            self.line(cells[r].values(), totals[r])
        for c in columns:
            self.line((cells[r][c] for r in rows), ends[c])
        self.line(totals.values(), grand)
        self.line(ends.values(), grand)
        return Grid(rows, tuple(columns), cells, totals, ends, grand)

    def decide(self) -> Decided:
        """What is shown: the small counts hidden, and what protects them."""
        totals = {total for _, total in self.lines}
        # cells before totals, so that of two equal counts a cell is hidden rather than a total
        ordered = {k: v for k, v in self.values.items() if k not in totals}
        ordered |= {k: v for k, v in self.values.items() if k in totals}
        protected = None if self.everything else self.sensitive
        hidden, loose = hide(
            ordered, self.lines, self.threshold, self.implied, self.present, protected=protected
        )
        return Decided(
            dict(self.values),
            frozenset(hidden),
            self.threshold,
            dict(self.rates),
            frozenset(self.present),
            frozenset(loose),
        )


@dataclass(frozen=True)
class Decided:
    """A publication's numbers as shown: each count, rate and rate per 1,000 homes."""

    values: Mapping[Hashable, int]
    hidden: frozenset[Hashable]
    threshold: int
    rates: Mapping[Hashable, tuple[Hashable, Hashable]]
    present: Collection[Hashable] = ()
    loose: Collection[Hashable] = ()

    def cell(self, key: Hashable) -> Cell:
        return Cell(self.values[key], key in self.hidden, key in self.loose)

    def show(self, key: Hashable) -> int | str:
        """A count: itself, "fewer than 5" or "hidden"."""
        return self.cell(key).show(self.threshold)

    def share(self, numerator: Hashable) -> float | str | None:
        """A rate declared with `Disclosure.share`, in percent to one decimal place: None when its
        base is 0 (and shown)."""
        rest, base = self.rates[numerator]
        whole = self.values[base]
        if base in self.hidden:  # before a base of 0, which None would give away
            small = primary(whole, self.threshold) and base not in self.loose
            return f"fewer than {self.threshold + 1} cases" if small else HIDDEN
        if whole == 0:
            return None
        shown = self._possible(numerator, rest, whole)
        if shown is None:
            return HIDDEN
        low, high = shown
        if low == high:
            return round(100 * low / whole, 1)
        return f"{100 * low / whole:.1f}% to {100 * high / whole:.1f}%"

    def per(self, key: Hashable, base: int, scale: int = 1000) -> float | str:
        """A count per `scale` of a published base (CH01: complaints per 1,000 homes), to one
        decimal place."""
        shown = self._possible(key)
        if shown is None:
            return HIDDEN
        low, high = shown
        if low == high:
            return round(scale * low / base, 1)
        return f"{scale * low / base:.1f} to {scale * high / base:.1f}"

    def _possible(
        self, key: Hashable, rest: Hashable | None = None, whole: int = 0
    ) -> tuple[int, int] | None:
        """The least and most `key` can be by its label and its rest's (the rest being `whole`
        minus it): the count itself if both are shown, the range "fewer than 5" allows if either
        is, None (show nothing) if either is hidden to protect another count."""
        keys = [key] if rest is None else [key, rest]
        if not any(k in self.hidden for k in keys):
            return self.values[key], self.values[key]
        small = [
            k
            for k in keys
            if k in self.hidden and k not in self.loose and primary(self.values[k], self.threshold)
        ]
        if not small:
            return None
        band = range(1, self.threshold + 1)
        candidates = band if small[0] == key else [whole - v for v in band if v <= whole]
        fits = [
            v
            for v in candidates
            if self._fits(key, v) and (rest is None or self._fits(rest, whole - v))
        ]
        return min(fits), max(fits)

    def _fits(self, key: Hashable, value: int) -> bool:
        """Whether `value` agrees with what is shown for `key`."""
        if key not in self.hidden:
            return value == self.values[key]
        if key in self.loose:
            return True
        if primary(self.values[key], self.threshold):
            return primary(value, self.threshold)
        return not primary(value, self.threshold) and not (value == 0 and key in self.present)


def share(met: int, cases: int, threshold: int = DEFAULT_THRESHOLD) -> float | str | None:
    """A rate published alone (a self-assessment's measure over the cases), in percent to one
    decimal place, decided as every rate of the report is, its base taken as known: None with no
    cases, "fewer than 5 cases", the range it lies in, or "hidden"."""
    disclosure = Disclosure(threshold)
    disclosure.share("met", met, disclosure.count("cases", cases))
    return disclosure.decide().share("met")


def suppress_line(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD
) -> dict[str | None, Cell]:
    """One breakdown published with its total, alone: its cells, and its total under the key
    None."""
    disclosure = Disclosure(threshold)
    keys = disclosure.breakdown("line", counts)
    decided = disclosure.decide()
    cells: dict[str | None, Cell] = {c: decided.cell(key) for c, key in keys.cells.items()}
    cells[None] = decided.cell(keys.total)
    return cells


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
    """A two-way table published with its row, column and grand totals, alone; `columns` names
    them where a table may have no rows (a year with no complaints yet)."""
    if columns is None:
        columns = list(dict.fromkeys(c for row in counts.values() for c in row))
    disclosure = Disclosure(threshold)
    keys = disclosure.grid("table", counts, columns, list(counts))
    decided = disclosure.decide()
    return Table(
        cells={r: {c: decided.cell(k) for c, k in row.items()} for r, row in keys.cells.items()},
        row_totals={r: decided.cell(k) for r, k in keys.row_totals.items()},
        column_totals={c: decided.cell(k) for c, k in keys.column_totals.items()},
        grand_total=decided.cell(keys.grand_total),
    )


# What can point at a person, unless the council's report inputs say otherwise (see the module
# docstring for the reasons): a claim of discrimination (it implies a protected characteristic),
# complaints about social care under the statutory procedures (about the care of one child or
# adult) and about a person's own data (data protection).
SENSITIVE_ROUTES = ("data-protection", "statutory")
OTHER = "combined"  # the key of the row that small sensitive categories are grouped into
OTHER_LABEL = "Other (small numbers combined)"


@dataclass(frozen=True)
class Sensitive:
    """What a council's report protects: `disclosure` in policy/reports/YEAR.yaml."""

    threshold: int = DEFAULT_THRESHOLD
    discrimination_claimed: bool = True
    protected_characteristics: bool = True
    routes: frozenset[str] = frozenset(SENSITIVE_ROUTES)
    services: frozenset[str] = frozenset()
    tables: frozenset[str] = frozenset()
    everything: bool = False  # every small count protected, as in a very small council

    @classmethod
    def of(
        cls,
        settings: Mapping | None,
        threshold: int = DEFAULT_THRESHOLD,
        service_routes: Mapping[str, Collection[str]] | None = None,
    ) -> Sensitive:
        """The settings as written (each left out takes its default); by default a service is
        sensitive when the council declares it for a sensitive route (`service_routes`)."""
        settings = settings or {}
        marked = settings.get("sensitive", {})
        routes = frozenset(marked.get("routes", SENSITIVE_ROUTES))
        on_routes = {s for s, on in (service_routes or {}).items() if routes & set(on)}
        return cls(
            threshold=settings.get("threshold", threshold),
            discrimination_claimed=marked.get("discrimination_claimed", True),
            protected_characteristics=marked.get("protected_characteristics", True),
            routes=routes,
            services=frozenset(marked.get("services", on_routes)),
            tables=frozenset(marked.get("tables", ())),
            everything=settings.get("everything", False),
        )

    def of_table(self, table: str, categories: Collection[str] = ()) -> Collection[str] | bool:
        """What of a table is sensitive: all of it (True), or these categories."""
        return self.everything or table in self.tables or frozenset(categories)


def grouped(
    counts: Mapping[str, int], sensitive: Collection[str], threshold: int = DEFAULT_THRESHOLD
) -> dict[str, int]:
    """A breakdown with its small sensitive categories grouped into one "other" row, where there
    are two or more of them (one alone is protected as it is)."""
    small = [c for c, n in counts.items() if c in sensitive and primary(n, threshold)]
    if len(small) < 2 or OTHER in counts:
        return dict(counts)
    out = {c: n for c, n in counts.items() if c not in small}
    out[OTHER] = sum(counts[c] for c in small)
    return out


def grouped_rows(
    counts: Mapping[str, Mapping[str, int]],
    sensitive: Collection[str],
    threshold: int = DEFAULT_THRESHOLD,
) -> dict[str, dict[str, int]]:
    """A two-way table with its sensitive rows of small totals grouped into one "other" row,
    where there are two or more of them."""
    totals = {r: sum(row.values()) for r, row in counts.items()}
    small = [r for r in counts if r in sensitive and primary(totals[r], threshold)]
    if len(small) < 2 or OTHER in counts:
        return {r: dict(row) for r, row in counts.items()}
    out = {r: dict(row) for r, row in counts.items() if r not in small}
    other: dict[str, int] = {}
    for r in small:
        for c, n in counts[r].items():
            other[c] = other.get(c, 0) + n
    out[OTHER] = other
    return out
