"""A policy with other than the two stages the Codes require.

## What it checks
`rules.stages` is the number of stages each Code that governs one of the policy's routes sets
(two: HO 5.2, 5.3; LGSCO 5.2 and its stage 2), and `rules.pre_stages` is empty: no named step
("early resolution", "informal complaint", "pre-complaint") comes before stage 1 (HO 5.2, LGSCO
5.2).

## Why it matters
Extra stages ("stage 0", "informal complaint", a third review) delay the resident's access to the
Ombudsman; the HO Code says a process with more than two stages is not acceptable under any
circumstances.

## Example
    stages: 3
    pre_stages: [{name: Informal stage, clauses: ["2.1"]}]

## How to fix
Run a two-stage process: early resolution happens within stage 1, not before it, and stage 1's
clock runs from receipt. Until the policy is revised, record why under its `explanations`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite, counterpart
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-stages"
TITLE = "The policy has exactly two stages and no step before them"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 5.2", "HO 5.3", "LGSCO 5.2")
POLICY = ("stages_clauses", "pre_stages")


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    rules = view.policy.data["rules"]
    stages = rules["stages"]
    for code_name, code in applying(view):
        required = code.data.get("stages")
        if required and stages != required["count"]:
            breach = f"the policy has {stages} stages"
            yield Breach(
                f"{breach}; the {code.data['publisher']}'s Code requires {required['count']}",
                view.policy,
                ("rules", "stages"),
                provisions=cite(code_name, required["provisions"]),
                clauses=tuple(rules.get("stages_clauses", ())),
                subject=f"{code_name}:stages",
                breach=breach,
            )
        for index, step in enumerate(rules.get("pre_stages") or []):
            breach = f"the policy has a named step before stage 1 (pre_stages entry {index + 1})"
            yield Breach(
                f"{breach}; the {code.data['publisher']}'s Code allows no extra named stage: "
                "resolve early within stage 1, whose clock runs from receipt",
                view.policy,
                ("rules", "pre_stages", index, "name"),
                provisions=counterpart(code.data, "5.2"),
                clauses=tuple(step.get("clauses", ())),
                subject=f"{code_name}:pre-stage:{index + 1}",
                breach=breach,
            )
