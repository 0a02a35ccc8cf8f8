"""A representative acting without the consent the policy requires.

## What it checks
A case with a representative records the consent the policy requires (`representative_consent`):
with `required: written`, a representative dealing with a personal or sensitive matter needs
`consent: written` (Canterbury's 8.2.3), and no representative acts with `consent: none`.

## Why it matters
Residents may have a representative (HO 3.6, LGSCO 3.6), but sharing their complaint with someone
they have not authorised is a data protection breach.

## Example
    representative: {kind: family, consent: verbal, personal_matter: true}

## How to fix
Obtain and record written consent (`consent: written`, `consent_date`), or stop dealing with the
representative until it is given.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import UNDER_A_CODE, Case
from checker.model.findings import Problem, Severity

ID = "representative-without-consent"
TITLE = "Representatives act with the consent the policy requires"
SEVERITY = Severity.ERROR
ROUTES = UNDER_A_CODE
EXPLAINABLE = True
PROVISIONS = ("HO 3.6", "LGSCO 3.6")
POLICY = ("representative_consent",)


def check(case: Case) -> Iterator[Problem]:
    representative = case.data["complainant"].get("representative")
    if not representative:
        return
    required = case.rules.get("representative_consent", {}).get("required", "any")
    consent = representative["consent"]
    if consent == "none" and required != "none":
        problem = "no consent is recorded"
    elif (
        required == "written"
        and consent != "written"
        and representative.get("personal_matter", True)
    ):
        problem = (
            f"consent is {consent}, but the policy requires written consent for a personal matter"
        )
    else:
        return
    yield Problem(
        f"a {representative['kind']} represents the complainant but {problem}; record written "
        "consent and its date",
        case.document,
        ("complainant", "representative", "consent"),
    )
