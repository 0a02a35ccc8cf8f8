"""A policy with other than the two stages the Codes require.

## What it checks
`rules.stages` is the number of stages each Code held sets (two: HO 5.2, 5.3; LGSCO 5.2 and its
stage 2).

## Why it matters
Extra stages ("stage 0", "informal complaint", a third review) delay the resident's access to the
Ombudsman; the HO Code says a process with more than two stages is not acceptable under any
circumstances.

## Example
    stages: 3

## How to fix
Run a two-stage process: early resolution happens within stage 1, not before it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite
from checker.model.findings import Severity
from checker.rules._policy import Breach

ID = "policy-stages"
TITLE = "The policy has exactly two stages"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 5.2", "HO 5.3", "LGSCO 5.2")
POLICY = ("stages_clauses",)


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    stages = view.policy.data["rules"]["stages"]
    for code_name, code in sorted(view.codes.items()):
        required = code.data.get("stages")
        if required and stages != required["count"]:
            breach = f"the policy has {stages} stages"
            yield Breach(
                f"{breach}; the {code.data['publisher']}'s Code requires {required['count']}",
                view.policy,
                ("rules", "stages"),
                provisions=cite(code_name, required["provisions"]),
                subject=f"{code_name}:stages",
                breach=breach,
            )
