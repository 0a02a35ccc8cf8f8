"""Stage 2 considered by the person who considered stage 1.

## What it checks
Who handled each stage, as `handler` records it: a role (`head-of-housing`) or a role and a
pseudonym for the person (`{role: head-of-housing, person: P-4K7Q2}`), never a name.
- Where both stages record a person, the persons differ (the same role held by two people is
  fine).
- Where they do not, and both stages name the same role, it is a finding: a role alone cannot
  show that someone else considered stage 2, so record each stage's person.
- Roles that differ, with no persons recorded, are taken to be different people.

## Why it matters
HO 6.13 (LGSCO 6.12): "The person considering the complaint at stage 2 must not be the same
person that considered the complaint at stage 1." The Code is about the person, not the job
title: one manager may hold a role at both stages, and two officers may share one. Canterbury's
10.3.5 adds that the stage 2 officer must not have been involved in the stage 1 response.

## Example
    stage1: {handler: {role: housing-repairs-manager, person: P-7Q2K9}, ...}
    stage2: {handler: {role: head-of-housing, person: P-7Q2K9}, ...}     # the same person

    stage1: {handler: housing-repairs-manager, ...}
    stage2: {handler: housing-repairs-manager, ...}   # the same role, no persons recorded

## How to fix
Reassign stage 2 to someone who did not consider stage 1 and record them. Where the same role
was held by two different people, record each stage's handler as `{role: ..., person: ...}`
with a pseudonym for each person. If it is past, explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case, handler
from checker.model.findings import Problem, Severity

ID = "stage2-same-handler"
TITLE = "Stage 2 is considered by someone other than stage 1's handler"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage2"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 6.13", "LGSCO 6.12")
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    first, second = handler(case.record(1)), handler(case.record(2))
    if first is None or second is None:
        return
    if first.person and second.person:
        if first.person == second.person:
            yield Problem(
                "stage 2 is handled by the same person (stage2.handler.person) who handled "
                "stage 1; stage 2 must be considered by someone else",
                case.document,
                ("stage2", "handler", "person"),
            )
    elif first.role and first.role == second.role:
        yield Problem(
            f"stage 2 is handled by {second.role}, the role that handled stage 1, and the "
            "stages do not both record a person to show that someone else considered it; if "
            f"another person did, record handler: {{role: {second.role}, person: P-...}} at "
            "both stages with each person's pseudonym, else stage 2 must be reassigned",
            case.document,
            ("stage2", "handler"),
        )
