"""Small-number suppression: a protected count from 1 to 4 is shown as "fewer than 5", and no
hidden count can be worked out from what is published with it. A publication protects every count
(the engine's default, tested first) or only the sensitive ones (tested last): the others are
published exactly.

The attack: publish a table as the report does (`breakdowns.line_table`, `breakdowns.grid_table`),
then enumerate every assignment of values to its hidden cells that agrees with every published
total (cells add up to row totals, column totals and the grand total, whichever are shown) and with
what each label reveals, and require every hidden value (cell or total) to have at least two
possible values. Two readers: one who takes "hidden" for any number, and one who has read the rules
and knows a "hidden" value is 0 or more than 4 (since every count from 1 to 4 is shown as
"fewer than 5").
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys

import pytest

from checker.report.breakdowns import grid_table, line_table
from checker.report.suppression import (
    HIDDEN,
    NOT_SHOWN,
    OTHER,
    Cell,
    Disclosure,
    Sensitive,
    grouped,
    grouped_rows,
    primary,
    protect,
    suppress_line,
    suppress_table,
)

F = "fewer than 5"
BOUND = 60  # no value of the test tables is larger


def line(counts: dict) -> dict:
    """A one-way table published alone, as the report publishes one."""
    disclosure = Disclosure(4)
    keys = disclosure.breakdown("line", counts)
    return line_table(disclosure.decide(), keys, "line", "Line", "line")


def grid(rows: list[list[int]]) -> dict:
    """A two-way table published alone, as the report publishes one."""
    columns = [f"c{j}" for j in range(len(rows[0]))]
    counts = {f"r{i}": dict(zip(columns, row)) for i, row in enumerate(rows)}
    disclosure = Disclosure(4)
    keys = disclosure.grid("grid", counts, columns, list(counts))
    return grid_table(disclosure.decide(), keys, "grid", "Grid", "grid")


def shown(table: dict) -> list:
    return [v for row in table["rows"] for v in row["values"]]


# --- the rules, one at a time -------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 2, 3, 4])
def test_a_count_of_1_to_4_is_shown_as_fewer_than_5(value):
    cells = suppress_line({"a": 20, "b": 9, "c": value})
    assert cells["c"].show() == F


def test_zero_and_counts_above_4_are_shown_as_they_are_when_nothing_is_small():
    cells = suppress_line({"a": 5, "b": 0, "c": 12})
    assert [cells[k].show() for k in "abc"] == [5, 0, 12] and cells[None].show() == 17


def test_a_single_small_cell_hides_another_which_shows_as_hidden_never_as_small():
    cells = suppress_line({"a": 20, "b": 9, "c": 3, "d": 6, "e": 0})
    assert cells["c"].show() == F
    others = [k for k in "abde" if cells[k].hidden]
    assert others and all(cells[k].show() == HIDDEN for k in others)


def test_a_single_category_hides_its_total_too():
    table = line({"late": 3})
    assert table["rows"][0]["values"] == [F] and table["total"] == [F]


def test_a_single_row_table_hides_its_column_totals():
    table = grid([[2, 3, 0]])
    assert all(not isinstance(v, int) or v == 0 for v in table["total"])


def test_the_threshold_is_the_policy_s():
    cells = suppress_line({"a": 7, "b": 20, "c": 30}, threshold=9)
    assert cells["a"].show(9) == "fewer than 10"


def test_a_large_table_with_no_small_count_hides_nothing():
    table = suppress_table({"r1": {"a": 10, "b": 12}, "r2": {"a": 7, "b": 30}})
    assert not any(c.hidden for row in table.cells.values() for c in row.values())
    assert not table.grand_total.hidden


def test_protect_hides_nothing_without_small_counts_and_something_with_one():
    assert protect({"a": 9, "b": 7, "t": 16}, [(("a", "b"), "t")]) == set()
    assert protect({"a": 9, "b": 2, "t": 11}, [(("a", "b"), "t")]) >= {"a", "b"}


# --- the attack ---------------------------------------------------------------------------------


def _domain(label, knows_rules: bool):
    if isinstance(label, int):
        return [label]
    if label == F:
        return list(range(1, 5))
    if label == NOT_SHOWN:  # no label at all: any number
        return list(range(BOUND + 1))
    return [v for v in range(BOUND + 1) if not (knows_rules and primary(v))]


def recoverable(table: dict, knows_rules: bool = True) -> dict:
    """Hidden values of a published table with fewer than two possible values, and what they are."""
    rows = table["rows"]
    # the totals the table publishes: a table by stage has no row totals, one of decisions by
    # stage no column totals (a complaint may be at both stages), and only a table with both a
    # grand total
    two_way = "grand_total" in table
    across = bool(rows) and all("total" in row for row in rows)
    row_totals = [_domain(row["total"], knows_rules) for row in rows] if across else []
    column_totals = [_domain(v, knows_rules) for v in table.get("total", [])]
    grand = _domain(table["grand_total"], knows_rules) if two_way else None

    def cap(i, j):  # no cell exceeds a total it is part of
        caps = [max(column_totals[j])] if column_totals else []
        caps += [max(row_totals[i])] if across else []
        caps += [max(grand)] if grand else []
        return min(caps, default=BOUND)

    cells = [
        [
            [x for x in _domain(v, knows_rules) if x <= cap(i, j)]
            for j, v in enumerate(row["values"])
        ]
        for i, row in enumerate(rows)
    ]
    unknown = [(i, j) for i, row in enumerate(cells) for j, d in enumerate(row) if len(d) > 1]
    choice = {(i, j): d[0] for i, row in enumerate(cells) for j, d in enumerate(row) if len(d) == 1}

    lines = [
        ([(i, j) for i in range(len(rows))], column_totals[j]) for j in range(len(column_totals))
    ]
    line_of = [("total", j) for j in range(len(column_totals))]
    if across:
        lines += [([(i, j) for j in range(len(cells[i]))], row_totals[i]) for i in range(len(rows))]
        line_of += [(i, "total") for i in range(len(rows))]
    if grand:
        lines.append(([(i, j) for i in range(len(rows)) for j in range(len(cells[i]))], grand))
        line_of.append(None)
    low = {(i, j): min(d) for i, row in enumerate(cells) for j, d in enumerate(row)}
    high = {(i, j): max(d) for i, row in enumerate(cells) for j, d in enumerate(row)}

    def consistent(complete: bool) -> bool:
        """Every line can still reach one of its allowed totals (bounds on what is unassigned)."""
        for keys, allowed in lines:
            fixed = sum(choice[k] for k in keys if k in choice)
            least = fixed + sum(low[k] for k in keys if k not in choice)
            most = fixed + sum(high[k] for k in keys if k not in choice)
            if complete and fixed not in allowed:
                return False
            if least > max(allowed) or most < min(allowed):
                return False
        return True

    hidden_totals = {
        ("total", j) for j, v in enumerate(table.get("total", [])) if not isinstance(v, int)
    }
    if across:
        hidden_totals |= {
            (i, "total") for i, row in enumerate(rows) if not isinstance(row["total"], int)
        }

    def totals() -> dict:
        out = {
            ("total", j): sum(choice[(i, j)] for i in range(len(rows)))
            for j in range(len(column_totals))
        }
        if across:
            out |= {
                (i, "total"): sum(choice[(i, j)] for j in range(len(cells[i])))
                for i in range(len(rows))
            }
        return out

    def solve(order: list, options: dict, accept=lambda totals_now: True) -> dict | None:
        """A complete assignment that agrees with every published figure (and `accept`), trying
        `options` in order."""

        def search(n: int) -> bool:
            if n == len(order):
                return consistent(True) and accept(totals())
            for value in options[order[n]]:
                choice[order[n]] = value
                if consistent(False) and search(n + 1):
                    return True
            del choice[order[n]]
            return False

        if not search(0):
            return None
        solution = {**{k: choice[k] for k in order}, **totals()}
        for k in order:
            del choice[k]
        return solution

    first = solve(unknown, {k: cells[k[0]][k[1]] for k in unknown})
    assert first is not None, "the published table contradicts itself"
    found = {}
    for key in [*unknown, *sorted(hidden_totals, key=str)]:
        # look for another solution close to the first, with this value changed
        options = {
            k: sorted(cells[k[0]][k[1]], key=lambda v, k=k: abs(v - first[k])) for k in unknown
        }
        if key in options:
            options[key] = [v for v in options[key] if v != first[key]]
            other = solve([key] + [k for k in unknown if k != key], options)
        else:  # a hidden total: solve again with its first value ruled out of its line
            index = next(n for n, (keys, _) in enumerate(lines) if line_of[n] == key)
            keys, allowed = lines[index]
            lines[index] = (keys, [v for v in allowed if v != first[key]] or [-1])
            other = solve(unknown, options)
            lines[index] = (keys, allowed)
        if other is None:
            found[key] = [first[key]]
    return found


PROTECTED = {
    "line-small-and-secondary": line({"a": 3, "b": 7, "c": 9}),
    "line-two-small": line({"a": 2, "b": 3, "c": 10, "d": 0}),
    "line-two-ones": line({"a": 1, "b": 1, "c": 9}),
    "line-two-fours": line({"a": 4, "b": 4, "c": 9}),
    "line-a-one-and-a-five": line({"a": 1, "b": 5, "c": 20}),
    "line-single-category": line({"late": 3}),
    "grid-lone-small-row-total": grid([[6, 8], [9, 3], [2, 1]]),
    "grid-single-row": grid([[2, 3, 0]]),
    "grid-two-by-two-block": grid([[3, 6, 20], [9, 2, 15], [10, 11, 12]]),
    "grid-stage-columns": grid([[8, 4], [6, 0], [4, 1], [12, 3], [30, 9]]),
}


@pytest.mark.parametrize(
    "knows_rules", [False, True], ids=["hidden-is-any-number", "hidden-is-not-1-to-4"]
)
@pytest.mark.parametrize("name", list(PROTECTED))
def test_a_suppressed_value_cannot_be_worked_out_from_what_is_published(name, knows_rules):
    table = PROTECTED[name]
    assert F in shown(table) + table["total"]
    assert not any(isinstance(v, int) and primary(v) for v in shown(table) + table["total"])
    assert recoverable(table, knows_rules) == {}


def test_the_attack_finds_an_unprotected_cell():
    """The attacker works: a table published with a lone small cell gives it away."""
    table = {
        "columns": ["Complaints"],
        "rows": [
            {"key": "a", "label": "A", "values": [F]},
            {"key": "b", "label": "B", "values": [9]},
        ],
        "total": [12],
    }
    assert recoverable(table) == {(0, 0): [3]}


def random_tables(seed: int = 2025, count: int = 60):
    """Random tables up to 4 x 3 with small counts, published as the report publishes them."""
    rng = random.Random(seed)
    values = [0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9]
    for _ in range(count):
        if rng.random() < 0.3:
            yield line({f"k{i}": rng.choice(values) for i in range(rng.randint(1, 5))})
        else:
            columns = rng.randint(1, 3)
            yield grid(
                [[rng.choice(values) for _ in range(columns)] for _ in range(rng.randint(1, 4))]
            )


def test_no_value_of_a_random_table_can_be_worked_out():
    # a seeded handful in `make test`; SUPPRESSION_TABLES=500 for a long run
    count = int(os.environ.get("SUPPRESSION_TABLES", "10"))
    leaks = [
        (t["rows"], t["total"], found)
        for t in random_tables(count=count)
        if (found := recoverable(t))
    ]
    assert leaks == [], f"{len(leaks)} tables leak, e.g. {leaks[:2]}"


def test_published_tables_never_show_a_count_of_1_to_4():
    for table in itertools.islice(random_tables(seed=7, count=200), 200):
        values = shown(table) + table["total"] + [row.get("total") for row in table["rows"]]
        values.append(table.get("grand_total"))
        assert not any(isinstance(v, int) and primary(v) for v in values)
        assert all(isinstance(v, int) or v in (F, HIDDEN, NOT_SHOWN, None) for v in values)


def test_cells_are_cells():
    assert Cell(3, True).show() == F and Cell(30, True).show() == HIDDEN and Cell(3).show() == 3


# a table whose protection needs the multi-line search (found at 100,000 cases)
DETERMINISM_TABLE = {
    "r0": {"c0": 0, "c1": 0, "c2": 2, "c3": 51, "c4": 22},
    "r1": {"c0": 3, "c1": 3, "c2": 0, "c3": 3, "c4": 0},
    "r2": {"c0": 3, "c1": 23, "c2": 3, "c3": 1, "c4": 0},
    "r3": {"c0": 47, "c1": 0, "c2": 2, "c3": 0, "c4": 2},
}


def test_a_table_is_suppressed_the_same_way_in_every_process():
    """What is hidden follows from the table alone, never from Python's hash seed (which orders
    sets): the same report built twice publishes the same cells."""
    program = (
        "from checker.report.suppression import suppress_table\n"
        f"table = suppress_table({DETERMINISM_TABLE!r})\n"
        "print(sorted((r, c) for r, row in table.cells.items() for c, cell in row.items() "
        "if cell.hidden), sorted(k for k, cell in "
        "[*table.row_totals.items(), *table.column_totals.items()] if cell.hidden))\n"
    )
    printed = {
        subprocess.run(
            [sys.executable, "-c", program],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(3)
    }
    assert len(printed) == 1, printed


# --- only what could point at a person is protected ---------------------------------------------


def sensitive_grid(rows: list[list[int]], touchy: set[str]) -> dict:
    """A two-way table published alone, only the `touchy` rows' counts protected."""
    columns = [f"c{j}" for j in range(len(rows[0]))]
    counts = {f"r{i}": dict(zip(columns, row)) for i, row in enumerate(rows)}
    disclosure = Disclosure(4, everything=False)
    keys = disclosure.grid("grid", counts, columns, list(counts), sensitive=touchy)
    return grid_table(disclosure.decide(), keys, "grid", "Grid", "grid", fixed=True)


