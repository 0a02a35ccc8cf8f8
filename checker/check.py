"""`complaints check`: load the repository, run every rule, and summarise."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from checker import engine
from checker.model import Finding, Severity
from checker.repository import load_repository


@dataclass(frozen=True)
class Result:
    """Everything a format needs to print a check."""

    root: Path
    as_of: date
    files: int
    findings: tuple[Finding, ...]
    case_paths: tuple[str, ...] = ()

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


def run(root: Path, as_of: date, only: set[str] | None = None, *, use_cache: bool = False,
        progress: bool = False) -> Result:
    """Check the repository at `root` as of a date: every file, or only these case files; with
    `use_cache`, unchanged case files are not evaluated again (`checker.cache`)."""
    return run_with_context(root, as_of, only, use_cache=use_cache, progress=progress)[0]


def run_with_context(root: Path, as_of: date, only: set[str] | None = None, *, use_cache: bool = False,
                     progress: bool = False, count: bool = False) -> tuple[Result, engine.Context]:
    """The check, and the evaluated repository it ran on; with `count`, the cases are counted for
    the report in the same pass (for the site, which publishes from it)."""
    repository = load_repository(root, only)
    ctx = engine.context(repository, as_of)
    ctx.use_cache, ctx.progress = use_cache, progress
    if count:
        engine.evaluation(ctx, count=True)
    findings = engine.run(repository, as_of, ctx)
    cases = tuple(path for path, kind in repository.paths if kind == "case")
    return Result(root, as_of, repository.files, tuple(findings), cases), ctx
