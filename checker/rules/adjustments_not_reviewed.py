"""A reasonable adjustment without a review date, or not reviewed when due.

## What it checks
Each agreed adjustment has a `next_review` date, and, where that date fell while the complaint
was still open, a `reviewed` date on or after it.

## Why it matters
HO 5.10 (LGSCO 5.6): agreed reasonable adjustments must be recorded and kept under active review.
The Equality Act 2010 duty continues for as long as the complaint does.

## Example
    adjustments:
      - {need: large print, agreed: 2025-06-03}        # no next_review

## How to fix
Set a review date; when it comes, review the adjustment with the complainant and record the date
under `reviewed`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "adjustments-not-reviewed"
TITLE = "Reasonable adjustments are kept under review"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.10", "LGSCO 5.6")
POLICY = ("reasonable_adjustments",)


def check(case: Case) -> Iterator[Problem]:
    until = min(case.closed or case.as_of, case.as_of)
    for index, adjustment in enumerate(case.data["complainant"].get("adjustments", [])):
        path = ("complainant", "adjustments", index)
        due = case.happened(adjustment.get("next_review"))
        if "next_review" not in adjustment:
            yield Problem(
                f"the adjustment '{adjustment['need']}' has no next_review date; set one",
                case.document,
                path,
            )
        elif (
            due
            and due <= until
            and not any(r >= adjustment["next_review"] for r in adjustment.get("reviewed", []))
        ):
            yield Problem(
                f"the adjustment '{adjustment['need']}' was due for review on {due.isoformat()} "
                "while the complaint was open, and no review is recorded; review it and record "
                "the date under reviewed",
                case.document,
                (*path, "next_review"),
            )
