"""A final (stage 2) response that lacks an element the Code requires, or names the wrong ombudsman.

## What it checks
The stage 2 response's `response_includes` has every element the governing Code lists (HO 6.19:
stage, definition, decision, reasons, remedy, outstanding actions, and how to escalate to the
Ombudsman), and `signposted_to` names exactly the bodies the policy routes that kind of
complaint to: the Housing Ombudsman for the council as landlord, the LGSCO for everything else,
the ICO and the LGSCO for data protection.
A Code's list not yet verified against its text (the LGSCO's, marked `verified: false` in its
Code file) is never enforced on a case; `code-unverified` names it.

A remedy or an outstanding action is required only where the stage has one: the Codes ask for
"any remedy" and "details of any outstanding actions", so a response that offered no remedy
(no `remedies` at the stage) or left nothing to do (every action in `actions` done by the day
it went) cannot have left them out.

## Why it matters
A final response that sends a tenant to the LGSCO, or a council-tax payer to the Housing
Ombudsman, costs them months. Canterbury's own stage 2 list (10.3.10) says "escalate ... to
stage two": the checker holds the response to the Code, not to that slip.

## Example
    route: housing
    stage2:
      response_includes: [stage, definition, decision, reasons, remedy, outstanding-actions,
                          ombudsman]
      signposted_to: [lgsco]

## How to fix
Record what the letter contained and which ombudsman it named; if it was wrong, send a corrected
letter or explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._letters import incomplete

ID = "stage2-response-incomplete"
TITLE = "Final responses contain everything the Code requires, with the right ombudsman"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage2"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 6.19", "LGSCO 6.18", "HO 3.7")
POLICY = ("letters.stage2_response",)


def check(case: Case) -> Iterator[Problem]:
    yield from incomplete(case, 2)
