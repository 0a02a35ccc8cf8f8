"""An extension notified without the Ombudsman's contact details.

## What it checks
Each extension records `ombudsman_details_given: true`: the notice told the complainant how to
contact the relevant Ombudsman (the Housing Ombudsman for the housing route, the LGSCO otherwise).

## Why it matters
HO 6.5 and 6.16, LGSCO 6.5: a complainant whose complaint is being delayed must know they can go
to the Ombudsman.

## Example
    extension: {agreed: 2025-06-16, days: 5, reason: Awaiting survey}

## How to fix
If the notice gave the details, record `ombudsman_details_given: true`; otherwise explain the
breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "extension-ombudsman-details-missing"
TITLE = "Extension notices give the Ombudsman's details"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.5", "HO 6.16", "LGSCO 6.5", "LGSCO 6.15")
POLICY = ("timescales.stage1_extension", "timescales.stage2_extension")


def check(case: Case) -> Iterator[Problem]:
    for number in case.stages:
        extension = case.record(number).get("extension")
        if (
            extension
            and case.happened(extension["agreed"])
            and not extension.get("ombudsman_details_given")
        ):
            yield Problem(
                f"the stage {number} extension does not record that the Ombudsman's contact "
                "details were given; record ombudsman_details_given: true if they were",
                case.document,
                (f"stage{number}", "extension"),
                key=True,
                stage=number,
            )
