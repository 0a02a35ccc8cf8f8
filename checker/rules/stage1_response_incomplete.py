"""A stage 1 response that lacks an element the Code requires.

## What it checks
The stage 1 response's `response_includes` has every element the Code that governs the route
lists for it: the complaint stage, the complaint definition, the decision, the reasons, any
remedy, any outstanding actions, and how to escalate to stage 2 (HO 6.9; LGSCO 6.8).
A Code's list not yet verified against its text (the LGSCO's, marked `verified: false` in its
Code file) is never enforced on a case; `code-unverified` names it.

A remedy or an outstanding action is required only where the stage has one: the Codes ask for
"any remedy" and "details of any outstanding actions", so a response that offered no remedy
(no `remedies` at the stage) or left nothing to do (every action in `actions` done by the day
it went) cannot have left them out.

## Why it matters
The Codes make these the minimum a resident needs to understand the answer and take it further;
an answer without the escalation route is the commonest reason for a premature referral.

## Example
    response_includes: [stage, definition, decision, reasons]

## How to fix
Record every element the letter contained; if one was missing, send a corrected letter or explain
the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._letters import incomplete

ID = "stage1-response-incomplete"
TITLE = "Stage 1 responses contain everything the Code requires"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.9", "LGSCO 6.8")
POLICY = ("letters.stage1_response",)


def check(case: Case) -> Iterator[Problem]:
    yield from incomplete(case, 1)
