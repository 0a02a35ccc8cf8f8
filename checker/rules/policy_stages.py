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

from checker.model.codes import cite
from checker.model.findings import Problem, Severity

ID = "policy-stages"
TITLE = "The policy has exactly two stages"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 5.2", "HO 5.3", "LGSCO 5.2")
POLICY = ("stages_clauses",)


def check(ctx):
    if ctx.policy is None:
        return
    stages = ctx.policy.data["rules"]["stages"]
    for code_name, code in sorted(ctx.codes.items()):
        required = code.data.get("stages")
        if required and stages != required["count"]:
            yield Problem(
                f"the policy has {stages} stages; the {code.data['publisher']}'s Code requires "
                f"{required['count']}",
                ctx.policy,
                ("rules", "stages"),
                provisions=cite(code_name, required["provisions"]),
                subject=f"{code_name}:stages",
            )
