"""The engine: runs every registered rule over a loaded repository and stamps its findings.

Rules yield `Problem`s; the engine, not the rule, turns each into a `Finding` with the rule's id,
severity and citations, and the problem's file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checker.loader import locate
from checker.model import Document, Finding, Location, Problem
from checker.repository import Repository
from checker.rules import RULES
from checker.workdays import Calendar


@dataclass
class Context:
    """What a repository-level rule may look at."""

    repository: Repository
    as_of: date
    calendar: Calendar | None = None
    codes: dict[str, Document] = field(default_factory=dict)

    @property
    def council(self) -> Document | None:
        return self.repository.one("council")

    @property
    def policy(self) -> Document | None:
        return self.repository.one("policy")

    def documents(self, kind: str) -> list[Document]:
        return self.repository.documents.get(kind, [])


def context(repository: Repository, as_of: date) -> Context:
    """The context for one run: the council's calendar and the Codes by name."""
    council = repository.one("council")
    calendar = Calendar.from_council(council.data) if council else None
    codes = {doc.data["code"]: doc for doc in repository.documents.get("code", [])}
    return Context(repository, as_of, calendar, codes)


def run(repository: Repository, as_of: date) -> list[Finding]:
    """Every finding: the repository's load and schema findings, then each rule's."""
    ctx = context(repository, as_of)
    findings = list(repository.findings)
    for rule in RULES.values():
        check = getattr(rule, "check", None)
        if check is None:
            continue
        findings.extend(stamp(rule, problem) for problem in check(ctx))
    return sorted(findings, key=Finding.sort_key)


def stamp(rule, problem: Problem) -> Finding:
    """A rule's problem as a located finding carrying the rule's metadata."""
    line, column = locate(problem.document, problem.path, key=problem.key)
    return Finding(
        rule=rule.ID,
        severity=rule.SEVERITY,
        message=problem.message,
        location=Location(problem.document.path, line, column),
        provisions=tuple(rule.PROVISIONS),
        clauses=tuple(rule.CLAUSES),
    )
