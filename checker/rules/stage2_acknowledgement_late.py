"""A stage 2 acknowledgement sent after its deadline.

## What it checks
An escalation request must be acknowledged, defined and logged within five working days of its
receipt (HO 6.11). The deadline is counted in working days as the council's calendar defines
them: a request received after its cut-off (if it states one) or on a non-working day counts from
the next working day, and the day of the event is day 0.

Held to both floors, the policy's timescale and the Code's, as every timing rule is (README,
"Handlers"): a missed Code deadline cites the provision, one missed only under the council's
stricter rule cites the policy's clause alone.

A late acknowledgement is one breach, this one, as at stage 1 (`complaints explain
stage1-acknowledgement-late`): the response runs from the acknowledgement as it happened.

## Why it matters
Timeliness is what residents notice first and what the Ombudsman measures (TSM CH02 counts the share
of responses within the Code's timescales). A late acknowledgement also lets the complainant go
straight to the Ombudsman.

## Example
    stage2:
      acknowledged: 2025-07-14    # deadline was 2025-07-10

## How to fix
A date in the past cannot be mended: if it is recorded correctly, add an explanation to the
case (comply or explain), reviewed by the complaints lead:

    explanations:
      - {rule: stage2-acknowledgement-late, reason: ..., reviewed_by: complaints-lead,
         date: 2025-07-15}

The breach is still counted as non-compliant in every statistic.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._timescales import late

ID = "stage2-acknowledgement-late"
TITLE = "Stage 2 requests are acknowledged in time"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage2"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 6.11", "LGSCO 6.10")
POLICY = ("timescales.stage2_acknowledgement",)


def check(case: Case) -> Iterator[Problem]:
    yield from late(case, 2, "acknowledgement")
