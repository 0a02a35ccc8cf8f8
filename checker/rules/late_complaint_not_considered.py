"""A complaint about old events, neither excluded as late nor accepted with recorded discretion.

## What it checks
When the matter complained of happened (`issue.occurred`, or `issue.became_aware` if later) more
than the policy's `late_complaint` months (12 in both Codes) before the complaint was received,
the case records either an exclusion with the code `late` or `issue.discretion`: why it was
accepted anyway, who agreed and when.

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
from datetime import date, datetime

from checker.calendar.workdays import add_months, parse_timestamp
from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity


def local_date(case: Case) -> date:
    """The calendar day the complaint arrived, in the council's time zone."""
    when = parse_timestamp(case.data["received"])
    if not isinstance(when, datetime):
        return when
    return (when.astimezone(case.calendar.zone) if when.tzinfo else when).date()


ID = "late-complaint-not-considered"
TITLE = "Complaints about old events record the decision to accept or exclude them"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 2.3", "LGSCO 2.2")
POLICY = ("timescales.late_complaint",)


def check(case: Case) -> Iterator[Problem]:
    issue = case.data.get("issue") or {}
    limit = case.timescales.get("late_complaint")
    dates = [date.fromisoformat(issue[k]) for k in ("occurred", "became_aware") if k in issue]
    if not dates or limit is None or issue.get("discretion"):
        return
    if (case.data.get("exclusion") or {}).get("reason") == "late":
        return
    start = max(dates)
    received = local_date(case)
    if add_months(start, limit["months"]) < received:
        yield Problem(
            f"the issue dates from {start.isoformat()}, more than {limit['months']} months before "
            f"the complaint was received ({received.isoformat()}); record the discretion used "
            "to accept it (issue.discretion) or exclude it as late",
            case.document,
            ("issue",),
            key=True,
        )
