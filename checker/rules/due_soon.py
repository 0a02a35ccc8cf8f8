"""An open step due within two working days.

## What it checks
For every stage that has started, an acknowledgement or response not yet recorded whose deadline
is today or within the next two working days, as of the `--as-of` date.

## Why it matters
A warning before the deadline is the cheapest way to meet it; `complaints due` lists the same
steps for handlers.

## Example
    stage1:
      acknowledged: 2025-06-04     # response due 2025-06-18; checked on 2025-06-16

## How to fix
Send the response by the date given, or agree an extension before the deadline. The warning goes
when the step is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._timescales import FIELD, binding, citations, where

ID = "due-soon"
TITLE = "Open steps due within two working days"
SEVERITY = Severity.WARNING
ROUTES = UNDER_A_CODE
EXPLAINABLE = False
WITHIN = 2  # working days
PROVISIONS = ("HO 6.2", "HO 6.3", "HO 6.11", "HO 6.14")
POLICY = (
    "timescales.stage1_acknowledgement",
    "timescales.stage1_response",
    "timescales.stage2_acknowledgement",
    "timescales.stage2_response",
)


def check(case: Case) -> Iterator[Problem]:
    for number, step in case.open_steps():
        due = binding(step)
        if due is None or case.as_of > due.day:
            continue
        left = case.calendar.elapsed(case.as_of, due.day)
        if left <= WITHIN:
            when = "today" if left == 0 else f"in {left} working day{'s' if left != 1 else ''}"
            provisions, clauses = citations(step, due)
            yield Problem(
                f"stage {number} {step.name} is due {due.day.isoformat()} ({when}); "
                f"send it and record {FIELD[step.name]}",
                case.document,
                *where(case, number),
                provisions=provisions,
                clauses=clauses,
            )
