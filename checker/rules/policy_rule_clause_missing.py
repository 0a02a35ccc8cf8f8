"""A machine rule of the policy that cites a clause the policy does not have.

## What it checks
Every `clauses:` list under `rules:` (timescales, exclusions, routes, letters and the rest)
names clauses that exist in the policy text.

## Why it matters
Each finding the checker reports cites the policy clause it enforces; a citation to a missing
clause sends the officer, and the public, to nothing.

## Example
    stage1_response: {working_days: 10, clauses: ["10.2.16"]}   # there is no 10.2.16

## How to fix
Cite the clause that states the rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.model.policy import clauses

ID = "policy-rule-clause-missing"
TITLE = "The policy's rules cite clauses that exist"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    numbers = {clause.number for clause in clauses(view.policy.data)}
    for path, cited in _citations(view.policy.data["rules"], ("rules",)):
        for index, number in enumerate(cited):
            if number not in numbers:
                yield Problem(
                    f"{'.'.join(str(p) for p in path[1:-1])} cites clause {number}, which the "
                    "policy does not have; cite the clause that states this rule",
                    view.policy,
                    (*path, index),
                )


def _citations(
    node: object, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], list[str]]]:
    """Every clause list under the rules, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("clauses", "stages_clauses") and isinstance(value, list):
                yield (*path, key), value
            else:
                yield from _citations(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _citations(value, (*path, index))
