"""A case file filed under the wrong reporting year.

## What it checks
A case lives in the folder of the reporting year in which it counts as received:
`cases/2025-26/` holds complaints received from 1 April 2025 to 31 March 2026 (the council's
`reporting_year.start_month`). "Received" follows the policy's working hours: a complaint that
arrives after 17:00 on 31 March counts as received on the next working day, in the next
reporting year.

## Why it matters
The annual report, the TSMs and the self-assessment scores count cases by reporting year: a
misfiled case is counted in the wrong year's figures.

## Example
    cases/2024-25/CCC-2025-0142.yaml   with received: 2025-06-02T10:00:00+01:00

## How to fix
Move the file to the folder the message names (`git mv`).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.calendar.periods import label
from checker.model.case import ROUTES, Case
from checker.model.findings import Problem, Severity
from checker.model.outcome import case_year

ID = "case-folder-year"
TITLE = "Cases are filed under their reporting year"
SEVERITY = Severity.ERROR
ROUTES = ROUTES
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    expected = label(case.received, case.council["reporting_year"]["start_month"])
    folder = case_year(case.document.path)
    if folder != expected:
        yield Problem(
            f"received {case.received.isoformat()} counts in reporting year {expected}, but the "
            f"file is in cases/{folder}/; move it to cases/{expected}/",
            case.document,
            ("received",),
        )
