"""Self-assessment scores: what the council declared, and what its cases show.

For one Code: each provision's declared answer (yes, partial, no); for measurable provisions the
case metrics over a reporting year against the policy's targets; the answers the cases
contradict ("yes" with the figures below target, "no" with them met); evidence coverage; and the
action plan, with what is overdue. The period assessed is, unless asked otherwise, the last full
reporting year before the self-assessment was completed.
"""

from __future__ import annotations

from datetime import date

from checker.calendar import periods
from checker.load.view import View
from checker.measures.metrics import measure
from checker.model.codes import provisions
from checker.model.findings import Document
from checker.model.scores import Action, Evidence, ProvisionScore, Score, SectionScore
from checker.rules import self_assessment_evidence_broken

DEFAULT_TARGET = 0.95  # where the policy sets none for a metric


def latest_assessment(ctx: View, code: str) -> Document | None:
    """The most recent self-assessment against `code`."""
    found = [d for d in ctx.documents("self-assessment") if d.data["code"] == code]
    return max(found, key=lambda d: (d.data["year"], d.data["completed"]), default=None)


def score(ctx: View, assessment: Document, period: str | None = None) -> Score:
    """Score one self-assessment against its Code and the evaluated cases of `period` (by default
    the last full reporting year before it was completed; the run keeps that score in the view)."""
    if period is None and assessment.path in ctx.scores:
        return ctx.scores[assessment.path]
    code_document = ctx.codes[assessment.data["code"]]
    code = code_document.data
    start_month = ctx.council.data["reporting_year"]["start_month"] if ctx.council else 4
    period = period or periods.last_full_year(
        date.fromisoformat(assessment.data["completed"]), start_month
    )
    in_period = [o for o in ctx.valid() if o.year == period and o.code == code["code"]]
    targets = ctx.policy.data["rules"].get("targets", {}) if ctx.policy else {}
    wanted = {m for p in provisions(code) for m in p.data.get("metrics", [])}
    measures = measure(in_period, sorted(wanted))
    answers = {a["provision"]: a for a in assessment.data["answers"]}

    sections = []
    for section in code["sections"]:
        scored = tuple(
            ProvisionScore(
                number=p["number"],
                section=section["number"],
                requirement=p["requirement"],
                declared=answers.get(p["number"], {}).get("comply"),
                evidence=tuple(
                    Evidence(measures[m], targets.get(m, DEFAULT_TARGET))
                    for m in p.get("metrics", [])
                ),
                answer=answers.get(p["number"], {}),
            )
            for p in section["provisions"]
            if p.get("assessed", True)
        )
        sections.append(SectionScore(section["number"], section["title"], scored))

    actions = []
    for answer in assessment.data["answers"]:
        if answer["comply"] == "yes":
            continue
        action = answer.get("action", {})
        overdue = bool(
            action.get("due") and not action.get("done") and action["due"] < ctx.as_of.isoformat()
        )
        actions.append(
            Action(
                answer["provision"],
                answer["comply"],
                action.get("what"),
                action.get("owner"),
                action.get("due"),
                action.get("done"),
                overdue,
            )
        )
    no_evidence = tuple(
        a["provision"]
        for a in assessment.data["answers"]
        if not a.get("evidence") and not a.get("links")
    )
    return Score(
        code=code["code"],
        title=code["title"],
        edition=code["edition"],
        assessment=assessment,
        period=period,
        as_of=ctx.as_of,
        sections=tuple(sections),
        actions=tuple(actions),
        no_evidence=no_evidence,
        broken_links=_broken_links(ctx, assessment),
    )


def _broken_links(ctx: View, assessment: Document) -> tuple[str, ...]:
    return tuple(
        p.message for p in self_assessment_evidence_broken.check(ctx) if p.document is assessment
    )
