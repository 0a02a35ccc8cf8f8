"""Each case's deadlines: when each step was due under each floor, and when it happened, as of a
date.

The one place that turns a case and its route's clocks (`checker.model.clocks`) into dates:
- a clock from `receipt` runs from the day the complaint (stage 1) or the escalation request
  (later stages) counts as received, which is day 0: "5 working days of receipt" on a Monday
  complaint is the next Monday;
- a clock from `day-after-receipt` ("the 25 working days will begin the day after your complaint
  has been received") counts the day after receipt as day 1, which is the same deadline;
- a clock from `acknowledgement` runs from the stage's acknowledgement as it actually happened
  (HO 6.3: "within 10 working days of the complaint being acknowledged"), or, while it is not yet
  acknowledged, from the day the acknowledgement is due under the same floor. A late
  acknowledgement is one breach (6.2), not two: the response is still due 10 working days after
  it. (TSM CH02 is a different measure: a response counts as within the Code's timescales only
  if the acknowledgement was too; `checker.report.figures` keeps that.)
- working days as `checker.calendar.workdays` counts them; calendar days count every day; months
  land on the same day of the month (the last day of a shorter month);
- an extension adds its working days to each response deadline it extends (the Housing
  Ombudsman's Code: "added to the 6.3 deadline"), and only if it was agreed on or before that
  deadline.

Each step keeps every floor's deadline (`dues`); the earliest firm one is the deadline that binds
(`due`). An advisory deadline holds no case to it, and a step with no firm deadline has none.

Evaluation is "as of" a date: anything dated after it has not happened yet, so a case can be
looked at as it stood on any day of the year.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from checker.calendar.workdays import Calendar, add_months, parse_timestamp
from checker.model.clocks import STAGE_NAMES, Clock, Clocks


class Due(NamedTuple):
    """One floor's deadline for a step."""

    day: date
    clock: Clock
    unextended: date  # the day before any extension
    extension_days: int  # the working days of a valid extension included (0 when none or invalid)


# named tuples, not frozen dataclasses: made five times faster, 400,000 a run
class Step(NamedTuple):
    """One step of a stage: when it was due under each floor and when, if yet, it happened."""

    name: str  # acknowledgement | response
    due: date | None  # the binding deadline: the earliest firm one (None: no floor sets one)
    done: date | None
    dues: tuple[Due, ...] = ()  # every floor's, the policy's first (advisory ones included)

    @property
    def late(self) -> bool:
        return self.done is not None and self.due is not None and self.done > self.due

    def overdue(self, as_of: date) -> bool:
        return self.done is None and self.due is not None and as_of > self.due

    def missed(self) -> tuple[Due, ...]:
        """The firm deadlines the step was done after."""
        if self.done is None:
            return ()
        done = self.done
        return tuple(d for d in self.dues if not d.clock.advisory and done > d.day)

    def due_by(self, council: bool) -> Due | None:
        """The policy's (True) or the Code's (False) deadline, if that floor sets one."""
        return next((d for d in self.dues if d.clock.council is council), None)


class TimeLimit(NamedTuple):
    """The time limit for complaining under one floor, for one case."""

    start: date  # the day it runs from
    end: date  # the last day a complaint is in time
    clock: Clock


class Stage(NamedTuple):
    """The deadlines of one stage, as of a date."""

    number: int
    started: date  # the day the complaint (stage 1) or the escalation request counts from
    acknowledgement: Step
    response: Step
    response_due_unextended: date | None
    extension_days: int  # the working days of a valid extension of the binding deadline
    arrived: date  # the council-local day its complaint or request arrived

    def steps(self) -> tuple[Step, Step]:
        return self.acknowledgement, self.response


def happened(value: str | None, as_of: date) -> date | None:
    """A recorded date, or None if it is missing or after `as_of`."""
    if value is None:
        return None
    day = date.fromisoformat(value[:10])
    return day if day <= as_of else None


def received(case: dict, calendar: Calendar) -> date:
    """The day the complaint counts as received (policy 12.2)."""
    return calendar.receipt(parse_timestamp(case["received"]))


def after(start: date, figure: int, unit: str, calendar: Calendar) -> date:
    """The day `figure` units after `start` (day 0)."""
    if unit == "working_days":
        return calendar.add(start, figure)
    if unit == "calendar_days":
        return start + timedelta(days=figure)
    return add_months(start, figure)


