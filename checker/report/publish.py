"""The public annual report: the year's figures as published, small numbers suppressed.

This is the only shape the report leaves the tool in (Markdown page, JSON and CSV open data,
charts): aggregates only, each breakdown suppressed with `suppression`, no case id, complainant
reference, handler or case text other than learning marked publishable. Its JSON Schema is
`checker/schemas/report-data.schema.json`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from checker.calendar import periods
from checker.load.view import View
from checker.model.codes import BODIES
from checker.model.scores import Score
from checker.report.figures import (
    DECISIONS,
    MONTHS,
    Figures,
    Inputs,
    Timeliness,
    compute,
    inputs,
    years_with_cases,
)
from checker.report.suppression import (
    DEFAULT_THRESHOLD,
    HIDDEN,
    Cell,
    primary,
    suppress_line,
    suppress_table,
)

VERSION = 1
# The report, or a part of it, as JSON-ready data in the shape that
# checker/schemas/report-data.schema.json describes (it also carries the YAML data of the year's
# report inputs, as written).
Published = dict[str, Any]


def label(slug: str) -> str:
    """A slug as a reader sees it: 'housing-repairs' -> 'Housing repairs'."""
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


def _line_table(
    table_id: str,
    title: str,
    dimension: str,
    counts: Mapping[str, int],
    threshold: int,
    column: str = "Complaints",
) -> Published:
    """A one-way breakdown with its total, suppressed."""
    cells = suppress_line(
        {k: v for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}, threshold
    )
    total = cells.pop(None)
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [column],
        "rows": [
            {"key": key, "label": label(key), "values": [cell.show(threshold)]}
            for key, cell in cells.items()
            if key is not None  # the total's key, popped above
        ],
        "total": [total.show(threshold)],
    }


def _grid_table(
    table_id: str,
    title: str,
    dimension: str,
    counts: Mapping[str, Mapping[str, int]],
    columns: list[str],
    threshold: int,
    order: list[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Published:
    """A two-way breakdown with its row, column and grand totals, suppressed."""
    rows = order or sorted(counts, key=lambda r: (-sum(counts[r].values()), r))
    table = suppress_table(
        {r: {c: counts.get(r, {}).get(c, 0) for c in columns} for r in rows}, threshold, columns
    )
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [label(c) for c in columns],
        "rows": [
            {
                "key": r,
                "label": (labels or {}).get(r, label(r)),
                "values": [table.cells[r][c].show(threshold) for c in columns],
                "total": table.row_totals[r].show(threshold),
            }
            for r in rows
        ],
        "total": [table.column_totals[c].show(threshold) for c in columns],
        "grand_total": table.grand_total.show(threshold),
    }


def _rate(numerator: int, denominator: int, threshold: int) -> float | str | None:
    """A share in percent to one decimal place, suppressed when its base is a small number."""
    if denominator == 0:
        return None
    if primary(denominator, threshold):
        return f"fewer than {threshold + 1} cases"
    return round(100 * numerator / denominator, 1)


def _count(value: int, threshold: int) -> int | str:
    return Cell(value, primary(value, threshold)).show(threshold)


def publish(
    figures: Figures,
    inputs: Inputs,
    council: dict[str, Any],
    as_of: date,
    previous: Figures | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Published:
    """The public report for one year, as a JSON-ready dictionary."""
    f = figures
    report = inputs.report or {}
    stock = council.get("housing_stock")
    return {
        "version": VERSION,
        "council": council["name"],
        "year": f.year,
        "period": {"start": f.start.isoformat(), "end": f.end.isoformat()},
        "as_of": as_of.isoformat(),
        "suppression": {
            "threshold": threshold,
            "shown_as": f"fewer than {threshold + 1}",
            "secondary_shown_as": HIDDEN,
        },
        "self_assessment": [_score(s) for s in inputs.scores],
        "totals": {
            "stage1": _count(f.stage1, threshold),
            "stage2": _count(f.stage2, threshold),
            "escalated": _count(f.escalated, threshold),
            "escalation_rate": _rate(f.escalated, f.stage1, threshold),
            "not_accepted": _count(sum(f.excluded.values()), threshold),
            "discrimination_claimed": _count(f.discrimination_claimed, threshold),
        },
        "volumes": [
            _line_table("route", "Complaints by route", "route", f.by_route, threshold),
            _grid_table(
                "service",
                "Complaints by service and stage",
                "service",
                f.by_service,
                ["stage 1", "stage 2"],
                threshold,
            ),
            _line_table("type", "Complaints by type", "type", f.by_type, threshold),
            _line_table("channel", "Complaints by channel", "channel", f.by_channel, threshold),
            _grid_table(
                "month",
                "Complaints by month and stage",
                "month",
                f.by_month,
                ["stage 1", "stage 2"],
                threshold,
                order=[m for m in MONTHS],
                labels={m: m for m in MONTHS},
            ),
        ],
        "not_accepted": _line_table(
            "exclusion", "Complaints not accepted, by reason", "exclusion", f.excluded, threshold
        ),
        "timeliness": [
            _timeliness(number, t, threshold) for number, t in sorted(f.timeliness.items())
        ],
        "outcomes": {
            "by_stage": _grid_table(
                "outcomes-by-stage",
                "Outcomes by stage",
                "stage",
                {f"stage {n}": c for n, c in f.outcomes.items()},
                list(DECISIONS),
                threshold,
                order=["stage 1", "stage 2"],
                labels={"stage 1": "Stage 1", "stage 2": "Stage 2"},
            ),
            "by_service": _grid_table(
                "outcomes-by-service",
                "Final outcomes by service",
                "service",
                f.outcomes_by_service,
                list(DECISIONS),
                threshold,
            ),
            "remedies": _line_table(
                "remedies", "Remedies by kind", "remedy", f.remedies, threshold, column="Remedies"
            ),
            "financial_remedies_total": (
                round(f.financial_total, 2)
                if not primary(f.remedies.get("financial", 0), threshold)
                else f"not shown: fewer than {threshold + 1} payments"
            ),
        },
        "ombudsman": {
            "referrals": _grid_table(
                "referrals",
                "Ombudsman referrals by body and decision",
                "body",
                f.referrals,
                sorted({o for c in f.referrals.values() for o in c}),
                threshold,
                labels={body: about.label for body, about in BODIES.items()},
            ),
            "recommendations": _count(f.recommendations, threshold),
            "recommendations_complied_on_time": _rate(
                f.recommendations_on_time, f.recommendations, threshold
            ),
        },
        "tsm": _tsm(f, stock),
        "previous_year": _previous(previous, stock, threshold) if previous else None,
        "learning": {
            "from_cases": list(f.learning),
            "service_improvements": [
                {
                    "service": label(item["service"]),
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


def _timeliness(number: int, t: Timeliness, threshold: int) -> Published:
    small = primary(t.responded, threshold)
    return {
        "stage": number,
        "acknowledged": t.acknowledged,
        "acknowledged_in_time": _rate(t.acknowledged_in_time, t.acknowledged, threshold),
        "responded": t.responded,
        "responded_in_time": _rate(t.responded_in_time, t.responded, threshold),
        "responded_without_extension": _rate(t.responded_without_extension, t.responded, threshold),
        "extensions": _count(t.extensions, threshold),
        "median_working_days": None if small else t.median,
        "p90_working_days": None if small else t.p90,
    }


def _tsm(f: Figures, stock: dict[str, Any] | None) -> Published | None:
    if not stock:
        return None
    homes = stock["homes"]
    ch02 = {n: f.ch02[n] for n in (1, 2)}
    return {
        "homes": homes,
        "homes_as_of": stock["as_of"],
        "homes_example": stock.get("example", False),
        "CH01": {
            "stage1_per_1000_homes": round(1000 * f.housing_stage1 / homes, 1),
            "stage2_per_1000_homes": round(1000 * f.housing_stage2 / homes, 1),
        },
        "CH02": {
            f"stage{n}": {
                "responded": counts[2],
                "within_timescales": round(100 * counts[0] / counts[2], 1) if counts[2] else None,
                "within_timescales_without_extensions": round(100 * counts[1] / counts[2], 1)
                if counts[2]
                else None,
            }
            for n, counts in ch02.items()
        },
    }


def _previous(f: Figures, stock: dict[str, Any] | None, threshold: int) -> Published:
    return {
        "year": f.year,
        "stage1": _count(f.stage1, threshold),
        "stage2": _count(f.stage2, threshold),
        "not_accepted": _count(sum(f.excluded.values()), threshold),
        "stage1_responded_in_time": _rate(
            f.timeliness[1].responded_in_time, f.timeliness[1].responded, threshold
        ),
        "stage2_responded_in_time": _rate(
            f.timeliness[2].responded_in_time, f.timeliness[2].responded, threshold
        ),
        "tsm": _tsm(f, stock),
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
    """The public report for `year` of the repository in `view`, from its counted figures."""
    # the report is built only from a valid council and policy (its callers refuse otherwise)
    assert view.council is not None and view.policy is not None
    threshold = view.policy.data["rules"].get("suppression_threshold", DEFAULT_THRESHOLD)
    before = periods.before(year)
    previous = compute(view, figures, before) if before in years_with_cases(view) else None
    return publish(
        compute(view, figures, year),
        inputs(view, year),
        view.council.data,
        view.as_of,
        previous,
        threshold,
    )
