"""An extension notified without the relevant Ombudsman's contact details.

## What it checks
Each extension records `ombudsman_details_given`: `true` where the notice told the complainant
how to contact the relevant Ombudsman, or the body it named (`housing-ombudsman` or `lgsco`).
- Not recorded, or `false`: a finding.
- A body named that the case's route does not escalate to (the policy's `routes`, their
  `escalates_to`): a finding. For a council the relevant Ombudsman is the Housing Ombudsman for
  the housing route and the LGSCO for the others (the data protection route escalates to the ICO
  as well, which is not an Ombudsman).

## Why it matters
HO 6.5 and 6.16: "When an organisation informs a resident about an extension to these
timescales, they must be provided with the contact details of the Ombudsman." LGSCO 6.5 (and its
stage 2 counterpart, 6.15) asks for the details of "the relevant Ombudsman". A complainant whose
complaint is being delayed must know they can go to the Ombudsman, and a notice naming the other
Ombudsman sends them where they will be turned away.

## Example
    extension: {agreed: 2025-06-16, days: 5, reason: Awaiting survey}   # no details recorded

    route: housing
    stage1:
      extension:
        {agreed: 2025-06-16, days: 5, reason: Awaiting survey, ombudsman_details_given: lgsco}

## How to fix
If the notice gave the details, record `ombudsman_details_given:` with the body it named (or
`true`). If it named the wrong one, send a corrected notice with the right Ombudsman's details and
record it; otherwise explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.codes import BODIES, CODES
from checker.model.findings import Problem, Severity

ID = "extension-ombudsman-details-missing"
TITLE = "Extension notices give the relevant Ombudsman's details"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.5", "HO 6.16", "LGSCO 6.5", "LGSCO 6.15")
POLICY = ("timescales.stage1_extension", "timescales.stage2_extension")


def check(case: Case) -> Iterator[Problem]:
    for number in case.stages:
        extension = case.record(number).get("extension")
        if not extension or not case.happened(extension["agreed"]):
            continue
        given = extension.get("ombudsman_details_given")
        if not given:
            said = "false" if given is False else "not recorded"
            yield Problem(
                f"the stage {number} extension does not record that the Ombudsman's contact "
                f"details were given (ombudsman_details_given is {said}); if the notice gave "
                "them, record ombudsman_details_given: with the body it named, or true",
                case.document,
                (f"stage{number}", "extension"),
                key=True,
                stage=number,
            )
            continue
        escalates_to = (case.route_rules or {}).get("escalates_to", [])
        if given is not True and escalates_to and given not in escalates_to:
            relevant = [b for b in escalates_to if b in CODES]  # the ombudsmen, not the ICO
            right = " or ".join(f"the {BODIES[b].name} ({b})" for b in relevant) or "its ombudsman"
            yield Problem(
                f"the stage {number} extension notice named the {BODIES[given].name} "
                f"(ombudsman_details_given: {given}), but {case.route} complaints go to "
                f"{right}; send the complainant the right Ombudsman's details and record it",
                case.document,
                (f"stage{number}", "extension", "ombudsman_details_given"),
                stage=number,
            )
