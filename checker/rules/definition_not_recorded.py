"""An acknowledged stage without the complaint definition and the outcomes sought.

## What it checks
At each stage, once it is acknowledged (at stage 1 and again at stage 2), the case records
`definition` (the council's understanding of the complaint) and `outcomes_sought`, and, where the
case records the acknowledgement's contents (`acknowledgement_includes`), they list `definition`
and `outcomes-sought`. One finding for each stage that falls short.

## Why it matters
HO 5.6: "When a complaint is logged at stage 1 or escalated to stage 2, landlords must set out their
understanding of the complaint and the outcomes the resident is seeking", the complaint definition.
The response is then measured against it (HO 6.7). Canterbury's acknowledgement letters must
contain both at each stage (policy 10.2.3, 10.3.3), whichever Code applies.

The reading: the definition on file is the one set out; a stage 2 acknowledgement whose contents
are recorded must show it set the definition out again (or as revised on escalation). A case that
records no contents list is judged on the definition on file alone.

## Example
    stage2:
      acknowledged: 2025-07-03
      acknowledgement_includes: [not-responsible-for]   # no definition, no outcomes-sought

## How to fix
Record the definition and outcomes sought as the acknowledgement set them out, and list them in
its contents; if the letter left them out, explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "definition-not-recorded"
TITLE = "The complaint definition is set out at each stage's acknowledgement"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.6",)
POLICY = ("letters.stage1_acknowledgement", "letters.stage2_acknowledgement")

FIELDS = {"definition": "definition", "outcomes_sought": "outcomes-sought"}  # key: letter element


def check(case: Case) -> Iterator[Problem]:
    acknowledged = [
        number
        for number, stage in case.stages.items()
        if number <= 2 and stage.acknowledgement.done is not None
    ]
    missing = [key for key in FIELDS if not case.data.get(key)]
    if acknowledged and missing:  # once for the case: the definition on file is every stage's
        yield Problem(
            f"the complaint is acknowledged but {' and '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} not recorded; record what the "
            "acknowledgement set out",
            case.document,
            ("id",),
            stage=acknowledged[0],
        )
        return
    for number in acknowledged:
        listed = case.record(number).get("acknowledgement_includes")
        left = [
            element for element in FIELDS.values() if element not in (listed or FIELDS.values())
        ]
        if left:
            yield Problem(
                f"the stage {number} acknowledgement does not record that it set out the "
                f"{' and the '.join(left)}; add {', '.join(left)} to acknowledgement_includes "
                "if it did",
                case.document,
                (f"stage{number}", "acknowledgement_includes"),
                stage=number,
            )
