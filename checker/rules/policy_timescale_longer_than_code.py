"""A policy timescale longer than a Code allows.

## What it checks
Each of the policy's timescales (stage 1 and stage 2 acknowledgement, response and extension)
against the same timescale in every Code the repository holds: 5, 10 (+10), 5 and 20 (+20)
working days in both the Housing Ombudsman's Code (HO 6.2 to 6.4, 6.11, 6.14, 6.15) and the
LGSCO's (6.2 to 6.4 and its stage 2 provisions). The two Codes are aligned so that a council
under both can run one process; a council keeps in `policy/codes/` the Codes it answers to.

## Why it matters
A policy that promises 20 working days where the Code allows 10 makes every late response look
compliant to the council's own staff, while the Ombudsman finds maladministration.

## Example
    stage1_response: {working_days: 20, clauses: ["3.2"]}    # HO 6.3 and LGSCO 6.3: 10

## How to fix
Bring the policy's figure within the Code's (the clause text follows, since it draws the figure
from the rule). If the council has decided otherwise, record why under the policy's
`explanations` with this rule and the finding's subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import cite
from checker.model.findings import Severity
from checker.rules._policy import Breach

ID = "policy-timescale-longer-than-code"
TITLE = "Policy timescales are within the Codes'"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = (
    "HO 6.2",
    "HO 6.3",
    "HO 6.4",
    "HO 6.11",
    "HO 6.14",
    "HO 6.15",
    "LGSCO 6.2",
    "LGSCO 6.3",
    "LGSCO 6.4",
)
POLICY = ("timescales",)
NAMES = {
    "stage1_acknowledgement": "stage 1 acknowledgement",
    "stage1_response": "stage 1 response",
    "stage1_extension": "stage 1 extension",
    "stage2_acknowledgement": "stage 2 acknowledgement",
    "stage2_response": "stage 2 response",
    "stage2_extension": "stage 2 extension",
}


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    ours = view.policy.data["rules"]["timescales"]
    for name, label in NAMES.items():
        for code_name, code in sorted(view.codes.items()):
            limit = code.data["timescales"][name]
            days = ours[name]["working_days"]
            if days > limit["working_days"]:
                breach = (
                    f"the policy's {label} is {days} working days, longer than the "
                    f"{limit['working_days']} the {code.data['publisher']}'s Code allows"
                )
                yield Breach(
                    f"{breach}; shorten it or explain",
                    view.policy,
                    ("rules", "timescales", name, "working_days"),
                    provisions=cite(code_name, limit["provisions"]),
                    subject=f"{code_name}:{name}",
                    breach=breach,
                )