def test_small_counts_that_point_at_no_one_are_published_exactly():
    table = sensitive_grid([[8, 1], [6, 2], [4, 3]], set())
    assert [row["values"] for row in table["rows"]] == [[8, 1], [6, 2], [4, 3]]
    assert table["total"] == [18, 6] and table["grand_total"] == 24


def test_a_small_sensitive_count_is_protected_and_cannot_be_worked_out():
    table = sensitive_grid([[8, 1], [6, 2], [9, 3], [12, 7]], {"r0"})
    assert table["rows"][0]["values"][1] == F
    assert recoverable(table) == {} and recoverable(table, knows_rules=True) == {}
    # what protects it is hidden, not the whole table: every other row keeps a number
    assert all(any(type(v) is int for v in [*r["values"], r["total"]]) for r in table["rows"][1:])
    assert any(type(v) is int for v in table["total"])


def test_no_secondary_suppression_wipes_out_a_whole_row_or_column():
    rng = random.Random(20)
    checked = 0
    for _ in range(40):
        rows = [[rng.choice([0, 1, 2, 3, 5, 8, 13]) for _ in range(3)] for _ in range(4)]
        table = sensitive_grid(rows, {"r0"})
        assert recoverable(table, knows_rules=True) == {}, rows
        for row in table["rows"][1:]:
            assert any(type(v) is int for v in [*row["values"], row["total"]]), (rows, table)
        columns = zip(*[row["values"] for row in table["rows"][1:]], table["total"])
        if any(F in r["values"] for r in table["rows"]):
            checked += 1
        assert all(any(type(v) is int for v in column) for column in columns), (rows, table)
    assert checked > 5


