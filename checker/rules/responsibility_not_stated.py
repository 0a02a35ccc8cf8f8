"""An acknowledgement that does not say which aspects the council is not responsible for.

## What it checks
Once a stage is acknowledged, the case has `not_responsible_for:`, listing the aspects of the
complaint the council is not responsible for; an empty list (`[]`) records that there were none.

## Why it matters
HO 5.7 (LGSCO 6.7): when a complaint is acknowledged at either stage, the council must be clear
which aspects it is, and is not, responsible for. Recording it shows the question was asked.

## Example
    stage1:
      acknowledged: 2025-06-04
    # no not_responsible_for

## How to fix
Add `not_responsible_for: []`, or list the aspects the acknowledgement said were for others.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "responsibility-not-stated"
TITLE = "Acknowledgements state what the council is not responsible for"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 5.7", "LGSCO 6.7")
POLICY = ("letters.stage1_acknowledgement", "letters.stage2_acknowledgement")


def check(case: Case) -> Iterator[Problem]:
    acknowledged = any(stage.acknowledgement.done for stage in case.stages.values())
    if acknowledged and "not_responsible_for" not in case.data:
        yield Problem(
            "the complaint is acknowledged but not_responsible_for is not recorded; add the "
            "aspects the council is not responsible for, or [] if none",
            case.document,
            ("id",),
        )
