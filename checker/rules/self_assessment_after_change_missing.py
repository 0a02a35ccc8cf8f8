"""A significant restructure, merger or change in procedures with no self-assessment after it.

## What it checks
Each change listed under `significant_changes` in `policy/council.yaml` (on or before the date
checked) is followed by a self-assessment against each Code the council is under (those governing
a route of its policy), completed on or after the change's `date`. Where one is missing:

- with `self_assessment_by` (the date the council has set itself) still to come, nothing is due;
- with `self_assessment_by` passed, the self-assessment is late against the council's own date;
- with no `self_assessment_by`, the duty is open with no date: the finding asks for one.

The Codes set no timescale ("following" the change), so the checker never invents one: it holds
the council to the date the council records. A change with neither a self-assessment since nor a
date for one is reported at once, at the force of the Code's duty (an error under the Housing
Ombudsman's "must", a warning under the LGSCO's "should"), because nothing shows the duty will be
met; recording the date clears it until that date.

## Why it matters
HO 8.3: "Landlords must also carry out a self-assessment following a significant restructure,
merger and/or change in procedures." LGSCO 8.3 asks the same. The HO's guidance adds that a
self-assessment updated during the year is submitted to it again.

## Example
    significant_changes:
      - {date: 2026-04-01, kind: restructure, self_assessment_by: 2026-07-31}
    # checked on 2026-11-23: no self-assessment completed since 2026-04-01

## How to fix
Carry out the self-assessment against each Code and add it under `policy/self-assessment/` (its
`completed` on or after the change), or record `self_assessment_by:` for when it will be done.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.load.view import View
from checker.model.codes import counterpart
from checker.model.findings import Problem, Severity
from checker.rules._policy import applying

ID = "self-assessment-after-change-missing"
TITLE = "A self-assessment follows each significant change"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.3", "LGSCO 8.3")
POLICY: tuple[str, ...] = ()
KINDS = {
    "restructure": "restructure",
    "merger": "merger",
    "procedure-change": "change in procedures",
}


def check(view: View) -> Iterator[Problem]:
    if view.council is None:
        return
    completed: dict[str, list[str]] = {}
    for document in view.documents("self-assessment"):
        completed.setdefault(document.data["code"], []).append(document.data["completed"])
    codes = applying(view)
    for index, change in enumerate(view.council.data.get("significant_changes") or []):
        when = change["date"]
        if date.fromisoformat(when) > view.as_of:
            continue
        missing = [
            (name, code.data)
            for name, code in codes
            if not any(day >= when for day in completed.get(name, []))
        ]
        by = change.get("self_assessment_by")
        if not missing or (by is not None and date.fromisoformat(by) >= view.as_of):
            continue
        against = " or ".join(f"the {code['publisher']}'s Code" for _, code in missing)
        what = f"the {KINDS[change['kind']]} of {when} has no self-assessment against {against}"
        if by is None:
            message = (
                f"{what} completed since; the Codes set no date for it: carry it out, or record "
                "self_assessment_by, the date it will be done by"
            )
            path: tuple = ("significant_changes", index)
        else:
            message = (
                f"{what} completed since, and the date set for it, {by}, has passed; carry it out "
                "and add it under policy/self-assessment/"
            )
            path = ("significant_changes", index, "self_assessment_by")
        yield Problem(
            message,
            view.council,
            path,
            provisions=tuple(c for _, code in missing for c in counterpart(code, "8.3")),
        )
