"""Self-assessment scores: what the council declared, and what its cases show.

For one Code: each provision's declared answer (yes, partial, no); for measurable provisions the
case metrics over a reporting year against the policy's targets; the answers the cases
contradict ("yes" with the figures below target, "no" with them met); evidence coverage; and the
action plan, with what is overdue. The period assessed is, unless asked otherwise, the last full
reporting year before the self-assessment was completed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checker import periods
from checker.codes import provisions
from checker.engine import Context, evaluation
from checker.metrics import Measure, measure
from checker.model import Document

DEFAULT_TARGET = 0.95  # where the policy sets none for a metric


@dataclass(frozen=True)
class Evidence:
    """One metric behind a provision: its measure over the period and the policy's target."""

    measure: Measure
    target: float

    @property
    def met(self) -> bool | None:
        rate = self.measure.rate
        return None if rate is None else rate >= self.target


@dataclass(frozen=True)
class ProvisionScore:
    """One provision: declared, evidenced, and whether the two disagree."""

    number: str
    section: int
    requirement: str
    declared: str | None  # yes | partial | no, None when unanswered
    evidence: tuple[Evidence, ...]
    answer: dict = field(default_factory=dict)

    @property
    def measurable(self) -> bool:
        return bool(self.evidence)

    @property
    def evidenced(self) -> str | None:
        """met | not-met | no-data for measurable provisions; None otherwise."""
        if not self.evidence:
            return None
        results = [e.met for e in self.evidence if e.met is not None]
        if not results:
            return "no-data"
        return "met" if all(results) else "not-met"

    @property
    def contradiction(self) -> str | None:
        if self.declared == "yes" and self.evidenced == "not-met":
            return "yes-contradicted"
        if self.declared == "no" and self.evidenced == "met":
            return "no-shown-met"
        return None

    @property
    def compliant(self) -> bool:
        """Compliant on the evidence where there is evidence, on the declaration otherwise."""
        if self.evidenced in ("met", "not-met"):
            return self.evidenced == "met"
        return self.declared == "yes"


@dataclass(frozen=True)
class SectionScore:
    number: int
    title: str
    provisions: tuple[ProvisionScore, ...]

    def count(self, answer: str) -> int:
        return sum(1 for p in self.provisions if p.declared == answer)

    @property
    def declared_share(self) -> float:
        return self.count("yes") / len(self.provisions) if self.provisions else 0.0

    @property
    def evidenced_share(self) -> float:
        return sum(p.compliant for p in self.provisions) / len(self.provisions) if self.provisions else 0.0


@dataclass(frozen=True)
class Action:
    provision: str
    declared: str
    what: str | None
    owner: str | None
    due: str | None
    done: str | None
    overdue: bool


@dataclass(frozen=True)
class Score:
    """A self-assessment against its Code, scored over a reporting year."""

    code: str
    title: str
    edition: str
    assessment: Document
    period: str
    as_of: date
    sections: tuple[SectionScore, ...]
    actions: tuple[Action, ...]
    no_evidence: tuple[str, ...]
    broken_links: tuple[str, ...]

    @property
    def provisions(self) -> tuple[ProvisionScore, ...]:
        return tuple(p for s in self.sections for p in s.provisions)

    def count(self, answer: str) -> int:
        return sum(s.count(answer) for s in self.sections)

    @property
    def declared_share(self) -> float:
        every = self.provisions
        return self.count("yes") / len(every) if every else 0.0

    @property
    def evidenced_share(self) -> float:
        every = self.provisions
        return sum(p.compliant for p in every) / len(every) if every else 0.0

    @property
    def contradictions(self) -> tuple[ProvisionScore, ...]:
        return tuple(p for p in self.provisions if p.contradiction)


def latest_assessment(ctx: Context, code: str) -> Document | None:
    """The most recent self-assessment against `code`."""
    found = [d for d in ctx.documents("self-assessment") if d.data["code"] == code]
    return max(found, key=lambda d: (d.data["year"], d.data["completed"]), default=None)


def score(ctx: Context, assessment: Document, period: str | None = None) -> Score:
    """Score one self-assessment against its Code and the cases of `period` (once per run: the
    check, the report and the site all ask for it)."""
    key = (assessment.path, period)
    if key not in ctx.scores:
        ctx.scores[key] = _score(ctx, assessment, period)
    return ctx.scores[key]


def _score(ctx: Context, assessment: Document, period: str | None) -> Score:
    code_document = ctx.codes[assessment.data["code"]]
    code = code_document.data
    start_month = ctx.council.data["reporting_year"]["start_month"] if ctx.council else 4
    period = period or previous_year(date.fromisoformat(assessment.data["completed"]), start_month)
    in_period = [o for o in evaluation(ctx).valid() if o.year == period and o.code == code["code"]]
    targets = (ctx.policy.data["rules"].get("targets", {}) if ctx.policy else {})
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
                evidence=tuple(Evidence(measures[m], targets.get(m, DEFAULT_TARGET)) for m in p.get("metrics", [])),
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
        overdue = bool(action.get("due") and not action.get("done") and action["due"] < ctx.as_of.isoformat())
        actions.append(
            Action(answer["provision"], answer["comply"], action.get("what"), action.get("owner"),
                   action.get("due"), action.get("done"), overdue)
        )
    no_evidence = tuple(a["provision"] for a in assessment.data["answers"] if not a.get("evidence") and not a.get("links"))
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


def previous_year(day: date, start_month: int) -> str:
    """The label of the last reporting year that ended before `day`."""
    this_year_start, _ = periods.bounds(periods.label(day, start_month), start_month)
    return periods.label(date.fromordinal(this_year_start.toordinal() - 1), start_month)


def _broken_links(ctx: Context, assessment: Document) -> tuple[str, ...]:
    from checker.rules import self_assessment_evidence_broken

    return tuple(
        p.message for p in self_assessment_evidence_broken.check(ctx) if p.document is assessment
    )
