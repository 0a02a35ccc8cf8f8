"""A complaint not accepted without the explanation and the right to go to the Ombudsman.

## What it checks
A case with `exclusion` records when the reasons were sent to the complainant (`explained`) and
that they were told of their right to take the decision to the Ombudsman
(`ombudsman_right_given: true`).

## Why it matters
HO 2.1 and 2.4 (LGSCO 2.1, 2.4): a landlord that does not accept a complaint must be able to
evidence its reasoning, explain why the matter is not suitable for the process, and tell the
resident they can take that decision to the Ombudsman. Canterbury's 5.2.6 says the same.

## Example
    exclusion: {reason: previously-considered, decided: 2025-06-05}

## How to fix
Send the explanation (with the Ombudsman's details) and record its date and
`ombudsman_right_given: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._notices import untold

ID = "exclusion-incomplete"
TITLE = "Complaints not accepted are explained, with the right to the Ombudsman"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "exclusion"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 2.1", "HO 2.4", "LGSCO 2.1", "LGSCO 2.4")
POLICY = ("exclusion_decisions",)


def check(case: Case) -> Iterator[Problem]:
    exclusion = case.data.get("exclusion")
    if not exclusion or not case.happened(exclusion["decided"]):
        return
    missing = untold(case, exclusion, "explained", "the date the reasons were explained")
    if missing:
        yield Problem(
            f"the complaint was not accepted but the case does not record {' or '.join(missing)}; "
            "send the explanation and record it",
            case.document,
            ("exclusion",),
            key=True,
        )
