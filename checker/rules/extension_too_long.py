"""An extension longer than the policy allows, without a recorded good reason.

## What it checks
A stage 1 extension is no longer than the policy's `stage1_extension` (10 working days in both
Codes), and a stage 2 extension no longer than `stage2_extension` (20). A longer one needs
`good_reason: true` and is allowed only where the policy lets a good reason justify it (the Codes
do: "no more than 10 working days without good reason"; Canterbury's stage 2 clause 10.3.8 does
not).

## Why it matters
Extensions are for complexity, not for workload. The Codes cap them so that a complaint cannot
drift: HO 6.4 and 6.15, LGSCO 6.4.

## Example
    extension: {agreed: 2025-06-16, days: 15, reason: Awaiting survey,
                ombudsman_details_given: true}

## How to fix
If a good reason was recorded at the time, add `good_reason: true`; otherwise explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "extension-too-long"
TITLE = "Extensions are within the policy's limit"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.4", "HO 6.15", "LGSCO 6.4", "LGSCO 6.14")
POLICY = ("timescales.stage1_extension", "timescales.stage2_extension")


def check(case: Case) -> Iterator[Problem]:
    for number in (1, 2):
        extension = case.record(number).get("extension")
        if not extension:
            continue
        limit = case.timescales[f"stage{number}_extension"]
        if extension["days"] <= limit["working_days"]:
            continue
        if extension.get("good_reason") and limit["longer_with_good_reason"]:
            continue
        reason = (
            "record good_reason: true if there was one"
            if limit["longer_with_good_reason"]
            else "the policy allows no longer extension"
        )
        yield Problem(
            f"the stage {number} extension is {extension['days']} working days, over the "
            f"policy's {limit['working_days']}; {reason}",
            case.document,
            (f"stage{number}", "extension", "days"),
            stage=number,
        )
