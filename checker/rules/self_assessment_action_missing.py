"""A "no" or "partial" answer without an action to put it right.

## What it checks
Every self-assessment answer other than "yes" has an `action` saying what will be done; the
action plan in `complaints score` lists them with their owners and dates.

## Why it matters
The HO Code's introduction: where a landlord does not comply, the self-assessment must explain
the non-compliance and give the date by which it will comply. A "no" with no action is an
admission with no plan.

## Example
    - provision: "5.6"
      comply: "no"
      commentary: ...           # no action

## How to fix
Add `action: {what: ..., owner: ..., due: YYYY-MM-DD}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity

ID = "self-assessment-action-missing"
TITLE = "Every no or partial answer has an action"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS = ("HO 8.1", "LGSCO 8.1")
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("self-assessment"):
        for index, answer in enumerate(document.data["answers"]):
            if answer["comply"] != "yes" and not answer.get("action"):
                yield Problem(
                    f"provision {answer['provision']} is answered {answer['comply']} with no "
                    "action; add action: {what, owner, due}",
                    document,
                    ("answers", index, "comply"),
                )
