"""The public annual report: the year's figures as published, small numbers suppressed.

This is the only shape the report leaves the tool in (Markdown page, JSON and CSV open data,
charts): aggregates only, no case id, complainant reference, handler or case text other than
learning marked publishable. Every count of the report, and every rate and TSM, is declared once
to `suppression.Disclosure` with the identities a reader knows from the definitions in `figures`
(`disclose`), and decided once; every output reads its numbers from that one decision, so the
page, the open data and the charts show and hide the same. Its JSON Schema is
`checker/schemas/report-data.schema.json`.

A frozen year (`figures.as_at`) is published as at its date, and says so; a draft says its figures
will change.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.calendar import periods
from checker.load.view import View
from checker.model import categories
from checker.model.codes import BODIES
from checker.model.scores import Score
from checker.report.figures import (
    DECISIONS,
    MONTHS,
    Figures,
    Inputs,
    Timeliness,
    as_at,
    compute,
    inputs,
    years_with_cases,
)
from checker.report.suppression import (
    DEFAULT_THRESHOLD,
    HIDDEN,
    Breakdown,
    Decided,
    Disclosure,
    Grid,
    primary,
)

VERSION = 1
# The report, or a part of it, as JSON-ready data in the shape that
# checker/schemas/report-data.schema.json describes (it also carries the YAML data of the year's
# report inputs, as written).
Published = dict[str, Any]


def label(slug: str) -> str:
    """A value of one of the schemas' own closed lists (a route, a remedy, an exclusion reason) as
    a reader sees it: 'data-protection' -> 'Data protection'. A service, type or channel is named
    by the council's own label instead (`model.categories`), never from its slug."""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


# What a service, type or channel the council has not declared is shown as (only a repository
# that fails the check has one): never its slug, which may be anything typed.
NOT_DECLARED = "Not a declared category"


def _named(key: str, labels: Mapping[str, str] | None) -> str:
    return label(key) if labels is None else labels.get(key, NOT_DECLARED)


STAGES = ("stage 1", "stage 2")


@dataclass(frozen=True)
class Disclosed:
    """One year's figures as decided: what is shown, and the keys of its tables."""

    decided: Decided
    tables: dict[str, Breakdown | Grid]


def disclose(f: Figures, homes: int | None, threshold: int) -> Disclosed:
    """Every count the year's report publishes or implies, and how they add up, decided once.

    The identities, each a definition in `figures`: every complaint counted is at stage 1, or
    straight at stage 2, or at neither yet; a stage 2 follows a stage 1 (escalated) or not (direct);
    each breakdown of the complaints adds up to the same total, and each breakdown of a stage to
    the stage's total; what is acknowledged, responded to, extended or decided at a stage is part
    of the stage; a final outcome is the stage 2 decision, or the stage 1 decision of a complaint
    with no stage 2; housing complaints at a stage are part of the stage and of the housing
    route, and those responded to part of those responded to; a rate publishes its count and the
    rest of its base."""
    d = Disclosure(threshold)
    tables = _volumes(d, f)
    responded = {n: _timeliness_counts(d, n, t) for n, t in sorted(f.timeliness.items())}
    tables |= _outcome_counts(d, f, responded)
    tables["remedies"] = d.breakdown("remedies", f.remedies)
    columns = sorted({o for c in f.referrals.values() for o in c})
    tables["referrals"] = d.grid("referrals", f.referrals, columns, present=True)
    recommendations = d.count("recommendations", f.recommendations)
    d.share("recommendations on time", f.recommendations_on_time, recommendations)
    if homes:
        route = tables["route"]
        assert isinstance(route, Breakdown)
        _tsm_counts(d, f, responded, route.cells.get("housing"))
    return Disclosed(d.decide(), tables)


