"""The public annual report: the year's figures as published, small numbers suppressed.

This is the only shape the report leaves the tool in (Markdown page, JSON and CSV open data,
charts): aggregates only, no case id, complainant reference, handler or case text other than
learning marked publishable. Every count of the report, and every rate and TSM, is declared once
to `suppression.Disclosure` with the identities a reader knows from the definitions in `figures`
(`disclose.disclose`), and decided once; every output reads its numbers from that one decision,
so the page, the open data and the charts show and hide the same: the breakdowns through
`breakdowns`, the rest through `parts`. Its JSON Schema is
`checker/schemas/report-data.schema.json`.

A frozen year (`figures.as_at`) is published as at its date, and says so; a draft says its figures
will change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checker.calendar import periods
from checker.load.view import View
from checker.model import categories
from checker.model.codes import BODIES, OUTCOME_LABELS, outcomes
from checker.report.breakdowns import NOT_DECLARED, Published, grid_table, line_table
from checker.report.disclose import TOP, disclose
from checker.report.figures import (
    METHOD,
    Figures,
    Inputs,
    as_at,
    compute,
    inputs,
    months,
    years_with_cases,
)
from checker.report.parts import (
    by_service,
    compensation,
    financial,
    last_year,
    last_year_given,
    member,
    quarters,
    score,
    timeliness,
    tsm,
)
from checker.report.plain import label
from checker.report.suppression import (
    DEFAULT_THRESHOLD,
    HIDDEN,
    Breakdown,
    Grid,
    Sensitive,
)
from checker.report.tsm import (
    NOT_RECORDED,
    Treatment,
)

VERSION = 1


def publish(
    figures: Figures,
    inputs: Inputs,
    council: dict[str, Any],
    frozen: date | None = None,
    previous: Figures | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    sensitive: Sensitive | None = None,
) -> Published:
    """The public report for one year, as a JSON-ready dictionary; `frozen`, the date the year's
    figures are frozen at (they are final if they were counted as at it)."""
    f = figures
    report = inputs.report or {}
    stock = council.get("housing_stock")
    homes = stock["homes"] if stock else None
    s = sensitive or Sensitive(threshold)
    treatment = Treatment.of(report)
    tsm_inputs = report.get("tsm") or {}
    disclosed = disclose(f, homes, s.threshold, s, treatment)
    decided, tables = disclosed.decided, disclosed.tables

    def line(
        table_id: str,
        title: str,
        dimension: str,
        column: str = "Complaints",
        labels: Mapping[str, str] | None = None,
        order: tuple[str, ...] = (),
    ) -> Published:
        keys = tables[table_id]
        assert isinstance(keys, Breakdown)
        return line_table(decided, keys, table_id, title, dimension, column, labels, order)

    def grid(
        table_id: str,
        title: str,
        dimension: str,
        fixed: bool = False,
        labels: Mapping[str, str] | None = None,
        across: bool = True,
        down: bool = True,
    ) -> Published:
        keys = tables[table_id]
        assert isinstance(keys, Grid)
        return grid_table(decided, keys, table_id, title, dimension, fixed, labels, across, down)

    return {
        "version": VERSION,
        "council": council["name"],
        "year": f.year,
        "period": {"start": f.start.isoformat(), "end": f.end.isoformat()},
        "as_of": f.as_of.isoformat(),
        "frozen": f.as_of == frozen,
        "method": list(METHOD),
        "suppression": {
            "threshold": threshold,
            "shown_as": f"fewer than {threshold + 1}",
            "secondary_shown_as": HIDDEN,
            "sensitive": {
                "discrimination_claimed": s.discrimination_claimed,
                "routes": sorted(s.routes),
                "services": sorted(s.services),
                "tables": sorted(s.tables),
                "everything": s.everything,
            },
        },
        "self_assessment": [
            score(s) | {"status": inputs.statuses.get(s.code, "published")} for s in inputs.scores
        ],
        "totals": {
            "stage1": decided.show("stage 1"),
            "stage2": decided.show("stage 2"),
            "escalated": decided.show("escalated"),
            "escalation_rate": decided.share("stage 1 escalated"),
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
                across=False,
            ),
            line(
                "type",
                f"Complaints by type: the {TOP} most common",
                "type",
                labels=categories.labels(council, "type"),
            ),
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
                labels={m: m for m in months(f.start.month)},
                across=False,
            ),
        ],
        "quarters": quarters(decided, f),
        "timeliness_by_service": by_service(
            decided, disclosed.responding, categories.labels(council, "service")
        ),
        "not_accepted": line("exclusion", "Complaints not accepted, by reason", "exclusion"),
        "timeliness": [timeliness(n, t, decided) for n, t in sorted(f.timeliness.items())],
        "outcomes": {
            "by_stage": grid(
                "outcomes-by-stage",
                "Outcomes by stage",
                "stage",
                fixed=True,
                labels={"stage 1": "Stage 1", "stage 2": "Stage 2"},
                down=False,
            ),
            "by_service": grid(
                "outcomes-by-service",
                "Final outcomes by service",
                "service",
                labels=categories.labels(council, "service"),
            ),
            "remedies": grid("remedies", "Remedies by kind and stage", "remedy"),
            **financial(f, decided, tables["remedies"]),
        },
        "ombudsman": {
            "decisions": [
                line(
                    f"ombudsman-{body}",
                    f"{about.name}: decisions in its own categories",
                    "decision",
                    labels=OUTCOME_LABELS,
                    order=outcomes(body),
                )
                for body, about in BODIES.items()
                if f.referrals.get(body)
            ],
            "themes": line(
                "ombudsman-themes",
                "Housing Ombudsman decisions on the merits, by the type of complaint",
                "type",
                labels=categories.labels(council, "type"),
            ),
            "compensation_ordered": compensation(f, decided.threshold),
            "recommendations": decided.show("recommendations"),
            "recommendations_complied_on_time": decided.share("recommendations on time"),
        },
        "tsm": tsm(decided, stock, treatment, tsm_inputs.get("tp09")),
        "previous_year": (
            last_year(previous, stock, s, treatment)
            if previous
            else last_year_given(report.get("previous_year"))
        ),
        "learning": {
            "themes": line(
                "learning-themes",
                "Complaints with learning recorded, by theme",
                "theme",
                labels={**{t: label(t) for t in f.learning_themes}, NOT_RECORDED: "Not recorded"},
            ),
            "from_cases": list(f.learning),
            "service_improvements": [
                {
                    "service": categories.label(council, "service", item["service"])
                    or NOT_DECLARED,
                    "improvement": item["improvement"],
                    "date": item.get("date"),
                    **{k: item[k] for k in ("theme", "root_cause", "status") if k in item},
                }
                for item in report.get("service_improvements", [])
            ],
        },
        "ombudsman_letters": report.get("ombudsman_letters", []),
        "non_compliance_findings": report.get("non_compliance_findings", []),
        "other_publications": report.get("other_publications", []),
        "governing_body": report.get("governing_body"),
        "member_responsible": member(council.get("member_responsible")),
        "introduction": report.get("introduction"),
        "example": report.get("example", False),
    }


def build(view: View, figures: dict[str, Figures], year: str) -> Published:
    """The public report for `year` of the repository in `view`, from its counted figures (counted
    with `figures.as_at` as the engine's dates, for a frozen year to be published as frozen)."""
    # the report is built only from a valid council and policy (its callers refuse otherwise)
    assert view.council is not None and view.policy is not None
    threshold = view.policy.data["rules"].get("suppression_threshold", DEFAULT_THRESHOLD)
    before = periods.before(year)
    previous = compute(view, figures, before) if before in years_with_cases(view) else None
    given = inputs(view, year)
    council = view.council.data
    sensitive = Sensitive.of(
        (given.report or {}).get("disclosure"),
        threshold,
        {s: categories.routes(council, s) for s in categories.declared(council, "service")},
    )
    return publish(
        compute(view, figures, year),
        given,
        view.council.data,
        as_at(view.repository).get(year),
        previous,
        sensitive.threshold,
        sensitive,
    )
