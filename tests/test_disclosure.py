"""Disclosure control, attacked: no number a build publishes lets a reader recover a count it hides.

Counts are published exactly unless they are sensitive (they could point at a person: a claim of
discrimination, the social care and data protection routes and their services, any table the
council marks): a sensitive count from 1 to 4 is protected. The attacks run on the report as a
council publishes it by default, and on the same years with every count marked sensitive
(`disclosure: {everything: true}` in the report inputs), where every small count is protected.

Each report is built for real (`complaints report`, every format; the site's pages): the example
year, the hand-worked fixture year of `tests.test_report` and a seeded year written to be full of
small cells (`tests.disclosure_repos`). Then:

- every number each output publishes is enumerated: the CSV holds exactly the JSON's values, every
  number on the Markdown page and in its charts is one the JSON publishes (or the sum of a row of
  them), the charts are drawn from the JSON alone, and no count from 1 to 4 is published anywhere;
- an attacker who knows the rules and the definitions (`Attack`: written here from the report's
  definitions, not taken from the code under test) turns the JSON into integer constraints: every
  line of every table adds up; tables that share a margin share its count; every rate pins its
  count and the rest of its base to what its rounding allows (a range to what the range allows);
  CH01 per 1,000 homes pins its count, the homes being published; counts never published (the
  complaints taken straight to stage 2, those not yet answered) are unknowns tied to the rest by
  the definitions. Each hidden count ("fewer than 5", "hidden") and each unpublished count from 1
  to 4 is then attacked: its possible values are narrowed by iterating bounds over every
  constraint, and if more than one value is left, a second solution of the whole system with
  another value is searched for. A count is recovered if only one value is left;
- a frozen year is built on two days a year apart: every output is byte-identical, so there is
  nothing to difference;
- the attack is shown to work: with the decision weakened (an exact rate beside a hidden count;
  no complementary suppression) it recovers counts.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from checker.calendar import periods
from checker.engine.run import evaluated
from checker.load.repository import load_repository
from checker.measures.scoring import latest_assessment, score
from checker.model.codes import UNDECIDED
from checker.report import charts, disclose, suppression
from checker.report.counting import Counting
from checker.report.figures import DECISIONS, Figures, as_at, compute, months
from checker.site.build import publication
from checker.site.pages import build_site
from tests.conftest import ROOT, run_cli, scratch
from tests.disclosure_repos import small_year
from tests.test_charts import svg_of, value_labels
from tests.test_report import write_year

AS_OF = "2026-11-23"
F, H, NOT_SHOWN = "fewer than 5", "hidden", "not shown"
SMALL = range(1, 5)  # the counts the rules hide: 1 to the threshold, 4
RATE = re.compile(r"^(\d+\.\d)% to (\d+\.\d)%$")
PER = re.compile(r"^(\d+\.\d) to (\d+\.\d)$")
SOME = "at least one"  # what a figure says of a count it needs (a median needs a response)


# ---------------------------------------------------------------------------------------------
# Building for real
# ---------------------------------------------------------------------------------------------


@dataclass
class Build:
    """One year's report as built: its outputs, and (for the attack's own checks) the counts."""

    outputs: dict[str, str]  # format -> text
    figures: Figures
    previous: Figures | None
    homes: int | None

    @property
    def published(self) -> dict:
        return json.loads(self.outputs["json"])


def build(
    root: Path,
    as_of: str = AS_OF,
    year: str = "2025-26",
    formats: tuple[str, ...] = ("json", "csv", "markdown"),
) -> Build:
    """`complaints report` in each format, as of a date; and the year's counts, as the report
    counted them."""
    outputs = {}
    for fmt in formats:
        run = run_cli(
            "report", "--root", str(root), "--year", year, "--format", fmt, "--as-of", as_of
        )
        assert run.code == 0, run.err
        outputs[fmt] = run.out
    repository = load_repository(root)
    done = evaluated(
        repository,
        date.fromisoformat(as_of),
        rules=frozenset(),
        collectors=(Counting(),),
        dates=as_at(repository),
    )
    counted = done.tallies[0]
    before = periods.before(year)
    stock = (done.view.council.data if done.view.council else {}).get("housing_stock")
    return Build(
        outputs,
        compute(done.view, counted, year),
        compute(done.view, counted, before) if before in counted else None,
        stock["homes"] if stock else None,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Build]:
    """The example year, the fixture year and the seeded year of small cells, built once."""
    base = tmp_path_factory.mktemp("disclosure")
    example = scratch(base / "example", with_cases=True)
    fixture = write_year(scratch(base / "fixture", with_cases=False))
    small = small_year(scratch(base / "small", with_cases=False))
    strict_fixture = strict(write_year(scratch(base / "strict-fixture", with_cases=False)))
    strict_small = strict(small_year(scratch(base / "strict-small", with_cases=False)))
    return {
        "example": build(example),
        "fixture": build(fixture),
        "small": build(small),
        "strict-fixture": build(strict_fixture),
        "strict-small": build(strict_small),
    }


def strict(root: Path) -> Path:
    """The council marks every count sensitive (a very small council's choice)."""
    inputs = root / "policy" / "reports" / "2025-26.yaml"
    inputs.write_text(inputs.read_text("utf-8") + "disclosure:\n  everything: true\n", "utf-8")
    return root


NAMES = ["example", "fixture", "small", "strict-fixture", "strict-small"]


# ---------------------------------------------------------------------------------------------
# The attacker: the report's definitions as integer constraints over what the JSON shows
# ---------------------------------------------------------------------------------------------


@dataclass
class Quantity:
    """A count the report shows, hides or implies: what it truly is (for the test's own checks,
    never the attacker's), and every way it is published."""

    truth: int
    labels: list = field(default_factory=list)  # each value the JSON gives for it
    present: bool = False  # listed only because it is not 0 (a breakdown's row)
    sensitive: bool = False  # the report says it protects it when small


@dataclass
class Rate:
    """A published share of a count in a base (or a count per 1,000 of a constant base)."""

    count: str
    base: str | int  # a quantity, or the homes (a published constant)
    shown: object  # what the JSON gives: a number, a range, "fewer than 5 cases", "hidden", None
    scale: int = 100


class Attack:
    """The constraints a reader who knows the rules and the definitions can write down."""

    def __init__(self, everything: bool = True) -> None:
        self.everything = everything  # every count protected when small
        self.quantities: dict[str, Quantity] = {}
        self.sums: list[tuple[list[str], str]] = []
        self.rates: list[Rate] = []

    def add(
        self, name: str, truth: int, *labels: object, present: bool = False, sensitive: bool = False
    ) -> str:
        q = self.quantities.setdefault(name, Quantity(truth))
        assert q.truth == truth, f"{name}: {q.truth} and {truth}"
        q.labels += labels
        q.present |= present and truth > 0
        q.sensitive |= sensitive or self.everything
        return name

    def sum(self, members: list[str], total: str) -> None:
        truths = [self.quantities[m].truth for m in members]
        assert sum(truths) == self.quantities[total].truth, (members, total)
        self.sums.append((members, total))

    def part(
        self, name: str, truth: int, whole: str, *labels: object, sensitive: bool = False
    ) -> str:
        """A count that is part of another: the rest is an unknown."""
        self.add(name, truth, *labels, sensitive=sensitive)
        rest = self.add(f"{whole} less {name}", self.quantities[whole].truth - truth)
        self.sum([name, rest], whole)
        return name

    def rate(self, count: str, truth: int, base: str, shown: object) -> str:
        """A share of `base`, published as `shown`: its count and the rest are unknowns."""
        self.part(count, truth, base)
        self.rates.append(Rate(count, base, shown))
        return count

    def per_thousand(self, count: str, homes: int, shown: object) -> None:
        self.rates.append(Rate(count, homes, shown, 1000))

    # -- a table, as the JSON shows it -----------------------------------------------------------

    def table(
        self,
        t: dict,
        truth: Callable[[str, int], int],
        totals: list[str] | None = None,
        grand: str | None = None,
        present: bool = False,
        columns_present: bool = False,
        sensitive: frozenset[str] = frozenset(),
    ) -> None:
        """A breakdown: each row's cells add up to its total (two-way tables), each column's to
        the column's total, and the row or column totals to the grand total. `truth(row, j)` is
        what a cell truly is; `totals` names column totals that are counts published elsewhere; the
        `sensitive` rows are protected. A table by stage publishes no row totals, one of decisions
        by stage no column totals: what it leaves out is an unknown the reader cannot name."""
        name = t["id"]
        columns = range(len(t["columns"]))
        grid = "grand_total" in t or any("total" in row for row in t["rows"])
        down = totals or [f"{name} total {j}" for j in columns]
        cells = {}
        for row in t["rows"]:
            key = row["key"]
            touchy = key in sensitive
            cells[key] = [
                self.add(f"{name} {key} {j}", truth(key, j), v, present=not grid, sensitive=touchy)
                for j, v in zip(columns, row["values"])
            ]
            if "total" in row:
                across = self.add(
                    f"{name} {key} total",
                    sum(truth(key, j) for j in columns),
                    row["total"],
                    present=present,
                    sensitive=touchy,
                )
                self.sum(cells[key], across)
        for j in columns:
            if "total" not in t and not totals:
                continue
            value = sum(truth(r["key"], j) for r in t["rows"])
            shown = t["total"][j] if "total" in t else ()
            self.add(down[j], value, *([shown] if "total" in t else []), present=columns_present)
            self.sum([cells[r["key"]][j] for r in t["rows"]], down[j])
        if "grand_total" in t:
            whole = grand or f"{name} grand total"
            self.add(whole, sum(self.quantities[d].truth for d in down), t["grand_total"])
            self.sum([f"{name} {r['key']} total" for r in t["rows"]], whole)
            self.sum(down, whole)


def attack_of(report: dict, b: Build) -> Attack:
    """The attacker's constraints for one published report (`b` gives only the truths)."""
    f = b.figures
    marked = report["suppression"]["sensitive"]  # what the report says it protects
    a = Attack(marked["everything"])
    # small sensitive categories are grouped into one row, "combined"
    routes = frozenset({*marked["routes"], "combined"})
    services = frozenset({*marked["services"], "combined"})
    tot = report["totals"]
    volumes = {t["id"]: t for t in report["volumes"]}
    complaints = sum(f.by_route.values())
    a.add("complaints", complaints, *(volumes[i]["total"][0] for i in ("route", "type", "channel")))
    a.add("stage 1", f.stage1, tot["stage1"])
    a.add("stage 2", f.stage2, tot["stage2"])
    a.add("stages", f.stage1 + f.stage2)
    a.sum(["stage 1", "stage 2"], "stages")
    # a stage 2 follows a stage 1 or is taken straight to stage 2; a complaint is at stage 1,
    # straight at stage 2, or at no stage yet; the escalation rate is the share of the year's
    # stage 1 complaints escalated (by the year's date, whichever year their stage 2 counts in)
    a.rate("stage 1 escalated", f.stage1_escalated, "stage 1", tot["escalation_rate"])
    a.add("escalated", f.escalated, tot["escalated"])
    a.add("direct", f.stage2 - f.escalated)
    a.sum(["escalated", "direct"], "stage 2")
    a.add("no stage", complaints - f.stage1 - (f.stage2 - f.escalated))
    a.sum(["stage 1", "direct", "no stage"], "complaints")
    a.part(
        "discrimination",
        f.discrimination_claimed,
        "complaints",
        tot["discrimination_claimed"],
        sensitive=marked["discrimination_claimed"],
    )
    a.add("not accepted", sum(f.excluded.values()), tot["not_accepted"])
    # the types after the ten most common are one row, "rest": every type not listed by name
    lines = {"route": f.by_route, "type": f.by_type, "channel": f.by_channel}
    for name, counts in lines.items():
        a.table(
            volumes[name],
            partial(_count_of, _combined(counts, volumes[name])),
            ["complaints"],
            sensitive=routes if name == "route" else frozenset(),
        )
    a.table(report["not_accepted"], lambda k, j: f.excluded[k], ["not accepted"])
    stages = ("stage 1", "stage 2")
    by_service = _combined_rows(f.by_service, volumes["service"])
    a.table(
        volumes["service"],
        lambda k, j: by_service[k][stages[j]],
        list(stages),
        "stages",
        present=True,
        sensitive=services,
    )
    a.table(volumes["month"], lambda k, j: f.by_month[k][stages[j]], list(stages), "stages")
    # timeliness: what is acknowledged, answered, extended at a stage is part of it; answered
    # without an extension is part of answered in time
    for s, t in zip(report["timeliness"], (f.timeliness[1], f.timeliness[2])):
        n = s["stage"]
        stage = f"stage {n}"
        a.part(f"acknowledged {n}", t.acknowledged, stage, s["acknowledged"])
        a.rate(
            f"ack in time {n}",
            t.acknowledged_in_time,
            f"acknowledged {n}",
            s["acknowledged_in_time"],
        )
        a.add(f"responded {n}", t.responded, s["responded"])  # in the year: not part of the stage
        if s["median_working_days"] is not None:
            a.add(f"responded {n}", t.responded, SOME)
        a.rate(f"in time {n}", t.responded_in_time, f"responded {n}", s["responded_in_time"])
        a.rate(
            f"unextended {n}",
            t.responded_without_extension,
            f"responded {n}",
            s["responded_without_extension"],
        )
        a.add(f"extended in time {n}", t.responded_in_time - t.responded_without_extension)
        a.sum([f"unextended {n}", f"extended in time {n}"], f"in time {n}")
        a.part(f"extensions {n}", t.extensions, stage, s["extensions"])
    _quarters(a, report["quarters"], f, volumes["month"])
    _services(a, report["timeliness_by_service"], f, services)
    # outcomes: a stage's decisions are part of its answers; a final outcome is a stage 2
    # decision or the decision of a complaint with no stage 2
    o = report["outcomes"]
    a.table(
        o["by_stage"],
        lambda k, j: f.outcomes[int(k[-1])][DECISIONS[j]],
        [f"decided as {d}" for d in DECISIONS],
    )
    for n in (1, 2):
        decided = sum(f.outcomes[n].values())
        a.part(f"outcomes-by-stage stage {n} total", decided, f"responded {n}")
    final_by_service = _combined_rows(f.outcomes_by_service, o["by_service"])
    a.table(
        o["by_service"],
        lambda k, j: final_by_service[k][DECISIONS[j]],
        [f"final {d}" for d in DECISIONS],
        present=True,
        sensitive=services,
    )
    for j, d in enumerate(DECISIONS):
        at_1, at_2 = f"outcomes-by-stage stage 1 {j}", f"outcomes-by-stage stage 2 {j}"
        final = sum(c[d] for c in f.outcomes_by_service.values())
        only_1 = a.add(f"final at stage 1 {d}", final - f.outcomes[2][d])
        a.sum([at_2, only_1], f"final {d}")
        a.add(f"then stage 2 {d}", f.outcomes[1][d] - a.quantities[only_1].truth)
        a.sum([only_1, f"then stage 2 {d}"], at_1)
    a.table(o["remedies"], lambda k, j: f.remedies[k][stages[j]])
    m = report["ombudsman"]
    # each body's decisions in its categories; the Housing Ombudsman's on the merits, by type,
    # are all its decisions but those not on the merits
    for t in m["decisions"]:
        body = t["id"].removeprefix("ombudsman-")
        a.table(t, lambda k, j, body=body: f.referrals[body][k])
    a.table(m["themes"], lambda k, j: f.ho_themes[k])
    a.table(report["learning"]["themes"], lambda k, j: f.learning_themes[k])
    ho = next((t for t in m["decisions"] if t["id"] == "ombudsman-housing-ombudsman"), None)
    if ho:
        name = ho["id"]
        undecided = [f"{name} {r['key']} 0" for r in ho["rows"] if r["key"] in UNDECIDED]
        a.sum([*undecided, "ombudsman-themes total 0"], f"{name} total 0")
    a.add("recommendations", f.recommendations, m["recommendations"])
    a.rate(
        "on time",
        f.recommendations_on_time,
        "recommendations",
        m["recommendations_complied_on_time"],
    )
    if report["tsm"]:
        _tsm(a, report["tsm"], f, "", volumes["route"])
    p = report["previous_year"]
    if p and p["source"] == "cases":  # else last year's published figures, as given
        fp = b.previous
        assert fp is not None
        for n in (1, 2):
            a.add(f"before stage {n}", getattr(fp, f"stage{n}"), p[f"stage{n}"])
            t = fp.timeliness[n]
            a.add(f"before responded {n}", t.responded)  # in the year: not part of the stage
            a.rate(
                f"before in time {n}",
                t.responded_in_time,
                f"before responded {n}",
                p[f"stage{n}_responded_in_time"],
            )
        a.add("before not accepted", sum(fp.excluded.values()), p["not_accepted"])
        if p["tsm"]:
            _tsm(a, p["tsm"], fp, "before ", None)
    return a


def _count_of(counts: Mapping[str, int], key: str, column: int) -> int:
    return counts[key]


def _services(a: Attack, t: dict, f: Figures, sensitive: frozenset[str]) -> None:
    """A service's responses at a stage are part of the year's, those in time a share of them;
    a service not listed by name is in "combined"."""
    listed = {row["key"] for row in t["rows"]}
    by: dict[str, Counter] = {}
    for service, counts in f.responses_by_service.items():
        by.setdefault(service if service in listed else "combined", Counter()).update(counts)
    # (the truth only: which services "combined" holds is what the volumes table groups)
    for s in (1, 2):
        for row in t["rows"]:
            sent = by.get(row["key"], Counter())
            count = a.add(
                f"responded {s} at {row['key']}",
                sent[f"stage {s}"],
                row[f"stage{s}_responded"],
                present=True,
                sensitive=row["key"] in sensitive,
            )
            a.rate(
                f"in time {s} at {row['key']}",
                sent[f"stage {s} in time"],
                count,
                row[f"stage{s}_responded_in_time"],
            )
        a.sum([f"responded {s} at {row['key']}" for row in t["rows"]], f"responded {s}")
        a.sum([f"in time {s} at {row['key']}" for row in t["rows"]], f"in time {s}")


def _quarters(a: Attack, q: dict, f: Figures, month: dict) -> None:
    """A quarter's complaints at a stage are its three months'; its responses at a stage are part
    of the year's, and those in time a share of them."""
    months = [row["key"] for row in month["rows"]]
    for n, row in enumerate(q["rows"]):
        for s in (1, 2):
            three = [f"month {m} {s - 1}" for m in months[3 * n : 3 * n + 3]]
            truth = sum(a.quantities[m].truth for m in three)
            a.sum(three, a.add(f"quarter {row['key']} stage {s}", truth, row[f"stage{s}"]))
            sent = f.responses_by_quarter.get(row["key"], {})
            count = a.add(f"responded {s} {row['key']}", sent.get(f"stage {s}", 0))
            a.quantities[count].labels += (row[f"stage{s}_responded"],)
            a.rate(
                f"in time {s} {row['key']}",
                sent.get(f"stage {s} in time", 0),
                count,
                row[f"stage{s}_responded_in_time"],
            )
    for s in (1, 2):
        a.sum([f"responded {s} {row['key']}" for row in q["rows"]], f"responded {s}")
        a.sum([f"in time {s} {row['key']}" for row in q["rows"]], f"in time {s}")


def _combined(counts: Mapping[str, int], t: dict) -> dict[str, int]:
    """The true counts of a one-way table's rows: a "combined" row is every category the table
    does not list by name (the attacker's own reading; for the truth only)."""
    listed = {row["key"] for row in t["rows"]}
    out = {k: v for k, v in counts.items() if k in listed}
    rest = "rest" if "rest" in listed else "combined"
    out[rest] = sum(v for k, v in counts.items() if k not in listed)
    return out


def _combined_rows(counts: Mapping[str, Mapping[str, int]], t: dict) -> dict[str, dict[str, int]]:
    """The same for a two-way table."""
    listed = {row["key"] for row in t["rows"]}
    out: dict[str, dict[str, int]] = {}
    for k, row in counts.items():
        into = out.setdefault(k if k in listed else "combined", {})
        for c, v in row.items():
            into[c] = into.get(c, 0) + v
    return {k: {c: row.get(c, 0) for c in (*STAGE_NAMES, *DECISIONS)} for k, row in out.items()}


STAGE_NAMES = ("stage 1", "stage 2")


def _tsm(a: Attack, tsm: dict, f: Figures, prefix: str, route: dict | None) -> None:
    """CH01 (its count, the homes being published) and CH02 (its parts of those answered)."""
    for n in (1, 2):
        housing = getattr(f, f"housing_stage{n}")
        within, unextended, answered = f.ch02[n]
        stage = f"{prefix}stage {n}"
        a.part(f"{prefix}housing {n}", housing, stage)
        a.per_thousand(
            f"{prefix}housing {n}", tsm["homes"], tsm["CH01"][f"stage{n}_per_1000_homes"]
        )
        ch02 = tsm["CH02"][f"stage{n}"]
        # the housing complaints answered in the year, of any year's: not part of those received
        base = a.add(f"{prefix}housing answered {n}", answered, ch02["responded"])
        responded = f"{prefix}responded {n}"
        if responded in a.quantities:  # those answered include the housing ones
            rest = a.add(f"{responded} less housing", a.quantities[responded].truth - answered)
            a.sum([base, rest], responded)
        a.rate(f"{prefix}within {n}", within, base, ch02["within_timescales"])
        a.rate(
            f"{prefix}within unextended {n}",
            unextended,
            base,
            ch02["within_timescales_without_extensions"],
        )
    if route is not None:
        row = next((r for r in route["rows"] if r["key"] == "housing"), None)
        if row is not None:
            a.part(f"{prefix}housing 1", f.housing_stage1, "route housing 0")


# ---------------------------------------------------------------------------------------------
# The attacker's solver: exact integer reasoning on the constraints
# ---------------------------------------------------------------------------------------------


def _label_domain(label: object, cap: int, present: bool) -> set[int] | None:
    """The values a label allows (None: it says nothing)."""
    if isinstance(label, bool) or label is None:
        return None
    if isinstance(label, int):
        return {label}
    if label == F:
        return set(SMALL)
    if label == SOME:
        return set(range(1, cap + 1))
    if label == H:
        return {v for v in range(cap + 1) if v not in SMALL and not (present and v == 0)}
    if label == NOT_SHOWN:
        return set(range(1 if present else 0, cap + 1))
    raise AssertionError(f"a count published as {label!r}")


def _allowed(rate: Rate, base: int) -> range | None:
    """The counts a published rate allows for one value of its base (None: any)."""
    shown, scale = rate.shown, rate.scale
    if shown == H:  # hidden with its base, whatever the base is (0 included)
        return None
    if shown is None:
        return range(0, 1) if base == 0 else range(0)
    if base == 0:
        return range(0)  # a rate of a base of 0 is published as None
    if isinstance(shown, (int, float)) and not isinstance(shown, bool):
        low, high = shown - 0.05, shown + 0.05
    elif isinstance(shown, str) and (match := RATE.match(shown) or PER.match(shown)):
        low, high = float(match[1]) - 0.05, float(match[2]) + 0.05
    elif shown == f"{F} cases":
        return range(0, base + 1) if base in SMALL else range(0)
    elif shown == H:
        return None
    else:
        raise AssertionError(f"a rate published as {shown!r}")
    first = max(0, -int(-(low * base / scale - 1e-9) // 1))
    last = min(base, int((high * base / scale + 1e-9) // 1))
    return range(first, last + 1)


class Solver:
    """Each unknown's possible values, narrowed by iterating bounds over every constraint, and a
    search for a second solution where that leaves more than one."""

    def __init__(self, attack: Attack) -> None:
        self.attack = attack
        shown = [v for q in attack.quantities.values() for v in q.labels if type(v) is int]
        self.cap = 2 * max([*shown, 10]) + 10
        assert all(q.truth <= self.cap for q in attack.quantities.values())
        self.domain: dict[str, set[int]] = {}
        for name, q in attack.quantities.items():
            values = set(range(self.cap + 1))
            for label in q.labels:
                allowed = _label_domain(label, self.cap, q.present)
                if allowed is not None:
                    values &= allowed
            assert q.truth in values, f"{name} is {q.truth}, published as {q.labels}"
            self.domain[name] = values
        self.on: dict[str, list[int]] = {n: [] for n in attack.quantities}
        for i, (members, total) in enumerate(attack.sums):
            for k in (*members, total):
                self.on[k].append(i)
        self.rates_on: dict[str, list[Rate]] = {n: [] for n in attack.quantities}
        for rate in attack.rates:
            self.rates_on[rate.count].append(rate)
            if isinstance(rate.base, str):
                self.rates_on[rate.base].append(rate)

    def narrow(self, domain: dict[str, set[int]], names: set[str] | None = None) -> bool:
        """Iterate bounds to a fixed point (over the constraints of `names`, or all); False if a
        domain empties (no solution)."""
        sums = (
            range(len(self.attack.sums))
            if names is None
            else {i for n in names for i in self.on[n]}
        )
        rates = self.attack.rates if names is None else [r for n in names for r in self.rates_on[n]]
        changed = True
        while changed:
            changed = False
            for i in sums:
                members, total = self.attack.sums[i]
                lows = [min(domain[m]) for m in members]
                highs = [max(domain[m]) for m in members]
                t_low, t_high = min(domain[total]), max(domain[total])
                new = {v for v in domain[total] if sum(lows) <= v <= sum(highs)}
                if new != domain[total]:
                    domain[total], changed = new, True
                    if not new:
                        return False
                    t_low, t_high = min(new), max(new)
                for m, low, high in zip(members, lows, highs):
                    others_low, others_high = sum(lows) - low, sum(highs) - high
                    new = {v for v in domain[m] if t_low - others_high <= v <= t_high - others_low}
                    if new != domain[m]:
                        domain[m], changed = new, True
                        if not new:
                            return False
            for rate in rates:
                bases = domain[rate.base] if isinstance(rate.base, str) else {rate.base}
                counts, keep = set(), set()
                for base in bases:
                    allowed = _allowed(rate, base)
                    fits = (
                        domain[rate.count] if allowed is None else domain[rate.count] & set(allowed)
                    )
                    if fits:
                        counts |= fits
                        keep.add(base)
                if counts != domain[rate.count] or (isinstance(rate.base, str) and keep != bases):
                    domain[rate.count] = counts
                    if isinstance(rate.base, str):
                        domain[rate.base] = keep
                    changed = True
                    if not counts or not keep:
                        return False
        return True

    def linked(self, name: str, domain: dict[str, set[int]]) -> set[str]:
        """The unknowns tied to `name` through constraints (a known value ties nothing)."""
        found, todo = {name}, [name]
        while todo:
            k = todo.pop()
            near = [
                x for i in self.on[k] for x in (*self.attack.sums[i][0], self.attack.sums[i][1])
            ]
            near += [x for r in self.rates_on[k] for x in (r.count, r.base) if isinstance(x, str)]
            for other in near:
                if other not in found and len(domain[other]) > 1:
                    found.add(other)
                    todo.append(other)
        return found

    def another(self, name: str, budget: int = 3000) -> bool | None:
        """Whether some solution gives `name` another value than its true one (None: the search
        ran out). Only the unknowns tied to it can change (the rest are settled already)."""
        group = self.linked(name, self.domain)
        domain = dict(self.domain)  # narrowing replaces a set, never changes one
        domain[name] = domain[name] - {self.attack.quantities[name].truth}
        if not domain[name] or not self.narrow(domain, group):
            return False
        nodes = 0

        def search(domain: dict[str, set[int]]) -> bool | None:
            nonlocal nodes
            nodes += 1
            if nodes > budget:
                return None
            open_ = [k for k in group if len(domain[k]) > 1]
            if not open_:
                return True
            k = min(open_, key=lambda k: (len(domain[k]), k))
            truth = self.attack.quantities[k].truth
            gave_up = False
            for value in sorted(domain[k], key=lambda v: (abs(v - truth), v)):
                trial = dict(domain)
                trial[k] = {value}
                if self.narrow(trial, group):
                    found = search(trial)
                    if found:
                        return True
                    gave_up |= found is None
            return None if gave_up else False

        return search(domain)


def recovered(attack: Attack) -> dict[str, object]:
    """Every hidden count (and every unpublished sensitive count from 1 to 4) the attacker can
    work out: name -> its value (or "not settled" when the search ran out, which fails the test
    too)."""
    solver = Solver(attack)
    assert solver.narrow(solver.domain), "the published figures contradict each other"
    found: dict[str, object] = {}
    for name, q in attack.quantities.items():
        shown = any(type(v) is int for v in q.labels)  # a SOME says it is not 0, no more
        hidden = any(v in (F, H, NOT_SHOWN) for v in q.labels)
        if shown or not (hidden or (q.truth in SMALL and q.sensitive)):
            continue  # published as itself, or an unpublished count that is not protected
        if len(solver.domain[name]) == 1:
            found[name] = q.truth
            continue
        other = solver.another(name)
        if other is False:
            found[name] = q.truth
        elif other is None:
            found[name] = "not settled"
    return found


# ---------------------------------------------------------------------------------------------
# Every number published, in every output
# ---------------------------------------------------------------------------------------------


def numbers(node: object, path: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Every leaf of the JSON with its path."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from numbers(v, (*path, k))
    elif isinstance(node, list):
        for n, v in enumerate(node):
            yield from numbers(v, (*path, n))
    else:
        yield path, node


# the counts of the report (every other number is a rate, a number of days, money, an amount of
# homes, a year or a self-assessment's number of provisions)
COUNT_PATH = re.compile(
    r"\('(totals|previous_year)', '(stage1|stage2|escalated|not_accepted|discrimination_claimed)'\)"
    r"|'(values|total|grand_total)'"
    r"|\('timeliness', \d, '(acknowledged|responded|extensions)'\)"
    r"|\('tsm', 'CH02', 'stage\d', 'responded'\)|'recommendations'\)$"
)


def published_counts(report: dict) -> list[tuple[tuple, object]]:
    return [(p, v) for p, v in numbers(report) if COUNT_PATH.search(str(p))]


def csv_value(report: dict, row: list[str]) -> object:
    """The JSON value a CSV row stands for."""
    _, section, table, key, column = row[:5]
    if section == "totals":
        return report["totals"][key]
    if section == "timeliness" and table == "service":
        return next(r for r in report["timeliness_by_service"]["rows"] if r["key"] == key)[column]
    if section == "timeliness":
        return next(s for s in report["timeliness"] if f"stage{s['stage']}" == table)[key]
    if section == "tsm":
        node = report["tsm"]
        for step in [table, *(key.split(".") if key else []), column]:
            if isinstance(node, list):
                node = next(x for n, x in enumerate(node) if step in (x.get("tenure"), str(n)))
            else:
                node = node[step]
        return node
    if key == "financial_total":
        o = report["outcomes"]
        return o["financial_remedies_by_stage"][column] if column else o["financial_remedies_total"]
    if key == "financial_average":
        return report["outcomes"]["financial_remedies_average"]
    if table == "quarter":
        q = report["quarters"]
        return (q["total"] if key == "total" else next(r for r in q["rows"] if r["key"] == key))[
            column
        ]
    if key == "compensation_ordered":
        return report["ombudsman"]["compensation_ordered"]
    if table == "recommendations":
        m = report["ombudsman"]
        return m["recommendations"] if key == "recommendations" else m[f"recommendations_{key}"]
    tables = [*report["volumes"], report["not_accepted"], *report["outcomes"].values()]
    tables += [*report["ombudsman"]["decisions"], report["ombudsman"]["themes"]]
    tables.append(report["learning"]["themes"])
    t = next(t for t in tables if isinstance(t, dict) and t.get("id") == table)
    if key == "total":
        return t["grand_total"] if column == "Total" else t["total"][t["columns"].index(column)]
    row = next(r for r in t["rows"] if r["key"] == key)
    return row["total"] if column == "Total" else row["values"][t["columns"].index(column)]


def as_written(value: object) -> set[str]:
    """The ways the page and the charts write a published number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return set()
    return {f"{value:,}", f"{value:,.0f}", f"{value:,.1f}", f"{value:.1f}", f"{value:,.2f}"}


def page_numbers(text: str) -> list[str]:
    """Every number written on the page outside dates, years and provision numbers."""
    text = html.unescape(re.sub(r"<svg.*?</svg>", "", text, flags=re.S))
    text = re.sub(r"\b\d{4}-\d{2}(-\d{2})?\b", "", text)  # dates and reporting years
    text = re.sub(r"\b(HO|LGSCO|provisions?|policy|Code|[Cc]lauses?)\s+[\d.,\s]+", "", text)
    return re.findall(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?", text)


# ---------------------------------------------------------------------------------------------
# The tests
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_no_sensitive_count_from_1_to_4_is_published_in_any_output(
    builds: dict[str, Build], name: str
) -> None:
    b = builds[name]
    report = b.published
    counts = published_counts(report)
    assert len(counts) > 50
    attack = attack_of(report, b)
    sensitive = [q for q in attack.quantities.values() if q.sensitive and q.labels]
    assert sensitive, "nothing sensitive: the test would pass without looking"
    small = [q for q in sensitive if any(type(v) is int and v in SMALL for v in q.labels)]
    assert small == []
    if name.startswith("strict"):  # every count is sensitive
        assert [(p, v) for p, v in counts if type(v) is int and v in SMALL] == []


def test_counts_that_cannot_point_at_anyone_are_exact(builds: dict[str, Build]) -> None:
    """By default the monthly and by-service stage counts, outcomes and referrals are exact,
    small ones included; marked sensitive (strict), they are protected."""
    for name in ("fixture", "small"):
        report = builds[name].published
        month = next(t for t in report["volumes"] if t["id"] == "month")
        values = [v for row in month["rows"] for v in row["values"]]
        assert all(type(v) is int for v in values), values
        assert any(v in SMALL for v in values)
        assert report["totals"]["escalated"] == builds[name].figures.escalated
    strict = builds["strict-small"].published
    month = next(t for t in strict["volumes"] if t["id"] == "month")
    assert F in [v for row in month["rows"] for v in row["values"]]


def withheld_share(page: str) -> tuple[int, int]:
    """The report page's figure cells (not its text: the actions of a self-assessment), and those
    withheld: "hidden", "fewer than 5", "not shown", a range."""
    page = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
    cells = [html.unescape(c).strip() for c in re.findall(r"<td>(.*?)</td>", page, re.S)]
    shown = re.compile(r"[\d,.]+%?|–")  # a figure, or nothing to count
    withheld = re.compile(rf"{H}|{F}( cases)?|{NOT_SHOWN}|[\d.]+%? to [\d.]+%?")
    figures = [c for c in cells if shown.fullmatch(c) or withheld.fullmatch(c)]  # not text
    return len(figures), sum(bool(withheld.fullmatch(c)) for c in figures)


def test_at_most_a_fifth_of_the_example_year_s_table_cells_are_withheld(
    builds: dict[str, Build],
) -> None:
    """The 400-case example year (44% of its cells were withheld when every small count was);
    and its chart of complaints each month shows both stages."""
    b = builds["example"]
    cells, withheld = withheld_share(b.outputs["markdown"])
    assert cells > 200
    assert withheld / cells <= 1 / 5, (withheld, cells)
    drawn = charts.render(b.published)
    month = drawn["month"]
    assert "not shown" not in month.svg and "Stage 2" in month.svg
    assert "Complaints at stage 2 each month ranged from" in month.description
    strict = builds["strict-small"].outputs["markdown"]
    assert withheld_share(strict)[1] > withheld_share(builds["small"].outputs["markdown"])[1]


@pytest.mark.parametrize("name", NAMES)
def test_no_secondary_suppression_wipes_out_a_row_or_column(
    builds: dict[str, Build], name: str
) -> None:
    """A row or column of a table is all withheld only where it holds a small sensitive count."""
    if name.startswith("strict"):
        pytest.skip("every count sensitive: the old rule")
    report = builds[name].published
    marked = report["suppression"]["sensitive"]
    touchy = {*marked["routes"], *marked["services"], "combined"}
    tables = [*report["volumes"], report["outcomes"]["by_service"]]
    tables += [report["outcomes"]["by_stage"]]
    for t in tables:
        if t["id"] in marked["tables"] or len(t["columns"]) < 2:
            continue
        for row in t["rows"]:
            if row["key"] not in touchy:
                values = [*row["values"], row.get("total")]
                assert any(type(v) is int for v in values), (t["id"], row)
        for j, column in enumerate(t["columns"]):
            values = [row["values"][j] for row in t["rows"]] + [t.get("total", [None] * 9)[j]]
            assert any(type(v) is int for v in values), (t["id"], column)


@pytest.mark.parametrize("name", NAMES)
def test_the_csv_holds_exactly_what_the_json_holds(builds: dict[str, Build], name: str) -> None:
    b = builds[name]
    report = b.published
    rows = list(csv.reader(io.StringIO(b.outputs["csv"])))[1:]
    assert len(rows) > 100
    for row in rows:
        value = csv_value(report, row)
        if type(value) in (int, float):
            assert row[7] == "published" and float(row[5]) == value, row
        else:  # withheld (or nothing to divide by): no number, and the reason in `status`
            assert row[5] == "" and row[7] != "published", row
            if isinstance(value, str) and (m := RATE.match(value) or PER.match(value)):
                assert (row[7], float(row[8]), float(row[9])) == ("range", float(m[1]), float(m[2]))


@pytest.mark.parametrize("name", NAMES)
def test_every_number_on_the_page_and_in_its_charts_is_one_the_json_publishes(
    builds: dict[str, Build], name: str
) -> None:
    b = builds[name]
    report = b.published
    allowed = {w for _, v in numbers(report) for w in as_written(v)}
    for t in [*report["volumes"], report["outcomes"]["by_service"]]:  # the charts add up a row
        for row in t["rows"]:
            if all(type(v) is int for v in row["values"]):
                allowed |= as_written(sum(row["values"]))
    for _, v in numbers(report):  # ranges, as "97.5% to 99.4%"
        if isinstance(v, str) and (m := RATE.match(v) or PER.match(v)):
            allowed |= {m[1], m[2]}
    # the self-assessments' provisions and their actions' words, as the JSON gives them
    allowed |= {n for _, v in numbers(report["self_assessment"]) for n in page_numbers(str(v))}
    fixed = {str(n) for n in range(0, 11)} | {
        "1,000",
        "100,000",
        "8.1",
        "8.2",
        "15.1",
        "15.4",
        "90",
    }
    fixed.add("100")
    page = b.outputs["markdown"]
    stray = [n for n in page_numbers(page) if n not in allowed | fixed]
    assert stray == []
    # the charts are drawn from the JSON alone: the page's are those of its JSON
    drawn = charts.render(report)
    assert drawn, "no chart: the test would pass without looking"
    for chart in drawn.values():
        assert chart.svg in page
        written = [n.rstrip("%") for n in value_labels(svg_of(chart))]
        written += page_numbers(chart.description)
        assert [n for n in written if n not in allowed | fixed] == [], chart.id


@pytest.mark.parametrize("name", NAMES)
def test_no_hidden_count_can_be_recovered_from_everything_published(
    builds: dict[str, Build], name: str
) -> None:
    b = builds[name]
    attack = attack_of(b.published, b)
    hidden = [
        n for n, q in attack.quantities.items() if any(v in (F, H, NOT_SHOWN) for v in q.labels)
    ]
    least = 10 if name.startswith("strict") else 1
    assert len(hidden) > least, "too little hidden for the attack to mean anything"
    assert recovered(attack) == {}


def test_the_fixture_year_of_june_has_open_complaints_and_nothing_recoverable(
    tmp_path: Path,
) -> None:
    """As of 30 June 2025 the fixture year has complaints not yet answered (counts the report
    never publishes, tied to those it does)."""
    root = write_year(scratch(tmp_path / "june", with_cases=False))
    b = build(root, "2025-06-30", formats=("json",))
    attack = attack_of(b.published, b)
    assert b.figures.stage1 - b.figures.timeliness[1].responded == 1
    assert recovered(attack) == {}


def test_the_site_shows_self_assessment_rates_only_where_no_small_count_shows(
    tmp_path: Path,
) -> None:
    """The self-assessment pages' rates over the cases: each shown exactly has neither its count
    nor the rest of its base from 1 to 4 (and no base from 1 to 4); a range allows every count its
    words do."""
    root = scratch(tmp_path / "site", with_cases=True)
    repository = load_repository(root)
    found = publication(repository, date.fromisoformat(AS_OF))
    site = build_site(found.run.view, found.figures)
    view = found.run.view
    checked = 0
    for code in sorted(view.codes):
        document = latest_assessment(view, code)
        assert document is not None
        page = html.unescape(site.pages[f"self-assessment/{document.data['year']}-{code}.md"])
        table = page[
            page.index("Provisions measured") : page.index(
                "</table>", page.index("Provisions measured")
            )
        ]
        rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", table)
        results = [re.findall(r"<td>(.*?)</td>", cells)[2] for _, cells in rows]
        evidence = [e for p in score(view, document).provisions for e in p.evidence]
        assert len(results) == len(evidence) > 5
        for shown, e in zip(results, evidence):
            met, cases = e.measure.met, e.measure.applicable
            if re.fullmatch(r"\d+\.\d%", shown):
                assert met not in SMALL and cases - met not in SMALL and cases not in SMALL
                assert shown == f"{100 * met / cases:.1f}%"
                checked += 1
            elif m := RATE.match(shown):
                low, high = float(m[1]), float(m[2])
                assert low - 0.05 <= 100 * met / cases <= high + 0.05
            else:
                assert shown in ("no cases", f"{F} cases", H), shown
    assert checked > 5


def test_a_frozen_year_is_the_same_whatever_day_it_is_built(tmp_path: Path) -> None:
    """The example year is frozen (policy/reports/2025-26.yaml): built the day after it was
    frozen and a year later, every output is the same, byte for byte; the page says as at when."""
    root = scratch(tmp_path / "example", with_cases=True)
    first, later = build(root, "2026-07-01"), build(root, "2027-07-01")
    assert first.outputs == later.outputs
    assert first.published["as_of"] == "2026-06-30" and first.published["frozen"] is True
    assert "Figures as at 2026-06-30." in first.outputs["markdown"]
    # and the site publishes those very figures, whatever day it is built
    sites = []
    for as_of in ("2026-07-01", "2027-07-01"):
        found = publication(load_repository(root), date.fromisoformat(as_of))
        sites.append(build_site(found.run.view, found.figures))
    for path in ("data/complaints-report-2025-26.json", "data/complaints-report-2025-26.csv"):
        assert sites[0].files[path] == sites[1].files[path] == first.outputs[path[-4:].strip(".")]
    assert sites[0].pages["reports/2025-26.md"] == sites[1].pages["reports/2025-26.md"]


def test_two_builds_of_a_frozen_year_a_day_apart_leave_nothing_to_difference(
    tmp_path: Path,
) -> None:
    """The attacker's differencing: every published number of two builds, a day apart, compared."""
    root = small_year(scratch(tmp_path / "small", with_cases=False))
    one, two = build(root, "2026-09-14"), build(root, "2026-09-15")
    differ = [
        (p, v, w)
        for (p, v), (_, w) in zip(numbers(one.published), numbers(two.published), strict=True)
        if v != w
    ]
    assert differ == []
    assert one.outputs == two.outputs


def test_a_draft_year_says_so_and_follows_the_date_it_is_built(tmp_path: Path) -> None:
    root = small_year(scratch(tmp_path / "draft", with_cases=False), frozen=None)
    one, two = (
        build(root, day, formats=("json", "markdown")) for day in ("2025-12-01", "2026-09-15")
    )
    assert one.published["frozen"] is False and one.published["as_of"] == "2025-12-01"
    assert "This is a draft: figures as at 2025-12-01" in one.outputs["markdown"]
    assert one.outputs["json"] != two.outputs["json"]  # what freezing a year prevents


def test_a_year_before_a_frozen_year_is_frozen_with_it(tmp_path: Path) -> None:
    """The comparison with the year before stays fixed too: the fixture's 2024-25 has no report
    inputs of its own, and is counted as at the date 2025-26 is frozen at."""
    root = write_year(scratch(tmp_path / "fixture", with_cases=False))
    inputs = root / "policy" / "reports" / "2025-26.yaml"
    inputs.write_text(
        inputs.read_text().replace("year: 2025-26\n", "year: 2025-26\nfigures_as_at: 2026-04-20\n")
    )
    before = [build(root, day, "2024-25", ("json", "csv")) for day in ("2026-05-01", "2027-05-01")]
    assert before[0].outputs == before[1].outputs and before[0].published["frozen"] is True
    assert before[0].published["as_of"] == "2026-04-20"
    now = [build(root, day, formats=("json",)) for day in ("2026-05-01", "2027-05-01")]
    assert now[0].published["previous_year"] == now[1].published["previous_year"]
    # as the year's own report decides its figures
    own = before[0].published
    assert now[0].published["previous_year"]["stage1"] == own["totals"]["stage1"]


# ---------------------------------------------------------------------------------------------
# The attack works: weakened, the disclosure control leaks, and the attack says what
# ---------------------------------------------------------------------------------------------


def test_the_attack_recovers_a_count_from_an_exact_rate_beside_it(builds: dict[str, Build]) -> None:
    """The fixture's escalation rate published exactly (16.0%) beside "fewer than 5" escalated
    (every count sensitive)."""
    b = builds["strict-fixture"]
    report = b.published
    assert report["totals"]["escalated"] == F and b.figures.stage1_escalated == 4
    report["totals"]["escalation_rate"] = round(100 * 4 / b.figures.stage1, 1)
    assert recovered(attack_of(report, b)).get("stage 1 escalated") == 4


def test_the_attack_recovers_a_count_from_ch01_and_the_homes(builds: dict[str, Build]) -> None:
    b = builds["strict-fixture"]
    report = b.published
    assert b.figures.housing_stage2 == 4
    assert b.homes is not None
    report["tsm"]["CH01"]["stage2_per_1000_homes"] = round(1000 * 4 / b.homes, 1)
    assert "housing 2" in recovered(attack_of(report, b))


def test_the_attack_recovers_counts_when_rates_are_always_exact(
    builds: dict[str, Build], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rates decided as before: shown exactly whenever their base is not small."""

    def exact(self: suppression.Decided, numerator: Hashable) -> float | str | None:
        rest, base = self.rates[numerator]
        whole = self.values[base]
        if whole == 0:
            return None
        if 1 <= whole <= 4:
            return f"{F} cases"
        return round(100 * self.values[numerator] / whole, 1)

    monkeypatch.setattr(suppression.Decided, "share", exact)
    root = strict(write_year(scratch(tmp_path / "weak", with_cases=False)))
    b = build(root, formats=("json",))
    found = recovered(attack_of(b.published, b))
    assert found.get("stage 1 escalated") == 4 and found


def test_the_attack_recovers_counts_without_complementary_suppression(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the counts from 1 to 4 hidden, as if no figure could be worked out from another."""

    def primary_only(
        values: dict,
        lines: list,
        threshold: int = 4,
        implied: tuple = (),
        present: tuple = (),
        protected: object = None,
    ) -> tuple[set, set]:
        return {k for k, v in values.items() if 1 <= v <= threshold and k not in implied}, set()

    monkeypatch.setattr(suppression, "hide", primary_only)
    root = strict(small_year(scratch(tmp_path / "weak", with_cases=False)))
    b = build(root, formats=("json",))
    assert len(recovered(attack_of(b.published, b))) > 5


def test_the_attack_recovers_a_count_the_json_hides_and_the_page_would_show(
    builds: dict[str, Build],
) -> None:
    """A raw count where the JSON says "fewer than 5" (the CSV, say, or a chart) is one label
    more for the attacker, and gives the count away."""
    b = builds["strict-small"]
    report = b.published
    attack = attack_of(report, b)
    name = next(n for n, q in attack.quantities.items() if F in q.labels and q.truth in SMALL)
    attack.quantities[name].labels.append(attack.quantities[name].truth)
    solver = Solver(attack)
    assert solver.narrow(solver.domain) and len(solver.domain[name]) == 1


def test_the_attack_needs_no_help_from_the_code_under_test() -> None:
    """The attacker writes its own constraints from the definitions: it imports nothing of the
    decision (only the figures, for the test's own checks of the truth)."""
    source = Path(__file__).read_text("utf-8")
    attacker = source[source.index("class Attack:") : source.index("def numbers(")]
    assert (
        "suppression." not in attacker and "publish." not in attacker and "Decided" not in attacker
    )


def test_every_month_and_decision_the_attack_knows_is_the_report_s() -> None:
    assert months(4)[0] == "Apr" and DECISIONS == ("upheld", "partly-upheld", "not-upheld")
    assert disclose.STAGES == ("stage 1", "stage 2")


def test_the_example_is_frozen_in_its_report_inputs() -> None:
    text = (ROOT / "policy" / "reports" / "2025-26.yaml").read_text("utf-8")
    assert re.search(r"^figures_as_at: \d{4}-\d{2}-\d{2}$", text, re.M)
