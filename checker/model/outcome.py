"""What the later stages keep of one evaluated case file: its findings, id, route, Code and metric
answers (a named tuple: 100,000 of them cross from the worker processes and to the cache)."""

from __future__ import annotations

from typing import NamedTuple

from checker.model.findings import Finding


def case_year(shown: str) -> str:
    """A case file's reporting year: its folder's name (cases/2025-26/CCC-2025-0142.yaml)."""
    return shown.split("/")[-2]


class Outcome(NamedTuple):
    """One case file once evaluated."""

    path: str
    findings: tuple[Finding, ...]  # its load or schema findings, or its case rules' findings
    case_id: str | None = None  # None when the file did not load or match its schema
    route: str | None = None
    code: str | None = None  # the Code that governs its route
    answers: tuple[
        bool | None, ...
    ] = ()  # each metric's answer in METRICS order: met, missed, None

    @property
    def year(self) -> str:
        return case_year(self.path)