def _begun(
    case: dict, number: int, record: dict | None, calendar: Calendar
) -> tuple[date, date] | None:
    """The day a stage counts from, and the council-local day its complaint or request arrived
    (a stage has started that day, and its steps are due, though after closing time its clock
    counts from the next working day); None where the stage has not started."""
    if number == 1:
        if case.get("exclusion") or (case.get("direct_to_stage2") and not record):
            return None
        value = case["received"]
    elif record is None:
        return None
    elif "requested" in record:
        value = record["requested"]
    elif number == 2 and case.get("direct_to_stage2"):
        value = case["received"]
    else:
        return None
    when = parse_timestamp(value)  # read once for both days
    return calendar.receipt(when), calendar.local_day(when)


def _binding(dues: list[Due]) -> Due | None:
    """The earliest firm deadline (the first one found on that day)."""
    found = None
    for due in dues:
        if not due.clock.advisory and (found is None or due.day < found.day):
            found = due
    return found


def stage(case: dict, number: int, clocks: Clocks, calendar: Calendar, as_of: date) -> Stage | None:
    """The deadlines of a stage, or None where the stage has not started by `as_of`."""
    record = case.get(STAGE_NAMES[number - 1])
    begun = _begun(case, number, record, calendar)
    if begun is None or min(begun) > as_of:
        return None
    start, arrived = begun
    record = record or {}
    acknowledged = happened(record.get("acknowledged"), as_of)
    # the floors often agree (a policy restating the Code): each date is counted once
    counted: dict[tuple, date] = {}
    acknowledgements = []
    for clock in clocks.step(number, "acknowledgement"):
        key = (start, clock.figure, clock.unit)
        day = counted.get(key) or counted.setdefault(
            key, after(start, clock.figure, clock.unit, calendar)
        )
        acknowledgements.append(Due(day, clock, day, 0))
    extension = record.get("extension")
    responses = []
    for clock in clocks.step(number, "response"):
        if clock.start == "acknowledgement":
            # the same floor's acknowledgement deadline, else the other floor's, else receipt
            ack_due = start
            for due in acknowledgements:
                if due.clock.council is clock.council:
                    ack_due = due.day
                    break
            else:
                if acknowledgements:
                    ack_due = acknowledgements[0].day
            begin = acknowledged or ack_due
        else:
            begin = start
        key = (begin, clock.figure, clock.unit)
        unextended = counted.get(key) or counted.setdefault(
            key, after(begin, clock.figure, clock.unit, calendar)
        )
        days = valid_extension_days(extension, unextended, as_of)
        extended = calendar.add(unextended, days) if days else unextended
        responses.append(Due(extended, clock, unextended, days))
    binding_ack, binding_response = _binding(acknowledgements), _binding(responses)
    return Stage(
        number,
        start,
        Step(
            "acknowledgement",
            binding_ack.day if binding_ack else None,
            acknowledged,
            tuple(acknowledgements),
        ),
        Step(
            "response",
            binding_response.day if binding_response else None,
            happened(record.get("responded"), as_of),
            tuple(responses),
        ),
        binding_response.unextended if binding_response else None,
        binding_response.extension_days if binding_response else 0,
        arrived,
    )


def valid_extension_days(extension: dict | None, deadline: date, as_of: date) -> int:
    """Working days an extension adds: all of them if agreed by the deadline it extends, else none.

    An extension longer than the policy allows still moves the deadline (the complainant was told
    the new date); its length is a separate finding unless a good reason is recorded.
    """
    if not extension:
        return 0
    agreed = happened(extension["agreed"], as_of)
    if agreed is None or agreed > deadline:
        return 0
    return extension["days"]


def stages(case: dict, clocks: Clocks, calendar: Calendar, as_of: date) -> list[Stage]:
    """Every stage that has started by `as_of`."""
    found = []
    for number in range(1, len(STAGE_NAMES) + 1):
        if number > 2 and STAGE_NAMES[number - 1] not in case:
            break
        if (s := stage(case, number, clocks, calendar, as_of)) is not None:
            found.append(s)
    return found


def issue_start(issue: dict, limit: Clock) -> date | None:
    """The day a time limit runs from: the issue occurring, the complainant becoming aware of it,
    or (as both Codes say, "of the issue occurring or the resident becoming aware of it") the
    later of the two, which is the reading in the complainant's favour."""
    occurred, aware = issue.get("occurred"), issue.get("became_aware")
    if limit.start == "the-event":
        chosen = [occurred or aware]
    elif limit.start == "becoming-aware":
        chosen = [aware or occurred]
    else:
        chosen = [occurred, aware]
    days = [date.fromisoformat(d) for d in chosen if d]
    return max(days) if days else None


def time_limits(issue: dict, limits: tuple[Clock, ...], calendar: Calendar) -> list[TimeLimit]:
    """Each floor's time limit for complaining about `issue` (none where its dates are missing)."""
    found = []
    for limit in limits:
        start = issue_start(issue, limit)
        if start is not None:
            found.append(TimeLimit(start, after(start, limit.figure, limit.unit, calendar), limit))
    return found
