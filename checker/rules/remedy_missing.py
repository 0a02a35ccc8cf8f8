"""An upheld or partly upheld complaint answered without a remedy.

## What it checks
Each stage whose response has been sent with the decision `upheld` or `partly-upheld` records at
least one remedy under `remedies`. A remedy given in the letter itself counts: an apology
(`apology`), an acknowledgement that something went wrong (`acknowledgement`), an explanation
(`explanation`). A complaint not upheld needs none.

## Why it matters
HO 7.1 (LGSCO 7.1): "Where something has gone wrong a landlord must acknowledge this and set out
the actions it has already taken, or intends to take, to put things right." Upholding a complaint,
in whole or in part, is finding that something went wrong; a response that finds it and records
nothing to put it right leaves the complainant with nothing, and the annual report with no
remedy to count.

## Example
    stage1:
      responded: 2025-06-13
      decision: upheld
      # no remedies

## How to fix
Record what the response offered under `remedies`: at the least `{kind: acknowledgement}` where
the letter acknowledged what went wrong, and each other remedy with what will happen and by when.
If the response offered nothing, explain the breach.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "remedy-missing"
TITLE = "Upheld complaints are put right"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 7.1", "LGSCO 7.1")
POLICY: tuple[str, ...] = ()
FOUND_WRONG = ("upheld", "partly-upheld")


def check(case: Case) -> Iterator[Problem]:
    for number, stage in case.stages.items():
        record = case.record(number)
        decision = record.get("decision")
        if stage.response.done and decision in FOUND_WRONG and not record.get("remedies"):
            yield Problem(
                f"stage {number} was {decision.replace('-', ' ')} but records no remedies; "
                "record what the response did to put things right (an apology, an "
                "acknowledgement, an action), or explain the breach",
                case.document,
                (f"stage{number}", "decision"),
                stage=number,
            )
