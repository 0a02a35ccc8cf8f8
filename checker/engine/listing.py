"""`complaints list`: each case in a line (its stage, whether it is open, its next deadline and who
handles it), and the filters a handler narrows the list with.

A case is open until the council's process ends as of the date (a final response, an exclusion
or a withdrawal: `Case.closed`); its stage is the last one started by then. Its next deadline is
the earliest deadline that binds an open step, as `complaints due` counts it: a route under
neither Code (a statutory process) has none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.calendar import periods
from checker.engine.due import handled_by
from checker.model.case import UNDER_A_CODE, Case, handler
from checker.model.deadlines import Step
from checker.rules._timescales import binding, describe


@dataclass(frozen=True)
class Deadline:
    """One floor's deadline for a step, and the working days from the step (or, while it is
    open, from the as-of date) to it: negative when the step came, or is, after it."""

    day: date
    by: str  # policy | code
    how: str  # '10 working days from the acknowledgement, extended by 5'
    advisory: bool
    binds: bool
    left: int


@dataclass(frozen=True)
class Open:
    """An open step of a case and its deadlines, the one that binds first."""

    stage: int
    step: str  # acknowledgement | response
    deadlines: tuple[Deadline, ...]

    @property
    def due(self) -> Deadline:
        return self.deadlines[0]


@dataclass(frozen=True)
class Summary:
    """A case in a line."""

    case_id: str
    route: str
    service: str
    type: str
    received: date  # the day it counts as received
    year: str  # the reporting year of receipt, like 2025-26
    stage: int
    closed: date | None
    handler: str | None
    next: Open | None
    arrived: bool = True  # whether it was received by the as-of date

    @property
    def state(self) -> str:
        if not self.arrived:
            return "not yet received"
        return "open" if self.closed is None else "closed"


def deadlines(case: Case, number: int, step: Step, since: date) -> tuple[Deadline, ...]:
    """A step's deadlines under each floor, the binding one first, counted from `since`."""
    binds = binding(step)
    return tuple(
        Deadline(
            due.day,
            "policy" if due.clock.council else "code",
            describe(due, number),
            due.clock.advisory,
            due is binds,
            case.calendar.elapsed(since, due.day),
        )
        for due in sorted(step.dues, key=lambda d: d is not binds)
    )


def open_deadlines(case: Case) -> list[Open]:
    """The case's open steps that a deadline binds, soonest first."""
    if case.route not in UNDER_A_CODE:
        return []
    found = [
        Open(number, step.name, deadlines(case, number, step, case.as_of))
        for number, step in case.open_steps()
        if binding(step) is not None
    ]
    return sorted(found, key=lambda item: (item.due.day, item.stage))


def current_stage(case: Case) -> int:
    """The last stage started by the as-of date (stage 1 for a complaint not accepted)."""
    return max(case.stages, default=2 if case.data.get("direct_to_stage2") else 1)


def summary(case: Case, start_month: int) -> Summary:
    """A case in a line, as of its date."""
    stage = current_stage(case)
    who = handler(case.record(stage))
    upcoming = open_deadlines(case)
    return Summary(
        case.id,
        case.route,
        case.data["service"],
        case.data["type"],
        case.received,
        periods.label(case.received, start_month),
        stage,
        case.closed,
        str(who) if who else None,
        upcoming[0] if upcoming else None,
        case.happened(case.data["received"]) is not None,
    )


@dataclass(frozen=True)
class Filters:
    """What `complaints list` narrows the cases to (None or False: no filter)."""

    state: str | None = None  # open | closed
    stage: int | None = None
    overdue: bool = False
    due_within: int | None = None  # working days; overdue steps count as due
    handler: str | None = None  # a role or a pseudonym
    service: str | None = None
    route: str | None = None
    year: str | None = None

    def keep(self, case: Case, row: Summary) -> bool:
        """Whether a case passes every filter."""
        left = row.next.due.left if row.next else None
        return (
            (self.state is None or row.state == self.state)
            and (self.stage is None or row.stage == self.stage)
            and (not self.overdue or (left is not None and left < 0))
            and (self.due_within is None or (left is not None and left <= self.due_within))
            and (self.handler is None or handled_by(handler(case.record(row.stage)), self.handler))
            and (self.service is None or row.service == self.service)
            and (self.route is None or row.route == self.route)
            and (self.year is None or row.year == self.year)
        )


def listing(cases: list[Case], filters: Filters, start_month: int) -> list[Summary]:
    """The cases received by the as-of date that pass the filters, by next deadline (none last),
    then id."""
    rows = []
    for case in cases:
        row = summary(case, start_month)
        if row.arrived and filters.keep(case, row):
            rows.append(row)
    return sorted(
        rows, key=lambda r: (r.next is None, r.next.due.day if r.next else date.max, r.case_id)
    )
