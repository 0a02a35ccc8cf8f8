"""A stage 3 (or later) step, or the request for it, after the policy's deadline.

## What it checks
Where the council's policy has more than two stages, each later stage is held to the policy's own
timescales for it (`stage3_acknowledgement`, `stage3_response`, `stage3_extension`,
`stage3_request_window`, and so on): the acknowledgement and the response are sent, and the
request arrives, by the deadlines the policy states, counted as the first two stages' are. The
Codes have two stages, so no Code figure applies here (the policy's extra stage is itself a
policy finding, `policy-stages`).

## Why it matters
The council promised these timescales to residents; a stage the Codes do not recognise still
delays their access to the Ombudsman, so its own promises matter more, not less.

## Example
    stage3:
      requested: 2025-09-01
      acknowledged: 2025-09-15   # the policy: 5 working days of the request

## How to fix
A date in the past cannot be mended: if it is recorded correctly, explain it (comply or explain).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._timescales import late, request_late

ID = "later-stage-late"
TITLE = "Stages after stage 2 keep to the policy's timescales"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage3"  # a case without it has no stage after 2: not given to this rule
EXPLAINABLE = True
PROVISIONS: tuple[str, ...] = ()
POLICY = tuple(
    f"timescales.stage{n}_{step}"
    for n in (3, 4, 5)
    for step in ("acknowledgement", "response", "extension", "request_window")
)


def check(case: Case) -> Iterator[Problem]:
    for number in sorted(case.stages):
        if number > 2:
            yield from request_late(case, number)
            yield from late(case, number, "acknowledgement")
            yield from late(case, number, "response")
