"""A data file that is not safe, plain YAML.

## What it checks
Every data file is a small UTF-8 text file of YAML 1.2 core-schema values: no duplicate keys,
no anchors or aliases, no custom tags, one document, spaces for indentation, under 1 MiB.

## Why it matters
YAML 1.1 parsers read `No` as false, `17:42` as 1062 and `017` as 15; aliases can expand a tiny
file into gigabytes. Officers write these files by hand: a value must mean what it says.

## Example
    received: 2025-06-02T17:42:00+01:00
    received: 2025-06-03T09:00:00+01:00   # duplicate key: which one is true?

## How to fix
Do what the message says at the line it names: remove the duplicate, write the aliased value out
in full, replace tabs with spaces, or save the file as UTF-8.
"""

from __future__ import annotations

from checker.load.yaml import RULE
from checker.model.findings import Severity

ID = RULE  # found by the loader, which names it
TITLE = "Data files are safe, plain YAML"
SEVERITY = Severity.ERROR
EXPLAINABLE = False
PROVISIONS: tuple[str, ...] = ()
POLICY: tuple[str, ...] = ()
