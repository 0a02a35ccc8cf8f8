"""A stage 2 accepted after the window the policy sets for asking.

## What it checks
Where the policy sets `stage2_request_window` (for example one month from the stage 1 reply), the
stage 2 request arrives within it: the day it actually arrived counts, even on a weekend or after
hours (the reading in the complainant's favour). Canterbury sets none, and the Codes set none:
the rule then never fires.

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
from datetime import date, datetime

from checker.calendar.workdays import add_months, parse_timestamp
from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "stage2-request-late"
TITLE = "Stage 2 requests come within the policy's window"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS: tuple[str, ...] = ()
POLICY = ("timescales.stage2_request_window",)


def check(case: Case) -> Iterator[Problem]:
    window = case.timescales.get("stage2_request_window")
    responded = case.record(1).get("responded")
    stage = case.stages.get(2)
    if not window or not responded or stage is None or "requested" not in case.record(2):
        return
    closes = add_months(date.fromisoformat(responded), window["months"])
    requested = parse_timestamp(case.record(2)["requested"])
    if isinstance(requested, datetime):
        requested = (
            requested.astimezone(case.calendar.zone) if requested.tzinfo else requested
        ).date()
    if requested > closes:
        yield Problem(
            f"stage 2 was requested {requested.isoformat()}, after the window of "
            f"{window['months']} month{'s' if window['months'] != 1 else ''} from the stage 1 "
            f"reply closed on {closes.isoformat()}; explain why it was accepted",
            case.document,
            ("stage2", "requested"),
        )
