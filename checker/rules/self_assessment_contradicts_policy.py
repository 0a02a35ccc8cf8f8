"""A self-assessment "yes" to a provision the policy itself visibly breaks.

## What it checks
Every provision cited by a finding of the policy-against-the-Codes rules (a timescale longer than
the Code's, a letter missing an element, a definition missing, the wrong number of stages or the
wrong ombudsman) is not answered "yes" in the self-assessment against that Code. Like the policy
finding, it can be recorded under the policy's `explanations` while the policy is revised.

## Why it matters
The self-assessment is a statement that the policy is in line with the Code (HO 8.1). A "yes"
next to a policy clause that contradicts the provision is the first thing the Ombudsman will
see.

## Example
Canterbury's 6.19 is answered yes while its policy's stage 2 letter (10.3.10) tells complainants
to escalate "to stage two", not to the Ombudsman.

## How to fix
Answer "partial" or "no" with the action that corrects the policy, or correct the policy.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import SHORT
from checker.model.findings import Problem, Severity
from checker.rules import (
    policy_definition_missing,
    policy_letter_incomplete,
    policy_route_wrong_ombudsman,
    policy_stages,
    policy_timescale_longer_than_code,
)
from checker.rules._policy import Breach

ID = "self-assessment-contradicts-policy"
TITLE = "Self-assessments do not say yes to what the policy breaks"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()
POLICY_RULES = (
    policy_timescale_longer_than_code,
    policy_stages,
    policy_definition_missing,
    policy_route_wrong_ombudsman,
    policy_letter_incomplete,
)


def check(view: View) -> Iterator[Problem]:
    broken: dict[str, str] = {}  # "HO 6.19" -> what the policy does
    for rule in POLICY_RULES:
        found: Iterator[Breach] = rule.check(view)
        for problem in found:
            for provision in problem.provisions or rule.PROVISIONS:
                broken.setdefault(provision, problem.breach)
    for document in view.documents("self-assessment"):
        short = SHORT[document.data["code"]]
        for index, answer in enumerate(document.data["answers"]):
            cited = f"{short} {answer['provision']}"
            if answer["comply"] == "yes" and cited in broken:
                yield Problem(
                    f"provision {answer['provision']} is answered yes, but {broken[cited]}; answer "
                    "partial or no with an action to correct the policy",
                    document,
                    ("answers", index, "comply"),
                    provisions=(cited,),
                    subject=f"{document.data['code']}:{answer['provision']}",
                )
