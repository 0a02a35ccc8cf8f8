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

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from checker.calendar import periods
from checker.load.view import View
from checker.model import categories
from checker.model.codes import BODIES, OUTCOME_LABELS, UNDECIDED, outcomes
from checker.model.scores import Score
from checker.report.figures import (
    DECISIONS,
    METHOD,
    QUARTERS,
    Figures,
    Inputs,
    Timeliness,
    as_at,
    compute,
    inputs,
    months,
    quarter_months,
    years_with_cases,
)
from checker.report.plain import label
from checker.report.suppression import (
    DEFAULT_THRESHOLD,
    HIDDEN,
    OTHER,
    OTHER_LABEL,
    Breakdown,
    Cell,
    Decided,
    Disclosure,
    Grid,
    Sensitive,
    grouped,
    grouped_rows,
    primary,
)
from checker.report.tsm import (
    APART,
    MEASURED,
    NOT_RECORDED,
    TENURES,
    Tenure,
    Treatment,
    homes_by_tenure,
)

VERSION = 1
# The report, or a part of it, as JSON-ready data in the shape that
# checker/schemas/report-data.schema.json describes (it also carries the YAML data of the year's
# report inputs, as written).
Published = dict[str, Any]


# What a service, type or channel the council has not declared is shown as (only a repository
# that fails the check has one): never its slug, which may be anything typed.
NOT_DECLARED = "Not a declared category"
REST_LABEL = "All other types"


def _named(key: str, labels: Mapping[str, str] | None) -> str:
    if key == OTHER:
        return OTHER_LABEL
    if key == REST:
        return REST_LABEL
    return label(key) if labels is None else labels.get(key, NOT_DECLARED)


STAGES = ("stage 1", "stage 2")
TOP = 10  # complaint types shown by name; the rest are one row
REST = "rest"  # the key of that row


def top(counts: Mapping[str, int], n: int = TOP) -> dict[str, int]:
    """The `n` largest categories (ties in key order), the rest added up as one row."""
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    if len(ranked) <= n + 1:
        return dict(counts)
    return {c: counts[c] for c in ranked[:n]} | {REST: sum(counts[c] for c in ranked[n:])}


@dataclass(frozen=True)
class Disclosed:
    """One year's figures as decided: what is shown, and the keys of its tables."""

    decided: Decided
    tables: dict[str, Breakdown | Grid]
    responding: tuple[str, ...] = ()  # the services (or "other") with responses in the year


def disclose(
    f: Figures,
    homes: int | None,
    threshold: int,
    sensitive: Sensitive | None = None,
    treatment: Treatment | None = None,
) -> Disclosed:
    """Every count the year's report publishes or implies, and how they add up, decided once.

    The identities, each a definition in `figures`: every complaint counted is at stage 1, or
    straight at stage 2, or at neither yet; a stage 2 follows a stage 1 (escalated) or not (direct);
    each breakdown of the complaints adds up to the same total, and each breakdown of a stage to
    the stage's total; what is acknowledged or extended at a stage is part of the stage, and what
    is decided part of what is responded to (a response counts in the year it was sent, so not as
    part of the year's stage); a final outcome is the stage 2 decision, or the stage 1 decision
    of a complaint with no stage 2; housing complaints at a stage are part of the stage and of the
    housing route, and add up by tenure; those responded to are part of those responded to, and
    add up by tenure; a rate publishes its count and the
    rest of its base.

    Exact counts are published, except where a count is `sensitive` (it could point at a person:
    `suppression.Sensitive`), which is protected when small, with what would give it away."""
    s = sensitive or Sensitive(threshold)
    d = Disclosure(threshold, everything=s.everything)
    tables = _volumes(d, f, s)
    responded = {n: _timeliness_counts(d, n, t) for n, t in sorted(f.timeliness.items())}
    _quarter_counts(d, f, responded)
    service = tables["service"]
    assert isinstance(service, Grid)
    responding = tuple(sorted(_service_responses(d, f, responded, s, service)))
    tables |= _outcome_counts(d, f, responded, s)
    tables["remedies"] = d.grid(
        "remedies", f.remedies, STAGES, present=True, sensitive=s.of_table("remedies")
    )
    tables |= _ombudsman_counts(d, f, s)
    tables["learning-themes"] = d.breakdown(
        "learning-themes", f.learning_themes, sensitive=s.of_table("learning")
    )
    recommendations = d.count("recommendations", f.recommendations)
    d.share("recommendations on time", f.recommendations_on_time, recommendations)
    if homes:
        route = tables["route"]
        assert isinstance(route, Breakdown)
        _tsm_counts(d, f, responded, route.cells.get("housing"), treatment or Treatment())
    return Disclosed(d.decide(), tables, responding)


