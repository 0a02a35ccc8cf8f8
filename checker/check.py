"""`complaints check`: load the repository, run every rule, and summarise."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from checker import cache
from checker.model import Finding, Severity
from checker.repository import Repository, load_policy, load_repository

if TYPE_CHECKING:
    from checker import engine


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
    `use_cache`, unchanged case files are not evaluated again, and a repository with nothing
    changed at all gets the findings of the last check at once (`checker.cache`)."""
    if not use_cache:
        return _run(load_repository(root, only), as_of)[0]
    repository = load_repository(root, only, policy=False)  # the fingerprint hashes the policy files' bytes
    key, kept = cache.kept_findings(repository, as_of)
    if kept is not None:
        return _result(repository, as_of, kept)
    load_policy(repository)
    result = _run(repository, as_of, use_cache=True, progress=progress)[0]
    cache.keep_findings(repository, key, result.findings)
    return result


def run_with_context(root: Path, as_of: date, only: set[str] | None = None, *, progress: bool = False,
                     count: bool = False, rules: frozenset[str] | None = None) -> tuple[Result, engine.Context]:
    """The check, and the evaluated repository it ran on; with `count`, the cases are counted for
    the report in the same pass (for the site, which publishes from it); with `rules`, only those
    rules run (`engine.run`)."""
    return _run(load_repository(root, only), as_of, progress=progress, count=count, rules=rules)


def _run(repository: Repository, as_of: date, *, use_cache: bool = False, progress: bool = False,
         count: bool = False, rules: frozenset[str] | None = None) -> tuple[Result, engine.Context]:
    from checker import engine  # not imported by a check that finds nothing changed

    ctx = engine.context(repository, as_of)
    ctx.use_cache, ctx.progress, ctx.rules = use_cache, progress, rules
    if count:
        engine.evaluation(ctx, count=True)
    return _result(repository, as_of, engine.run(repository, as_of, ctx)), ctx


def _result(repository: Repository, as_of: date, findings) -> Result:
    cases = tuple(shown for _, shown in repository.case_files)
    return Result(repository.root, as_of, repository.files, tuple(findings), cases)
