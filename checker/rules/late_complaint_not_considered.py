"""A complaint about old events, neither excluded as late nor accepted with recorded discretion.

## What it checks
When the matter complained of happened more than the time limit before the complaint was
received, under both floors, the case records either an exclusion with the code `late` or
`issue.discretion`: why it was accepted anyway, who agreed and when. The floors are the policy's
`late_complaint`, which runs from what the policy names (`from`: the issue occurring,
`issue.occurred`; the complainant becoming aware of it, `issue.became_aware`; or the later of the
two), and the Code's 12 months from the later of the two. A complaint in time under either floor
needs no discretion: within the Code's limit it must be accepted even where the policy's own
limit is shorter (refusing it is `late-exclusion-in-time`), and within a more generous policy it
was accepted by the policy's own rule.

## Why it matters
HO 2.3 (LGSCO 2.2): landlords must accept complaints made within 12 months of the issue or of the
resident becoming aware of it, and must consider using discretion for later ones where there is
good reason. Either way the decision must be a considered one, on the record. The clock runs from
the later of the two dates, to the day the complaint actually arrived (not the next working day
it counts from when it arrives out of hours): both readings in the resident's favour.

## Example
    received: 2025-06-02T10:00:00+01:00
    issue: {occurred: 2024-01-15}

## How to fix
Record `issue.discretion: {reason, agreed_by, date}`, or exclude the complaint with reason `late`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checker.calendar.workdays import parse_timestamp
from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity


def local_date(case: Case) -> date:
    """The calendar day the complaint arrived, in the council's time zone (stage 1's, where it
    has begun)."""
    first = case.stages.get(1)
    if first is not None:
        return first.arrived
    return case.calendar.local_day(parse_timestamp(case.data["received"]))


ID = "late-complaint-not-considered"
TITLE = "Complaints about old events record the decision to accept or exclude them"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 2.3", "LGSCO 2.2")
POLICY = ("timescales.late_complaint",)


def check(case: Case) -> Iterator[Problem]:
    issue = case.data.get("issue") or {}
    if issue.get("discretion") or (case.data.get("exclusion") or {}).get("reason") == "late":
        return
    limits = case.time_limits()
    if not limits:
        return
    received = local_date(case)
    if any(received <= limit.end for limit in limits):
        return  # in time under one floor: the policy's, or the Code's that it may not go below
    latest = max(limits, key=lambda limit: limit.end)
    whose = "" if latest.clock.council else " (the Code's limit)"
    yield Problem(
        f"the issue dates from {latest.start.isoformat()}, more than {latest.clock.amount()}"
        f"{whose} before the complaint was received ({received.isoformat()}); record the "
        "discretion used to accept it (issue.discretion) or exclude it as late",
        case.document,
        ("issue",),
        key=True,
        provisions=tuple(
            c for limit in limits if not limit.clock.council for c in limit.clock.cites
        ),
        clauses=tuple(c for limit in limits if limit.clock.council for c in limit.clock.cites),
    )
