"""A stage 2 accepted after the window the policy sets for asking.

## What it checks
Where the policy sets a firm `stage2_request_window` (for example one month, or 28 calendar days,
from the stage 1 reply), the stage 2 request arrives within it: the day it actually arrived
counts, even on a weekend or after hours (the reading in the complainant's favour). Canterbury
sets none, and the Codes set none: the rule then never fires. Nor does it for a window the
policy only recommends (`advisory: true`): a request after it is not a breach.

## Why it matters
The council told the complainant the window; accepting some late requests and not others is
inconsistent treatment. A late request accepted for good reason is recorded as such.

## Example
    stage1: {responded: 2025-03-28, ...}
    stage2: {requested: 2025-05-06, ...}     # window closed 2025-04-28

## How to fix
If the request was accepted for a good reason, explain it (comply or explain); if it was received
in time, correct the date.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules._timescales import request_late

ID = "stage2-request-late"
TITLE = "Stage 2 requests come within the policy's window"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "stage2"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS: tuple[str, ...] = ()
POLICY = ("timescales.stage2_request_window",)


def check(case: Case) -> Iterator[Problem]:
    yield from request_late(case, 2)
