"""A provision answered twice in one self-assessment.

## What it checks
Each provision has exactly one answer.

## Why it matters
Two answers can disagree (one "yes", one "no"), and the published form would show both.

## Example
    - {provision: "6.3", comply: "yes"}
    - {provision: "6.3", comply: "no"}

## How to fix
Keep one answer; merge the evidence and commentary.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity

ID = "self-assessment-provision-duplicate"
TITLE = "Each provision is answered once"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("self-assessment"):
        first: dict[str, int] = {}
        for index, answer in enumerate(document.data["answers"]):
            number = answer["provision"]
            if number in first:
                yield Problem(
                    f"provision {number} is answered again (first answer is item "
                    f"{first[number] + 1}); keep one answer",
                    document,
                    ("answers", index, "provision"),
                )
            else:
                first[number] = index