def _volumes(d: Disclosure, f: Figures, s: Sensitive) -> dict[str, Breakdown | Grid]:
    """The complaints, their stages and their breakdowns; the small sensitive routes and services
    grouped into "other" where there are two or more."""
    complaints = d.count("complaints", sum(f.by_route.values()))
    stage1, stage2 = d.count("stage 1", f.stage1), d.count("stage 2", f.stage2)
    stages = d.count("stages", f.stage1 + f.stage2)
    d.line((stage1, stage2), stages)
    escalated = d.count("escalated", f.escalated)  # a stage 2 of the year that followed a stage 1
    d.share("stage 1 escalated", f.stage1_escalated, stage1)  # the escalation rate
    direct = d.imply("direct to stage 2", f.stage2 - f.escalated)
    d.line((escalated, direct), stage2)
    neither = d.imply("at no stage yet", d.values[complaints] - f.stage1 - d.values[direct])
    d.line((stage1, direct, neither), complaints)
    d.part(
        "discrimination claimed",
        f.discrimination_claimed,
        complaints,
        sensitive=s.everything or s.discrimination_claimed,
    )
    margins = {"stage 1": stage1, "stage 2": stage2}
    not_accepted = d.count("not accepted", sum(f.excluded.values()))
    return {
        "route": d.breakdown(
            "route",
            grouped(f.by_route, s.routes, s.threshold),
            complaints,
            s.of_table("route", {*s.routes, OTHER}),
        ),
        "service": d.grid(
            "service",
            grouped_rows(f.by_service, s.services, s.threshold),
            STAGES,
            present=True,
            column_totals=margins,
            grand_total=stages,
            sensitive=s.of_table("service", {*s.services, OTHER}),
            across=False,
        ),
        "type": d.breakdown("type", top(f.by_type), complaints, s.of_table("type")),
        "channel": d.breakdown("channel", f.by_channel, complaints, s.of_table("channel")),
        "month": d.grid(
            "month",
            f.by_month,
            STAGES,
            months(f.start.month),
            column_totals=margins,
            grand_total=stages,
            sensitive=s.of_table("month"),
            across=False,
        ),
        "quarter": d.grid(
            "quarter",
            {
                q: {st: sum(f.by_month.get(m, Counter())[st] for m in ms) for st in STAGES}
                for q, ms in quarter_months(f.start.month).items()
            },
            STAGES,
            QUARTERS,
            column_totals=margins,
            grand_total=stages,
            sensitive=s.of_table("month") or s.of_table("quarter"),
            across=False,
        ),
        "exclusion": d.breakdown("exclusion", f.excluded, not_accepted, s.of_table("exclusion")),
    }


def _service_responses(
    d: Disclosure, f: Figures, responded: Mapping[int, Hashable], s: Sensitive, shown: Grid
) -> dict[str, Counter[str]]:
    """Each service's responses of the year at each stage, and those in time, adding up to the
    year's; a sensitive service's protected when small; the services the volumes table groups
    into "other" grouped the same way (the by-service tables name the same services)."""
    combined = set(f.by_service) - set(shown.rows)
    by: dict[str, Counter[str]] = {}
    for service, counts in f.responses_by_service.items():
        by.setdefault(OTHER if service in combined else service, Counter()).update(counts)
    touchy = s.of_table("service", {*s.services, OTHER})
    for n, year in responded.items():
        bases, in_time = [], []
        for service in sorted(by):
            sent = by[service]
            sensitive = touchy if isinstance(touchy, bool) else service in touchy
            bases.append(
                d.count(("responded", n, "service", service), sent[f"stage {n}"], True, sensitive)
            )
            in_time.append(
                d.share(
                    ("responded in time", n, "service", service),
                    sent[f"stage {n} in time"],
                    bases[-1],
                )
            )
        d.line(bases, year)
        d.line(in_time, ("responded in time", n))
    return by


