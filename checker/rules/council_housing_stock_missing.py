"""A landlord council without its housing stock figure.

## What it checks
When the policy has a housing route (the council is a landlord under the Housing Ombudsman's
Code), `policy/council.yaml` gives `housing_stock`: the number of homes and the date it counts.

## Why it matters
The Regulator of Social Housing's TSM CH01 is complaints per 1,000 homes, for low-cost rental
(LCRA) and low-cost home ownership (LCHO) homes apart; without the stock the annual report cannot
state it, and the HO Code's annual submission needs it.

## Example
    routes:
      housing: {code: housing-ombudsman, ...}
    # council.yaml has no housing_stock

## How to fix
Add `housing_stock: {homes: ..., lcra: ..., lcho: ..., as_of: YYYY-MM-DD}` from the council's
stock records: every home it owns, and its LCRA and LCHO homes (without them, `homes` is taken as
the LCRA figure).
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity

ID = "council-housing-stock-missing"
TITLE = "A landlord council states its housing stock"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1",)
POLICY = ("routes",)


def check(view: View) -> Iterator[Problem]:
    if view.policy is None or view.council is None:
        return
    if (
        "housing" in view.policy.data["rules"]["routes"]
        and "housing_stock" not in view.council.data
    ):
        yield Problem(
            "the policy has a housing route but council.yaml gives no housing_stock; add the "
            "number of homes and the date it counts (TSM CH01 needs it)",
            view.council,
            ("name",),
        )
