"""Grounds on which the policy lets the council refuse to escalate, for a person to judge.

## What it checks
Each entry of `rules.escalation.refusal_grounds`, where a Code governs one of the policy's routes.
HO 5.11: a landlord must not refuse to escalate without valid reasons, stated clearly and
consistent with the exclusions of section 2; the LGSCO's Code says the same in its counterpart
(5.7). Whether a ground is valid is a
matter of judgement, so each is a warning for the complaints lead to review, once.

## Why it matters
A refusal to escalate ends the council's process and delays the Ombudsman; the grounds should be
the section 2 grounds, not new ones.

## Example
    escalation:
      refusal_grounds:
        - {text: the request raises no new evidence, clauses: ["6.3"]}

## How to fix
Review the ground against section 2 of the Code. Keep it, with a reviewed explanation under the
policy's `explanations` (subject: the finding's subject), or remove it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import counterpart
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-escalation-refusal"
TITLE = "Grounds for refusing escalation are reviewed against the Codes"
SEVERITY = Severity.WARNING
EXPLAINABLE = True
PROVISIONS = ("HO 5.11", "LGSCO 5.7")
POLICY = ("escalation",)


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    grounds = (view.policy.data["rules"].get("escalation") or {}).get("refusal_grounds") or []
    for code_name, code in applying(view):
        for index, _ in enumerate(grounds):
            breach = f"the policy lets the council refuse to escalate (ground {index + 1})"
            yield Breach(
                f"{breach}; review it against the {code.data['publisher']}'s Code: a refusal "
                "needs a valid reason consistent with its section 2",
                view.policy,
                ("rules", "escalation", "refusal_grounds", index, "text"),
                provisions=counterpart(code.data, "5.11"),
                clauses=tuple(grounds[index].get("clauses", ())),
                subject=f"{code_name}:escalation-refusal:{index + 1}",
                breach=breach,
            )
