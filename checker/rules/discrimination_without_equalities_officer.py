"""Discrimination claimed, without the equalities officer involved.

## What it checks
A case with `discrimination_claimed: true` records `equalities_officer_involved`, the date the
officer the policy names (`discrimination_officer`) was brought into the investigation.

## Why it matters
Canterbury's 13.1: when a customer claims discrimination at either stage, the investigating
officer must involve the council's Equalities Officer. The Equality Act 2010 duties behind HO 3.1
and 5.10 apply.

## Example
    discrimination_claimed: true
    # no equalities_officer_involved

## How to fix
Involve the equalities officer and record the date.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "discrimination-without-equalities-officer"
TITLE = "Claims of discrimination involve the equalities officer"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 3.1", "LGSCO 3.1")
POLICY = ("discrimination_officer",)


def check(case: Case) -> Iterator[Problem]:
    officer = case.rules.get("discrimination_officer")
    if (
        officer
        and case.data["discrimination_claimed"]
        and not case.data.get("equalities_officer_involved")
    ):
        yield Problem(
            f"discrimination is claimed but the {officer['role'].replace('-', ' ')} is not "
            "recorded as involved; involve them and record equalities_officer_involved "
            "(`complaints discrimination ID --claimed --equalities-officer DATE`)",
            case.document,
            ("discrimination_claimed",),
        )
