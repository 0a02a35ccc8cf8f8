"""A check's result: everything a format needs to print it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checker.model.findings import Finding, Severity


@dataclass(frozen=True)
class Result:
    """Everything a format needs to print a check."""

    root: Path
    as_of: date
    files: int
    findings: tuple[Finding, ...]
    case_paths: tuple[str, ...] = ()
    other_paths: tuple[str, ...] = ()  # the other data files checked: council, policy, Codes, ...

    @property
    def cases(self) -> int:
        return len(self.case_paths)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity and not f.explained)

    @property
    def explained(self) -> int:
        return sum(1 for f in self.findings if f.explained)

    def by_severity(self) -> Counter:
        return Counter(str(f.severity) for f in self.findings if not f.explained)

    def fails(self, threshold: Severity | None) -> bool:
        """True when a finding at or above `threshold` is not explained."""
        if threshold is None:
            return False
        return any(f.severity >= threshold and not f.explained for f in self.findings)
