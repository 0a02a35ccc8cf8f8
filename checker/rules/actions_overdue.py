"""An outstanding action past its date and not completed.

## What it checks
Every action a response promised (`actions` at either stage) and every ombudsman recommendation
has a `done` date on or before its `due` date: one still open after its date, or done after it,
is a finding (as of the date checked).

## Why it matters
HO 6.6 and 6.17 (LGSCO 6.6): a response is sent when the answer is known, but the outstanding
actions must still be tracked and completed promptly, with updates to the resident; HO 7.3: a
remedy must be followed through to completion.

## Example
    actions: [{what: Roof repaired, due: 2025-07-15}]      # checked on 2025-08-01

## How to fix
Complete the action and record `done`, or agree a new date with the resident and record it as
`due` (and explain the missed date if it cannot be mended).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "actions-overdue"
TITLE = "Outstanding actions are completed by their dates"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 6.6", "HO 6.17", "HO 7.3", "LGSCO 6.6", "LGSCO 6.16")
POLICY = ("outstanding_actions",)


LISTS = (("stage1", "actions"), ("stage2", "actions"), ("ombudsman", "recommendations"))


def check(case: Case) -> Iterator[Problem]:
    for parent, key in LISTS:
        for index, action in enumerate((case.data.get(parent) or {}).get(key, [])):
            due = action["due"]
            done = case.happened(action.get("done"))
            if done is None and case.as_of.isoformat() > due:
                yield Problem(
                    f"'{_short(action['what'])}' was due {due} and is not recorded as done; "
                    "complete it and record done",
                    case.document,
                    (parent, key, index, "due"),
                )
            elif done is not None and done.isoformat() > due:
                yield Problem(
                    f"'{_short(action['what'])}' was due {due} but done {done.isoformat()}; "
                    "explain the missed date",
                    case.document,
                    (parent, key, index, "done"),
                )


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."
