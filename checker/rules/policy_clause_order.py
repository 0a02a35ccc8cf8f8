"""A clause number out of order, or not under its section.

## What it checks
Within each section, clause numbers extend their parent's number (10.2.3 sits under 10 or 10.2)
and increase (10.2.4 follows 10.2.3).

## Why it matters
Readers find clauses by number; a clause out of order is easily missed, and one filed under the
wrong section changes what the section says.

## Example
    - number: "10.2"
      clauses:
        - number: "10.3.1"     # not part of 10.2

## How to fix
Move the clause to its section, or correct its number.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.load.view import View
from checker.model.findings import Document, Problem, Severity

ID = "policy-clause-order"
TITLE = "Policy clauses are in order"
SEVERITY = Severity.WARNING
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    yield from _siblings(view.policy, view.policy.data.get("sections", []), (), ("sections",))


def _siblings(
    document: Document,
    items: list[dict[str, Any]],
    parent: tuple[int, ...],
    path: tuple[str | int, ...],
) -> Iterator[Problem]:
    previous: tuple[int, ...] | None = None
    for index, item in enumerate(items):
        parts = tuple(int(p) for p in item["number"].split("."))
        here = (*path, index)
        if (
            parts[: len(parent)] != parent
            or len(parts) <= len(parent)
            or (not parent and len(parts) > 1)
        ):
            yield Problem(
                f"clause {item['number']} is not part of "
                f"{'.'.join(map(str, parent)) or 'the policy'}; move it or correct its number",
                document,
                (*here, "number"),
            )
        elif previous is not None and parts < previous:  # equal numbers: policy-clause-duplicate
            yield Problem(
                f"clause {item['number']} comes after {'.'.join(map(str, previous))}; "
                "put the clauses in order",
                document,
                (*here, "number"),
            )
        previous = parts
        yield from _siblings(document, item.get("clauses", []), parts, (*here, "clauses"))
