"""An open case past a deadline, as of the date checked.

## What it checks
For every stage that has started, as of the `--as-of` date (today by default): the
acknowledgement and the response are recorded by their deadlines. A step still not recorded
after its deadline is overdue. A withdrawn case has no open steps.

## Why it matters
This is the check that stops a complaint from being forgotten. Unlike a breach in the past, an
overdue step can still be put right today, so it cannot be explained away: it fails CI until
the step is done and recorded.

## Example
    stage1:
      acknowledged: 2025-06-04     # response due 2025-06-18, none recorded on 2025-06-20

## How to fix
Send the acknowledgement or response and record its date (or an extension agreed before the
deadline). If it was sent, record the date it was sent.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._timescales import FIELD, binding, citations, describe, where

ID = "overdue"
TITLE = "No open step is past its deadline"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = False
PROVISIONS = ("HO 6.2", "HO 6.3", "HO 6.11", "HO 6.14", "LGSCO 6.2", "LGSCO 6.3")
POLICY = (
    "timescales.stage1_acknowledgement",
    "timescales.stage1_response",
    "timescales.stage2_acknowledgement",
    "timescales.stage2_response",
)


def check(case: Case) -> Iterator[Problem]:
    for number, step in case.open_steps():
        due = binding(step)
        if due is not None and step.overdue(case.as_of):
            days = case.calendar.elapsed(due.day, case.as_of)
            late = f"{days} working day{'s' if days != 1 else ''} overdue" if days else "overdue"
            provisions, clauses = citations(step, due)
            yield Problem(
                f"stage {number} {step.name} was due {due.day.isoformat()} "
                f"({describe(due, number)}) and is {late} as of "
                f"{case.as_of.isoformat()}; send it and record {FIELD[step.name]}",
                case.document,
                *where(case, number),
                provisions=provisions,
                clauses=clauses,
            )
