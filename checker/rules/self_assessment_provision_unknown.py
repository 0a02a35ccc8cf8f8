"""A self-assessment answer for a provision the Code does not have, or does not assess.

## What it checks
Each answer names a provision of its Code that the Ombudsman's form assesses. HO 1.1 is an
introductory statement: the Ombudsman's form starts at 1.2.

## Why it matters
An answer to a provision that does not exist is usually a typo (6.1 for 6.10) that leaves the
real provision unanswered.

## Example
    - provision: "6.21"     # the HO Code's section 6 ends at 6.20

## How to fix
Correct the provision number, or remove the answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import provisions
from checker.model.findings import Problem, Severity

ID = "self-assessment-provision-unknown"
TITLE = "Self-assessments answer only the Code's assessed provisions"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("self-assessment"):
        code = view.codes.get(document.data["code"])
        if code is None:
            continue
        known = {p.number: p for p in provisions(code.data)}
        for index, answer in enumerate(document.data["answers"]):
            number = answer["provision"]
            provision = known.get(number)
            if provision is None:
                yield Problem(
                    f"provision {number} is not in the {code.data['title']} "
                    f"({document.data['code']}); correct the number or remove the answer",
                    document,
                    ("answers", index, "provision"),
                )
            elif not provision.assessed:
                yield Problem(
                    f"provision {number} is not assessed on the Ombudsman's form "
                    "(it is introductory); remove the answer",
                    document,
                    ("answers", index, "provision"),
                )
