"""Stage 2 considered by the person who considered stage 1.

## What it checks
`stage2.handler` differs from `stage1.handler` (roles or pseudonyms, never names).

## Why it matters
HO 6.13 (LGSCO's stage 2 equivalent): the person considering the complaint at stage 2 must not be
the person who considered it at stage 1. Canterbury's 10.3.5 adds that the stage 2 officer must
not have been involved in the stage 1 response.

## Example
    stage1: {handler: housing-repairs-manager, ...}
    stage2: {handler: housing-repairs-manager, ...}

## How to fix
Reassign stage 2 to an independent officer and record them; if it is past, explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "stage2-same-handler"
TITLE = "Stage 2 is handled by someone other than stage 1's handler"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.13", "LGSCO 6.12")
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    first, second = case.record(1).get("handler"), case.record(2).get("handler")
    if first and first == second:
        yield Problem(
            f"stage 2 is handled by {second}, who handled stage 1; stage 2 must be considered by "
            "someone else",
            case.document,
            ("stage2", "handler"),
        )
