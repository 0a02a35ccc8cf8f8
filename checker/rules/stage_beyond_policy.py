"""A case that records more stages than the council's policy has.

## What it checks
A case file's `stage3` (or later) block needs a policy with that many stages (`rules.stages`).

## Why it matters
A stage the policy does not have has no timescales to hold it to and no place in the report: it
is either a mistake in the case or a process the policy does not describe.

## Example
    stage3: {requested: 2025-09-01}      # the policy has 2 stages

## How to fix
Record the step in the stage it belongs to, or, if the council's process has more stages, say so
in the policy (`rules.stages` and the stage's timescales).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import ROUTES as ALL_ROUTES
from checker.model.case import Case
from checker.model.clocks import STAGE_NAMES
from checker.model.findings import Problem, Severity

ID = "stage-beyond-policy"
TITLE = "Cases record only the stages the policy has"
SEVERITY = Severity.ERROR
ROUTES = ALL_ROUTES
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY = ("stages_clauses",)


def check(case: Case) -> Iterator[Problem]:
    count = case.rules["stages"]
    for number, name in enumerate(STAGE_NAMES, 1):
        if number > count and name in case.data:
            yield Problem(
                f"the case records stage {number}, but the policy has {count} "
                f"stage{'s' if count != 1 else ''}; record it in the stage it belongs to",
                case.document,
                (name,),
                key=True,
            )
