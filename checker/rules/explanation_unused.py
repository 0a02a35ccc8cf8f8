"""An explanation for a breach that is not there, or that cannot be explained.

## What it checks
Every entry under a case's `explanations` names a rule that fires on this case and that
comply-or-explain applies to; every entry under the policy's `explanations` names a rule and the
`subject` of one of its findings (a letter, a timescale, a provision like
`housing-ombudsman:6.19`). Invalid data, personal data and overdue open steps cannot be explained
away.

## Why it matters
A stale explanation hides nothing today but would silently excuse a new breach of the same rule
tomorrow; an explanation for an overdue step would let a forgotten complaint pass CI.

## Example
    explanations:
      - {rule: stage1-response-late, ...}     # but the response was on time

## How to fix
Remove the explanation, or correct the rule id. For an overdue step, do the step.
"""

from __future__ import annotations

from typing import Any

from checker.model.case import ROUTES, Case
from checker.model.findings import Document, Problem, Severity

ID = "explanation-unused"
TITLE = "Explanations match breaches that can be explained"
SEVERITY = Severity.WARNING
ROUTES = ROUTES
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def problem(case: Case, rule_id: str, index: int, fired: bool) -> Problem:
    """The problem the engine reports for an explanation that does not apply."""
    if fired:
        message = (
            f"{rule_id} cannot be explained away; put it right instead, and remove this explanation"
        )
    else:
        message = f"{rule_id} does not fire on this case; remove this explanation"
    return Problem(message, case.document, ("explanations", index, "rule"))


def problem_in_policy(
    policy: Document, explanation: dict[str, Any], index: int, fired: bool
) -> Problem:
    """The problem for a policy-level explanation that matches no finding."""
    rule_id, subject = explanation["rule"], explanation.get("subject")
    named = f"{rule_id} ({subject})" if subject else rule_id
    if fired:
        message = (
            f"{named} cannot be explained away; put it right instead, and remove this explanation"
        )
    else:
        message = (
            f"{named} does not fire on the policy; remove this explanation or correct its subject"
        )
    return Problem(message, policy, ("explanations", index, "rule"))
