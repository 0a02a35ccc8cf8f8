"""A data file missing, or in a place where no kind of data file belongs.

## What it checks
`policy/council.yaml` and `policy/policy.yaml` exist; case files sit one level down in their
reporting-year folder (`cases/2025-26/CCC-2025-0142.yaml`) and end in `.yaml`.

## Why it matters
A file in the wrong place is not checked, counted or published: it would silently drop out of
the statistics.

## Example
    cases/CCC-2025-0142.yaml          # not in a year folder

## How to fix
Move or rename the file as the message says.
"""

from __future__ import annotations

from checker.load.layout import LAYOUT_RULE
from checker.model.findings import Severity

ID = LAYOUT_RULE  # found while the repository is listed, which names it
TITLE = "Data files are where their kind belongs"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()