def _volumes(d: Disclosure, f: Figures) -> dict[str, Breakdown | Grid]:
    """The complaints, their stages and their breakdowns."""
    complaints = d.count("complaints", sum(f.by_route.values()))
    stage1, stage2 = d.count("stage 1", f.stage1), d.count("stage 2", f.stage2)
    stages = d.count("stages", f.stage1 + f.stage2)
    d.line((stage1, stage2), stages)
    escalated = d.share("escalated", f.escalated, stage1)
    direct = d.imply("direct to stage 2", f.stage2 - f.escalated)
    d.line((escalated, direct), stage2)
    neither = d.imply("at no stage yet", d.values[complaints] - f.stage1 - d.values[direct])
    d.line((stage1, direct, neither), complaints)
    d.part("discrimination claimed", f.discrimination_claimed, complaints)
    margins = {"stage 1": stage1, "stage 2": stage2}
    not_accepted = d.count("not accepted", sum(f.excluded.values()))
    return {
        "route": d.breakdown("route", f.by_route, complaints),
        "service": d.grid(
            "service", f.by_service, STAGES, present=True, column_totals=margins, grand_total=stages
        ),
        "type": d.breakdown("type", f.by_type, complaints),
        "channel": d.breakdown("channel", f.by_channel, complaints),
        "month": d.grid(
            "month", f.by_month, STAGES, MONTHS, column_totals=margins, grand_total=stages
        ),
        "exclusion": d.breakdown("exclusion", f.excluded, not_accepted),
    }


def _timeliness_counts(d: Disclosure, n: int, t: Timeliness) -> Hashable:
    """A stage's timeliness; the key of the count responded to."""
    stage = f"stage {n}"
    acknowledged = d.part(("acknowledged", n), t.acknowledged, stage)
    d.share(("acknowledged in time", n), t.acknowledged_in_time, acknowledged)
    responded = d.part(("responded", n), t.responded, stage)
    in_time = d.share(("responded in time", n), t.responded_in_time, responded)
    unextended = d.share(
        ("responded without extension", n), t.responded_without_extension, responded
    )
    extended = t.responded_in_time - t.responded_without_extension
    d.line((unextended, d.imply(("in time by an extension", n), extended)), in_time)
    d.part(("extensions", n), t.extensions, stage)
    return responded


def _outcome_counts(
    d: Disclosure, f: Figures, responded: Mapping[int, Hashable]
) -> dict[str, Breakdown | Grid]:
    """Outcomes by stage (each stage's decisions are part of its responses) and final outcomes
    (a stage 2 decision, or the stage 1 decision of a complaint with no stage 2)."""
    outcomes = {f"stage {n}": c for n, c in f.outcomes.items()}
    by_stage = d.grid("outcomes-by-stage", outcomes, DECISIONS, STAGES)
    for n, stage in zip((1, 2), STAGES):
        decided = by_stage.row_totals[stage]
        undecided = d.values[responded[n]] - d.values[decided]
        d.line((decided, d.imply(("responded, no decision", n), undecided)), responded[n])
    final = d.grid("outcomes-by-service", f.outcomes_by_service, DECISIONS, present=True)
    for decision in DECISIONS:
        at_1, at_2 = (by_stage.cells[stage][decision] for stage in STAGES)
        total = final.column_totals[decision]
        only_1 = d.imply(("final at stage 1", decision), d.values[total] - d.values[at_2])
        d.line((at_2, only_1), total)
        then_2 = d.imply(("at stage 1, then stage 2", decision), d.values[at_1] - d.values[only_1])
        d.line((only_1, then_2), at_1)
    return {"outcomes-by-stage": by_stage, "outcomes-by-service": final}


def _tsm_counts(
    d: Disclosure, f: Figures, responded: Mapping[int, Hashable], route: Hashable | None
) -> None:
    """CH01's counts (published with the homes), CH02's parts and their bases."""
    housing = {1: f.housing_stage1, 2: f.housing_stage2}
    for n, (within, unextended, answered) in f.ch02.items():
        stage = d.part(("housing", n), housing[n], f"stage {n}")
        base = d.part(("housing responded", n), answered, stage)
        others = d.imply(("responded, not housing", n), d.values[responded[n]] - answered)
        d.line((base, others), responded[n])
        d.share(("housing within", n), within, base)
        d.share(("housing within without extensions", n), unextended, base)
    if route is not None:
        rest = d.imply("housing, no stage 1", d.values[route] - f.housing_stage1)
        d.line((("housing", 1), rest), route)


def _ordered(decided: Decided, keys: Mapping[str, Any]) -> list[str]:
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


def _line_table(
    decided: Decided,
    keys: Breakdown,
    table_id: str,
    title: str,
    dimension: str,
    column: str = "Complaints",
    labels: Mapping[str, str] | None = None,
) -> Published:
    """A one-way breakdown with its total, as decided; its rows named by `labels` if given."""
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [column],
        "rows": [
            {"key": key, "label": _named(key, labels), "values": [decided.show(keys.cells[key])]}
            for key in _ordered(decided, keys.cells)
        ],
        "total": [decided.show(keys.total)],
    }


