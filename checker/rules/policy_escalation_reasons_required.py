"""A policy that requires reasons for asking for the next stage.

## What it checks
`rules.escalation.reasons_required` is not true, for each Code that governs one of the policy's
routes and says so: HO 6.12 (the resident is not required to explain their reasons for
escalating; the landlord makes reasonable efforts to understand why they are still unhappy) and
its counterpart in the LGSCO's Code (the provision its Code file maps to HO 6.12).

## Why it matters
A request refused or delayed because it gave no reasons keeps a resident from stage 2 and from
the Ombudsman. Asking why is good practice; requiring it is not allowed.

## Example
    escalation:
      reasons_required: true      # "must include the reasons for your request"
      clauses: ["5.1"]

## How to fix
Say that reasons are welcome but not required. Until the policy is revised, record why under its
`explanations`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import counterpart
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-escalation-reasons-required"
TITLE = "The policy does not require reasons for escalating"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 6.12", "LGSCO 6.11")
POLICY = ("escalation",)


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    escalation = view.policy.data["rules"].get("escalation") or {}
    if not escalation.get("reasons_required"):
        return
    for code_name, code in applying(view):
        cited = counterpart(code.data, "6.12")
        if not cited:
            continue
        breach = "the policy requires reasons for escalating"
        yield Breach(
            f"{breach}; the {code.data['publisher']}'s Code says residents are not required to "
            "give them",
            view.policy,
            ("rules", "escalation", "reasons_required"),
            provisions=cited,
            clauses=tuple(escalation.get("clauses", ())),
            subject=f"{code_name}:escalation-reasons",
            breach=breach,
        )
