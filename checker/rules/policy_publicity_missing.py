"""A policy that does not say how the council publicises it, the Ombudsman and the Code.

## What it checks
For every Code that governs one of the policy's routes, the policy's rules record, under
`rules.publicity.clauses`, the clauses in which the policy explains how the council publicises
the policy (with the information it gives about the Ombudsman and the Code) and publishes it on
its website. The checker cannot read the clauses' prose: whether they say enough is the
self-assessment's answer to 3.5; what it checks is that the policy says it somewhere, and that
the clauses exist (`policy-rule-clause-missing`).

## Why it matters
HO 3.5: "The policy must explain how the landlord will publicise details of the complaints
policy, including information about the Ombudsman and this Code." HO 3.4: the policy is available
in a clear and accessible format and "must also be published on the landlord's website". LGSCO
3.4 and 3.5 ask the same of an organisation. A policy that is not publicised is a policy residents
cannot use. Like a rule the policy leaves out (`policy-rule-not-stated`), silence is an omission
the Code asks the policy to fill, not something to invent.

## Example
    rules:
      stages: 2
      # no publicity: the policy never says how it is made known

## How to fix
Say in the policy how the council makes the policy, the Ombudsman and the Code known (its
website, leaflets, tenant newsletters, letters), then record the clause:
`publicity: {clauses: ["15.5"]}`. If the council has decided otherwise, record why under the
policy's `explanations` with this rule and the finding's subject.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import counterpart
from checker.model.findings import Severity
from checker.rules._policy import Breach, applying

ID = "policy-publicity-missing"
TITLE = "The policy says how it, the Ombudsman and the Code are publicised"
SEVERITY = Severity.ERROR
EXPLAINABLE = True
PROVISIONS = ("HO 3.4", "HO 3.5", "LGSCO 3.4", "LGSCO 3.5")
POLICY = ("publicity",)


def check(view: View) -> Iterator[Breach]:
    if view.policy is None or view.policy.data["rules"].get("publicity"):
        return
    for code_name, code in applying(view):
        breach = "the policy does not say how the council publicises it, the Ombudsman and the Code"
        yield Breach(
            f"{breach} (rules.publicity); the {code.data['publisher']}'s Code asks it to: say so "
            "in a clause and cite it, or explain",
            view.policy,
            ("rules",),
            key=True,
            provisions=counterpart(code.data, "3.4") + counterpart(code.data, "3.5"),
            subject=f"{code_name}:publicity",
            breach=breach,
        )
