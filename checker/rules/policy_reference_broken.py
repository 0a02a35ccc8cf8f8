"""Policy text that refers to a clause that does not exist.

## What it checks
Every cross-reference in clause text ("see section 10.2.13", "(see 5.1)", "section 5.2")
names a clause of the policy.

## Why it matters
A reader who follows a reference to nowhere cannot find the rule the policy meant; after a
renumbering, stale references are the usual symptom.

## Example
    text: Further updates should be provided (see section 10.2.31)

## How to fix
Correct the reference to the clause meant, or add the missing clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.model.policy import clauses

ID = "policy-reference-broken"
TITLE = "Policy cross-references resolve"
SEVERITY = Severity.WARNING
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()

REFERENCE = re.compile(
    r"(?:\b[Ss]ections?|\b[Cc]lauses?|\([Ss]ee)\s+([1-9][0-9]*(?:\.[1-9][0-9]*)*)"
)


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    everything = clauses(view.policy.data)
    numbers = {clause.number for clause in everything}
    for clause in everything:
        for text, path in clause.texts():
            for match in REFERENCE.finditer(text):
                target = match.group(1)
                if target not in numbers:
                    yield Problem(
                        f"clause {clause.number} refers to {target}, which is not a clause of "
                        "the policy; correct the reference",
                        view.policy,
                        path,
                    )