def _quarter_counts(d: Disclosure, f: Figures, responded: Mapping[int, Hashable]) -> None:
    """Each quarter's complaints are its months' (declared with the tables), and each stage's
    responses and those in time add up over the quarters they were sent in to the year's."""
    for q, ms in quarter_months(f.start.month).items():
        for stage in STAGES:
            d.line([("month", m, stage) for m in ms], ("quarter", q, stage))
    for n, year in responded.items():
        bases, in_time = [], []
        for q in QUARTERS:
            sent = f.responses_by_quarter.get(q, Counter())
            bases.append(d.count(("responded", n, q), sent[f"stage {n}"]))
            on_time = sent[f"stage {n} in time"]
            in_time.append(d.share(("responded in time", n, q), on_time, bases[-1]))
        d.line(bases, year)
        d.line(in_time, ("responded in time", n))


def _timeliness_counts(d: Disclosure, n: int, t: Timeliness) -> Hashable:
    """A stage's timeliness; the key of the count responded to."""
    stage = f"stage {n}"
    acknowledged = d.part(("acknowledged", n), t.acknowledged, stage)
    d.share(("acknowledged in time", n), t.acknowledged_in_time, acknowledged)
    responded = d.count(("responded", n), t.responded)  # in the year: not part of the stage
    in_time = d.share(("responded in time", n), t.responded_in_time, responded)
    unextended = d.share(
        ("responded without extension", n), t.responded_without_extension, responded
    )
    extended = t.responded_in_time - t.responded_without_extension
    d.line((unextended, d.imply(("in time by an extension", n), extended)), in_time)
    d.part(("extensions", n), t.extensions, stage)
    return responded


def _outcome_counts(
    d: Disclosure, f: Figures, responded: Mapping[int, Hashable], s: Sensitive
) -> dict[str, Breakdown | Grid]:
    """Outcomes by stage (each stage's decisions are part of its responses) and final outcomes
    (a stage 2 decision, or the stage 1 decision of a complaint with no stage 2)."""
    outcomes = {f"stage {n}": c for n, c in f.outcomes.items()}
    by_stage = d.grid(
        "outcomes-by-stage",
        outcomes,
        DECISIONS,
        STAGES,
        sensitive=s.of_table("outcomes-by-stage"),
        down=False,
    )
    for n, stage in zip((1, 2), STAGES):
        decided = by_stage.row_totals[stage]
        undecided = d.values[responded[n]] - d.values[decided]
        d.line((decided, d.imply(("responded, no decision", n), undecided)), responded[n])
    final = d.grid(
        "outcomes-by-service",
        grouped_rows(f.outcomes_by_service, s.services, s.threshold),
        DECISIONS,
        present=True,
        sensitive=s.of_table("outcomes-by-service", {*s.services, OTHER}),
    )
    for decision in DECISIONS:
        at_1, at_2 = (by_stage.cells[stage][decision] for stage in STAGES)
        total = final.column_totals[decision]
        only_1 = d.imply(("final at stage 1", decision), d.values[total] - d.values[at_2])
        d.line((at_2, only_1), total)
        then_2 = d.imply(("at stage 1, then stage 2", decision), d.values[at_1] - d.values[only_1])
        d.line((only_1, then_2), at_1)
    return {"outcomes-by-stage": by_stage, "outcomes-by-service": final}


def _tsm_counts(
    d: Disclosure,
    f: Figures,
    responded: Mapping[int, Hashable],
    route: Hashable | None,
    treatment: Treatment,
) -> None:
    """The housing complaints by tenure (each tenure's part of the stage's), CH01's counts
    (published with the homes) under the `treatment`, and CH02's parts and bases by tenure (each
    part of the year's responses)."""
    for n in (1, 2):
        stage = d.part(("housing", n), sum(t.received[n - 1] for t in f.tsm.values()), f"stage {n}")
        d.line([_tenure_count(d, f, key, n) for key in (*TENURES, NOT_RECORDED)], stage)
        bases = []
        for group in (*MEASURED, *APART):
            counts = f.measured(group) if group in MEASURED else f.tsm.get(group, Tenure())
            within, unextended, answered = counts.ch02[n]
            base = d.count(("housing responded", group, n), answered)
            d.share(("housing within", group, n), within, base)
            d.share(("housing within without extensions", group, n), unextended, base)
            bases.append(base)
        answered = sum(d.values[b] for b in bases)
        housing = d.count(("housing responded", n), answered)
        d.line(bases, housing)
        others = d.imply(("responded, not housing", n), d.values[responded[n]] - answered)
        d.line((housing, others), responded[n])
        for group in MEASURED:
            _ch01_count(d, f, group, n, treatment)
    if route is not None:
        rest = d.imply("housing, no stage 1", d.values[route] - d.values[("housing", 1)])
        d.line((("housing", 1), rest), route)


