"""Two case files with the same id.

## What it checks
Every case id is used once in the repository, across all reporting years.

## Why it matters
Two records for one complaint double-count it, and an update may be made to the wrong one.

## Example
    cases/2025-26/CCC-2025-0142.yaml   id: CCC-2025-0142
    cases/2025-26/CCC-2025-0143.yaml   id: CCC-2025-0142

## How to fix
Give the second case the next free id and rename its file.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.repository import document
from checker.load.view import View
from checker.model.findings import Problem, Severity

ID = "case-id-duplicate"
TITLE = "Case ids are unique"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 5.12",)
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    first: dict[str | None, str] = {}  # every valid outcome has an id, typed optional
    for outcome in view.valid():
        if outcome.case_id in first:
            yield Problem(
                f"{outcome.case_id} is also the id of {first[outcome.case_id]}; "
                "give this case a new id",
                document(view.repository, outcome.path),
                ("id",),
            )
        else:
            first[outcome.case_id] = outcome.path
