"""Two clauses of the policy share a number.

## What it checks
Every clause number in `policy/policy.yaml` is used once.

## Why it matters
Evidence, findings and the published page link to clauses by number: a second clause with the
same number cannot be cited, and a reader cannot tell which one a letter means.

## Example
Canterbury's policy (v8) numbers two different clauses 10.2.11. The data keeps the published
text as it is and this warning reports it, so the next review can renumber it.

## How to fix
Renumber the clause in the policy (and in the published document), then update any evidence
links that cite it.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.model.policy import clauses

ID = "policy-clause-duplicate"
TITLE = "Policy clause numbers are unique"
SEVERITY = Severity.WARNING
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    first: dict[str, int] = {}
    for clause in clauses(view.policy.data):
        if clause.number in first:
            yield Problem(
                f"clause {clause.number} is numbered like an earlier clause; "
                "renumber one of them so each can be cited",
                view.policy,
                (*clause.path, "number"),
            )
        first.setdefault(clause.number, 1)
