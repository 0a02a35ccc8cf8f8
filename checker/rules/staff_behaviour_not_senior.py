"""A complaint about an officer's behaviour not investigated by someone more senior.

## What it checks
A case with `about_staff_behaviour` records `investigator_senior: true`.

## Why it matters
Canterbury's 10.4.3: a complaint about an officer's behaviour (rather than a decision) must first
be investigated by an officer senior to the one complained about. It is how the handler is seen
to be independent (HO 5.8, LGSCO 5.4: address any actual or perceived conflict of interest).

## Example
    about_staff_behaviour: {investigator_senior: false}

## How to fix
Reassign the investigation to a more senior officer, or explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "staff-behaviour-not-senior"
TITLE = "Complaints about staff behaviour go to a more senior officer"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "about_staff_behaviour"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 5.8", "LGSCO 5.4")
POLICY = ("staff_behaviour",)


def check(case: Case) -> Iterator[Problem]:
    behaviour = case.data.get("about_staff_behaviour")
    if behaviour and not behaviour["investigator_senior"] and "staff_behaviour" in case.rules:
        yield Problem(
            "the complaint is about an officer's behaviour but was not investigated by a more "
            "senior officer; reassign it",
            case.document,
            ("about_staff_behaviour", "investigator_senior"),
        )
