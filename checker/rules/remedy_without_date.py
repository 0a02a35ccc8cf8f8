"""A remedy that does not say what will happen and by when.

## What it checks
Every remedy other than one given in the letter itself (an apology, an acknowledgement that
something went wrong, an explanation) records `what` will happen and `by` when, unless it is
already recorded as `done`.

## Why it matters
HO 7.3 (LGSCO 7.3): the remedy offer must clearly set out what will happen and by when, in
agreement with the resident where appropriate, and be followed through to completion.

## Example
    remedies: [{kind: financial, amount: 150}]

## How to fix
Record what will happen (`what`) and the date agreed (`by`); record `done` when it has happened.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "remedy-without-date"
TITLE = "Remedies say what will happen and by when"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 7.3", "LGSCO 7.3")
POLICY: tuple[str, ...] = ()
IN_THE_LETTER = ("apology", "acknowledgement", "explanation")


def check(case: Case) -> Iterator[Problem]:
    for number in (1, 2):
        for index, remedy in enumerate(case.record(number).get("remedies", [])):
            if remedy["kind"] in IN_THE_LETTER or remedy.get("done"):
                continue
            missing = [key for key in ("what", "by") if key not in remedy]
            if missing:
                yield Problem(
                    f"the stage {number} {remedy['kind']} remedy does not record "
                    f"{' or '.join(missing)}; record what will happen and by when",
                    case.document,
                    (f"stage{number}", "remedies", index),
                )
