"""A stage 2 response sent after its deadline.

## What it checks
The final response is due within twenty working days of the stage 2 acknowledgement, or by the end
of a valid extension (HO 6.14, 6.15). The deadline is counted in working days as the council's
calendar defines them, and the day of the event is day 0.

Held to both floors, the policy's timescale and the Code's, as every timing rule is (README,
"Handlers"): a missed Code deadline cites the provision, one missed only under the council's
stricter rule cites the policy's clause alone.

## Why it matters
Timeliness is what residents notice first and what the Ombudsman measures (TSM CH02 counts the
share of responses within the Code's timescales). A late response also lets the complainant go
straight to the Ombudsman.

## Example
    stage2:
      responded: 2025-07-14    # deadline was 2025-07-10

## How to fix
A date in the past cannot be mended: if it is recorded correctly, add an explanation to the
case (comply or explain), reviewed by the complaints lead:

    explanations:
      - {rule: stage2-response-late, reason: ..., reviewed_by: complaints-lead, date: 2025-07-15}

The breach is still counted as non-compliant in every statistic.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._timescales import late

ID = "stage2-response-late"
TITLE = "Stage 2 responses are sent in time"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage2"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 6.14", "HO 6.15", "LGSCO 6.13", "LGSCO 6.14")
POLICY = ("timescales.stage2_response", "timescales.stage2_extension")


def check(case: Case) -> Iterator[Problem]:
    yield from late(case, 2, "response")
