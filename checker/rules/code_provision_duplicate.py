"""Two provisions of a Code file share a number.

## What it checks
Each provision number appears once in its Code file.

## Why it matters
Self-assessment answers, rules and findings cite provisions by number: a duplicate makes the
citation ambiguous.

## Example
    - number: "6.1"
    - number: "6.1"     # meant 6.10: write "6.10" in quotes, never 6.10 as a number

## How to fix
Correct the number. Quote provision numbers, so 6.10 is not read as 6.1.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import provisions
from checker.model.findings import Problem, Severity

ID = "code-provision-duplicate"
TITLE = "Code provision numbers are unique"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("code"):
        seen: set[str] = set()
        for provision in provisions(document.data):
            if provision.number in seen:
                yield Problem(
                    f"provision {provision.number} appears twice; correct the number",
                    document,
                    (*provision.path, "number"),
                )
            seen.add(provision.number)