def _tenure_count(d: Disclosure, f: Figures, key: str, n: int) -> Hashable:
    return d.count(("tenure", key, n), f.tsm.get(key, Tenure()).received[n - 1])


def _ch01_count(d: Disclosure, f: Figures, group: str, n: int, treatment: Treatment) -> None:
    """CH01's count for a measured tenure: its accepted complaints (LCRA's with those that record
    no tenure), less those withdrawn and plus those refused where the treatment says so."""
    members = [("tenure", k, n) for k in ((group, NOT_RECORDED) if group == "lcra" else (group,))]
    counts = f.measured(group)
    value = treatment.ch01(counts, n)
    if treatment == Treatment():  # the accepted complaints, withdrawn ones included
        d.line(members, d.count(("CH01", group, n), value))
        return
    withdrawn = counts.withdrawn[n - 1] if treatment.withdrawn == "exclude" else 0
    refused = counts.refused[n - 1] if treatment.refused == "include" else 0
    gross = d.imply(("CH01 gross", group, n), counts.received[n - 1] + refused)
    d.line([*members, d.imply(("CH01 refused", group, n), refused)], gross)
    ch01 = d.count(("CH01", group, n), value)
    d.line((ch01, d.imply(("CH01 withdrawn", group, n), withdrawn)), gross)


