"""An extension with no end: the clock stopped while the council waits for information.

## What it checks
`stage1_extension` and `stage2_extension` do not say `while_waiting_for_information: true`
without a limit, where a Code governs one of the policy's routes. The Codes cap an extension
(HO 6.4 and 6.15, LGSCO 6.4: no more than 10 or 20 working days unless there is good reason,
with the reasons explained and the expected timescale given). Waiting for the complainant can be
a good reason; an open-ended stop is not a timescale. For a person to judge: a warning.

## Why it matters
A complaint "on hold" until a resident replies can stay open for months, unseen by the
timeliness figures, and the resident is never told when to expect an answer.

## Example
    stage1_extension:
      while_waiting_for_information: true   # "the timescale is paused until we hear from you"
      clauses: ["7.4"]

## How to fix
Give the pause a limit (or treat waiting as a good reason for an extension with an expected
date), or review it and record why under the policy's `explanations`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-extension-open-ended"
TITLE = "Extensions have an end"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS = ("HO 6.4", "HO 6.15", "LGSCO 6.4")
POLICY = ("timescales.stage1_extension", "timescales.stage2_extension")


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    stated = view.policy.data["rules"].get("timescales") or {}
    for name in ("stage1_extension", "stage2_extension"):
        spec = stated.get(name)
        if not isinstance(spec, dict) or not spec.get("while_waiting_for_information"):
            continue
        for code_name, code in applying(view):
            theirs = code.data["timescales"].get(name)
            if theirs is None:
                continue
            stage = name[5]
            breach = f"the policy stops the stage {stage} clock while it waits for information"
            yield Breach(
                f"{breach}, with no limit; the {code.data['publisher']}'s Code caps an "
                f"extension at {theirs['working_days']} working days without good reason: "
                "review it",
                view.policy,
                ("rules", "timescales", name, "while_waiting_for_information"),
                provisions=cite(code_name, theirs["provisions"]),
                clauses=tuple(spec.get("clauses", ())),
                subject=f"{code_name}:{name}:open-ended",
                breach=breach,
            )
