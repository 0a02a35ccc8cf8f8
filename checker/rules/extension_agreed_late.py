"""An extension agreed after the deadline it extends.

## What it checks
An extension is decided and notified on or before the response deadline it extends. One agreed
afterwards does not move the deadline: the response is measured against the original one.

## Why it matters
HO 6.4 (LGSCO 6.4) has the landlord decide whether an extension is needed and tell the resident
the expected timescale; an extension granted after the deadline has passed is a missed deadline
relabelled.

## Example
    stage1:
      acknowledged: 2025-06-04     # response due 2025-06-18
      extension: {agreed: 2025-06-20, days: 5, ...}

## How to fix
If the extension was in fact agreed earlier, correct the date; otherwise explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "extension-agreed-late"
TITLE = "Extensions are agreed before the deadline they extend"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.4", "HO 6.15", "LGSCO 6.4", "LGSCO 6.14")
POLICY = ("timescales.stage1_extension", "timescales.stage2_extension")


def check(case: Case) -> Iterator[Problem]:
    for number, stage in case.stages.items():
        extension = case.record(number).get("extension")
        agreed = case.happened(extension["agreed"]) if extension else None
        deadline = stage.response_due_unextended
        if agreed and deadline and agreed > deadline:
            yield Problem(
                f"the stage {number} extension was agreed {agreed.isoformat()}, after the response "
                f"deadline {deadline.isoformat()} it extends; it does not "
                "move the deadline",
                case.document,
                (f"stage{number}", "extension", "agreed"),
            )
