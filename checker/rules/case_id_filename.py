"""A case whose id does not match its file name or the council's prefix.

## What it checks
`cases/2025-26/CCC-2025-0142.yaml` holds `id: CCC-2025-0142`; the id starts with the council's
`case_prefix` and its year is the first year of the reporting-year folder.

## Why it matters
The id is how a handler, a reviewer and the Ombudsman refer to a complaint; a file named after
another id is found, reviewed and amended by mistake.

## Example
    # cases/2025-26/CCC-2025-0142.yaml
    id: CCC-2025-0124

## How to fix
Rename the file after the id (or correct the id), keeping ids unique.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.model.case import ROUTES, Case
from checker.model.findings import Problem, Severity
from checker.model.outcome import case_year

ID = "case-id-filename"
TITLE = "Case ids match their file names"
SEVERITY = Severity.ERROR
ROUTES = ROUTES
EXPLAINABLE = False
PROVISIONS = ("HO 5.12",)
POLICY: tuple[str, ...] = ()


def check(case: Case) -> Iterator[Problem]:
    name = case.document.path.rsplit("/", 1)[-1].removesuffix(".yaml")
    prefix, year, _ = case.id.split("-")
    folder = case_year(case.document.path)
    if name != case.id:
        yield Problem(
            f"the file is named {name}.yaml but holds {case.id}; rename it {case.id}.yaml",
            case.document,
            ("id",),
        )
    if prefix != case.council["case_prefix"]:
        yield Problem(
            f"the id starts {prefix}, not the council's prefix {case.council['case_prefix']}; "
            "correct it",
            case.document,
            ("id",),
        )
    if folder[:4].isdigit() and year != folder[:4]:
        yield Problem(
            f"the id's year {year} is not the reporting year {folder}; "
            f"number it {prefix}-{folder[:4]}-...",
            case.document,
            ("id",),
        )