def test_small_sensitive_categories_are_grouped_into_other():
    counts = {"general": 40, "housing": 30, "statutory": 2, "data-protection": 3}
    assert grouped(counts, {"statutory", "data-protection"}) == {
        "general": 40,
        "housing": 30,
        OTHER: 5,
    }
    assert grouped({"general": 40, "statutory": 2}, {"statutory"}) == {
        "general": 40,
        "statutory": 2,
    }
    rows = {"a": {"s1": 1, "s2": 0}, "b": {"s1": 2, "s2": 1}, "c": {"s1": 9, "s2": 4}}
    assert grouped_rows(rows, {"a", "b"}) == {"c": {"s1": 9, "s2": 4}, OTHER: {"s1": 3, "s2": 1}}


def test_the_council_sets_what_is_sensitive_and_the_defaults_are_written_down():
    default = Sensitive.of(None, 4, {"adult-social-care": ["statutory"], "parking": ["general"]})
    assert default.discrimination_claimed and default.routes == {"statutory", "data-protection"}
    assert default.services == {"adult-social-care"} and not default.everything
    assert default.threshold == 4
    chosen = Sensitive.of(
        {"threshold": 9, "sensitive": {"routes": [], "tables": ["month"]}},
        4,
        {"adult-social-care": ["statutory"]},
    )
    assert chosen.threshold == 9 and chosen.services == set() and chosen.of_table("month") is True
    assert Sensitive.of({"everything": True}).of_table("route") is True
