"""The kinds of data file and the JSON Schema of each, as shipped in the package (read without the
validator, which takes longer to import than a check that finds nothing changed takes to run)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

KINDS = ("council", "policy", "code", "self-assessment", "case", "report", "import-mapping")


@cache
def schema(kind: str) -> dict:
    """The JSON Schema for one file kind."""
    if kind not in KINDS:
        raise KeyError(kind)
    text = resources.files("checker.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)
