"""A footnote marker with no footnote, or a footnote nothing refers to.

## What it checks
Every `[^key]` in clause text has an entry under `footnotes:`, and every footnote is used.

## Why it matters
The published page shows a footnote marker that leads nowhere, or loses a note the policy
relies on (Canterbury's footnote 3 carries its discretion to accept late complaints).

## Example
    text: ...more than {{ late_complaint }} months ago[^3]
    footnotes: {}     # no "3"

## How to fix
Add the footnote, or remove the marker.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity
from checker.model.policy import FOOTNOTE, clauses

ID = "policy-footnote-broken"
TITLE = "Policy footnotes resolve"
SEVERITY = Severity.WARNING
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    if view.policy is None:
        return
    footnotes = view.policy.data.get("footnotes", {})
    used = set()
    for clause in clauses(view.policy.data):
        for text, path in clause.texts():
            for key in FOOTNOTE.findall(text):
                used.add(key)
                if key not in footnotes:
                    yield Problem(
                        f"clause {clause.number} refers to footnote [^{key}], which is not under "
                        "footnotes:; add it or remove the marker",
                        view.policy,
                        path,
                    )
    for key in footnotes:
        if key not in used:
            yield Problem(
                f"footnote {key} is not referred to from any clause; add [^{key}] where it "
                "belongs or remove it",
                view.policy,
                ("footnotes", key),
                key=True,
            )
