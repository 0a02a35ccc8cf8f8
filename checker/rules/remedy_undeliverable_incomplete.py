"""A remedy that cannot be delivered, without telling the complainant why or of the Ombudsman.

## What it checks
A remedy recorded as `undeliverable` records when the complainant was told it cannot be
delivered, and why (`told`, on or before the date checked), and that they were reminded of their
right to complain to the Ombudsman (`ombudsman_right_given: true`). Details of any alternative
remedy go under `alternative` (optional: there may be none).

## Why it matters
LGSCO 7.4: "If a proposed remedy cannot be delivered, tell the individual why, give details of
any alternative remedy, and remind them of their right to complain to the Ombudsman" (the
checker's summary of the Code's words). A remedy quietly dropped is a promise broken; the
complainant can only take it further if they know. The Housing Ombudsman's Code has no such
provision (a remedy must be followed through to completion, HO 7.3: `remedy-overdue`), so this
rule applies to the LGSCO's routes.

## Example
    remedies:
      - kind: action
        what: Replacement bin delivered
        by: 2025-07-01
        undeliverable: {alternative: A refund of the garden waste charge}

## How to fix
Tell the complainant why the remedy cannot be delivered, with any alternative and a reminder of
their right to complain to the Ombudsman, and record the date under `told` and
`ombudsman_right_given: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import Case
from checker.model.findings import Problem, Severity
from checker.rules._notices import untold

ID = "remedy-undeliverable-incomplete"
TITLE = "Undeliverable remedies are explained, with the right to the Ombudsman"
SEVERITY = Severity.ERROR
ROUTES = ("general", "data-protection")  # the routes under the LGSCO's Code, which has 7.4
EXPLAINABLE = True
PROVISIONS = ("LGSCO 7.4",)
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    for number in case.stages:
        for index, remedy in enumerate(case.record(number).get("remedies", [])):
            undeliverable = remedy.get("undeliverable")
            if undeliverable is None or remedy.get("done"):
                continue
            missing = untold(case, undeliverable, "told", "when the complainant was told why")
            if missing:
                yield Problem(
                    f"the stage {number} {remedy['kind']} remedy is recorded as undeliverable "
                    f"but not {' or '.join(missing)}; tell the complainant and record it",
                    case.document,
                    (f"stage{number}", "remedies", index, "undeliverable"),
                    key=True,
                    stage=number,
                )