def _ombudsman_counts(d: Disclosure, f: Figures, s: Sensitive) -> dict[str, Breakdown | Grid]:
    """Each ombudsman's decisions of the year (and referrals still pending) in its own
    categories; the Housing Ombudsman's decisions on the merits by type (its themes), which with
    those not on the merits are all its decisions. The council marks them all sensitive as
    "referrals"."""
    tables: dict[str, Breakdown | Grid] = {}
    for body in BODIES:
        counts = f.referrals.get(body, Counter())
        tables[f"ombudsman-{body}"] = d.breakdown(
            f"ombudsman-{body}", counts, sensitive=s.of_table("referrals")
        )
    ho = tables["ombudsman-housing-ombudsman"]
    assert isinstance(ho, Breakdown)
    themes = d.breakdown("ombudsman-themes", f.ho_themes, sensitive=s.of_table("referrals"))
    undecided = [ho.cells[o] for o in UNDECIDED if o in ho.cells]
    d.line([*undecided, themes.total], ho.total)
    tables["ombudsman-themes"] = themes
    return tables


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
    order: tuple[str, ...] = (),
) -> Published:
    """A one-way breakdown with its total, as decided; its rows named by `labels` if given, in
    the `order` given (an ombudsman's categories), else largest first."""
    ranked = _ordered(decided, keys.cells)
    if order:
        ranked = [k for k in order if k in keys.cells] + [k for k in ranked if k not in order]
    return {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [column],
        "rows": [
            {"key": key, "label": _named(key, labels), "values": [decided.show(keys.cells[key])]}
            # the categories largest first, and those added up as one row after them
            for key in sorted(ranked, key=lambda k: k == REST)
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
    across: bool = True,
    down: bool = True,
) -> Published:
    """A two-way breakdown, as decided, with its row totals (`across`), its column totals (`down`)
    and, with both, its grand total; its rows in their own order if `fixed`, else largest first.
    A total that would add a stage 1 to a stage 2 count is left out: one complaint may be in
    both."""
    # largest first by a published figure: the row total, or in a table by stage the stage 1 count
    basis = keys.row_totals if across else {r: keys.cells[r][keys.columns[0]] for r in keys.rows}
    rows = list(keys.rows) if fixed else _ordered(decided, basis)
    table: Published = {
        "id": table_id,
        "title": title,
        "dimension": dimension,
        "columns": [label(c) for c in keys.columns],
        "rows": [
            {
                "key": r,
                "label": _named(r, labels),
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
        return _line_table(decided, keys, table_id, title, dimension, column, labels, order)

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
        return _grid_table(decided, keys, table_id, title, dimension, fixed, labels, across, down)

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
            _score(s) | {"status": inputs.statuses.get(s.code, "published")} for s in inputs.scores
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
        "quarters": _quarters(decided, f),
        "timeliness_by_service": _by_service(
            decided, disclosed.responding, categories.labels(council, "service")
        ),
        "not_accepted": line("exclusion", "Complaints not accepted, by reason", "exclusion"),
        "timeliness": [_timeliness(n, t, decided) for n, t in sorted(f.timeliness.items())],
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
            **_financial(f, decided, tables["remedies"]),
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
            "compensation_ordered": _compensation(f, decided.threshold),
            "recommendations": decided.show("recommendations"),
            "recommendations_complied_on_time": decided.share("recommendations on time"),
        },
        "tsm": _tsm(decided, stock, treatment, tsm_inputs.get("tp09")),
        "previous_year": (
            _previous(previous, stock, s, treatment)
            if previous
            else _previous_given(report.get("previous_year"))
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
        "member_responsible": _member(council.get("member_responsible")),
        "introduction": report.get("introduction"),
        "example": report.get("example", False),
    }


def _financial(f: Figures, decided: Decided, remedies: Breakdown | Grid) -> Published:
    """The sum of financial remedies, at each stage and in all, and the average payment; each
    only over a number of payments the report shows, and more than the threshold (a sum of one or
    two payments is what one or two people were paid)."""
    assert isinstance(remedies, Grid)

    def amount(key: Hashable | None, value: float, average: bool = False) -> float | str | None:
        payments = decided.cell(key) if key is not None else Cell(0)
        if payments.hidden:  # first: its value may be 0
            shown = payments.show(decided.threshold)
            return f"not shown: the number of payments is {shown}"
        if payments.value == 0:
            return None if average else 0.0
        if primary(payments.value, decided.threshold):  # a sum of so few is near one person's
            return f"not shown: fewer than {decided.threshold + 1} payments"
        return round(float(value) / payments.value if average else float(value), 2)

    cells = remedies.cells.get("financial", {})
    total = sum(f.financial.values())
    return {
        "financial_remedies_total": amount(remedies.row_totals.get("financial"), total),
        "financial_remedies_average": amount(
            remedies.row_totals.get("financial"), total, average=True
        ),
        "financial_remedies_by_stage": {
            stage.replace(" ", ""): amount(cells.get(stage), f.financial.get(stage, 0.0))
            for stage in STAGES
        },
    }


def _by_service(
    decided: Decided, services: tuple[str, ...], labels: Mapping[str, str]
) -> Published:
    """Each service's responses of the year at each stage and the share in time, the services
    with the most stage 1 responses shown first (then those withheld)."""

    def row(service: str) -> Published:
        found: Published = {"key": service, "label": _named(service, labels)}
        for n in (1, 2):
            found[f"stage{n}_responded"] = decided.show(("responded", n, "service", service))
            found[f"stage{n}_responded_in_time"] = decided.share(
                ("responded in time", n, "service", service)
            )
        return found

    order = _ordered(decided, {x: ("responded", 1, "service", x) for x in services})
    return {
        "id": "timeliness-by-service",
        "title": "Responses in time, by service",
        "rows": [row(x) for x in sorted(order, key=lambda x: x == OTHER)],
    }


def _compensation(f: Figures, threshold: int) -> float | str:
    """The compensation the ombudsmen ordered in the year's decisions, unless so few ordered it
    that the sum is near what one person was awarded."""
    if primary(f.compensation_orders, threshold):
        return f"not shown: ordered in fewer than {threshold + 1} decisions"
    return round(f.compensation_ordered, 2)


def _quarters(decided: Decided, f: Figures) -> Published:
    """Complaints at each stage and responses in time, quarter by quarter."""
    named = quarter_months(f.start.month)

    def row(q: str | None) -> Published:
        found: Published = {}
        for n in (1, 2):
            found[f"stage{n}"] = decided.show(("quarter", q, f"stage {n}") if q else f"stage {n}")
        for n in (1, 2):
            at = (n, q) if q else (n,)
            found[f"stage{n}_responded"] = decided.show(("responded", *at))
            found[f"stage{n}_responded_in_time"] = decided.share(("responded in time", *at))
        return found

    return {
        "id": "quarter",
        "title": "Complaints and responses in time, by quarter",
        "rows": [
            {"key": q, "label": f"{q}: {ms[0]} to {ms[-1]}", **row(q)} for q, ms in named.items()
        ],
        "total": row(None),
    }


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
        # always decimals, as a median of an even number of responses may be a half
        "median_working_days": None if unshown or t.median is None else float(t.median),
        "p90_working_days": None if unshown or t.p90 is None else float(t.p90),
    }


TENURE_LABELS = {
    "lcra": "Low-cost rental accommodation (LCRA)",
    "lcho": "Low-cost home ownership (LCHO)",
    "leaseholder": "Leaseholders",
    "other": "Other tenures",
}


def _tsm(
    decided: Decided,
    stock: dict[str, Any] | None,
    treatment: Treatment,
    tp09: Mapping[str, float] | None = None,
) -> Published | None:
    """CH01 and CH02 for LCRA (at the top, as before tenures were recorded) and LCHO, each with its
    own homes; leaseholders' and other tenures' complaints apart; the treatment of what the
    Regulator's text leaves open."""
    if not stock:
        return None
    homes = homes_by_tenure(stock)

    def ch02(group: str) -> Published:
        return {
            f"stage{n}": {
                "responded": decided.show(("housing responded", group, n)),
                "within_timescales": decided.share(("housing within", group, n)),
                "within_timescales_without_extensions": decided.share(
                    ("housing within without extensions", group, n)
                ),
            }
            for n in (1, 2)
        }

    def measure(group: str) -> Published:
        base = homes[group]
        return {
            "tenure": group,
            "label": TENURE_LABELS[group],
            "homes": base,
            "CH01": {
                f"stage{n}_per_1000_homes": decided.per(("CH01", group, n), base) if base else None
                for n in (1, 2)
            },
            "CH02": ch02(group),
            # the tenant perception survey's figure, as given in the report inputs
            "TP09": (tp09 or {}).get(group),
        }

    return {
        **measure("lcra"),
        "homes_as_of": stock["as_of"],
        "homes_example": stock.get("example", False),
        "lcho": measure("lcho"),
        "apart": [
            {
                "tenure": group,
                "label": TENURE_LABELS[group],
                **{f"stage{n}": decided.show(("tenure", group, n)) for n in (1, 2)},
                "CH02": ch02(group),
            }
            for group in APART
        ],
        # counted as LCRA (`figures`): how many, so a reader can weigh the LCRA figures
        "tenure_not_recorded": {
            f"stage{n}": decided.show(("tenure", NOT_RECORDED, n)) for n in (1, 2)
        },
        "treatment": {"withdrawn": treatment.withdrawn, "refused": treatment.refused},
    }


def _previous(
    f: Figures, stock: dict[str, Any] | None, s: Sensitive, treatment: Treatment
) -> Published:
    """The previous year's headline figures, decided as this year's are."""
    decided = disclose(f, stock["homes"] if stock else None, s.threshold, s, treatment).decided
    return {
        "year": f.year,
        "stage1": decided.show("stage 1"),
        "stage2": decided.show("stage 2"),
        "not_accepted": decided.show("not accepted"),
        "stage1_responded_in_time": decided.share(("responded in time", 1)),
        "stage2_responded_in_time": decided.share(("responded in time", 2)),
        "tsm": _tsm(decided, stock, treatment),
        "source": "cases",
    }


def _previous_given(given: Mapping[str, Any] | None) -> Published | None:
    """Last year's headline figures as its published report gave them (report inputs), where
    last year's cases are not in the repository; what was not given is None."""
    if not given:
        return None
    return {
        "year": given["year"],
        **{key: given.get(key) for key in PREVIOUS},
        "tsm": None,
        "source": "published report",
        **({"url": given["url"]} if "url" in given else {}),
    }


PREVIOUS = (
    "stage1",
    "stage2",
    "not_accepted",
    "stage1_responded_in_time",
    "stage2_responded_in_time",
)


def _member(member: Mapping[str, Any] | None) -> Published | None:
    """The Member Responsible for Complaints, by title (never a person's name)."""
    if not member:
        return None
    return {
        "kind": member["kind"],
        "title": member["title"],
        "example": member.get("example", False),
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
        # each provision not met (answered no or partly, or yes where the cases show otherwise),
        # with the actions the self-assessment sets for it
        "not_met": [
            {
                "provision": p.number,
                "answer": p.declared,
                "cases_show": p.evidenced if p.evidenced in ("met", "not-met") else None,
                "actions": [
                    {"what": a.what, "due": a.due, "done": a.done, "overdue": a.overdue}
                    for a in s.actions
                    if a.provision == p.number
                ],
            }
            for p in s.provisions
            if p.declared in ("no", "partial") or p.contradiction == "yes-contradicted"
        ],
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
