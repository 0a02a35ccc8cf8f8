"""A policy timescale longer than a Code allows.

## What it checks
Each timescale the policy states (stage 1 and stage 2 acknowledgement, response and extension)
against the same timescale in every Code that governs one of the policy's routes: 5, 10 (+10), 5
and 20 (+20) working days in both the Housing Ombudsman's Code (HO 6.2 to 6.4, 6.11, 6.14, 6.15)
and the LGSCO's (6.2 to 6.4 and its stage 2 provisions). A council without a housing route
answers to the LGSCO's alone.

The comparison is the one a resident's case meets. A response "N working days from receipt" is
within the Code's "10 working days from the acknowledgement" only if N is 10 or less (the council
may acknowledge on the day it receives the complaint, and then the Code's deadline is day 10). A
figure in calendar days or months is compared by the most working days it can hold: 28 calendar
days hold up to 20, a month up to 23. An advisory figure is compared too: it is what residents are
told to expect.

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
from checker.model.clocks import amount, figure_of
from checker.model.codes import cite
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying, working_days_at_most

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
    ours = view.policy.data["rules"].get("timescales") or {}
    for name, label in NAMES.items():
        spec = ours.get(name)
        if not isinstance(spec, dict) or (found := figure_of(spec)) is None:
            continue  # not stated: policy-rule-not-stated says so
        figure, unit = found
        days = working_days_at_most(figure, unit)
        for code_name, code in applying(view):
            limit = code.data["timescales"].get(name)
            if limit is None or days <= limit["working_days"]:
                continue
            held = amount(figure, unit)
            if unit != "working_days":
                held += f" (up to {days} working days)"
            if spec.get("from") in ("receipt", "day-after-receipt") and name.endswith("response"):
                held += " from receipt, where the Code counts from the acknowledgement"
            breach = (
                f"the policy's {label} is {held}, longer than the "
                f"{limit['working_days']} working days the {code.data['publisher']}'s Code allows"
            )
            yield Breach(
                f"{breach}; shorten it or explain",
                view.policy,
                ("rules", "timescales", name, unit),
                provisions=cite(code_name, limit["provisions"]),
                clauses=tuple(spec.get("clauses", ())),
                subject=f"{code_name}:{name}",
                breach=breach,
            )
