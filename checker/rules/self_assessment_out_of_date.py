"""A self-assessment more than twelve months old.

## What it checks
The latest self-assessment against each Code was completed no more than twelve months before the
date checked (`--as-of`, today by default).

## Why it matters
Both Codes require an annual self-assessment as part of the annual complaints performance and
service improvement report (HO 8.1, LGSCO 8.1), and the HO's annual submission relies on it.

## Example
    completed: 2024-06-22      # checked on 2025-11-23

## How to fix
Carry out this year's self-assessment, in a new file for the year.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.calendar.workdays import add_months
from checker.load.view import View
from checker.model.findings import Document, Problem, Severity

ID = "self-assessment-out-of-date"
TITLE = "Self-assessments are renewed every year"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    latest: dict[str, Document] = {}
    for document in view.documents("self-assessment"):
        code = document.data["code"]
        if code not in latest or document.data["completed"] > latest[code].data["completed"]:
            latest[code] = document
    for document in latest.values():
        completed = date.fromisoformat(document.data["completed"])
        if add_months(completed, 12) < view.as_of:
            yield Problem(
                f"the latest self-assessment against {document.data['code']} was completed "
                f"{completed.isoformat()}, more than twelve months before "
                f"{view.as_of.isoformat()}; carry out this year's",
                document,
                ("completed",),
            )
