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


def latest_assessment(view: View, code: str) -> Document | None:
    """The most recent self-assessment against `code`."""
    found = [d for d in view.documents("self-assessment") if d.data["code"] == code]
    return max(found, key=lambda d: (d.data["year"], d.data["completed"]), default=None)


def score(view: View, assessment: Document, period: str | None = None) -> Score:
    """Score one self-assessment against its Code and the evaluated cases of `period` (by default
    the last full reporting year before it was completed; the run keeps that score in the view)."""
    if period is None and assessment.path in view.scores:
        return view.scores[assessment.path]
    code_document = view.codes[assessment.data["code"]]
    code = code_document.data
    start_month = view.council.data["reporting_year"]["start_month"] if view.council else 4
    period = period or periods.last_full_year(
        date.fromisoformat(assessment.data["completed"]), start_month
    )
    in_period = view.valid_in(period, code["code"])
    targets = view.policy.data["rules"].get("targets", {}) if view.policy else {}
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
                    if m in measures  # an unknown metric is code-reference-broken's finding
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
            action.get("due") and not action.get("done") and action["due"] < view.as_of.isoformat()
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
        as_of=view.as_of,
        sections=tuple(sections),
        actions=tuple(actions),
        no_evidence=no_evidence,
        broken_links=_broken_links(view, assessment),
    )


def _broken_links(view: View, assessment: Document) -> tuple[str, ...]:
    return tuple(
        p.message for p in self_assessment_evidence_broken.check(view) if p.document is assessment
    )
