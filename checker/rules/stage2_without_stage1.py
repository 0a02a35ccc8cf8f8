"""A stage 2 without a stage 1 response, and without the agreed exception.

## What it checks
A case has a stage 2 only after its stage 1 response, unless the first response was deemed
stage 2 under the policy's exception (Canterbury's 10.4.1), recorded as `direct_to_stage2` with
the reason, who agreed it and when: the policy requires the agreement of a Head of Service or
above (10.4.2).

## Why it matters
Both Codes require exactly two stages (HO 5.2, 5.3) and a stage 2 that follows stage 1 (6.10). A
stage 2 with no stage 1 and no recorded agreement skips a stage the complainant was entitled to.

## Example
    stage2:
      requested: 2025-07-01
    # no stage1 and no direct_to_stage2

## How to fix
Record the stage 1 response, or record `direct_to_stage2: {reason, agreed_by, date}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "stage2-without-stage1"
TITLE = "Stage 2 follows a stage 1 response or the agreed exception"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage2"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 5.3", "HO 6.10", "LGSCO 6.9")
POLICY = ("direct_to_stage2",)


def check(case: Case) -> Iterator[Problem]:
    data = case.data
    if "stage2" not in data or data.get("direct_to_stage2"):
        return
    if not (data.get("stage1") or {}).get("responded"):
        yield Problem(
            "stage 2 began without a stage 1 response; record the stage 1 response, or "
            "direct_to_stage2 with its reason and who agreed it",
            case.document,
            ("stage2",),
            key=True,
        )