def _grid_table(
    decided: Decided,
    keys: Grid,
    table_id: str,
    title: str,
    dimension: str,
    fixed: bool = False,
    labels: Mapping[str, str] | None = None,
) -> Published:
    """A two-way breakdown with its row, column and grand totals, as decided; its rows in their
    own order if `fixed`, else largest first."""
    rows = list(keys.rows) if fixed else _ordered(decided, keys.row_totals)
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [label(c) for c in keys.columns],
        "rows": [
            {
                "key": r,
                "label": _named(r, labels),
                "values": [decided.show(keys.cells[r][c]) for c in keys.columns],
                "total": decided.show(keys.row_totals[r]),
            }
            for r in rows
        ],
        "total": [decided.show(keys.column_totals[c]) for c in keys.columns],
        "grand_total": decided.show(keys.grand_total),
    }


def publish(
    figures: Figures,
    inputs: Inputs,
    council: dict[str, Any],
    frozen: date | None = None,
    previous: Figures | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Published:
    """The public report for one year, as a JSON-ready dictionary; `frozen`, the date the year's
    figures are frozen at (they are final if they were counted as at it)."""
    f = figures
    report = inputs.report or {}
    stock = council.get("housing_stock")
    homes = stock["homes"] if stock else None
    disclosed = disclose(f, homes, threshold)
    decided, tables = disclosed.decided, disclosed.tables

    def line(
        table_id: str,
        title: str,
        dimension: str,
        column: str = "Complaints",
        labels: Mapping[str, str] | None = None,
    ) -> Published:
        keys = tables[table_id]
        assert isinstance(keys, Breakdown)
        return _line_table(decided, keys, table_id, title, dimension, column, labels)

    def grid(
        table_id: str,
        title: str,
        dimension: str,
        fixed: bool = False,
        labels: Mapping[str, str] | None = None,
    ) -> Published:
        keys = tables[table_id]
        assert isinstance(keys, Grid)
        return _grid_table(decided, keys, table_id, title, dimension, fixed, labels)

    return {
        "version": VERSION,
        "council": council["name"],
        "year": f.year,
        "period": {"start": f.start.isoformat(), "end": f.end.isoformat()},
        "as_of": f.as_of.isoformat(),
        "frozen": f.as_of == frozen,
        "suppression": {
            "threshold": threshold,
            "shown_as": f"fewer than {threshold + 1}",
            "secondary_shown_as": HIDDEN,
        },
        "self_assessment": [_score(s) for s in inputs.scores],
        "totals": {
            "stage1": decided.show("stage 1"),
            "stage2": decided.show("stage 2"),
            "escalated": decided.show("escalated"),
            "escalation_rate": decided.share("escalated"),
            "not_accepted": decided.show("not accepted"),
            "discrimination_claimed": decided.show("discrimination claimed"),
        },
        "volumes": [
            line("route", "Complaints by route", "route"),
            grid(
                "service",
                "Complaints by service and stage",
                "service",
                labels=categories.labels(council, "service"),
            ),
            line("type", "Complaints by type", "type", labels=categories.labels(council, "type")),
            line(
                "channel",
                "Complaints by channel",
                "channel",
                labels=categories.labels(council, "channel"),
            ),
            grid(
                "month",
                "Complaints by month and stage",
                "month",
                fixed=True,
                labels={m: m for m in MONTHS},
            ),
        ],
        "not_accepted": line("exclusion", "Complaints not accepted, by reason", "exclusion"),
        "timeliness": [_timeliness(n, t, decided) for n, t in sorted(f.timeliness.items())],
        "outcomes": {
            "by_stage": grid(
                "outcomes-by-stage",
                "Outcomes by stage",
                "stage",
                fixed=True,
                labels={"stage 1": "Stage 1", "stage 2": "Stage 2"},
            ),
            "by_service": grid(
                "outcomes-by-service",
                "Final outcomes by service",
                "service",
                labels=categories.labels(council, "service"),
            ),
            "remedies": line("remedies", "Remedies by kind", "remedy", column="Remedies"),
            "financial_remedies_total": _financial(f, decided, tables["remedies"]),
        },
        "ombudsman": {
            "referrals": grid(
                "referrals",
                "Ombudsman referrals by body and decision",
                "body",
                labels={body: about.label for body, about in BODIES.items()},
            ),
            "recommendations": decided.show("recommendations"),
            "recommendations_complied_on_time": decided.share("recommendations on time"),
        },
        "tsm": _tsm(decided, stock),
        "previous_year": _previous(previous, stock, threshold) if previous else None,
        "learning": {
            "from_cases": list(f.learning),
            "service_improvements": [
                {
                    "service": categories.label(council, "service", item["service"])
                    or NOT_DECLARED,
                    "improvement": item["improvement"],
                    "date": item.get("date"),
                }
                for item in report.get("service_improvements", [])
            ],
        },
        "ombudsman_letters": report.get("ombudsman_letters", []),
        "non_compliance_findings": report.get("non_compliance_findings", []),
        "other_publications": report.get("other_publications", []),
        "governing_body": report.get("governing_body"),
    }


def _financial(f: Figures, decided: Decided, remedies: Breakdown | Grid) -> float | str:
    """The sum of financial remedies, unless it is over a number of payments the report hides."""
    assert isinstance(remedies, Breakdown)
    key = remedies.cells.get("financial")
    payments = decided.cell(key) if key is not None else None
    if payments is not None and payments.loose:
        return "not shown: the number of payments is not shown"
    if payments is not None and primary(payments.value, decided.threshold):
        return f"not shown: fewer than {decided.threshold + 1} payments"
    return round(f.financial_total, 2)


def _timeliness(number: int, t: Timeliness, decided: Decided) -> Published:
    # the working days only beside a shown count of responses: None would give away a hidden 0
    unshown = decided.cell(("responded", number)).hidden
    return {
        "stage": number,
        "acknowledged": decided.show(("acknowledged", number)),
        "acknowledged_in_time": decided.share(("acknowledged in time", number)),
        "responded": decided.show(("responded", number)),
        "responded_in_time": decided.share(("responded in time", number)),
        "responded_without_extension": decided.share(("responded without extension", number)),
        "extensions": decided.show(("extensions", number)),
        "median_working_days": None if unshown else t.median,
        "p90_working_days": None if unshown else t.p90,
    }


def _tsm(decided: Decided, stock: dict[str, Any] | None) -> Published | None:
    if not stock:
        return None
    homes = stock["homes"]
    return {
        "homes": homes,
        "homes_as_of": stock["as_of"],
        "homes_example": stock.get("example", False),
        "CH01": {f"stage{n}_per_1000_homes": decided.per(("housing", n), homes) for n in (1, 2)},
        "CH02": {
            f"stage{n}": {
                "responded": decided.show(("housing responded", n)),
                "within_timescales": decided.share(("housing within", n)),
                "within_timescales_without_extensions": decided.share(
                    ("housing within without extensions", n)
                ),
            }
            for n in (1, 2)
        },
    }


def _previous(f: Figures, stock: dict[str, Any] | None, threshold: int) -> Published:
    """The previous year's headline figures, as its own report decides them."""
    decided = disclose(f, stock["homes"] if stock else None, threshold).decided
    return {
        "year": f.year,
        "stage1": decided.show("stage 1"),
        "stage2": decided.show("stage 2"),
        "not_accepted": decided.show("not accepted"),
        "stage1_responded_in_time": decided.share(("responded in time", 1)),
        "stage2_responded_in_time": decided.share(("responded in time", 2)),
        "tsm": _tsm(decided, stock),
    }


def _score(s: Score) -> Published:
    return {
        "code": s.code,
        "title": s.title,
        "edition": s.edition,
        "period": s.period,
        "yes": s.count("yes"),
        "partial": s.count("partial"),
        "no": s.count("no"),
        "declared_share": round(100 * s.declared_share, 1),
        "evidenced_share": round(100 * s.evidenced_share, 1),
        "contradicted": [p.number for p in s.contradictions],
        "actions": len(s.actions),
    }


def build(view: View, figures: dict[str, Figures], year: str) -> Published:
    """The public report for `year` of the repository in `view`, from its counted figures (counted
    with `figures.as_at` as the engine's dates, for a frozen year to be published as frozen)."""
    # the report is built only from a valid council and policy (its callers refuse otherwise)
    assert view.council is not None and view.policy is not None
    threshold = view.policy.data["rules"].get("suppression_threshold", DEFAULT_THRESHOLD)
    before = periods.before(year)
    previous = compute(view, figures, before) if before in years_with_cases(view) else None
    return publish(
        compute(view, figures, year),
        inputs(view, year),
        view.council.data,
        as_at(view.repository).get(year),
        previous,
        threshold,
    )
