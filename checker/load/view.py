"""The repository as the rules, measures, report and site read it: its documents, its calendar
and Codes, and, once the engine has evaluated them, every case file's outcome and each
self-assessment's score. Frozen: a later stage gets a new view, never a changed one."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from checker.calendar.workdays import Calendar
from checker.load.layout import Repository
from checker.load.repository import cases
from checker.model.findings import Document
from checker.model.outcome import Outcome, case_year
from checker.model.scores import Score


@dataclass(frozen=True)
class View:
    """One repository as of a date."""

    repository: Repository
    as_of: date
    calendar: Calendar | None  # None without a valid council file
    codes: Mapping[str, Document]  # each valid Code file by its `code`
    outcomes: tuple[Outcome, ...] = ()  # every case file's, in path order, once evaluated
    scores: Mapping[str, Score] = field(default_factory=dict)  # self-assessment path -> its score
    metrics: tuple[str, ...] = ()  # the ids of the metrics a Code may cite, in order

    @property
    def council(self) -> Document | None:
        return self.repository.one("council")

    @property
    def policy(self) -> Document | None:
        return self.repository.one("policy")

    def documents(self, kind: str) -> list[Document]:
        if kind == "case":
            return cases(self.repository)
        return self.repository.documents.get(kind, [])

    def valid(self) -> Iterator[Outcome]:
        """The outcomes of the case files that loaded and matched their schema."""
        return (o for o in self.outcomes if o.case_id is not None)

    def valid_in(self, year: str, code: str) -> list[Outcome]:
        """The valid outcomes of one reporting year's cases under one Code, in path order."""
        return self._by_year_and_code.get((year, code), [])

    @functools.cached_property
    def _by_year_and_code(self) -> dict[tuple[str, str | None], list[Outcome]]:
        """The valid outcomes grouped once (each self-assessment is scored on one group)."""
        grouped: dict[tuple[str, str | None], list[Outcome]] = defaultdict(list)
        for outcome in self.valid():
            grouped[case_year(outcome.path), outcome.code].append(outcome)
        return grouped


def view(repository: Repository, as_of: date) -> View:
    """The view of a loaded repository before its cases are evaluated."""
    council = repository.one("council")
    calendar = Calendar.from_council(council.data) if council else None
    codes = {document.data["code"]: document for document in repository.documents.get("code", [])}
    return View(repository, as_of, calendar, codes)
