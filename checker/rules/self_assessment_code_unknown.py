"""A self-assessment against a Code, or an edition of it, that the repository does not hold.

## What it checks
The `code` and `edition` of each self-assessment match a file in `policy/codes/`.

## Why it matters
A self-assessment is only meaningful against the provisions it answers; against a missing or
different edition (the HO's 2022 numbering differs from 2024's), every answer is misfiled.

## Example
    code: housing-ombudsman
    edition: "2022"        # policy/codes/housing-ombudsman.yaml is the 2024 edition

## How to fix
Add the Code file, or correct `code` and `edition`.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.load.view import View
from checker.model.findings import Problem, Severity

ID = "self-assessment-code-unknown"
TITLE = "Self-assessments answer a Code the repository holds"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()


def check(view: View) -> Iterator[Problem]:
    for document in view.documents("self-assessment"):
        name, edition = document.data["code"], document.data["edition"]
        code = view.codes.get(name)
        if code is None:
            yield Problem(
                f"there is no policy/codes/{name}.yaml to assess against; add it",
                document,
                ("code",),
            )
        elif code.data["edition"] != edition:
            yield Problem(
                f"this answers the {edition} edition but policy/codes holds the "
                f"{code.data['edition']} edition; assess against that edition",
                document,
                ("edition",),
            )
