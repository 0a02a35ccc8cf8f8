"""Disclosure of one year's figures: every count the report publishes or implies, declared once to
`suppression.Disclosure` with the identities a reader knows from the definitions in `figures`, and
decided once (`disclose`); what the tables are keyed by."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from checker.model.codes import BODIES, UNDECIDED
from checker.report.figures import (
    DECISIONS,
    QUARTERS,
    Figures,
    Timeliness,
    months,
    quarter_months,
)
from checker.report.suppression import (
    OTHER,
    Breakdown,
    Decided,
    Disclosure,
    Grid,
    Sensitive,
    grouped,
    grouped_rows,
)
from checker.report.tsm import (
    APART,
    MEASURED,
    NOT_RECORDED,
    TENURES,
    Tenure,
    Treatment,
)

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
