"""A remedy past the date it was promised by and not delivered.

## What it checks
Every remedy with a `by` date has a `done` date on or before it: one still not done after its
date, or done after it, is a finding (as of the date checked), like an outstanding action
(`actions-overdue`). A remedy the LGSCO's routes record as `undeliverable` is not overdue: what
the complainant must be told then is `remedy-undeliverable-incomplete`'s. The Housing
Ombudsman's Code makes no such exception, so on the housing route it is still overdue.

## Why it matters
HO 7.3 (LGSCO 7.3): "The remedy offer must clearly set out what will happen and by when, in
agreement with the resident where appropriate. Any remedy proposed must be followed through to
completion." The date is the council's promise; `remedy-without-date` checks that there is one,
this rule that it was kept.

## Example
    remedies: [{kind: financial, amount: 150, what: Compensation paid, by: 2025-06-27}]
    # checked on 2025-07-15, no done

## How to fix
Deliver the remedy and record `done`, or agree a new date with the complainant and record it as
`by` (and explain the missed date if it cannot be mended). Under the LGSCO's Code, a remedy that
cannot be delivered is recorded as `undeliverable`, with the complainant told why.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules import remedy_undeliverable_incomplete

ID = "remedy-overdue"
TITLE = "Remedies are delivered by the date promised"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 7.3", "LGSCO 7.3")
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    excused = case.route in remedy_undeliverable_incomplete.ROUTES
    for number in case.stages:
        for index, remedy in enumerate(case.record(number).get("remedies", [])):
            by = remedy.get("by")
            if by is None or (excused and "undeliverable" in remedy):
                continue
            path = (f"stage{number}", "remedies", index)
            done = case.happened(remedy.get("done"))
            if done is None and case.as_of.isoformat() > by:
                yield Problem(
                    f"the stage {number} {remedy['kind']} remedy was due by {by} and is not "
                    "recorded as done; deliver it and record done",
                    case.document,
                    (*path, "by"),
                    stage=number,
                )
            elif done is not None and done.isoformat() > by:
                yield Problem(
                    f"the stage {number} {remedy['kind']} remedy was due by {by} but done "
                    f"{done.isoformat()}; explain the missed date",
                    case.document,
                    (*path, "done"),
                    stage=number,
                )
