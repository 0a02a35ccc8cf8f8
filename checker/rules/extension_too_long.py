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
from datetime import date, timedelta

from checker.model.case import UNDER_A_CODE, Case
from checker.model.clocks import Extension, amount
from checker.model.findings import Problem, Severity

ID = "extension-too-long"
TITLE = "Extensions are within the policy's limit"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.4", "HO 6.15", "LGSCO 6.4", "LGSCO 6.14")
POLICY = ("timescales.stage1_extension", "timescales.stage2_extension")


def check(case: Case) -> Iterator[Problem]:
    for number, stage in case.stages.items():
        extension = case.record(number).get("extension")
        if not extension:
            continue
        limits = sorted(case.clocks.extensions(number), key=lambda limit: limit.council)
        policy = next((limit for limit in limits if limit.council), None)
        for limit in limits:  # the Code's first: one finding per extension
            allowed = _working_days(case, stage.response_due_unextended, limit)
            if allowed is None or extension["days"] <= allowed:
                continue
            if extension.get("good_reason") and limit.good_reason:
                continue
            whose = "policy's" if limit.council else "Code's"
            reason = (
                "record good_reason: true if there was one"
                if limit.good_reason
                else f"the {'policy' if limit.council else 'Code'} allows no longer extension"
            )
            yield Problem(
                f"the stage {number} extension is {extension['days']} working days, over the "
                f"{whose} {amount(limit.figure or 0, limit.unit)}; {reason}",
                case.document,
                (f"stage{number}", "extension", "days"),
                provisions=() if limit.council else limit.cites,
                clauses=policy.cites if policy else (),
                stage=number,
            )
            break


def _working_days(case: Case, unextended: date | None, limit: Extension) -> int | None:
    """The working days a limit allows (a limit in calendar days counted from the deadline)."""
    if limit.figure is None:
        return None
    if limit.unit == "working_days" or unextended is None:
        return limit.figure
    return case.calendar.elapsed(unextended, unextended + timedelta(days=limit.figure))
