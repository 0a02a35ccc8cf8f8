"""What a self-assessment's score is made of: measures over a period, each provision's declared
and evidenced answer, each section's and the Code's shares, and the action plan (computed by
`checker.measures.scoring`; read by the rules, the report and the site)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checker.model.findings import Document


@dataclass(frozen=True)
class Measure:
    """A metric over a set of cases."""

    metric: str
    met: int
    applicable: int

    @property
    def rate(self) -> float | None:
        return self.met / self.applicable if self.applicable else None


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
        return (
            sum(p.compliant for p in self.provisions) / len(self.provisions)
            if self.provisions
            else 0.0
        )


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
