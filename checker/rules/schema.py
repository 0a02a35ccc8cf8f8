"""A data file that does not match its JSON Schema.

## What it checks
Each file against the schema for its kind (council, policy, code, self-assessment, case,
report): every required key present, no unknown key (a misspelt key is an error, not silently
ignored), every closed vocabulary respected, every date a real date.

## Why it matters
The rules, the scores and the published pages read these keys. A misspelt `acknowleged:` would
otherwise leave a complaint looking unacknowledged, or hide a breach.

## Example
    stage1:
      acknowleged: 2025-06-04     # unknown key: did you mean acknowledged?
      responded: 2025-02-30       # not a real date

## How to fix
Correct the key or value the message names. `complaints schema KIND` prints the schema; an
editor with a YAML language server validates as you type.
"""

from __future__ import annotations

from checker.load.validate import RULE
from checker.model.findings import Severity

ID = RULE  # found by the validator, which names it
TITLE = "Data files match their schemas"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()
