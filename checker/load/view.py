"""The repository as the rules, measures, report and site read it: its documents, its calendar
and Codes, and, once the engine has evaluated them, every case file's outcome and each
self-assessment's score. Frozen: a later stage gets a new view, never a changed one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from checker.calendar.workdays import Calendar
from checker.load.repository import Repository
from checker.model.findings import Document
from checker.model.outcome import Outcome
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
            return self.repository.cases()
        return self.repository.documents.get(kind, [])

    def valid(self) -> Iterator[Outcome]:
        """The outcomes of the case files that loaded and matched their schema."""
        return (o for o in self.outcomes if o.case_id is not None)


def view(repository: Repository, as_of: date) -> View:
    """The view of a loaded repository before its cases are evaluated."""
    council = repository.one("council")
    calendar = Calendar.from_council(council.data) if council else None
    codes = {document.data["code"]: document for document in repository.documents.get("code", [])}
    return View(repository, as_of, calendar, codes)
