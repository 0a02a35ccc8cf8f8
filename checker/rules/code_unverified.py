"""Provisions of a Code whose text is not yet verified against the Code itself.

## What it checks
Counts the provisions marked `verified: false` in each Code file that governs one of the policy's
routes (part of the LGSCO Code's text could not be confirmed when it was encoded; HO 1.1's
wording likewise). A council without a housing route is not told about the Housing Ombudsman's.

## Why it matters
Rules may lean on an unverified provision only where other sources confirm it. An officer with
the Code at hand can close the gap by checking the text and setting `verified: true`.

## Example
    policy/codes/lgsco.yaml: 22 of 64 provisions are not yet verified

## How to fix
Compare each provision marked `verified: false` with the Code's published text, correct the
requirement if needed, and set `verified: true`. This finding is information only: it never
fails a check.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.codes import governing, provisions
from checker.model.findings import Problem, Severity

ID = "code-unverified"
TITLE = "Code provisions not yet verified against the Code's text"
SEVERITY = Severity.INFO
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    # only the Codes that govern one of the policy's routes (all of them while it is invalid)
    applies = governing(view.policy.data) if view.policy is not None else None
    for document in view.documents("code"):
        if applies is not None and document.data.get("code") not in applies:
            continue
        every = provisions(document.data)
        unverified = [p.number for p in every if not p.verified]
        if unverified:
            yield Problem(
                f"{len(unverified)} of {len(every)} provisions are not yet verified against the "
                f"Code's text ({_ranges(unverified)}); check them and set verified: true",
                document,
                ("sections",),
                key=True,
            )


def _ranges(numbers: list[str]) -> str:
    shown = ", ".join(numbers[:8])
    return shown + (f" and {len(numbers) - 8} more" if len(numbers) > 8 else "")
