"""A complaint refused as late that was made within the time limit.

## What it checks
A case excluded with the reason `late` records when the issue happened (`issue.occurred`,
`issue.became_aware`), and the complaint arrived after the time limit: the Code's (HO 2.3,
LGSCO 2.2: 12 months of the issue occurring or of the complainant becoming aware of it, so from
the later of the two) and the policy's, where it states one. A complaint refused as late within
the Code's limit is a Code finding even where the policy's own limit is shorter (a policy of six
months refuses what the Code says must be accepted); one within the policy's limit cites the
policy.

## Why it matters
A refusal shuts a resident out of the process and, in effect, away from the Ombudsman for the
time being. The Codes set the floor: a council may be more generous, never less.

## Example
    received: 2026-03-02T10:00:00+00:00
    issue: {occurred: 2025-07-01}          # eight months: within the Code's 12
    exclusion: {reason: late, decided: 2026-03-04, ...}

## How to fix
Accept the complaint (remove the exclusion and record stage 1), or, if the dates are wrong, correct
them. A refusal already sent that cannot be undone is explained (comply or explain).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity
from checker.rules.late_complaint_not_considered import local_date

ID = "late-exclusion-in-time"
TITLE = "No complaint made in time is refused as late"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
NEEDS = "exclusion"  # a case without it is not given to this rule (`engine.cases`)
EXPLAINABLE = True
PROVISIONS = ("HO 2.3", "LGSCO 2.2")
POLICY = ("timescales.late_complaint",)


def check(case: Case) -> Iterator[Problem]:
    if (case.data.get("exclusion") or {}).get("reason") != "late":
        return
    received = local_date(case)
    limits = case.time_limits()
    policy = next((limit.clock for limit in limits if limit.clock.council), None)
    # the Code's first: refusing what the Code says must be accepted is the graver finding
    for limit in sorted(limits, key=lambda limit: limit.clock.council):
        if received <= limit.end:
            whose = "the policy's" if limit.clock.council else "the Code's"
            yield Problem(
                f"the complaint was refused as late, but it was received {received.isoformat()}, "
                f"within {whose} {limit.clock.amount()} of the issue ({limit.start.isoformat()}); "
                "accept it, or correct the dates",
                case.document,
                ("exclusion", "reason"),
                provisions=() if limit.clock.council else limit.clock.cites,
                clauses=policy.cites if policy else (),
            )
            return
