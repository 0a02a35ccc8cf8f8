"""The check as the command line and CI see it: a run's findings, as the formats print them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from checker.engine.run import run
from checker.load.layout import Repository
from checker.model.findings import Finding
from checker.model.result import Result


def check(
    repository: Repository, as_of: date, *, use_cache: bool = False, progress: bool = False
) -> Result:
    """Check a loaded repository as of a date; with `use_cache`, unchanged case files are not
    evaluated again (`checker.engine.cache`)."""
    return result(
        repository, as_of, run(repository, as_of, use_cache=use_cache, progress=progress).findings
    )


def result(repository: Repository, as_of: date, findings: Iterable[Finding]) -> Result:
    """A run's findings as the formats print them."""
    return Result(
        repository.root,
        as_of,
        repository.files,
        tuple(findings),
        repository.case_paths,
        repository.other_paths,
    )
