"""A refusal to escalate a complaint on a ground the policy does not give, or not explained.

## What it checks
A case with `escalation_refused` (decided on or before the date checked):
- refused on a ground the policy gives: `reason` is one of the codes a complaint may be refused
  on, judged as `exclusion-reason-unknown` judges `exclusion.reason` (the policy's `exclusions`,
  and `late` wherever a time limit for complaining applies);
- records when the reasons were sent to the complainant (`explained`) and that they were told of
  their right to take the refusal to the Ombudsman (`ombudsman_right_given: true`).

The complaint's earlier stages are checked as usual; a refused escalation has no next stage, so
none is due.

## Why it matters
HO 5.11: "Landlords must not refuse to escalate a complaint through all stages of the complaints
procedure unless it has valid reasons to do so. Landlords must clearly set out these reasons, and
they must comply with the provisions set out in section 2 of this Code." Section 2 is the
exclusions, whose 2.4 asks for the reasons in writing and the right to go to the Ombudsman.
LGSCO 5.7 says the same in its own words (set the reasons out clearly, consistent with section
2). A refusal on any other ground denies the complainant the council's final answer.

## Example
    stage1: {acknowledged: 2025-06-04, responded: 2025-06-13, ...}
    escalation_refused:
      requested: 2025-07-01T11:00:00+01:00
      decided: 2025-07-03
      reason: no-new-evidence        # not one of the policy's exclusions
      explained: 2025-07-03
      ombudsman_right_given: true

## How to fix
Escalate the complaint if no ground the policy gives applies. Otherwise send the complainant the
reasons, with their right to go to the Ombudsman, and record `explained` and
`ombudsman_right_given: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._notices import untold

ID = "escalation-refused-incomplete"
TITLE = "Escalation is refused only on the policy's grounds, explained"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "escalation_refused"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 5.11", "HO 2.4", "LGSCO 5.7", "LGSCO 2.4")
POLICY = ("escalation", "exclusions")
GROUND = ("HO 5.11", "LGSCO 5.7")


def check(case: Case) -> Iterator[Problem]:
    refused = case.data.get("escalation_refused")
    if not refused or not case.happened(refused["decided"]):
        return
    grounds = case.exclusion_grounds()
    if refused["reason"] not in grounds:
        yield Problem(
            f"the escalation was refused as '{refused['reason']}', which is not one of the "
            f"policy's grounds for not considering a complaint; escalate it, or use one of: "
            f"{', '.join(grounds) or '(the policy gives none)'}",
            case.document,
            ("escalation_refused", "reason"),
            provisions=GROUND,
        )
    missing = untold(
        case, refused, "explained", "the date the reasons were sent to the complainant"
    )
    if missing:
        yield Problem(
            f"the escalation was refused but the case does not record {' or '.join(missing)}; "
            "send the reasons and record them",
            case.document,
            ("escalation_refused",),
            key=True,
        )
