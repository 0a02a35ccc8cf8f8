"""A route that escalates to the wrong ombudsman, or is governed by the wrong Code.

## What it checks
The policy's routes send complaints where the law sends them: the council as landlord (housing)
under the Housing Ombudsman's Code, escalating to the Housing Ombudsman; everything else
(general) under the LGSCO's Code, escalating to the LGSCO; data protection complaints to the ICO
(and the LGSCO for the handling); statutory processes outside both Codes.

## Why it matters
Residents sent to the wrong ombudsman lose months and may be turned away as out of time; the
Ombudsman must be named correctly in every final response (HO 6.19, 3.7).

## Example
    housing: {code: housing-ombudsman, escalates_to: [lgsco], ...}

## How to fix
Correct the route's `code` and `escalates_to`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Severity
from checker.rules._policy import Breach

ID = "policy-route-wrong-ombudsman"
TITLE = "Each route escalates to the right ombudsman"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 3.7", "HO 6.19", "LGSCO 3.7")
POLICY = ("routes",)

EXPECTED = {
    "housing": ("housing-ombudsman", {"housing-ombudsman"}, set()),
    "general": ("lgsco", {"lgsco"}, set()),
    "data-protection": ("lgsco", {"ico"}, {"lgsco"}),
    "statutory": ("none", set(), {"lgsco"}),
}


def check(view: View) -> Iterator[Breach]:
    if view.policy is None:
        return
    for route, spec in view.policy.data["rules"]["routes"].items():
        code, required, allowed = EXPECTED[route]
        if spec["code"] != code:
            breach = (
                f"the {route} route is governed by {spec['code']}, but {route} complaints fall "
                f"under {code}"
            )
            yield Breach(
                f"{breach}; correct its code",
                view.policy,
                ("rules", "routes", route, "code"),
                subject=f"{route}:code",
                breach=breach,
            )
        bodies = set(spec["escalates_to"])
        if not required <= bodies or not bodies <= required | allowed:
            breach = (
                f"the {route} route escalates to {', '.join(sorted(bodies))}, but {route} "
                f"complaints go to {', '.join(sorted(required | allowed))}"
            )
            yield Breach(
                f"{breach}; correct escalates_to",
                view.policy,
                ("rules", "routes", route, "escalates_to"),
                subject=f"{route}:escalates_to",
                breach=breach,
            )
