"""An acknowledged complaint without its definition and the outcomes sought.

## What it checks
Once stage 1 (or stage 2) is acknowledged, the case records `definition` (the council's
understanding of the complaint) and `outcomes_sought`.

## Why it matters
HO 5.6: when a complaint is logged at stage 1 or escalated to stage 2, the landlord must set out
its understanding of the complaint and the outcomes the resident is seeking, "the complaint
definition". The response is then measured against it (HO 6.7). Canterbury's acknowledgement
letter must contain both (policy 10.2.3, 10.3.3), whichever Code applies.

## Example
    stage1:
      acknowledged: 2025-06-04
    # no definition, no outcomes_sought

## How to fix
Record the definition and outcomes sought as the acknowledgement set them out.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "definition-not-recorded"
TITLE = "The complaint definition is recorded at acknowledgement"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.6",)
POLICY = ("letters.stage1_acknowledgement", "letters.stage2_acknowledgement")


def check(case: Case) -> Iterator[Problem]:
    if not any(stage.acknowledgement.done for stage in case.stages.values()):
        return
    missing = [key for key in ("definition", "outcomes_sought") if not case.data.get(key)]
    if missing:
        yield Problem(
            f"the complaint is acknowledged but {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not recorded; record what the "
            "acknowledgement set out",
            case.document,
            ("id",),
        )
