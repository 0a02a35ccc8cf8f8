"""A case file filed under the wrong reporting year.

## What it checks
A case lives in the folder of the reporting year in which it counts as received:
`cases/2025-26/` holds complaints received from 1 April 2025 to 31 March 2026 (the council's
`reporting_year.start_month`). "Received" follows policy 12.2: a complaint that arrives after
17:00 on 31 March counts as received on the next working day, in the next reporting year.

## Why it matters
The annual report, the TSMs and the self-assessment scores count cases by reporting year: a
misfiled case is counted in the wrong year's figures.

## Example
    cases/2024-25/CCC-2025-0142.yaml   with received: 2025-06-02T10:00:00+01:00

## How to fix
Move the file to the folder the message names (`git mv`).
"""

from checker.model import Problem, Severity
from checker.periods import label
from checker.workdays import parse_timestamp

ID = "case-folder-year"
TITLE = "Cases are filed under their reporting year"
SEVERITY = Severity.ERROR
SCOPE = "case"
PROVISIONS: tuple[str, ...] = ()
CLAUSES = ("12.2", "14.1")


def check(ctx):
    if ctx.calendar is None:
        return
    start_month = ctx.council.data["reporting_year"]["start_month"]
    for document in ctx.documents("case"):
        received = ctx.calendar.receipt(parse_timestamp(document.data["received"]))
        expected = label(received, start_month)
        folder = document.path.split("/")[-2]
        if folder != expected:
            yield Problem(
                f"received {received.isoformat()} counts in reporting year {expected}, but the "
                f"file is in cases/{folder}/; move it to cases/{expected}/",
                document,
                ("received",),
            )
