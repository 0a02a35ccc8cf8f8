"""A provision of the Code that the self-assessment does not answer.

## What it checks
Every assessed provision of the Code has an answer (HO 1.2 to 9.8; every LGSCO provision).

## Why it matters
Both Codes expect a self-assessment against every provision (HO 8.1, LGSCO 8.1). A skipped row
reads as silence exactly where the Ombudsman will look.

## Example
A form that jumps from 6.2 to 6.4 has not said whether stage 1 responses are on time (6.3).

## How to fix
Add an answer for each provision the message lists, with evidence and commentary.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import provisions
from checker.model.findings import Problem, Severity

ID = "self-assessment-provision-missing"
TITLE = "Self-assessments answer every assessed provision"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("self-assessment"):
        code = view.codes.get(document.data["code"])
        if code is None:
            continue
        answered = {answer["provision"] for answer in document.data["answers"]}
        missing = [
            p.number for p in provisions(code.data) if p.assessed and p.number not in answered
        ]
        if missing:
            yield Problem(
                f"no answer for provision{'s' if len(missing) > 1 else ''} {', '.join(missing)}; "
                "add one for each",
                document,
                ("answers",),
                key=True,
            )
