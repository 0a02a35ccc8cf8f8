"""A complaint not accepted for a reason the policy does not give.

## What it checks
`exclusion.reason` is one of the codes under the policy's `rules.exclusions`, or `late` where a
time limit for complaining applies: the policy's (`timescales.late_complaint`) or, where the policy
states none, the Code's (HO 2.3, LGSCO 2.2), since a rule the policy leaves out falls back to the
Code's.

## Why it matters
HO 2.2 and 2.5 (LGSCO 2.3, 2.5): the policy must set out when a matter will not be considered, and
a complaint may be refused only on those grounds, considered on its merits. A reason outside the
policy is a refusal the policy does not allow; the annual report's summary of refused complaints
(HO 8.1) is counted by these codes.

## Example
    exclusion: {reason: too-complicated, decided: 2025-06-05}

## How to fix
Use the policy's code for the ground applied; if none applies, accept the complaint.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "exclusion-reason-unknown"
TITLE = "Complaints are refused only on grounds the policy gives"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "exclusion"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = False
PROVISIONS = ("HO 2.2", "HO 2.5", "LGSCO 2.3", "LGSCO 2.5")
POLICY = ("exclusions",)


def check(case: Case) -> Iterator[Problem]:
    exclusion = case.data.get("exclusion")
    if not exclusion:
        return
    codes = case.exclusion_grounds()
    if exclusion["reason"] not in codes:
        yield Problem(
            f"'{exclusion['reason']}' is not one of the policy's exclusions; use one of: "
            f"{', '.join(codes)}",
            case.document,
            ("exclusion", "reason"),
        )
